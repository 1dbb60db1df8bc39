using Geo.Core.Domain;
using Geo.Core.Filters;

namespace Geo.Core.Stores.InMemory;

/// <summary>
/// Keyset paging in the embedded store: the first match after a <see cref="FeatureCursor"/> is found by binary search
/// in the query's order, never by walking past the pages before it.
/// </summary>
internal static class KeysetSeek
{
    /// <summary>The features <paramref name="query"/> selects that come after <paramref name="after"/>, in order.</summary>
    public static IEnumerable<Feature> After(CollectionIndex index, FeatureQuery query, FeatureCursor after, CancellationToken cancellationToken)
    {
        var probe = Probe(query.SortBy, after);
        var order = new FeatureOrder(query.SortBy);
        if (query.SortBy.Count == 0 && !query.HasSpatialFilter)
        {
            // The collection is held in id order: seek there, then filter forward only as far as the page reads.
            return FromIdOrder(index.Features, query.Filter, Start(index.Features, probe, order), cancellationToken);
        }

        var matches = index.Match(query, cancellationToken).ToList();
        return matches.Skip(Start(matches, probe, order));
    }

    /// <summary>The index of the first feature ordered after <paramref name="probe"/> (whose id no feature shares in that order).</summary>
    private static int Start(IReadOnlyList<Feature> sorted, Feature probe, FeatureOrder order)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (order.Compare(sorted[middle], probe) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static IEnumerable<Feature> FromIdOrder(IReadOnlyList<Feature> features, FilterExpression? filter, int start, CancellationToken cancellationToken)
    {
        for (var i = start; i < features.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (filter is null || FilterEvaluator.Matches(filter, features[i]))
            {
                yield return features[i];
            }
        }
    }

    /// <summary>A feature holding only the cursor's key, compared with <see cref="FeatureOrder"/> like any other.</summary>
    private static Feature Probe(IReadOnlyList<SortKey> keys, FeatureCursor after)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            values[keys[i].Property] = after.SortValues[i];
        }

        return new Feature(after.Id, null, values);
    }
}
