using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geo.Core.Filters;

/// <summary>Parses CQL2-JSON (the same operators as <see cref="Cql2TextParser"/>); errors give the JSON path of the bad node.</summary>
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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
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

    public static FilterExpression Parse(JsonElement element, Func<Geometry, Geometry> toStorage) => Node(element, "$", toStorage);

    private static FilterExpression Node(JsonElement e, string path, Func<Geometry, Geometry> toStorage)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: return new Literal(e.GetString());
            case JsonValueKind.Number: return new Literal(e.GetDouble());
            case JsonValueKind.True: return new Literal(true);
            case JsonValueKind.False: return new Literal(false);
            case JsonValueKind.Null: return new Literal(null);
            case JsonValueKind.Object: break;
            default: throw Error(path, $"expected an expression, found {e.ValueKind.ToString().ToLowerInvariant()}");
        }

        if (e.TryGetProperty("property", out var property))
        {
            return property.ValueKind == JsonValueKind.String ? new PropertyRef(property.GetString()!) : throw Error(path + ".property", "must be a string");
        }

        if (e.TryGetProperty("date", out var date))
        {
            return DateOnly.TryParseExact(date.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new Literal(d)
                : throw Error(path + ".date", "must be a date as yyyy-mm-dd");
        }

        if (e.TryGetProperty("timestamp", out _))
        {
            throw Error(path, "timestamps are not supported: the collections hold dates and years only; use {\"date\": \"yyyy-mm-dd\"}");
        }

        if (e.TryGetProperty("bbox", out var bbox))
        {
            var values = bbox.ValueKind == JsonValueKind.Array && bbox.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number)
                ? bbox.EnumerateArray().Select(v => v.GetDouble()).ToList()
                : throw Error(path + ".bbox", "must be an array of 4 numbers");
            return GeometryLiteral.InStorage(toStorage(BboxGeometry.FromValues(values, path)));
        }

        if (e.TryGetProperty("type", out _) && e.TryGetProperty("coordinates", out _) || e.TryGetProperty("geometries", out _))
        {
            try
            {
                return GeometryLiteral.InStorage(toStorage(e.Deserialize<Geometry>(GeoJson)!));
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                throw Error(path, $"not a GeoJSON geometry: {ex.Message}");
            }
        }

        if (!e.TryGetProperty("op", out var opElement) || opElement.ValueKind != JsonValueKind.String)
        {
            throw Error(path, "expected {\"op\": …, \"args\": […]}, {\"property\": …}, a literal, a date, a bbox or a GeoJSON geometry");
        }

        var op = opElement.GetString()!;
        if (!e.TryGetProperty("args", out var argsElement) || argsElement.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"operator '{op}' needs an \"args\" array");
        }

        var args = argsElement.EnumerateArray().ToList();
        FilterExpression Arg(int i) => Node(args[i], $"{path}.args[{i}]", toStorage);
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

                return new InList(Arg(0), args[1].EnumerateArray().Select((v, i) => Node(v, $"{path}.args[1][{i}]", toStorage)).ToList());
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

    private static FilterException Error(string path, string message) => new($"CQL2-JSON: at {path}: {message}");
}
