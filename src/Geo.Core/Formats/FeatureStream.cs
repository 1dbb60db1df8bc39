namespace Geo.Core.Formats;

/// <summary>
/// An opened file whose features are read, checked and turned into storage coordinates as they are enumerated
/// (<see cref="FeatureFile.Open"/>); disposing it deletes what a zip was unpacked to.
/// </summary>
public sealed class FeatureStream : IDisposable
{
    private readonly SourceLayer _source;
    private readonly DirectoryInfo? _unpacked;

    internal FeatureStream(string file, FileFormat format, SourceLayer source, DirectoryInfo? unpacked)
    {
        _source = source;
        _unpacked = unpacked;
        Layer = new ImportedLayer(file, format, source.Crs, source.CrsSource, source.Encoding, []);
    }

    /// <summary>The file's name, format, CRS and encoding; its <see cref="ImportedLayer.Features"/> are empty (they are in <see cref="Features"/>).</summary>
    public ImportedLayer Layer { get; }

    public string File => Layer.File;

    /// <summary>The attribute names: declared by the file (a shapefile's DBF fields), or every name a feature has.</summary>
    public IReadOnlyList<string> Fields => _source.Fields ?? [.. _source.Features.SelectMany(f => f.Properties.Keys).Distinct(StringComparer.Ordinal)];

    /// <summary>How many features the file holds or declares, before reading them (a shapefile's deleted records included).</summary>
    public int Count => _source.Declared ?? _source.Features.Count();

    /// <summary>The features in storage coordinates, in file order; a bad one throws <see cref="FileInputException"/> naming its row.</summary>
    public IEnumerable<ImportedFeature> Features => _source.Features.Select(f => FeatureFile.ToStorage(f, _source, File));

    public void Dispose() => _unpacked?.Delete(recursive: true);
}
