using Geo.Core.Domain;

namespace Geo.Core.GisData;

/// <summary>Every collection of a gis-data folder, validated, each sorted by id.</summary>
public sealed class GisDataSet(string folder, IReadOnlyDictionary<string, IReadOnlyList<Feature>> collections)
{
    public string Folder { get; } = folder;

    public IReadOnlyList<Feature> this[CollectionDefinition collection] => collections[collection.Id];

    public int TotalCount => collections.Values.Sum(c => c.Count);
}
