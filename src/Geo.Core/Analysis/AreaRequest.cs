using System.Text.Json;

namespace Geo.Core.Analysis;

/// <summary>An area to analyse: exactly one of a drawn geometry, a zone id or a township code, optionally buffered.</summary>
public sealed record AreaRequest
{
    public JsonElement? Geometry { get; init; }

    /// <summary>The CRS of <see cref="Geometry"/>: a string or a GeoJSON named crs object; none means lon/lat.</summary>
    public JsonElement? Crs { get; init; }

    public long? ZoneId { get; init; }

    public string? TownshipCode { get; init; }

    public double? BufferM { get; init; }
}
