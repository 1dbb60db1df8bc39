using Geo.Api.OgcApi.Tiles;
using Geo.Core.Domain;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Vector tiles made in the database with ST_AsMVT, in one statement. Rows are chosen in the storage CRS (EPSG:4490)
/// against the tile envelope transformed to it, so the GiST index on <c>geom</c> answers; only the chosen rows are
/// transformed to EPSG:3857, simplified to one tile unit (a coarser outline at low zoom) and clipped.
/// </summary>
internal sealed class PostGisVectorTiles(NpgsqlDataSource dataSource) : IVectorTileSource
{
    public async Task<VectorTileAnswer> GetTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(tile);
        await using var command = dataSource.CreateCommand(Sql(collection));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Z });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.X });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Y });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxFeatures });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = tile.UnitMetres });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var matched = reader.GetInt64(0);
        if (matched > maxFeatures)
        {
            return VectorTileAnswer.TooManyFeatures;
        }

        // ST_AsMVT of no row is an empty bytea (or null): no feature was left after clipping.
        var bytes = reader.IsDBNull(1) ? [] : reader.GetFieldValue<byte[]>(1);
        return bytes.Length == 0 ? VectorTileAnswer.Empty : new VectorTileAnswer(bytes, (int)matched);
    }

    /// <summary>
    /// $1 z, $2 x, $3 y, $4 the feature limit, $5 one tile unit in metres. One pass: the rows are read up to one past
    /// the limit and counted by the same aggregate that encodes them, so a tile within the limit costs what the bare
    /// ST_AsMVT query does (bench/tiles.sh), and an over-full one at most the limit's worth of rows.
    /// </summary>
    private static string Sql(CollectionDefinition collection)
    {
        var table = PostGisColumns.Quote(collection.TableName);
        var properties = string.Concat(TileProperties.For(collection).Select(p => ", " + PostGisColumns.Quote(p.Name)));
        return $"""
            SELECT count(*), ST_AsMVT(s, '{collection.Id}', {TileAddress.Extent}, 'geom', 'id') FILTER (WHERE s.geom IS NOT NULL)
            FROM (
                SELECT t.id{properties},
                       ST_AsMVTGeom(ST_Simplify(ST_Transform(t.geom, 3857), $5, true), ST_TileEnvelope($1, $2, $3), {TileAddress.Extent}, {TileAddress.Buffer}, true) AS geom
                FROM {table} t
                WHERE t.geom && ST_Transform(ST_TileEnvelope($1, $2, $3), 4490) AND ST_Intersects(t.geom, ST_Transform(ST_TileEnvelope($1, $2, $3), 4490))
                LIMIT $4 + 1) s
            """;
    }
}
