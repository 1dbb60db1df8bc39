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

        var bytes = reader.IsDBNull(1) ? [] : reader.GetFieldValue<byte[]>(1);
        var written = reader.IsDBNull(2) ? 0 : reader.GetInt32(2);
        return bytes.Length == 0 || written == 0 ? VectorTileAnswer.Empty : new VectorTileAnswer(bytes, written);
    }

    /// <summary>
    /// $1 z, $2 x, $3 y, $4 the feature limit, $5 one tile unit in metres. <c>hits</c> reads one row past the limit so
    /// that an over-full tile costs at most that many rows, and the tile is only encoded when under it.
    /// </summary>
    private static string Sql(CollectionDefinition collection)
    {
        var table = PostGisColumns.Quote(collection.TableName);
        var properties = string.Concat(TileProperties.For(collection).Select(p => ", " + PostGisColumns.Quote(p.Name)));
        return $"""
            WITH envelope AS (SELECT ST_TileEnvelope($1, $2, $3) AS tile, ST_Transform(ST_TileEnvelope($1, $2, $3), 4490) AS storage),
            hits AS MATERIALIZED (
                SELECT t.id, t.geom{properties} FROM {table} t, envelope e
                WHERE t.geom && e.storage AND ST_Intersects(t.geom, e.storage)
                LIMIT $4 + 1),
            shaped AS (
                SELECT h.id{properties},
                       ST_AsMVTGeom(ST_Simplify(ST_Transform(h.geom, 3857), $5, true), e.tile, {TileAddress.Extent}, {TileAddress.Buffer}, true) AS geom
                FROM hits h, envelope e)
            SELECT (SELECT count(*) FROM hits),
                   CASE WHEN (SELECT count(*) FROM hits) <= $4
                        THEN (SELECT ST_AsMVT(s, '{collection.Id}', {TileAddress.Extent}, 'geom', 'id') FROM shaped s WHERE s.geom IS NOT NULL) END,
                   CASE WHEN (SELECT count(*) FROM hits) <= $4
                        THEN (SELECT count(*)::int FROM shaped s WHERE s.geom IS NOT NULL) END
            """;
    }
}
