using System.Globalization;
using Geo.Core.Filters;
using NetTopologySuite.IO.Converters;

namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>
/// Writes a CQL2 tree back as CQL2 text (fully parenthesised) and as CQL2-JSON, and as a plain dump for comparing
/// trees (records compare lists by reference). Test-only: no endpoint needs to print a filter.
/// </summary>
public static class Cql2Printer
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static string Text(FilterExpression e) => e switch
    {
        PropertyRef p => IsPlainName(p.Name) ? p.Name : "\"" + p.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        Literal { Value: string s } => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        Literal { Value: double d } => Number(d),
        Literal { Value: bool b } => b ? "TRUE" : "FALSE",
        Literal { Value: DateOnly d } => $"DATE('{d:yyyy-MM-dd}')",
        GeometryLiteral g => g.Geometry.AsText(),
        And a => "(" + string.Join(" AND ", a.Args.Select(Text)) + ")",
        Or o => "(" + string.Join(" OR ", o.Args.Select(Text)) + ")",
        Not n => $"NOT ({Text(n.Arg)})",
        CaseInsensitive ci => $"CASEI({Text(ci.Value)})",
        Comparison c => $"{Text(c.Left)} {ComparisonText(c.Operator)} {Text(c.Right)}",
        Like l => $"{Text(l.Value)} LIKE {Text(l.Pattern)}",
        Between b => $"{Text(b.Value)} BETWEEN {Text(b.Low)} AND {Text(b.High)}",
        InList i => $"{Text(i.Value)} IN ({string.Join(", ", i.Items.Select(Text))})",
        IsNull n => $"{Text(n.Value)} IS NULL",
        SpatialPredicate s => $"S_{s.Operator.ToString().ToUpperInvariant()}({Text(s.Left)}, {Text(s.Right)})",
        Arithmetic a => $"({Text(a.Left)} {ArithmeticText(a.Operator)} {Text(a.Right)})",
        _ => throw new ArgumentException($"cannot print {e}", nameof(e)),
    };

    public static string Json(FilterExpression e) => e switch
    {
        PropertyRef p => $$"""{"property":{{JsonSerializer.Serialize(p.Name)}}}""",
        Literal { Value: null } => "null",
        Literal { Value: string s } => JsonSerializer.Serialize(s),
        Literal { Value: double d } => Number(d),
        Literal { Value: bool b } => b ? "true" : "false",
        Literal { Value: DateOnly d } => $$"""{"date":"{{d:yyyy-MM-dd}}"}""",
        GeometryLiteral g => JsonSerializer.Serialize(g.Geometry, GeoJson),
        And a => Op("and", a.Args),
        Or o => Op("or", o.Args),
        Not n => Op("not", [n.Arg]),
        CaseInsensitive ci => Op("casei", [ci.Value]),
        Comparison c => Op(ComparisonText(c.Operator), [c.Left, c.Right]),
        Like l => Op("like", [l.Value, l.Pattern]),
        Between b => Op("between", [b.Value, b.Low, b.High]),
        InList i => $$"""{"op":"in","args":[{{Json(i.Value)}},[{{string.Join(",", i.Items.Select(Json))}}]]}""",
        IsNull n => Op("isNull", [n.Value]),
        SpatialPredicate s => Op("s_" + s.Operator.ToString().ToLowerInvariant(), [s.Left, s.Right]),
        Arithmetic a => Op(a.Operator == ArithmeticOperator.IntegerDivide ? "div" : ArithmeticText(a.Operator), [a.Left, a.Right]),
        _ => throw new ArgumentException($"cannot print {e}", nameof(e)),
    };

    /// <summary>A structural dump: equal dumps, equal trees.</summary>
    public static string Dump(FilterExpression e) => e switch
    {
        PropertyRef p => $"prop[{p.Name}]",
        Literal { Value: null } => "null",
        Literal { Value: string s } => $"str[{s}]",
        Literal { Value: double d } => $"num[{Number(d)}]",
        Literal { Value: bool b } => $"bool[{b}]",
        Literal { Value: DateOnly d } => $"date[{d:O}]",
        GeometryLiteral g => $"geom[{g.Geometry.AsText()}]",
        _ => $"{e.GetType().Name}{OperatorOf(e)}[{string.Join(", ", FilterTree.Children(e).Select(Dump))}]",
    };

    private static string OperatorOf(FilterExpression e) => e switch
    {
        Comparison c => ":" + c.Operator,
        SpatialPredicate s => ":" + s.Operator,
        Arithmetic a => ":" + a.Operator,
        InList i => ":" + i.Items.Count,
        _ => string.Empty,
    };

    private static string Op(string op, IEnumerable<FilterExpression> args) =>
        $$"""{"op":"{{op}}","args":[{{string.Join(",", args.Select(Json))}}]}""";

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && !name.StartsWith("s_", StringComparison.OrdinalIgnoreCase)
        && name.ToUpperInvariant() is not ("AND" or "OR" or "NOT" or "LIKE" or "BETWEEN" or "IN" or "IS" or "NULL" or "TRUE" or "FALSE" or "DATE"
            or "TIMESTAMP" or "CASEI" or "DIV" or "BBOX" or "POINT" or "LINESTRING" or "POLYGON" or "MULTIPOINT" or "MULTILINESTRING"
            or "MULTIPOLYGON" or "GEOMETRYCOLLECTION");

    private static string ComparisonText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static string ArithmeticText(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.Divide => "/",
        ArithmeticOperator.Modulo => "%",
        ArithmeticOperator.IntegerDivide => "DIV",
        ArithmeticOperator.Power => "^",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
