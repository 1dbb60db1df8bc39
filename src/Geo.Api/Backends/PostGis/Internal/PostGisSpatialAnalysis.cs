using Geo.Core.Crs;
using Geo.Core.Filters;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// The spatial questions as PostGIS SQL: cut in EPSG:4490 with <c>ST_Intersection</c>, measured with
/// <c>ST_Area(ST_Transform(…, 4545))</c>. Every value is a parameter; only catalog names (checked) reach the SQL text.
/// </summary>
internal sealed class PostGisSpatialAnalysis(NpgsqlDataSource dataSource) : ISpatialAnalysis
{
    public async Task<IReadOnlyList<Overlap>> IntersectionsAsync(
        Geometry subject, CollectionDefinition layer, FilterExpression? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter<Geometry> { TypedValue = Storage(subject) });
        var extra = layer.Properties.Count + 2;
        command.CommandText =
            $"""
            SELECT {PostGisColumns.SelectList(layer)}, cut, ST_Area(ST_Transform(cut, {GaussKruger108.Srid})), ST_Area(ST_Transform(geom, {GaussKruger108.Srid}))
            FROM (SELECT *, ST_Intersection(geom, $1) AS cut FROM {PostGisColumns.Quote(layer.TableName)}
                  WHERE geom && $1 AND ST_Intersects(geom, $1) {FilterSql(layer, filter, command)}) x
            ORDER BY id
            """;
        var overlaps = new List<Overlap>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var feature = PostGisColumns.ReadFeature(layer, reader);
            overlaps.Add(new Overlap(feature, ReadGeometry(reader, extra), new Area(reader.GetDouble(extra + 1)), new Area(reader.GetDouble(extra + 2))));
        }

        return overlaps;
    }

    public async Task<IReadOnlyList<ClassOverlap>> ClassIntersectionsAsync(
        Geometry subject, CollectionDefinition layer, string classProperty, FilterExpression? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ClassOverlap.EnsureClassProperty(layer, classProperty);
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter<Geometry> { TypedValue = Storage(subject) });
        command.CommandText =
            $"""
            SELECT cls, cut, ST_Area(ST_Transform(cut, {GaussKruger108.Srid})), n
            FROM (SELECT coalesce({PostGisColumns.Quote(classProperty)}, '') AS cls, ST_Intersection(ST_Union(geom), $1) AS cut, count(*)::int AS n
                  FROM {PostGisColumns.Quote(layer.TableName)}
                  WHERE geom && $1 AND ST_Intersects(geom, $1) {FilterSql(layer, filter, command)}
                  GROUP BY 1) x
            ORDER BY cls COLLATE "C"
            """;
        var classes = new List<ClassOverlap>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            classes.Add(new ClassOverlap(reader.GetString(0), ReadGeometry(reader, 1), new Area(reader.GetDouble(2)), reader.GetInt32(3)));
        }

        return classes;
    }

    public async Task<(Geometry Outside, Area Area)> DifferenceAsync(
        Geometry subject, CollectionDefinition layer, FilterExpression? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter<Geometry> { TypedValue = Storage(subject) });
        command.CommandText =
            $"""
            SELECT d, ST_Area(ST_Transform(d, {GaussKruger108.Srid}))
            FROM (SELECT CASE WHEN u IS NULL THEN $1 ELSE ST_Difference($1, u) END AS d
                  FROM (SELECT ST_Union(geom) AS u FROM {PostGisColumns.Quote(layer.TableName)}
                        WHERE geom && $1 AND ST_Intersects(geom, $1) {FilterSql(layer, filter, command)}) c) x
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (ReadGeometry(reader, 0), new Area(reader.GetDouble(1)));
    }

    public async Task<IReadOnlyList<Nearby>> WithinDistanceAsync(
        Geometry origin, CollectionDefinition layer, double metres, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (await RoadNetworkAsync(cancellationToken).ConfigureAwait(false))
        {
            return await PostGisRoadNetwork.WithinAsync(dataSource, Storage(origin), layer, metres, cancellationToken).ConfigureAwait(false);
        }

        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {PostGisColumns.SelectList(layer)}, d
            FROM (SELECT *, ST_Distance(ST_Transform(geom, {GaussKruger108.Srid}), ST_Transform($1, {GaussKruger108.Srid})) AS d
                  FROM {PostGisColumns.Quote(layer.TableName)}) x
            WHERE d <= $2
            ORDER BY d, id
            """);
        command.Parameters.Add(new NpgsqlParameter<Geometry> { TypedValue = Storage(origin) });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = metres });
        return await ReadNearbyAsync(command, layer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads rows of a layer's columns followed by a distance column, as both straight-line and road queries return them.</summary>
    internal static async Task<List<Nearby>> ReadNearbyAsync(NpgsqlCommand command, CollectionDefinition layer, CancellationToken cancellationToken)
    {
        var distanceOrdinal = layer.Properties.Count + 2;
        var nearby = new List<Nearby>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            nearby.Add(new Nearby(PostGisColumns.ReadFeature(layer, reader), reader.GetDouble(distanceOrdinal)));
        }

        return nearby;
    }

    public Task<bool> RoadNetworkAsync(CancellationToken cancellationToken) => PostGisRoadNetwork.IsLoadedAsync(dataSource, cancellationToken);

    /// <summary>The filter as the items endpoints run it, after the subject's parameter $1.</summary>
    private static string FilterSql(CollectionDefinition layer, FilterExpression? filter, NpgsqlCommand command)
    {
        if (filter is null)
        {
            return string.Empty;
        }

        FilterTypeChecker.Check(filter, layer);
        return "AND " + new SqlFilterTranslator(command.Parameters, layer).Translate(filter);
    }

    private static Geometry Storage(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var copy = geometry.Copy();
        copy.SRID = Cgcs2000.Srid;
        return copy;
    }

    private static Geometry ReadGeometry(NpgsqlDataReader reader, int ordinal)
    {
        var geometry = reader.GetFieldValue<Geometry>(ordinal);
        geometry.SRID = Cgcs2000.Srid;
        return geometry;
    }
}
