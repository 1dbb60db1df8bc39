using Geo.Core.GisData;
using Npgsql;
using NpgsqlTypes;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Replaces the contents of every collection table with a validated <see cref="GisDataSet"/> in one transaction:
/// either all collections are replaced or, on any error, none is. Importing the same data twice leaves the same rows.
/// </summary>
internal static class PostGisImporter
{
    public static async Task<IReadOnlyDictionary<string, int>> ImportAsync(
        NpgsqlDataSource dataSource, GisDataSet data, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(data);
        var counts = new Dictionary<string, int>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var collection in Catalog.All)
        {
            var features = data[collection];
            progress?.Report($"{collection.TableName}: writing {features.Count} rows");
            await using (var truncate = new NpgsqlCommand($"TRUNCATE {PostGisColumns.Quote(collection.TableName)}", connection, transaction))
            {
                await truncate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await CopyAsync(connection, collection, features, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw new DataValidationException([new DataError(collection.FileName, "database", $"rejected by PostGIS: {e.MessageText}")]);
            }

            counts[collection.Id] = features.Count;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return counts;
    }

    /// <summary>Binary COPY of <paramref name="features"/> (read as they are written) into the collection's table.</summary>
    internal static async Task CopyAsync(NpgsqlConnection connection, CollectionDefinition collection, IEnumerable<Feature> features, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", PostGisColumns.AllColumns(collection).Select(PostGisColumns.Quote));
        var writer = await connection.BeginBinaryImportAsync(
            $"COPY {PostGisColumns.Quote(collection.TableName)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var feature in features)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(feature.Id, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                if (collection.HasGeometry)
                {
                    await writer.WriteAsync(feature.Geometry!, NpgsqlDbType.Geometry, cancellationToken).ConfigureAwait(false);
                }

                foreach (var property in collection.Properties)
                {
                    await PostGisColumns.WriteValueAsync(writer, property.Type, feature[property.Name], cancellationToken).ConfigureAwait(false);
                }
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
