namespace Geo.Api.Analysis;

/// <summary>
/// The JSON body of an analysis that also takes a multipart upload: read by hand (a [FromBody] parameter would refuse
/// the form with 415), with the same 400 naming the place a bad body breaks.
/// </summary>
internal static class AnalysisBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest http, string expected, CancellationToken cancellationToken)
        where T : class
    {
        T? body;
        try
        {
            body = await http.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw InputException.Invalid("body", $"send a JSON body with {expected}, or a multipart form with the file in field 'file' ({e.Message})", e);
        }

        return body ?? throw InputException.Invalid("body", $"send a JSON body with {expected}");
    }
}
