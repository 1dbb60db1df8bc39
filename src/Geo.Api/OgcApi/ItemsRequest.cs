using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.OgcApi;

/// <summary>
/// Query parameters of <c>/items</c>, bound as raw text so that a bad value gets our own problem+json answer
/// naming the parameter, not the framework's bare 400.
/// </summary>
public sealed record ItemsRequest(
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "offset")] string? Offset,
    [FromQuery(Name = "bbox")] string? Bbox);
