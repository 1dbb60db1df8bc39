namespace Geo.Core.Filters;

/// <summary>
/// A CQL2 expression, as parsed from either encoding (text or JSON). Both stores evaluate the same tree: PostGIS by
/// translating it to parameterised SQL, the embedded store by <see cref="FilterEvaluator"/>.
/// </summary>
public abstract record FilterExpression;

public sealed record PropertyRef(string Name) : FilterExpression;

/// <summary>A string, number (double), boolean or date literal; null stands for CQL2's NULL.</summary>
public sealed record Literal(object? Value) : FilterExpression;

/// <summary>A geometry literal, already in the storage CRS (EPSG:4490, x = longitude).</summary>
public sealed record GeometryLiteral(Geometry Geometry) : FilterExpression
{
    /// <summary>
    /// Wraps a geometry already transformed to the storage CRS, stamping its SRID so PostGIS accepts it. An invalid
    /// geometry (a self-crossing ring, coordinates a transform could not map) is refused here: GEOS and NTS would
    /// otherwise fail mid-query.
    /// </summary>
    public static GeometryLiteral InStorage(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (new NetTopologySuite.Operation.Valid.IsValidOp(geometry).ValidationError is { } error)
        {
            throw new FilterException($"the geometry {geometry.GeometryType} is invalid: {error.Message} at {error.Coordinate}");
        }

        geometry.SRID = Crs.Cgcs2000.Srid;
        return new GeometryLiteral(geometry);
    }
}

public sealed record And(IReadOnlyList<FilterExpression> Args) : FilterExpression
{
    /// <summary>The conditions given (nulls are the ones not asked for) joined by AND; null when none is given.</summary>
    public static FilterExpression? All(params IEnumerable<FilterExpression?> conditions)
    {
        List<FilterExpression> given = [.. conditions.OfType<FilterExpression>()];
        return given.Count switch { 0 => null, 1 => given[0], _ => new And(given) };
    }
}

public sealed record Or(IReadOnlyList<FilterExpression> Args) : FilterExpression
{
    /// <summary>The conditions joined by OR; null when there are none (nothing can match).</summary>
    public static FilterExpression? Any(IReadOnlyList<FilterExpression> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return conditions.Count switch { 0 => null, 1 => conditions[0], _ => new Or(conditions) };
    }
}

public sealed record Not(FilterExpression Arg) : FilterExpression;

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

public sealed record Comparison(ComparisonOperator Operator, FilterExpression Left, FilterExpression Right) : FilterExpression
{
    /// <summary><c>property op value</c>, the value a string, double, bool or date.</summary>
    public static Comparison Of(string property, ComparisonOperator op, object value) => new(op, new PropertyRef(property), new Literal(value));
}

public sealed record Like(FilterExpression Value, FilterExpression Pattern) : FilterExpression
{
    /// <summary><c>property LIKE '%text%'</c> with the text's own <c>\</c>, <c>%</c> and <c>_</c> escaped: the property contains the text.</summary>
    public static Like Containing(string property, string text) => new(new PropertyRef(property), new Literal($"%{Escape(text)}%"));

    /// <summary>The text as a LIKE pattern that matches only itself: CQL2 and PostgreSQL LIKE escape with a backslash.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
    }
}

public sealed record Between(FilterExpression Value, FilterExpression Low, FilterExpression High) : FilterExpression;

public sealed record InList(FilterExpression Value, IReadOnlyList<FilterExpression> Items) : FilterExpression
{
    /// <summary><c>property IN ('a', 'b', …)</c>: how an analysis keeps the kinds or classes it (or its request) chose.</summary>
    public static InList Of(string property, params IEnumerable<string> values) =>
        new(new PropertyRef(property), [.. values.Select(v => new Literal(v))]);
}

public sealed record IsNull(FilterExpression Value) : FilterExpression;

/// <summary>CASEI(x): compare case-insensitively.</summary>
public sealed record CaseInsensitive(FilterExpression Value) : FilterExpression;

public enum SpatialOperator
{
    Intersects,
    Disjoint,
    Contains,
    Within,
    Equals,
    Touches,
    Overlaps,
    Crosses,
}

public sealed record SpatialPredicate(SpatialOperator Operator, FilterExpression Left, FilterExpression Right) : FilterExpression;

public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    IntegerDivide,
    Power,
}

public sealed record Arithmetic(ArithmeticOperator Operator, FilterExpression Left, FilterExpression Right) : FilterExpression;
