using System.Diagnostics;

namespace Geo.Core.Filters;

/// <summary>The shape of a CQL2 tree, for walks that must not recurse (see <see cref="FilterLimits.Check"/>).</summary>
public static class FilterTree
{
    /// <summary>The direct sub-expressions of a node, in order.</summary>
    public static IEnumerable<FilterExpression> Children(FilterExpression e) => e switch
    {
        PropertyRef or Literal or GeometryLiteral => [],
        And a => a.Args,
        Or o => o.Args,
        Not n => [n.Arg],
        CaseInsensitive ci => [ci.Value],
        Comparison c => [c.Left, c.Right],
        Like like => [like.Value, like.Pattern],
        Between b => [b.Value, b.Low, b.High],
        InList list => [list.Value, .. list.Items],
        IsNull n => [n.Value],
        SpatialPredicate s => [s.Left, s.Right],
        Arithmetic a => [a.Left, a.Right],
        _ => throw Unknown(e),
    };

    /// <summary>For the arm no parser can reach: a new node type that a walker has not been taught.</summary>
    public static UnreachableException Unknown(FilterExpression e) => new($"CQL2 node {e.GetType().Name} is not handled here");

    /// <summary>For the arm after every named member of an operator enum: a value cast from an integer.</summary>
    public static UnreachableException Unknown<T>(T value)
        where T : struct, Enum => new($"{typeof(T).Name} {value} is not handled here");
}
