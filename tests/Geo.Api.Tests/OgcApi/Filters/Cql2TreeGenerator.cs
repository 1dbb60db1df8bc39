using Geo.Core.Filters;
using FsCheck;
using FsCheck.Fluent;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>
/// Random, well-typed CQL2 trees for one collection: every operator the parsers know, over the collection's own
/// properties and values taken from its data (so that filters select some rows, not none).
/// </summary>
/// <param name="collection">The collection whose properties the trees use.</param>
/// <param name="samples">Values seen in the data, per property.</param>
/// <param name="agreeable">
/// Only operators whose results PostgreSQL and .NET compute identically on any data: no DIV or ^ (fractional powers
/// of negatives fail or round differently) and only the spatial predicates GEOS and NTS agree on
/// at the boundaries of real data.
/// </param>
public sealed class Cql2TreeGenerator(CollectionDefinition collection, IReadOnlyDictionary<string, object[]> samples, bool agreeable)
{
    private static readonly Geometry[] Shapes =
    [
        new WKTReader().Read("POLYGON ((108.36 31.14, 108.46 31.14, 108.46 31.21, 108.36 31.21, 108.36 31.14))"),
        new WKTReader().Read("POLYGON ((108.5 30.8, 108.9 30.8, 108.9 31.7, 108.5 31.7, 108.5 30.8))"),
        new WKTReader().Read("LINESTRING (108.2 31.1, 108.6 31.2)"),
        new WKTReader().Read("POINT (108.4087008 31.1697942)"),
    ];

    private static readonly string[] Fragments = ["%", "_", "%%", "a", "'", "\"", "\\\\", "\\%", "城", "镇", "开州", "x y"];

    private IEnumerable<string> Names(FilterType type) =>
        collection.Properties.Where(p => FilterTypeChecker.PropertyType(collection, p.Name) == type).Select(p => p.Name)
            .Concat(type == FilterType.Number ? ["id"] : []);

    private FilterType[] ScalarTypes => new[] { FilterType.Text, FilterType.Number, FilterType.Boolean, FilterType.Date }
        .Where(t => Names(t).Any()).ToArray();

    public Gen<FilterExpression> Filter => Gen.Sized(size => Predicate(Math.Min(2, size / 10)));

    private Gen<FilterExpression> Predicate(int depth)
    {
        var leaves = new List<Gen<FilterExpression>> { ComparisonGen(), InGen(), IsNullGen(), BetweenGen() };
        if (Names(FilterType.Text).Any())
        {
            leaves.Add(LikeGen());
        }

        if (collection.HasGeometry)
        {
            leaves.Add(SpatialGen());
        }

        if (depth == 0)
        {
            return Gen.OneOf(leaves);
        }

        var inner = Predicate(depth - 1);
        return Gen.Frequency(
            (4, Gen.OneOf(leaves)),
            (1, Gen.ListOf(inner, 2).Select(a => (FilterExpression)new And([.. a]))),
            (1, Gen.ListOf(inner, 2).Select(a => (FilterExpression)new Or([.. a]))),
            (1, inner.Select(a => (FilterExpression)new Not(a))));
    }

    private Gen<FilterExpression> ComparisonGen() =>
        from type in Gen.Elements(ScalarTypes)
        from op in type == FilterType.Boolean
            ? Gen.Elements(ComparisonOperator.Equal, ComparisonOperator.NotEqual)
            : Gen.Elements(Enum.GetValues<ComparisonOperator>())
        from left in Subject(type, 1)
        from right in Gen.Frequency((3, Value(type)), (1, Scalar(type, 1)))
        select (FilterExpression)new Comparison(op, left, right);

    private Gen<FilterExpression> InGen() =>
        from type in Gen.Elements(ScalarTypes)
        from value in Subject(type, 1)
        from count in Gen.Choose(1, 5)
        from items in Gen.ListOf(Value(type), count)
        select (FilterExpression)new InList(value, [.. items]);

    private Gen<FilterExpression> IsNullGen() =>
        from type in Gen.Elements(ScalarTypes)
        from value in Subject(type, 1)
        select (FilterExpression)new IsNull(value);

    private Gen<FilterExpression> BetweenGen() =>
        from type in Gen.Elements(ScalarTypes.Where(t => t != FilterType.Boolean).ToArray())
        from value in Subject(type, 1)
        from low in Value(type)
        from high in Value(type)
        select (FilterExpression)new Between(value, low, high);

    private Gen<FilterExpression> LikeGen() =>
        from value in Subject(FilterType.Text, 1)
        from pattern in PatternGen()
        from casei in Gen.Elements(false, true)
        select (FilterExpression)(casei
            ? new Like(new CaseInsensitive(value), new CaseInsensitive(new Literal(pattern)))
            : new Like(value, new Literal(pattern)));

    /// <summary>A piece of a real value with wildcards around and inside it, or wildcards and odd characters alone.</summary>
    private Gen<string> PatternGen() =>
        Gen.OneOf(
            from value in Gen.Elements(TextSamples())
            from start in Gen.Choose(0, value.Length)
            from length in Gen.Choose(0, value.Length - start)
            from before in Gen.Elements("", "%", "_", "%_")
            from after in Gen.Elements("", "%", "_", "%%")
            from blank in Gen.Choose(-1, length - 1)
            let piece = value.Substring(start, length)
            select before + (blank < 0 ? piece : piece[..blank] + "_" + piece[(blank + 1)..]) + after,
            Gen.ListOf(Gen.Elements(Fragments), 4).Select(parts => string.Concat(parts)));

    private Gen<FilterExpression> SpatialGen() =>
        from op in agreeable
            ? Gen.Elements(SpatialOperator.Intersects, SpatialOperator.Disjoint, SpatialOperator.Within, SpatialOperator.Contains)
            : Gen.Elements(Enum.GetValues<SpatialOperator>())
        from shape in Gen.Elements(Shapes)
        from swap in Gen.Elements(false, true)
        let literal = (FilterExpression)GeometryLiteral.InStorage(shape.Copy())
        let property = (FilterExpression)new PropertyRef("geometry")
        select (FilterExpression)(swap ? new SpatialPredicate(op, literal, property) : new SpatialPredicate(op, property, literal));

    /// <summary>What a predicate tests: a property, possibly inside arithmetic or CASEI (a literal there selects all or nothing).</summary>
    private Gen<FilterExpression> Subject(FilterType type, int depth) => (type, depth) switch
    {
        (FilterType.Number, > 0) => Gen.Frequency((3, Property(type)), (1,
            from op in Gen.Elements(ArithmeticOperator.Add, ArithmeticOperator.Subtract, ArithmeticOperator.Multiply, ArithmeticOperator.Divide, ArithmeticOperator.Modulo)
            from left in Property(type)
            from right in Scalar(type, depth - 1)
            select (FilterExpression)new Arithmetic(op, left, right))),
        (FilterType.Text, > 0) => Gen.Frequency((3, Property(type)), (1, Property(type).Select(v => (FilterExpression)new CaseInsensitive(v)))),
        _ => Property(type),
    };

    private Gen<FilterExpression> Scalar(FilterType type, int depth)
    {
        var plain = Gen.Frequency((2, Property(type)), (1, Value(type)));
        return (type, depth) switch
        {
            (FilterType.Number, > 0) => Gen.Frequency((3, plain), (1,
                from op in agreeable
                    ? Gen.Elements(ArithmeticOperator.Add, ArithmeticOperator.Subtract, ArithmeticOperator.Multiply, ArithmeticOperator.Divide, ArithmeticOperator.Modulo)
                    : Gen.Elements(Enum.GetValues<ArithmeticOperator>())
                from left in Scalar(type, depth - 1)
                from right in Scalar(type, depth - 1)
                select (FilterExpression)new Arithmetic(op, left, right))),
            (FilterType.Text, > 0) => Gen.Frequency((3, plain), (1, Scalar(type, depth - 1).Select(v => (FilterExpression)new CaseInsensitive(v)))),
            _ => plain,
        };
    }

    private Gen<FilterExpression> Property(FilterType type) => Gen.Elements(Names(type).ToArray()).Select(n => (FilterExpression)new PropertyRef(n));

    private Gen<FilterExpression> Value(FilterType type)
    {
        var seen = Names(type).SelectMany(n => samples.GetValueOrDefault(n) ?? []).Select(v => v is long l ? (double)l : v).ToArray();
        var made = type switch
        {
            FilterType.Text => Gen.Elements(Fragments).Select(s => (object)s),
            FilterType.Number => Gen.Choose(-2000, 60000).Select(i => (object)(i / 4.0)),
            FilterType.Boolean => Gen.Elements<object>(true, false),
            FilterType.Date => Gen.Choose(0, 3000).Select(d => (object)new DateOnly(2020, 1, 1).AddDays(d)),
            // The generator asks for literal values only of the types a property can have.
            FilterType.Null or FilterType.Geometry => throw new System.Diagnostics.UnreachableException($"FilterType {type} has no generated literal"),
            _ => throw new System.Diagnostics.UnreachableException($"FilterType {type} is not handled here"),
        };
        var values = seen.Length == 0 ? made : Gen.Frequency((3, Gen.Elements(seen)), (1, made));
        return values.Select(v => (FilterExpression)new Literal(v));
    }

    private string[] TextSamples() =>
        Names(FilterType.Text).SelectMany(n => samples.GetValueOrDefault(n) ?? []).OfType<string>().DefaultIfEmpty("开州区").ToArray();
}
