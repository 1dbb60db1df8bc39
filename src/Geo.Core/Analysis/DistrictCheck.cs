using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>Whether a drawn geometry reaches into 开州区 at all; outside it every answer is empty and says why.</summary>
public static class DistrictCheck
{
    public const string OutsideNote = "该范围在开州区界之外，结果为空。";

    public static readonly Wording Outside = new(OutsideNote, "The area lies outside the Kaizhou district boundary; the result is empty.");

    public static async Task<bool> TouchesDistrictAsync(IFeatureStore store, Geometry geometry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.CountAsync(new FeatureQuery(Catalog.District) { Intersects = geometry }, cancellationToken).ConfigureAwait(false) > 0;
    }
}
