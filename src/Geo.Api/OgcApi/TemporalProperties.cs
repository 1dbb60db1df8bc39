using Geo.Core.Filters;

namespace Geo.Api.OgcApi;

/// <summary>
/// The <c>datetime</c> parameter as a filter on the properties that carry a collection's time (the catalog's
/// <see cref="CollectionDefinition.Time"/>): whole years for integer properties, days for dates. A feature matches
/// when its period and the requested instant or interval overlap.
/// </summary>
internal static class TemporalProperties
{
    private static string WithTime => string.Join(", ", Catalog.All.Where(c => c.Time is not null).Select(c => c.Id));

    public static FilterExpression ToFilter(CollectionDefinition collection, string datetime)
    {
        if (collection.Time is not { } time)
        {
            throw InputException.Invalid("datetime", $"collection '{collection.Id}' has no time", $"datetime applies to {WithTime}");
        }

        var years = collection.FindProperty(time.Start)?.Type == PropertyType.Integer;

        var parts = datetime.Split('/');
        if (parts.Length > 2)
        {
            throw Invalid(datetime);
        }

        var start = Bound(parts[0], datetime, isEnd: false);
        var end = parts.Length == 2 ? Bound(parts[1], datetime, isEnd: true) : Bound(parts[0], datetime, isEnd: true);
        if (start is { } s && end is { } e && s > e)
        {
            throw InputException.Invalid("datetime", $"'{datetime}' ends before it starts", "write start/end with the earlier date first");
        }

        var conditions = new List<FilterExpression>();
        if (end is { } until)
        {
            conditions.Add(new Comparison(ComparisonOperator.LessOrEqual, new PropertyRef(time.Start), Value(until, years)));
        }

        if (start is { } from)
        {
            conditions.Add(new Comparison(ComparisonOperator.GreaterOrEqual, new PropertyRef(time.End), Value(from, years)));
        }

        return And.All(conditions) ?? new Literal(true);
    }

    private static Literal Value(DateOnly date, bool years) => years ? new Literal((double)date.Year) : new Literal(date);

    /// <summary>A date, a year, or an RFC 3339 date-time; ".." or empty is an open end.</summary>
    private static DateOnly? Bound(string text, string whole, bool isEnd)
    {
        if (text is ".." or "")
        {
            return null;
        }

        // Year 0 does not exist in the calendar DateOnly keeps (and RFC 3339 years start at 0001).
        if (text.Length == 4 && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year >= 1)
        {
            return isEnd ? new DateOnly(year, 12, 31) : new DateOnly(year, 1, 1);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
        {
            return DateOnly.FromDateTime(instant.UtcDateTime);
        }

        throw Invalid(whole);
    }

    private static InputException Invalid(string datetime) =>
        InputException.Invalid("datetime", $"'{datetime}' is not a date, date-time or interval", "use e.g. datetime=2024-06-01, datetime=2024-01-01/2025-12-31 or datetime=../2023-12-31");
}
