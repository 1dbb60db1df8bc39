using System.Globalization;
using System.Text.RegularExpressions;
using Geo.Core.Filters;

namespace Geo.Api.Search.Internal;

/// <summary>
/// What the user typed, read once: the text to find anywhere in a name, and the number it may stand for ("12",
/// "序号12", "#12"), both turned into CQL2 so each store evaluates them itself (SQL on PostGIS).
/// </summary>
internal sealed partial class SearchQuery
{
    private SearchQuery(string text, long? number)
    {
        Text = text;
        Number = number;
    }

    public string Text { get; }

    public long? Number { get; }

    public static SearchQuery Parse(string text)
    {
        var number = NumberPattern().Match(text);
        return new SearchQuery(text, number.Success && long.TryParse(number.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null);
    }

    /// <summary>The CQL2 filter for one target, or null when nothing in it can match (a parcel for a word).</summary>
    public FilterExpression? FilterFor(SearchTarget target)
    {
        var pattern = new Literal("%" + Like.Escape(Text.ToLowerInvariant()) + "%");
        var conditions = target.TextProperties
            .Select(p => (FilterExpression)new Like(new CaseInsensitive(new PropertyRef(p)), pattern))
            .ToList();
        if (target.ById && Number is { } id)
        {
            conditions.Add(Comparison.Of("id", ComparisonOperator.Equal, (double)id));
        }

        return Or.Any(conditions);
    }

    /// <summary>0 = the number is the id, 1 = a name equals the text, 2 = starts with it, 3 = contains it.</summary>
    public int Rank(SearchTarget target, long id, Func<string, string?> property)
    {
        if (target.ById && Number == id)
        {
            return 0;
        }

        var values = target.TextProperties.Select(property).OfType<string>().ToList();
        return values.Any(v => string.Equals(v, Text, StringComparison.OrdinalIgnoreCase)) ? 1
            : values.Any(v => v.StartsWith(Text, StringComparison.OrdinalIgnoreCase)) ? 2
            : 3;
    }

    [GeneratedRegex(@"^(?:序号|编号|No\.?|#)?\s*(\d{1,15})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
