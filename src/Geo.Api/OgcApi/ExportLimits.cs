namespace Geo.Api.OgcApi;

/// <summary>
/// Configuration section <c>Exports</c>: how many features one export may hold, and how long it may take (instead of
/// Limits:RequestTimeoutSeconds, which is sized for a page, not for a million features).
/// </summary>
public sealed record ExportLimits(long MaxFeatures, int TimeoutSeconds)
{
    /// <summary>The scale the service is built for (a million parcels); files are written to disk, so memory does not grow with it.</summary>
    public const long DefaultMaxFeatures = 1_000_000;

    public const int DefaultTimeoutSeconds = 600;

    public static ExportLimits From(IConfiguration configuration) => new(
        configuration.GetValue("Exports:MaxFeatures", DefaultMaxFeatures),
        configuration.GetValue("Exports:TimeoutSeconds", DefaultTimeoutSeconds));
}
