using System.Globalization;
using System.Text;
using Geo.Core.Filters;
using NetTopologySuite.IO.Converters;

namespace Geo.Api.OgcApi.Filters;

/// <summary>
/// Parses CQL2-JSON (the same operators as <see cref="Cql2TextParser"/>); errors give the JSON path of the bad node.
/// <see cref="FilterLimits"/> bound the length (of a string), the JSON nesting, the CQL2 nesting and the IN lists.
/// </summary>
public static class Cql2JsonParser
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private static readonly Dictionary<string, ComparisonOperator> Comparisons = new()
    {
        ["="] = ComparisonOperator.Equal,
        ["<>"] = ComparisonOperator.NotEqual,
        ["<"] = ComparisonOperator.Less,
        ["<="] = ComparisonOperator.LessOrEqual,
        [">"] = ComparisonOperator.Greater,
        [">="] = ComparisonOperator.GreaterOrEqual,
    };

    private static readonly Dictionary<string, ArithmeticOperator> Arithmetic = new()
    {
        ["+"] = ArithmeticOperator.Add,
        ["-"] = ArithmeticOperator.Subtract,
        ["*"] = ArithmeticOperator.Multiply,
        ["/"] = ArithmeticOperator.Divide,
        ["%"] = ArithmeticOperator.Modulo,
        ["div"] = ArithmeticOperator.IntegerDivide,
        ["^"] = ArithmeticOperator.Power,
    };

    public static FilterExpression Parse(string json, Func<Geometry, Geometry> toStorage)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > FilterLimits.MaxLength)
        {
            throw FilterLimits.TooLong("CQL2-JSON", json.Length);
        }

        var utf8 = Encoding.UTF8.GetBytes(json);
        CheckJsonDepth(utf8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = FilterLimits.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw new FilterException($"CQL2-JSON: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}", e);
        }

        using (document)
        {
            return Parse(document.RootElement, toStorage);
        }
    }

    /// <summary>Parses an already-read element (a request body); its nesting is checked while walking it.</summary>
    public static FilterExpression Parse(JsonElement element, Func<Geometry, Geometry> toStorage)
    {
        var filter = Node(element, "$", 1, toStorage);
        FilterLimits.Check(filter);
        return filter;
    }

    /// <summary>Refuses JSON nested deeper than a filter of <see cref="FilterLimits.MaxDepth"/> levels needs, before building a document.</summary>
    private static void CheckJsonDepth(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = FilterLimits.MaxJsonDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= FilterLimits.MaxJsonDepth)
                {
                    throw FilterLimits.TooDeep("CQL2-JSON", $"byte {reader.TokenStartIndex + 1}");
                }
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: JsonDocument.Parse reports it with the line and position.
        }
    }

    private static FilterExpression Node(JsonElement e, string path, int depth, Func<Geometry, Geometry> toStorage)
    {
        if (depth > FilterLimits.MaxDepth)
        {
            throw FilterLimits.TooDeep("CQL2-JSON", path);
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.String: return new Literal(Text(e, path));
            case JsonValueKind.Number:
                return e.TryGetDouble(out var number) && double.IsFinite(number)
                    ? new Literal(number)
                    : throw Error(path, $"{e.GetRawText()} is beyond the range of a number");
            case JsonValueKind.True: return new Literal(true);
            case JsonValueKind.False: return new Literal(false);
            case JsonValueKind.Null: return new Literal(null);
            case JsonValueKind.Object: break;
            case JsonValueKind.Array or JsonValueKind.Undefined:
                throw Error(path, $"expected an expression, found {e.ValueKind.ToString().ToLowerInvariant()}");
            default:
                throw FilterTree.Unknown(e.ValueKind);
        }

        if (e.TryGetProperty("property", out var property))
        {
            return property.ValueKind == JsonValueKind.String ? new PropertyRef(Text(property, path + ".property")) : throw Error(path + ".property", "must be a string");
        }

        if (e.TryGetProperty("date", out var date))
        {
            return date.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(Text(date, path + ".date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new Literal(d)
                : throw Error(path + ".date", "must be a date as yyyy-mm-dd");
        }

        if (e.TryGetProperty("timestamp", out _))
        {
            throw Error(path, "timestamps are not supported: the collections hold dates and years only; use {\"date\": \"yyyy-mm-dd\"}");
        }

        if (e.TryGetProperty("bbox", out var bbox))
        {
            var values = bbox.ValueKind == JsonValueKind.Array && bbox.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d))
                ? bbox.EnumerateArray().Select(v => v.GetDouble()).ToList()
                : throw Error(path + ".bbox", "must be an array of 4 numbers");
            return GeometryLiteralReader.Read("CQL2-JSON", path, () => BboxGeometry.FromValues(values, path), toStorage);
        }

        if (e.TryGetProperty("type", out _) && e.TryGetProperty("coordinates", out _) || e.TryGetProperty("geometries", out _))
        {
            return GeometryLiteralReader.Read("CQL2-JSON", path, () => GeoJsonGeometry(e), toStorage);
        }

        if (!e.TryGetProperty("op", out var opElement) || opElement.ValueKind != JsonValueKind.String)
        {
            throw Error(path, "expected {\"op\": …, \"args\": […]}, {\"property\": …}, a literal, a date, a bbox or a GeoJSON geometry");
        }

        var op = Text(opElement, path + ".op");
        if (!e.TryGetProperty("args", out var argsElement) || argsElement.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"operator '{op}' needs an \"args\" array");
        }

        var args = argsElement.EnumerateArray().ToList();
        FilterExpression Arg(int i) => Node(args[i], $"{path}.args[{i}]", depth + 1, toStorage);
        void Arity(int n)
        {
            if (args.Count != n)
            {
                throw Error(path, $"operator '{op}' takes {n} argument(s), found {args.Count}");
            }
        }

        switch (op.ToLowerInvariant())
        {
            case "and" or "or":
                if (args.Count < 2)
                {
                    throw Error(path, $"operator '{op}' takes at least 2 arguments");
                }

                var list = args.Select((_, i) => Arg(i)).ToList();
                return op.Equals("and", StringComparison.OrdinalIgnoreCase) ? new And(list) : new Or(list);
            case "not":
                Arity(1);
                return new Not(Arg(0));
            case "like":
                Arity(2);
                return new Like(Arg(0), Arg(1));
            case "between":
                Arity(3);
                return new Between(Arg(0), Arg(1), Arg(2));
            case "in":
                Arity(2);
                if (args[1].ValueKind != JsonValueKind.Array)
                {
                    throw Error($"{path}.args[1]", "operator 'in' needs an array of values");
                }

                var count = args[1].GetArrayLength();
                if (count is 0 or > FilterLimits.MaxInListItems)
                {
                    throw count == 0
                        ? Error($"{path}.args[1]", "operator 'in' needs at least one value")
                        : FilterLimits.TooManyItems("CQL2-JSON", $"{path}.args[1]", count);
                }

                return new InList(Arg(0), args[1].EnumerateArray().Select((v, i) => Node(v, $"{path}.args[1][{i}]", depth + 1, toStorage)).ToList());
            case "isnull":
                Arity(1);
                return new IsNull(Arg(0));
            case "casei":
                Arity(1);
                return new CaseInsensitive(Arg(0));
        }

        if (Comparisons.TryGetValue(op, out var comparison))
        {
            Arity(2);
            return new Comparison(comparison, Arg(0), Arg(1));
        }

        if (Arithmetic.TryGetValue(op, out var arithmetic))
        {
            Arity(2);
            return new Arithmetic(arithmetic, Arg(0), Arg(1));
        }

        if (SpatialFunctionNames.ByName.TryGetValue(op, out var spatial))
        {
            Arity(2);
            return new SpatialPredicate(spatial, Arg(0), Arg(1));
        }

        throw Error(path + ".op", $"unknown operator '{op}'; supported: and, or, not, =, <>, <, <=, >, >=, like, between, in, isNull, casei, s_intersects, s_disjoint, s_contains, s_within, s_equals, s_touches, s_overlaps, s_crosses, +, -, *, /, %, div, ^");
    }

    /// <summary>
    /// A GeoJSON geometry; the GeoJSON reader's <see cref="JsonException"/> becomes a <see cref="FormatException"/> with
    /// the same message, which <see cref="GeometryLiteralReader"/> (in Core, which reads no JSON) reports as a bad literal.
    /// </summary>
    private static Geometry GeoJsonGeometry(JsonElement e)
    {
        try
        {
            return e.Deserialize<Geometry>(GeoJson) ?? throw new FormatException("the geometry is null");
        }
        catch (JsonException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static FilterException Error(string path, string message) => new($"CQL2-JSON: at {path}: {message}");

    /// <summary>A JSON string; one holding a lone UTF-16 surrogate (\ud800) cannot become a .NET string.</summary>
    private static string Text(JsonElement e, string path)
    {
        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw Error(path, $"not a valid string: {ex.Message}");
        }
    }
}
