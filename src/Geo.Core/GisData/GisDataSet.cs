namespace Geo.Core.GisData;

/// <summary>Every collection of a gis-data folder, validated, each sorted by id.</summary>
/// <param name="contentHash">A hash of the files' bytes, which changes whenever any file does.</param>
public sealed class GisDataSet(string folder, IReadOnlyDictionary<string, IReadOnlyList<Feature>> collections, string contentHash = "")
{
    public string Folder { get; } = folder;

    public string ContentHash { get; } = contentHash;

    public IReadOnlyList<Feature> this[CollectionDefinition collection] => collections[collection.Id];

    public int TotalCount => collections.Values.Sum(c => c.Count);
}
