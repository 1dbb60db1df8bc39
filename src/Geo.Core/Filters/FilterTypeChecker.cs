using Geo.Core.Filters.Internal;

namespace Geo.Core.Filters;

/// <summary>The type of a filter sub-expression.</summary>
public enum FilterType
{
    Null,
    Text,
    Number,
    Boolean,
    Date,
    Geometry,
}

/// <summary>
/// Checks a filter against a collection before any store sees it: every property exists, every operator gets operands
/// of the types it takes, the whole filter is a predicate, and it keeps within <see cref="FilterLimits"/> (checked
/// first and without recursion, so a deep tree built in code is refused before anything recurses over it). Errors name
/// the property or operator.
/// </summary>
public static class FilterTypeChecker
{
    /// <summary>The name a filter uses for the feature geometry.</summary>
    public static readonly IReadOnlyList<string> GeometryNames = ["geometry", "geom"];

    public static void Check(FilterExpression filter, CollectionDefinition collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        FilterLimits.Check(filter);
        var type = TypeOf(filter, collection);
        if (type is not (FilterType.Boolean or FilterType.Null))
        {
            throw new FilterException($"the filter must be a condition (true/false), but it is a {Describe(type)} expression");
        }
    }

    public static FilterType PropertyType(CollectionDefinition collection, string name)
    {
        if (name == "id")
        {
            return FilterType.Number;
        }

        if (GeometryNames.Contains(name))
        {
            return collection.HasGeometry ? FilterType.Geometry
                : throw new FilterException($"collection '{collection.Id}' has no geometry");
        }

        var property = collection.FindProperty(name)
            ?? throw new FilterException($"unknown property '{name}' in collection '{collection.Id}'; /ogcapi/collections/{collection.Id}/queryables lists the properties");
        return property.Type switch
        {
            Domain.PropertyType.Text => FilterType.Text,
            Domain.PropertyType.Integer or Domain.PropertyType.Number => FilterType.Number,
            Domain.PropertyType.Boolean => FilterType.Boolean,
            Domain.PropertyType.Date => FilterType.Date,
            _ => throw FilterTree.Unknown(property.Type),
        };
    }

    private static FilterType TypeOf(FilterExpression e, CollectionDefinition c) => e switch
    {
        PropertyRef p => PropertyType(c, p.Name),
        Literal { Value: null } => FilterType.Null,
        Literal { Value: string } => FilterType.Text,
        Literal { Value: double } => FilterType.Number,
        Literal { Value: bool } => FilterType.Boolean,
        Literal { Value: DateOnly } => FilterType.Date,
        GeometryLiteral => FilterType.Geometry,
        And a => Logical("AND", a.Args, c),
        Or o => Logical("OR", o.Args, c),
        Not n => Logical("NOT", [n.Arg], c),
        CaseInsensitive ci => Expect("CASEI", ci.Value, c, FilterType.Text) == FilterType.Null ? FilterType.Null : FilterType.Text,
        Comparison cmp => Comparable(cmp.Operator.ToString(), cmp.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual, c, cmp.Left, cmp.Right),
        Like like => LikeType(like, c),
        Between b => Comparable("BETWEEN", false, c, b.Value, b.Low, b.High),
        InList list => Comparable("IN", true, c, [list.Value, .. list.Items]),
        IsNull isNull => Touch(isNull.Value, c),
        SpatialPredicate s => Spatial(s, c),
        Arithmetic a => ArithmeticType(a, c),
        Literal l => throw new FilterException($"a literal of type {l.Value!.GetType().Name} is not a CQL2 value"),
        _ => throw FilterTree.Unknown(e),
    };

    private static FilterType Logical(string op, IEnumerable<FilterExpression> args, CollectionDefinition c)
    {
        foreach (var arg in args)
        {
            Expect(op, arg, c, FilterType.Boolean);
        }

        return FilterType.Boolean;
    }

    private static FilterType Comparable(string op, bool allowAll, CollectionDefinition c, params FilterExpression[] operands)
    {
        var types = operands.Select(o => TypeOf(o, c)).Where(t => t != FilterType.Null).Distinct().ToList();
        if (types.Count > 1)
        {
            throw new FilterException($"type mismatch in {op}: cannot compare {string.Join(" with ", types.Select(Describe))}");
        }

        if (types.Count == 1 && (types[0] == FilterType.Geometry || (!allowAll && types[0] == FilterType.Boolean)))
        {
            throw new FilterException($"{op} does not apply to {Describe(types[0])} values");
        }

        return FilterType.Boolean;
    }

    private static FilterType LikeType(Like like, CollectionDefinition c)
    {
        Expect("LIKE", like.Value, c, FilterType.Text);
        Expect("LIKE", like.Pattern, c, FilterType.Text);
        if (like.Pattern is Literal { Value: string pattern } && LikePattern.EndsWithEscape(pattern))
        {
            throw new FilterException($"the LIKE pattern '{pattern}' ends with the escape character \\; write \\\\ for a backslash");
        }

        return FilterType.Boolean;
    }

    private static FilterType Spatial(SpatialPredicate s, CollectionDefinition c)
    {
        Expect($"S_{s.Operator.ToString().ToUpperInvariant()}", s.Left, c, FilterType.Geometry);
        Expect($"S_{s.Operator.ToString().ToUpperInvariant()}", s.Right, c, FilterType.Geometry);
        return FilterType.Boolean;
    }

    private static FilterType ArithmeticType(Arithmetic a, CollectionDefinition c)
    {
        Expect(a.Operator.ToString(), a.Left, c, FilterType.Number);
        Expect(a.Operator.ToString(), a.Right, c, FilterType.Number);
        return FilterType.Number;
    }

    private static FilterType Touch(FilterExpression e, CollectionDefinition c)
    {
        TypeOf(e, c);
        return FilterType.Boolean;
    }

    private static FilterType Expect(string op, FilterExpression e, CollectionDefinition c, FilterType expected)
    {
        var actual = TypeOf(e, c);
        if (actual != expected && actual != FilterType.Null)
        {
            throw new FilterException($"type mismatch: {op} needs {Describe(expected)} operands, found {Describe(actual)}{Where(e)}");
        }

        return actual;
    }

    private static string Where(FilterExpression e) => e is PropertyRef p ? $" (property '{p.Name}')" : string.Empty;

    private static string Describe(FilterType type) => type switch
    {
        FilterType.Text => "text",
        FilterType.Number => "number",
        FilterType.Boolean => "boolean",
        FilterType.Date => "date",
        FilterType.Geometry => "geometry",
        FilterType.Null => "null",
        _ => throw FilterTree.Unknown(type),
    };
}
