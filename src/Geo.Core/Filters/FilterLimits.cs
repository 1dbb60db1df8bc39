namespace Geo.Core.Filters;

/// <summary>
/// What one CQL2 filter may hold, so that no filter can overflow the stack, stall a core or exhaust memory or
/// PostgreSQL's parameters. Both parsers and <see cref="FilterTypeChecker"/> enforce them and name them in the
/// <see cref="FilterException"/>; the HTTP layer can quote them.
/// </summary>
public static class FilterLimits
{
    /// <summary>
    /// Nesting levels (parentheses, NOT, unary minus, operator arguments). Every part of the pipeline recurses once per
    /// level; the text parser uses the most stack, and a filter at this limit parses, type-checks and evaluates in
    /// 350–420 KB on a fresh JIT (a Debug build), tested within 1 MB of a thread-pool thread's 1.5 MB
    /// (FilterDepthStackTests). The deepest filter
    /// a person or a client library writes has well under 20 levels.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Characters of filter text (CQL2 text, or CQL2-JSON given as a string). 256 Ki holds an IN list of
    /// <see cref="MaxInListItems"/> ids or a drawn polygon of a few thousand vertices, and tokenises in milliseconds.
    /// </summary>
    public const int MaxLength = 262_144;

    /// <summary>Values in one IN list. PostGIS receives the list as one array parameter, so this bounds memory, not SQL.</summary>
    public const int MaxInListItems = 10_000;

    /// <summary>
    /// Operators, properties and values in the whole filter. Each value becomes at most one SQL parameter, and
    /// PostgreSQL accepts at most 65,535 per statement.
    /// </summary>
    public const int MaxNodes = 50_000;

    /// <summary>
    /// JSON nesting that a CQL2-JSON filter of <see cref="MaxDepth"/> levels needs: an object and its "args" array per
    /// level, then a GeoJSON geometry collection (object, geometries, object, 4 coordinate arrays). A request body that
    /// holds a filter should be read with at least this <c>JsonDocumentOptions.MaxDepth</c> (plus its own wrapping).
    /// </summary>
    public const int MaxJsonDepth = (2 * MaxDepth) + 8;

    public static FilterException TooLong(string encoding, int length) =>
        new($"{encoding}: the filter has {length} characters; the limit is {MaxLength} (FilterLimits.MaxLength)");

    public static FilterException TooDeep(string encoding, string where) =>
        new($"{encoding}: at {where}: the filter nests more than {MaxDepth} levels (FilterLimits.MaxDepth); flatten it, e.g. a AND b AND c instead of a AND (b AND (c))");

    public static FilterException TooManyItems(string encoding, string where, int count) =>
        new($"{encoding}: at {where}: the IN list has {count} values; the limit is {MaxInListItems} (FilterLimits.MaxInListItems)");

    /// <summary>
    /// Measures a tree without recursion (it may have been built in code rather than parsed) and refuses one that is
    /// deeper than <see cref="MaxDepth"/>, has more than <see cref="MaxNodes"/> nodes or an IN list longer than
    /// <see cref="MaxInListItems"/>. The recursive walkers (type checker, evaluator, SQL translator) rely on this.
    /// </summary>
    public static void Check(FilterExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var pending = new Stack<(FilterExpression Node, int Depth)>();
        pending.Push((filter, 1));
        var nodes = 0;
        while (pending.TryPop(out var item))
        {
            var (node, depth) = item;
            if (depth > MaxDepth)
            {
                throw new FilterException($"the filter nests more than {MaxDepth} levels (FilterLimits.MaxDepth)");
            }

            if (++nodes > MaxNodes)
            {
                throw new FilterException($"the filter has more than {MaxNodes} operators and values (FilterLimits.MaxNodes)");
            }

            if (node is InList { Items.Count: > MaxInListItems } list)
            {
                throw new FilterException($"an IN list has {list.Items.Count} values; the limit is {MaxInListItems} (FilterLimits.MaxInListItems)");
            }

            foreach (var child in FilterTree.Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }
    }
}
