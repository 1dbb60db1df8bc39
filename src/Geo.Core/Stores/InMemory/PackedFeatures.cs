using System.Collections;

namespace Geo.Core.Stores.InMemory;

/// <summary>
/// A collection's features as read from gis-data, packed as they are read (<see cref="Builder"/>) so that a million
/// parcels never exist as a million NTS features at once; a feature is built again each time it is asked for. The
/// embedded store takes the packed rows over as they are (<see cref="InMemoryFeatureStore(GisData.GisDataSet)"/>).
/// </summary>
public sealed class PackedFeatures : IReadOnlyList<Feature>
{
    private PackedFeatures(PackedRows rows) => Rows = rows;

    internal PackedRows Rows { get; }

    public int Count => Rows.Count;

    public Feature this[int index] => Rows.Feature(index);

    public IEnumerator<Feature> GetEnumerator()
    {
        for (var row = 0; row < Rows.Count; row++)
        {
            yield return Rows.Feature(row);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Takes a collection's checked features in file order. While ids ascend and properties are the catalog's (as
    /// gis-data writes them) each is packed at once and can be let go; the first that does not (an id out of order or
    /// repeated) turns the rest into a plain list, so that sorting and the duplicate check see every feature as before.
    /// </summary>
    public sealed class Builder(CollectionDefinition collection)
    {
        private readonly PackedRows.Builder _packed = new(collection);
        private List<Feature>? _loose;

        public void Add(Feature feature)
        {
            ArgumentNullException.ThrowIfNull(feature);
            if (Loose(feature.Id, PropertyColumns.Fits(collection, feature)) is { } loose)
            {
                loose.Add(feature);
            }
            else
            {
                _packed.Add(feature);
            }
        }

        /// <summary>As <see cref="Add(Feature)"/>, for a feature read in packed form: no NTS geometry is built unless it goes to the list.</summary>
        public void Add(PackedFeature feature)
        {
            ArgumentNullException.ThrowIfNull(feature);
            if (Loose(feature.Id, PropertyColumns.Fits(collection, feature.Values)) is { } loose)
            {
                loose.Add(feature.ToFeature(collection));
            }
            else
            {
                _packed.Add(feature);
            }
        }

        /// <summary>The plain list once a feature did not come as packing needs (<paramref name="id"/> not ascending, properties not fitting), else null.</summary>
        private List<Feature>? Loose(long id, bool fits)
        {
            if (_loose is null && (id <= _packed.LastId || !fits))
            {
                _loose = [.. new PackedFeatures(_packed.Build())];
            }

            return _loose;
        }

        /// <summary>The features: packed, ids strictly ascending; or, when they came otherwise, a list in file order.</summary>
        public IReadOnlyList<Feature> Build() => _loose ?? (IReadOnlyList<Feature>)new PackedFeatures(_packed.Build());
    }
}
