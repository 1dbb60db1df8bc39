using Geo.Core.Crs;
using Geo.Core.Domain;
using Geo.Core.Stores.PostGis;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Geo.Core.Analysis;

/// <summary>
/// Distances along the <c>roads</c> table with pgRouting (<c>pgr_dijkstraCost</c>, undirected, cost = length in EPSG:4545).
/// The origin and each feature join the network at their nearest road node, in a straight line; road lines must be
/// split where they meet. Node ids are a hash of the node's position, so the edge SQL needs no prepared topology.
/// </summary>
internal static class PostGisRoadNetwork
{
    private const string NodeId = "('x' || left(md5(ST_AsText(ST_SnapToGrid({0}, 1e-7))), 15))::bit(60)::bigint";

    private static readonly string Edges =
        $"SELECT id, {string.Format(System.Globalization.CultureInfo.InvariantCulture, NodeId, "ST_StartPoint(geom)")} AS source, "
        + $"{string.Format(System.Globalization.CultureInfo.InvariantCulture, NodeId, "ST_EndPoint(geom)")} AS target, "
        + $"ST_Length(ST_Transform(geom, {GaussKruger108.Srid})) AS cost FROM roads";

    public static async Task<bool> IsLoadedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT to_regclass('roads') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting')");
        if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            return false;
        }

        command.CommandText = "SELECT EXISTS (SELECT 1 FROM roads)";
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public static async Task<IReadOnlyList<Nearby>> WithinAsync(
        NpgsqlDataSource dataSource, Geometry origin, CollectionDefinition layer, double metres, CancellationToken cancellationToken)
    {
        var start = string.Format(System.Globalization.CultureInfo.InvariantCulture, NodeId, "ST_StartPoint(geom)");
        var end = string.Format(System.Globalization.CultureInfo.InvariantCulture, NodeId, "ST_EndPoint(geom)");
        await using var command = dataSource.CreateCommand(
            $"""
            WITH nodes AS (
                SELECT DISTINCT ON (node) node, p FROM (
                    SELECT {start} AS node, ST_StartPoint(geom) AS p FROM roads
                    UNION ALL SELECT {end}, ST_EndPoint(geom) FROM roads) n),
            here AS (
                SELECT node, ST_Distance(ST_Transform(p, {GaussKruger108.Srid}), ST_Transform($1, {GaussKruger108.Srid})) AS d
                FROM nodes ORDER BY 2, 1 LIMIT 1),
            there AS (
                SELECT t.id, n.node, n.d FROM {PostGisColumns.Quote(layer.TableName)} t
                CROSS JOIN LATERAL (
                    SELECT node, ST_Distance(ST_Transform(p, {GaussKruger108.Srid}), ST_Transform(t.geom, {GaussKruger108.Srid})) AS d
                    FROM nodes ORDER BY 2, 1 LIMIT 1) n),
            costs AS (
                SELECT end_vid, agg_cost FROM pgr_dijkstraCost($3, (SELECT node FROM here), (SELECT array_agg(DISTINCT node) FROM there), directed => false)),
            total AS (
                SELECT there.id, here.d + there.d + CASE WHEN there.node = here.node THEN 0 ELSE costs.agg_cost END AS d
                FROM there CROSS JOIN here LEFT JOIN costs ON costs.end_vid = there.node)
            SELECT {PostGisColumns.SelectList(layer)}, total.d
            FROM {PostGisColumns.Quote(layer.TableName)} JOIN total USING (id)
            WHERE total.d <= $2
            ORDER BY total.d, id
            """);
        command.Parameters.Add(new NpgsqlParameter<Geometry> { TypedValue = origin });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = metres });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Edges });
        return await PostGisSpatialAnalysis.ReadNearbyAsync(command, layer, cancellationToken).ConfigureAwait(false);
    }
}
