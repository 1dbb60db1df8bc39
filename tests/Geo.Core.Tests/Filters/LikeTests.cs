using Npgsql;

namespace Geo.Core.Tests.Filters;

/// <summary>LIKE on the embedded store: PostgreSQL's answers for a table of patterns, and no backtracking blow-up.</summary>
public sealed class LikeTests
{
    private static readonly Feature NoFeature = new(1, null, new Dictionary<string, object?>());

    private static readonly string[] Values =
        ["开州区城中村改造", "abc", "a%c", "a_c", "A\\B", "", "ÉCOLE école", "😀x", "aaaaaaaaaaaaaaaaaaaaaaaaa", "汉丰街道", "it's"];

    private static readonly string[] Patterns =
    [
        "%", "", "_", "__", "a%", "%c", "a_c", "a\\%c", "a\\_c", "%城中村%", "开州区%", "__街道", "%\\\\%", "A\\\\B", "_x", "%x",
        "%a%a%a%a%a%a%a%a%a%a%a%a%b", "%%%%%%%%%%%%", "a%%c", "%_%", "\\a%", "%école", "%ÉCOLE%", "it''s", "it's", "%'%", "a%a%a", "%aa_", "ÉCOLE _cole",
    ];

    [Fact]
    public async Task Like_and_casei_like_answer_as_PostgreSQL_does_for_a_table_of_patterns()
    {
        await using var connection = new NpgsqlConnection(PostGisServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT v, p, v LIKE p, lower(v) LIKE lower(p) FROM unnest($1) WITH ORDINALITY AS a(v, i), unnest($2) WITH ORDINALITY AS b(p, j) ORDER BY i, j",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Values });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Patterns });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        var matches = 0;
        while (await reader.ReadAsync())
        {
            var (value, pattern) = (reader.GetString(0), reader.GetString(1));
            var like = new Like(new Literal(value), new Literal(pattern));
            var casei = new Like(new CaseInsensitive(new Literal(value)), new CaseInsensitive(new Literal(pattern)));

            Assert.True(reader.GetBoolean(2) == FilterEvaluator.Matches(like, NoFeature), $"'{value}' LIKE '{pattern}'");
            Assert.True(reader.GetBoolean(3) == FilterEvaluator.Matches(casei, NoFeature), $"CASEI('{value}') LIKE CASEI('{pattern}')");
            rows++;
            matches += reader.GetBoolean(2) ? 1 : 0;
        }

        Assert.Equal(Values.Length * Patterns.Length, rows);
        Assert.InRange(matches, Values.Length, rows - Values.Length);
    }

    [Fact]
    public async Task A_dozen_wildcards_against_a_25_character_value_is_answered_at_once()
    {
        // A backtracking regex (^.*a.*a….*b$) takes minutes on this; the matcher takes microseconds. The guard is generous.
        var like = new Like(new Literal(new string('a', 25)), new Literal(string.Concat(Enumerable.Repeat("%a", 12)) + "%b"));
        var casei = new Like(new CaseInsensitive(new Literal(new string('a', 25))), new CaseInsensitive(new Literal(new string('%', 12) + "B")));

        var answers = await Task.Run(() => (FilterEvaluator.Matches(like, NoFeature), FilterEvaluator.Matches(casei, NoFeature))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((false, false), answers);
        Assert.True(FilterEvaluator.Matches(new Like(new Literal(new string('a', 25) + "b"), like.Pattern), NoFeature));
    }
}
