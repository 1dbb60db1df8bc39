using Geo.Core.Accounts;
using Geo.Core.Formats;
using Geo.Core.Stores;
using NetTopologySuite.Geometries.Prepared;

namespace Geo.Core.Imports;

/// <summary>What an import was told: the source file's CRS/encoding/web-map datum, field map and constants.</summary>
public sealed record FileImportRequest(
    string? Crs, string? Encoding, WebMapDatum? From, IReadOnlyDictionary<string, string> Map, IReadOnlyDictionary<string, string> Constants, bool DryRun);

/// <summary>A read and validated file: the layer as read and the plan of what would be written.</summary>
public sealed record FileImportCheck(ImportedLayer Layer, ImportPlan Plan);

/// <summary>
/// The one import pipeline, shared by the CLI and <c>POST /api/imports</c>: read the file, validate every row against
/// the catalog and the district, then (when nothing is refused) hand the plan to the store's
/// <see cref="ICollectionImporter"/>. Nothing is written before every row has been checked.
/// </summary>
public static class FileImport
{
    /// <summary>Reads and validates; a file that cannot be read at all throws <see cref="FileInputException"/>.</summary>
    /// <param name="read">The formats and limits to read under (the GeoJSON reader, the unpacked size); the request's CRS, encoding and datum are added.</param>
    public static async Task<FileImportCheck> CheckAsync(
        string path, string? displayName, CollectionDefinition collection, FileImportRequest request, IFeatureStore districtSource,
        FileReadOptions read, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        var layer = FeatureFile.Read(
            path,
            read with { Crs = request.Crs, Encoding = request.Encoding, From = request.From, DisplayName = displayName },
            cancellationToken);
        progress?.Report($"{layer.Features.Count:N0} features in {layer.SourceCrs.Title} (CRS from {layer.CrsSource}); validating against {collection.Id}");
        var district = await DistrictAsync(districtSource, cancellationToken).ConfigureAwait(false);
        return new FileImportCheck(layer, ImportPreparation.Prepare(layer, collection, request.Map, request.Constants, district));
    }

    /// <summary>
    /// Reads, validates and writes in one pass without holding the file (a 1,000,000-row shapefile in bounded memory):
    /// each valid row goes to <paramref name="importer"/> as it is read; after a refused row nothing more is sent but
    /// every row is still checked, and the importer then writes nothing. A web-map repair needs the whole layer: use
    /// <see cref="CheckAsync"/> for it.
    /// </summary>
    /// <param name="written">Rows sent so far and the file's feature count.</param>
    /// <returns>The layer's description, the plan (its rows counted, not kept) and the ids given, null when nothing was written.</returns>
    public static async Task<(ImportedLayer Layer, ImportPlan Plan, ImportedIds? Ids)> StreamAsync(
        string path, CollectionDefinition collection, FileImportRequest request, IFeatureStore districtSource, FileReadOptions read,
        IStreamingCollectionImporter importer, string? user, string via, IProgress<string>? progress, Func<int, IProgress<int>>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(read);
        using var stream = FeatureFile.Open(path, read with { Crs = request.Crs, Encoding = request.Encoding }, cancellationToken);
        progress?.Report($"{stream.Count:N0} features in {stream.Layer.SourceCrs.Title} (CRS from {stream.Layer.CrsSource}); validating against {collection.Id} and writing as it reads");
        var rows = new ImportRows(stream.File, collection, stream.Fields, request.Map, request.Constants, await DistrictAsync(districtSource, cancellationToken).ConfigureAwait(false));
        var ids = await importer.AppendAsync(stream.File, collection, Valid(stream, rows), stream.Count, () => rows.Read == 0
            ? throw new FileInputException(stream.File, "the file holds no features")
            : rows.Plan(), user, via, written?.Invoke(stream.Count), cancellationToken).ConfigureAwait(false);
        return (stream.Layer, rows.Plan(), ids);
    }

    /// <summary>The valid rows while none has been refused; after the first refusal the rest are only checked.</summary>
    private static IEnumerable<PreparedFeature> Valid(FeatureStream stream, ImportRows rows)
    {
        foreach (var feature in stream.Features)
        {
            if (rows.Prepare(feature) is { } prepared && !rows.AnyRefused)
            {
                yield return prepared;
            }
        }
    }

    /// <summary>开州区界 from the store, prepared for many point-in-area tests; null when the store has none.</summary>
    private static async Task<IPreparedGeometry?> DistrictAsync(IFeatureStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var page = await store.QueryPageAsync(new FeatureQuery(Catalog.District), cancellationToken).ConfigureAwait(false);
        var parts = new List<NetTopologySuite.Geometries.Geometry>();
        await foreach (var feature in page.Features.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (feature.Geometry is { } geometry)
            {
                parts.Add(geometry);
            }
        }

        return parts.Count == 0 ? null
            : PreparedGeometryFactory.Prepare(parts.Count == 1 ? parts[0] : Cgcs2000.GeometryFactory.BuildGeometry(parts).Union());
    }
}
