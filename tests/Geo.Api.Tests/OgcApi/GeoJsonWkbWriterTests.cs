using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.Cli;
using Geo.Api.GisData;
using Geo.Api.OgcApi;
using Geo.Core.Crs;
using Geo.Core.GisData;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// A feature read from PostGIS keeps its geometry's EWKB and is written from the bytes; its GeoJSON must be what the NTS
/// path writes for the geometry Npgsql reads from the same column (GeoJsonGeometryWriter, or GeoJSON4STJ's converter for
/// what that does not cover), byte for byte, in every output CRS and precision; and a caller that asks for the geometry
/// must get the one Npgsql reads.
/// </summary>
public sealed class GeoJsonWkbWriterTests : IAsyncLifetime
{
    private static readonly CrsDefinition[] Crss = [SupportedCrs.Crs84, SupportedCrs.Cgcs2000Geographic, SupportedCrs.GaussKruger];

    private readonly TestDatabase _database = new();

    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        SchemaMigrator.Migrate(_database.ConnectionString);
        _dataSource = PostGisDataSource.Create(_database.ConnectionString);
        await PostGisImporter.ImportAsync(_dataSource, GisDataFolder.Load(RepoPaths.GisData), null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Every_gis_data_collection_and_generated_parcels_are_written_as_the_NTS_path_writes_them()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["generate-parcels", "--count", "1500", "--seed", "3", "--connection", _database.ConnectionString], output, error, CancellationToken.None));
        var store = new PostGisFeatureStore(_dataSource);
        var written = 0;
        foreach (var collection in Catalog.All.Where(c => c.HasGeometry))
        {
            var expected = await NpgsqlGeometriesAsync(collection);
            var features = await store.QueryAsync(new FeatureQuery(collection), CancellationToken.None).ToListAsync();
            Assert.Equal(expected.Count, features.Count);
            foreach (var feature in features)
            {
                Assert.NotNull(feature.Stored);
                var nts = new Feature(feature.Id, expected[feature.Id], feature.Properties);
                foreach (var crs in Crss)
                {
                    foreach (var decimals in new int?[] { null, 0, 3, 7 })
                    {
                        Assert.Equal(Json(nts, crs, decimals), Json(feature, crs, decimals));
                        written++;
                    }
                }
            }

            // Asked for, the geometry is the one Npgsql reads (same coordinates, same kind of sequence, SRID).
            foreach (var feature in features)
            {
                Assert.True(expected[feature.Id].EqualsExact(feature.Geometry), $"{collection.Id} {feature.Id}");
                Assert.Equal(expected[feature.Id].Coordinates.First().GetType(), feature.Geometry!.Coordinates.First().GetType());
                Assert.Equal(Cgcs2000.Srid, feature.Geometry.SRID);
            }
        }

        Assert.Equal(1500L, await _database.ScalarAsync<long>("SELECT count(*) FROM parcels WHERE source LIKE 'generate-parcels%'"));
        Assert.True(written > 1500 * 12, $"{written} features written");
    }

    [Theory]
    [InlineData("POINT (108.40070584 31.24015361)")]
    [InlineData("LINESTRING (108.4 31.2, 108.41 31.21, 108.4200000001 31.22)")]
    [InlineData("POLYGON ((108 31, 108 31.1, 108.1 31.1, 108.1 31, 108 31), (108.02 31.02, 108.04 31.02, 108.04 31.04, 108.02 31.04, 108.02 31.02))")]
    [InlineData("MULTIPOLYGON (((108 31, 108.1 31, 108.1 31.1, 108 31.1, 108 31), (108.02 31.02, 108.02 31.04, 108.04 31.04, 108.04 31.02, 108.02 31.02)), ((108.2 31, 108.3 31, 108.3 31.1, 108.2 31)))")]
    [InlineData("MULTIPOLYGON (((108.18001 30.83002, 108.17999 30.83001, 108.18003 30.82998, 108.18001 30.83002)))")]
    [InlineData("MULTIPOINT ((108.1 31.2), (108.33333333 31.66666666))")]
    [InlineData("MULTILINESTRING ((108.1 31.2, 108.3 31.4), (108.55 31.65, 108.725 31.8125))")]
    [InlineData("POINT Z (108.5 31.5 3.5)")]
    [InlineData("POINT M (108.5 31.5 3.5)")]
    [InlineData("LINESTRING ZM (108.4 31.2 1 2, 108.41 31.21 1 2)")]
    [InlineData("POINT EMPTY")]
    [InlineData("POLYGON EMPTY")]
    [InlineData("MULTIPOLYGON EMPTY")]
    [InlineData("GEOMETRYCOLLECTION (POINT (108.1 31.2), LINESTRING (108.1 31.2, 108.3 31.4))")]
    public async Task Any_geometry_is_written_as_the_NTS_path_writes_it(string wkt)
    {
        await using var command = _dataSource.CreateCommand("SELECT ST_GeomFromText($1, 4490), ST_GeomFromText($1, 4490)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = wkt });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var geometry = reader.GetFieldValue<Geometry>(0);
        geometry.SRID = Cgcs2000.Srid;
        var ewkb = new byte[reader.GetBytes(1, 0, null, 0, 0)];
        reader.GetBytes(1, 0, ewkb, 0, ewkb.Length);
        var properties = new Dictionary<string, object?> { ["name"] = "x" };
        var stored = Feature.FromStored(1, new StoredGeometry(ewkb, _ => geometry), properties);
        var nts = new Feature(1, geometry, properties);
        foreach (var crs in Crss)
        {
            foreach (var decimals in new int?[] { null, 0, 2, 7 })
            {
                Assert.Equal(Json(nts, crs, decimals), Json(stored, crs, decimals));
            }
        }
    }

    private async Task<Dictionary<long, Geometry>> NpgsqlGeometriesAsync(CollectionDefinition collection)
    {
        var geometries = new Dictionary<long, Geometry>();
        await using var command = _dataSource.CreateCommand($"SELECT id, geom FROM {PostGisColumns.Quote(collection.TableName)}");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var geometry = reader.GetFieldValue<Geometry>(1);
            geometry.SRID = Cgcs2000.Srid;
            geometries.Add(reader.GetInt64(0), geometry);
        }

        return geometries;
    }

    private static string Json(Feature feature, CrsDefinition crs, int? decimals)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, GeoJsonFeatureWriter.WriterOptions))
        {
            GeoJsonFeatureWriter.WriteFeature(writer, feature, crs, decimals: decimals);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
