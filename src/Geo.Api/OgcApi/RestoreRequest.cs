namespace Geo.Api.OgcApi;

/// <summary>The body of a restore: the version, from the feature's history, to make current again.</summary>
internal sealed record RestoreRequest(long Version)
{
    public static async Task<long> ReadVersionAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("version", out var version)
                && version.ValueKind == JsonValueKind.Number && version.TryGetInt64(out var n) && n >= 1)
            {
                return n;
            }
        }
        catch (JsonException)
        {
            // Answered below, like any body without a version.
        }

        throw InputException.Invalid("version", "the body must be {\"version\": n} with n a version number (1 or more) from the feature's history");
    }
}
