namespace Geo.Core.Stores.InMemory;

/// <summary>
/// The sortby order PostGIS gives (<c>ORDER BY … NULLS LAST, id</c>, text by code point), for the embedded store; over
/// any row type, so that rows are sorted by their values before any feature is built.
/// </summary>
internal sealed class FeatureOrder<T>(IReadOnlyList<SortKey> keys, Func<T, long> id, Func<T, string, object?> value) : IComparer<T>
{
    public int Compare(T? x, T? y) => x is null || y is null ? Comparer<T>.Default.Compare(x, y) : CompareRows(x, y);

    private int CompareRows(T x, T y)
    {
        foreach (var key in keys)
        {
            var a = value(x, key.Property);
            var b = value(y, key.Property);
            if (a is null || b is null)
            {
                if (a is null && b is null)
                {
                    continue;
                }

                return a is null ? 1 : -1;
            }

            var order = a is string s ? string.CompareOrdinal(s, (string)b) : Comparer<object>.Default.Compare(a, b);
            if (order != 0)
            {
                return key.Descending ? -order : order;
            }
        }

        return id(x).CompareTo(id(y));
    }
}
