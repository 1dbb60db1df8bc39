using Geo.Core.Accounts;
using Geo.Core.Crs;
using Geo.Core.Domain;
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
    public static async Task<FileImportCheck> CheckAsync(
        string path, string? displayName, CollectionDefinition collection, FileImportRequest request, IFeatureStore districtSource,
        long maxUnpackedBytes, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(request);
        var layer = FeatureFile.Read(
            path,
            new FileReadOptions { Crs = request.Crs, Encoding = request.Encoding, From = request.From, DisplayName = displayName, MaxUnpackedBytes = maxUnpackedBytes },
            cancellationToken);
        progress?.Report($"{layer.Features.Count:N0} features in {layer.SourceCrs.Title} (CRS from {layer.CrsSource}); validating against {collection.Id}");
        var district = await DistrictAsync(districtSource, cancellationToken).ConfigureAwait(false);
        return new FileImportCheck(layer, ImportPreparation.Prepare(layer, collection, request.Map, request.Constants, district));
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
