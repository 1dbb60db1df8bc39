namespace Geo.Core.Filters;

/// <summary>CQL2's spatial function names, the same in the text and JSON encodings (case-insensitive).</summary>
public static class SpatialFunctionNames
{
    public static readonly IReadOnlyDictionary<string, SpatialOperator> ByName = new Dictionary<string, SpatialOperator>(StringComparer.OrdinalIgnoreCase)
    {
        ["S_INTERSECTS"] = SpatialOperator.Intersects,
        ["S_DISJOINT"] = SpatialOperator.Disjoint,
        ["S_CONTAINS"] = SpatialOperator.Contains,
        ["S_WITHIN"] = SpatialOperator.Within,
        ["S_EQUALS"] = SpatialOperator.Equals,
        ["S_TOUCHES"] = SpatialOperator.Touches,
        ["S_OVERLAPS"] = SpatialOperator.Overlaps,
        ["S_CROSSES"] = SpatialOperator.Crosses,
    };
}
