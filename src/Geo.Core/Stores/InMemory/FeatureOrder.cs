using Geo.Core.Domain;

namespace Geo.Core.Stores.InMemory;

/// <summary>The sortby order PostGIS gives (<c>ORDER BY … NULLS LAST, id</c>, text by code point), for the embedded store.</summary>
internal sealed class FeatureOrder(IReadOnlyList<SortKey> keys) : IComparer<Feature>
{
    public int Compare(Feature? x, Feature? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        foreach (var key in keys)
        {
            var a = Value(x, key.Property);
            var b = Value(y, key.Property);
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

        return x.Id.CompareTo(y.Id);
    }

    private static object? Value(Feature feature, string property) => property == "id" ? feature.Id : feature[property];
}
