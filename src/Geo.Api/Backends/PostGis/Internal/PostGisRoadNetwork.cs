using Geo.Core.Crs;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Distances along the <c>roads</c> table with pgRouting (<c>pgr_withPointsCost</c>, undirected, cost = length in EPSG:4545).
/// The origin and each feature join the network in a straight line at the nearest point of the nearest road; road lines
/// must be split where they meet. An origin that a road crosses joins it at distance 0 where GEOS first finds the overlap. Node ids are a hash of the node's position, so the edge SQL needs no prepared topology.
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
        // Each end joins the road nearest to it at the nearest point on that road (edge and fraction along it, measured in
        // EPSG:4545 like the edge costs), and pgr_withPointsCost routes between those points: a facility beside the middle
        // of a long road is reached along that road, not via whichever road node happens to be nearest in a straight line.
        // The origin is point -1, the features -2, -3, …; node ids are never negative.
        await using var command = dataSource.CreateCommand(
            $"""
            WITH road AS (SELECT id, ST_Transform(geom, {GaussKruger108.Srid}) AS g FROM roads),
            here AS (
                SELECT r.id AS edge, ST_LineLocatePoint(r.g, ST_ClosestPoint(r.g, o.g)) AS fraction, ST_Distance(r.g, o.g) AS d
                FROM road r, (SELECT ST_Transform($1, {GaussKruger108.Srid}) AS g) o
                ORDER BY 3, 1 LIMIT 1),
            there AS (
                SELECT t.id, 1 + row_number() OVER (ORDER BY t.id) AS pid, n.edge, n.fraction, n.d
                FROM {PostGisColumns.Quote(layer.TableName)} t
                CROSS JOIN LATERAL (
                    SELECT r.id AS edge, ST_LineLocatePoint(r.g, ST_ClosestPoint(r.g, f.g)) AS fraction, ST_Distance(r.g, f.g) AS d
                    FROM road r, (SELECT ST_Transform(t.geom, {GaussKruger108.Srid}) AS g) f
                    ORDER BY 3, 1 LIMIT 1) n),
            -- pgRouting 3.4 answers nothing at all once a point lies exactly on a node (fraction 0 or 1, as for anything
            -- beyond a road's end), so such points move 1e-9 of the edge inwards: micrometres on any road.
            points AS (
                SELECT pid, edge, LEAST(GREATEST(fraction, 1e-9), 1 - 1e-9) AS fraction
                FROM (SELECT 1 AS pid, edge, fraction FROM here UNION ALL SELECT pid, edge, fraction FROM there) p),
            costs AS (
                SELECT -end_pid AS pid, agg_cost FROM pgr_withPointsCost(
                    $3,
                    (SELECT 'SELECT * FROM (VALUES ' || string_agg(format('(%s::bigint, %s::bigint, %s::float8)', pid, edge, fraction), ', ')
                        || ') AS p (pid, edge_id, fraction)' FROM points),
                    -1, (SELECT array_agg(-pid) FROM there), directed => false)),
            total AS (
                SELECT there.id, here.d + there.d + costs.agg_cost AS d
                FROM there CROSS JOIN here JOIN costs USING (pid))
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
