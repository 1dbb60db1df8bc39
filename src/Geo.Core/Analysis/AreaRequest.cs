namespace Geo.Core.Analysis;

/// <summary>An area to analyse: exactly one of a drawn geometry, a zone id or a township code, optionally buffered.</summary>
public sealed record AreaRequest
{
    /// <summary>A drawn area, already read and checked (<see cref="GeometryInput.Drawn"/>).</summary>
    public GeometryInput? Geometry { get; init; }

    public long? ZoneId { get; init; }

    public string? TownshipCode { get; init; }

    public double? BufferM { get; init; }
}
