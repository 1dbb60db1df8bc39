namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// The keyset condition "after this cursor" in the order the store sorts by (each key ascending or descending with
/// nulls last, text by code point, then id). Without sort keys it is <c>id &gt; $n</c>, which walks the primary key
/// from the cursor on. With sort keys a row comparison <c>(a, id) &gt; (…)</c> would be wrong for mixed directions and
/// nulls, so it is written out key by key.
/// </summary>
internal static class PostGisKeyset
{
    /// <param name="parameter">Adds a value as a command parameter and returns its placeholder.</param>
    public static string After(FeatureQuery query, FeatureCursor after, Func<object, string> parameter)
    {
        var condition = $"id > {parameter(after.Id)}";
        for (var i = query.SortBy.Count - 1; i >= 0; i--)
        {
            var key = query.SortBy[i];
            var column = Column(query.Collection, key);
            condition = after.SortValues[i] switch
            {
                // Nulls come last in both directions: after a null come only the other nulls, further along.
                null => $"({column} IS NULL AND {condition})",
                var value => ValueCondition(column, key.Descending, parameter(value), condition),
            };
        }

        return condition;
    }

    private static string ValueCondition(string column, bool descending, string value, string tieBreak) =>
        $"({column} {(descending ? "<" : ">")} {value} OR {column} IS NULL OR ({column} = {value} AND {tieBreak}))";

    /// <summary>The column of a sort key, compared by code point when it holds text, as the embedded store compares.</summary>
    public static string Column(CollectionDefinition collection, SortKey key) =>
        PostGisColumns.Quote(key.Property) + (collection.FindProperty(key.Property)?.Type == PropertyType.Text ? " COLLATE \"C\"" : "");
}
