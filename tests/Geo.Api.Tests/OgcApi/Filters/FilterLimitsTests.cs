using Geo.Api.OgcApi.Filters;
using Geo.Core;
using Geo.Core.Crs;
using Geo.Core.Filters;
using NetTopologySuite.Geometries;

namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>
/// Hostile filters end in a <see cref="FilterException"/> naming the limit or the place, never in a stack overflow or
/// an exception the HTTP layer would answer with 500. No database needed.
/// </summary>
public sealed class FilterLimitsTests
{
    private static readonly CollectionDefinition Projects = Catalog.Find("projects")!;

    public static TheoryData<string> TooDeepText() =>
    [
        new string('(', 5000) + "id = 1" + new string(')', 5000),
        string.Concat(Enumerable.Repeat("NOT ", 5000)) + "id = 1",
        "id = " + new string('-', 5000) + "1",
        "id = " + string.Concat(Enumerable.Repeat("CASEI(", 3000)) + "'a'" + new string(')', 3000),
        "S_INTERSECTS(geometry, POLYGON" + new string('(', 3000) + "1 1" + new string(')', 3000) + ")",
    ];

    [Theory]
    [MemberData(nameof(TooDeepText))]
    public void Text_nested_thousands_deep_is_refused_naming_the_limit_and_the_place(string text)
    {
        var e = Assert.Throws<FilterException>(() => Parse(text));

        Assert.Contains("FilterLimits.MaxDepth", e.Message, StringComparison.Ordinal);
        Assert.Contains("Line 1", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(" + ")]
    [InlineData(" ^ ")]
    [InlineData(" * ")]
    public void A_chain_of_thousands_of_operators_is_refused_without_recursing(string op)
    {
        var text = "id = " + string.Join(op, Enumerable.Repeat("1", 20_000));

        var e = Assert.Throws<FilterException>(() => Parse(text));

        Assert.Contains("FilterLimits.MaxDepth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses_in_both_encodings()
    {
        var text = new string('(', FilterLimits.MaxDepth) + "id = 1" + new string(')', FilterLimits.MaxDepth);
        var nots = FilterLimits.MaxDepth - 2; // NOT … NOT, the comparison, the property: MaxDepth levels.
        var json = string.Concat(Enumerable.Repeat("""{"op":"not","args":[""", nots)) + """{"op":"=","args":[{"property":"id"},1]}""" + string.Concat(Enumerable.Repeat("]}", nots));

        Assert.IsType<Comparison>(Parse(text));
        Assert.IsType<Not>(Cql2Filter.FromJson(json, g => g, Projects));
        Assert.Throws<FilterException>(() => Cql2Filter.FromJson("""{"op":"not","args":[""" + json + "]}", g => g, Projects));
    }

    [Fact]
    public void Json_nested_thousands_deep_is_refused_as_text_and_as_a_read_body()
    {
        var json = string.Concat(Enumerable.Repeat("""{"op":"not","args":[""", 5000)) + "true" + string.Concat(Enumerable.Repeat("]}", 5000));
        using var body = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 20_000 });

        var fromText = Assert.Throws<FilterException>(() => Cql2JsonParser.Parse(json, g => g));
        var fromBody = Assert.Throws<FilterException>(() => Cql2JsonParser.Parse(body.RootElement, g => g));

        Assert.Contains("FilterLimits.MaxDepth", fromText.Message, StringComparison.Ordinal);
        Assert.Contains("byte", fromText.Message, StringComparison.Ordinal);
        Assert.Contains("FilterLimits.MaxDepth", fromBody.Message, StringComparison.Ordinal);
        Assert.Contains("$.args[0].args[0]", fromBody.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_built_in_code_deeper_than_the_limit_is_refused_by_the_type_checker_and_never_overflows_a_walker()
    {
        FilterExpression deep = new Comparison(ComparisonOperator.Equal, new PropertyRef("id"), new Literal(1.0));
        for (var i = 0; i < 200_000; i++)
        {
            deep = new Not(deep);
        }

        var feature = new Feature(1, null, new Dictionary<string, object?>());

        Assert.Contains("FilterLimits.MaxDepth", Assert.Throws<FilterException>(() => FilterTypeChecker.Check(deep, Projects)).Message, StringComparison.Ordinal);
        Assert.Throws<InsufficientExecutionStackException>(() => FilterEvaluator.Matches(deep, feature));
    }

    [Fact]
    public void Text_and_json_longer_than_the_limit_are_refused()
    {
        var text = "name = '" + new string('x', FilterLimits.MaxLength) + "'";

        Assert.Contains("FilterLimits.MaxLength", Assert.Throws<FilterException>(() => Parse(text)).Message, StringComparison.Ordinal);
        Assert.Contains("FilterLimits.MaxLength", Assert.Throws<FilterException>(() => Cql2JsonParser.Parse("\"" + text + "\"", g => g)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_in_list_longer_than_the_limit_is_refused_in_both_encodings()
    {
        var values = Enumerable.Range(1, FilterLimits.MaxInListItems + 1).ToList();

        var text = Assert.Throws<FilterException>(() => Parse($"id IN ({string.Join(',', values)})"));
        var json = Assert.Throws<FilterException>(() => Cql2JsonParser.Parse($$"""{"op":"in","args":[{"property":"id"},[{{string.Join(',', values)}}]]}""", g => g));

        Assert.Contains("FilterLimits.MaxInListItems", text.Message, StringComparison.Ordinal);
        Assert.Contains("FilterLimits.MaxInListItems", json.Message, StringComparison.Ordinal);
        Assert.Equal(FilterLimits.MaxInListItems, ((InList)Parse($"id IN ({string.Join(',', values.Skip(1))})")).Items.Count);
    }

    [Theory]
    [InlineData("S_INTERSECTS(geometry, POLYGON((108.3 31.1, 108.4 31.1, 108.4 31.2)))", "closed")]
    [InlineData("S_INTERSECTS(geometry, LINESTRING(108.3 31.1))", "")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((108.3 31.1, 108.4 31.1, 108.4 31.2, 108.3 31.1), (1 1)))", "")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((108.30 31.10, 108.32 31.12, 108.32 31.10, 108.30 31.12, 108.30 31.10)))", "invalid")]
    [InlineData("S_INTERSECTS(geometry, BBOX(108.4, 31.2, 108.3, 31.1))", "minimum above")]
    [InlineData("id > 1e400", "beyond the range")]
    [InlineData("S_INTERSECTS(geometry, POINT(1e400 31.1))", "beyond the range")]
    public void A_bad_literal_in_text_is_a_filter_error_with_its_place(string text, string detail)
    {
        var e = Assert.Throws<FilterException>(() => Parse(text));

        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("CQL2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1],[108.4,31.2]]]}]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"LineString","coordinates":[[108.3,31.1]]}]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":"x"}]}""")]
    [InlineData("""{"op":">","args":[{"property":"id"},1e400]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[1e400,31.1,108.4,31.2]}]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[1e400,31.1]}]}""")]
    [InlineData("""{"op":"<","args":[{"property":"start_date"},{"date":5}]}""")]
    [InlineData("""{"op":"in","args":[{"property":"id"},[]]}""")]
    [InlineData("""{"op":"=","args":[{"property":"name"},"\ud800"]}""")]
    [InlineData("""{"op":5,"args":[]}""")]
    public void A_bad_literal_in_json_is_a_filter_error_with_its_path(string json)
    {
        var e = Assert.Throws<FilterException>(() => Cql2JsonParser.Parse(json, g => g));

        Assert.StartsWith("CQL2-JSON: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_geometry_with_more_vertices_than_the_limit_is_refused()
    {
        var ring = Enumerable.Range(0, InputLimits.MaxVertices + 1)
            .Select(i => (X: 108.4 + (0.01 * Math.Cos(i * 2 * Math.PI / (InputLimits.MaxVertices + 1))), Y: 31.1 + (0.01 * Math.Sin(i * 2 * Math.PI / (InputLimits.MaxVertices + 1)))))
            .Select(c => FormattableString.Invariant($"[{c.X},{c.Y}]"));
        var json = $$"""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[{{string.Join(',', ring)}},{{ring.First()}}]]}]}""";
        using var body = JsonDocument.Parse(json);

        // The same limit as a drawn geometry in a body: 413 naming the filter, where in it, and the setting.
        var e = Assert.Throws<InputException>(() => Cql2JsonParser.Parse(body.RootElement, g => g));

        Assert.Equal(InputProblem.TooLarge, e.Problem);
        Assert.Equal("filter", e.Parameter);
        Assert.Contains("CQL2-JSON: at $.args[1]: ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{InputLimits.MaxVertices + 2} vertices", e.Message, StringComparison.Ordinal);
        Assert.Equal("50000 vertices (Limits:MaxVertices)", e.Limit);
    }

    [Fact]
    public void Coordinates_outside_the_filter_crs_area_of_use_are_refused_and_inside_are_accepted()
    {
        // EPSG:4545 is northing first: 9,900 km north is near the pole, far outside China between 106.5°E and 109.5°E.
        var nearPole = Assert.Throws<FilterException>(() => Cql2TextParser.Parse("S_INTERSECTS(geometry, POINT(9900000 500000))", SupportedCrs.GaussKruger.ToStorage));
        var kaizhou = (Point)SupportedCrs.GaussKruger.FromStorage(new Point(108.41, 31.17));
        var inside = Cql2TextParser.Parse(FormattableString.Invariant($"S_INTERSECTS(geometry, POINT({kaizhou.X} {kaizhou.Y}))"), SupportedCrs.GaussKruger.ToStorage);

        Assert.Contains("area of use", nearPole.Message, StringComparison.Ordinal);
        var point = (Point)((GeometryLiteral)((SpatialPredicate)inside).Right).Geometry;
        Assert.Equal(108.41, point.X, 1e-7);
        Assert.Equal(31.17, point.Y, 1e-7);
    }

    [Fact]
    public void A_like_pattern_ending_in_the_escape_character_is_refused_before_any_store_sees_it()
    {
        var e = Assert.Throws<FilterException>(() => Cql2Filter.FromText("name LIKE 'abc\\'", g => g, Projects));

        Assert.Contains("escape", e.Message, StringComparison.Ordinal);
    }

    private static FilterExpression Parse(string text) => Cql2TextParser.Parse(text, g => g);
}

/// <summary>The deepest filters the limits let through fit well within a thread's stack, in every recursive walker.</summary>
public sealed class FilterDepthStackTests
{
    /// <remarks>
    /// A request runs on a thread-pool thread of 1.5 MB. Measured here, the deepest filter needs 350–420 KB on a fresh,
    /// unoptimised JIT (the parser's guard keeps 128 KB spare), so 512 KB left too little margin for a slower CI machine;
    /// 1 MB still proves the limit leaves a third of a request thread unused.
    /// </remarks>
    [Fact]
    public void A_filter_at_the_depth_limit_is_parsed_checked_and_evaluated_within_1_MB_of_stack()
    {
        Assert.Null(RunOnStack(1024, DeepestText()));
    }

    [Fact]
    public void On_a_far_smaller_stack_the_parser_refuses_the_filter_instead_of_overflowing()
    {
        // Whether 128 KB suffices depends on how far the JIT has optimised the grammar (unoptimised frames are larger);
        // either way the process must survive: the filter parses, or the parser refuses it naming the limit.
        var failure = RunOnStack(128, DeepestText());

        Assert.True(failure is null || (failure is FilterException && failure.Message.Contains("FilterLimits.MaxDepth", StringComparison.Ordinal)), failure?.ToString());
    }

    /// <summary>
    /// Each round nests three levels of what makes the text grammar recurse (NOT and two groups) beside unary minus and
    /// CASEI; 21 rounds reach 63 levels, the deepest the limit allows with the comparison inside.
    /// </summary>
    private static string DeepestText()
    {
        var text = "id = 1";
        for (var round = 0; round < FilterLimits.MaxDepth / 3; round++)
        {
            text = $"NOT (({text}) AND - - id < 5 AND CASEI(name) = 'a')";
        }

        return text;
    }

    private static Exception? RunOnStack(int kilobytes, string text)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    var filter = Cql2Filter.FromText(text, g => g, Catalog.Find("projects")!);
                    FilterEvaluator.Matches(filter, new Feature(1, null, new Dictionary<string, object?>()));
                }
                catch (Exception e) when (e is FilterException or InsufficientExecutionStackException)
                {
                    failure = e;
                }
            },
            kilobytes * 1024);
        thread.Start();
        thread.Join();
        return failure;
    }
}
