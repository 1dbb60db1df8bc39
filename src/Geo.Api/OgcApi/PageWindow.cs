using System.Runtime.CompilerServices;

namespace Geo.Api.OgcApi;

/// <summary>
/// A page read one feature past its limit: yields at most <c>limit</c> features and remembers the last one and
/// whether another followed, so that the <c>next</c> link is known from the same read as the page (no count needed,
/// and no empty last page).
/// </summary>
internal sealed class PageWindow(IAsyncEnumerable<Feature> features, int limit)
{
    public Feature? Last { get; private set; }

    public int Returned { get; private set; }

    public bool More { get; private set; }

    public IAsyncEnumerable<Feature> Features => ReadAsync();

    private async IAsyncEnumerable<Feature> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var feature in features.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (Returned == limit)
            {
                More = true;
                yield break;
            }

            Returned++;
            Last = feature;
            yield return feature;
        }
    }
}
