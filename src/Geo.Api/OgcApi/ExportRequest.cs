using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.OgcApi;

/// <summary>
/// Query parameters of <c>/export</c>: those of <c>/items</c> without paging (an export is every match, bounded by
/// <c>Exports:MaxFeatures</c>). Any other parameter named after a queryable is an equality filter, as for items.
/// </summary>
public sealed record ExportRequest(
    [FromQuery(Name = "f")] string? Format,
    [FromQuery(Name = "bbox")] string? Bbox,
    [FromQuery(Name = "bbox-crs")] string? BboxCrs,
    [FromQuery(Name = "crs")] string? Crs,
    [FromQuery(Name = "datetime")] string? Datetime,
    [FromQuery(Name = "filter")] string? Filter,
    [FromQuery(Name = "filter-lang")] string? FilterLang,
    [FromQuery(Name = "filter-crs")] string? FilterCrs,
    [FromQuery(Name = "sortby")] string? SortBy,
    [FromQuery(Name = "properties")] string? Properties,
    [FromQuery(Name = "encoding")] string? Encoding = null,
    [FromQuery(Name = "precision")] string? Precision = null)
{
    /// <summary>The paging parameters of items, which an export refuses by name rather than as unknown properties.</summary>
    public static readonly IReadOnlySet<string> PagingNames = new HashSet<string>(StringComparer.Ordinal) { "limit", "offset", "cursor" };

    public ItemsRequest AsItems() =>
        new(null, null, Bbox, BboxCrs, Crs, Datetime, Filter, FilterLang, FilterCrs, SortBy, Properties, Format, Encoding, Precision);
}

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
