using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.OgcApi;

/// <summary>
/// Query parameters of <c>/items</c>, bound as raw text so that a bad value gets our own problem+json answer naming
/// the parameter, not the framework's bare 400. <c>precision</c> is the decimals of each coordinate; <c>encoding</c> is the
/// attribute code page of <c>f=shp</c>; <c>cursor</c> is the opaque position a <c>next</c> link carries (keyset paging); <c>resultType=hits</c> asks for
/// the exact number matched and no features (WFS 2.0's name for it). Any other parameter named after a queryable property is an equality
/// filter (<c>?funding=政府</c>).
/// </summary>
public sealed record ItemsRequest(
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "offset")] string? Offset,
    [FromQuery(Name = "bbox")] string? Bbox,
    [FromQuery(Name = "bbox-crs")] string? BboxCrs,
    [FromQuery(Name = "crs")] string? Crs,
    [FromQuery(Name = "datetime")] string? Datetime,
    [FromQuery(Name = "filter")] string? Filter,
    [FromQuery(Name = "filter-lang")] string? FilterLang,
    [FromQuery(Name = "filter-crs")] string? FilterCrs,
    [FromQuery(Name = "sortby")] string? SortBy,
    [FromQuery(Name = "properties")] string? Properties,
    [FromQuery(Name = "f")] string? Format,
    [FromQuery(Name = "encoding")] string? Encoding = null,
    [FromQuery(Name = "precision")] string? Precision = null,
    [FromQuery(Name = "cursor")] string? Cursor = null,
    [FromQuery(Name = "resultType")] string? ResultType = null)
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "filter", "filter-lang", "filter-crs", "sortby", "properties", "f", "encoding", "precision", "cursor", "resultType",
    };
}

/// <summary>Query parameters of one feature: output CRS, the properties to include and the coordinates' decimals.</summary>
public sealed record FeatureRequest(
    [FromQuery(Name = "crs")] string? Crs,
    [FromQuery(Name = "properties")] string? Properties,
    [FromQuery(Name = "precision")] string? Precision);
