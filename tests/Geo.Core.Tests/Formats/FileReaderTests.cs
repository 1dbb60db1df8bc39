using System.Globalization;
using System.IO.Compression;
using Geo.Api.Formats.GeoJson;
using NetTopologySuite.Algorithm.Distance;

namespace Geo.Core.Tests.Formats;

/// <summary>
/// Files GDAL wrote (a GBK shapefile, zipped and loose, a GeoPackage, a CSV, GeoJSON) read back with the same count,
/// attributes and coordinates as GDAL/PROJ's own transform of the source to EPSG:4490; and each bad file refused with
/// its file, row, field and reason.
/// </summary>
public sealed class FileReaderTests(GdalMadeFiles files) : IClassFixture<GdalMadeFiles>
{
    // 1e-9° is about 0.1 mm; ProjNET and PROJ agree on Gauss-Krüger far closer than that.
    private const double Degrees = 1e-9;

    private static ImportedLayer Read(string path, FileReadOptions? options = null) =>
        FeatureFile.Read(path, (options ?? new FileReadOptions()) with { GeoJson = GeoJsonFileReader.Instance }, CancellationToken.None);

    private async Task<string> Ogr2OgrAsync(string name, params string[] args)
    {
        var folder = Directory.CreateDirectory(files.Path2(Guid.NewGuid().ToString("N")[..8])).FullName;
        var path = Path.Combine(folder, name);
        await Gdal.RunAsync("ogr2ogr", [.. args[..2], path, files.Source, .. args[2..]]);
        return path;
    }

    private Task<string> GbkShapefileAsync() => Ogr2OgrAsync("parcels.shp", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936");

    private void AssertSameParcels(ImportedLayer layer)
    {
        Assert.Equal(GdalMadeFiles.Rows.Length, layer.Features.Count);
        foreach (var (dlmc, bsm, tbmj) in GdalMadeFiles.Rows)
        {
            var feature = Assert.Single(layer.Features, f => Convert.ToInt32(f.Properties["BSM"], CultureInfo.InvariantCulture) == bsm);
            Assert.Equal(dlmc, feature.Properties["DLMC"]);
            Assert.Equal(tbmj, Convert.ToDouble(feature.Properties["TBMJ"], CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal(4490, feature.Geometry.SRID);
            var expected = files.Expected[bsm];
            Assert.Equal(expected.NumPoints, feature.Geometry.NumPoints);
            Assert.True(DiscreteHausdorffDistance.Distance(expected, feature.Geometry) < Degrees,
                $"parcel {bsm}: {feature.Geometry} differs from GDAL's {expected}");
        }
    }

    [Fact]
    public async Task A_GBK_shapefile_with_a_cpg_reads_back_equal()
    {
        var layer = Read(await GbkShapefileAsync());

        AssertSameParcels(layer);
        Assert.Equal(FileFormat.Shapefile, layer.Format);
        Assert.Equal(4545, layer.SourceCrs.Epsg);
        Assert.Equal(".prj", layer.CrsSource);
        Assert.Contains(".cpg", layer.Encoding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_cpg_the_DBF_language_driver_and_then_GBK_decide()
    {
        var shp = await GbkShapefileAsync();
        File.Delete(Path.ChangeExtension(shp, ".cpg"));

        var byDefault = Read(shp);
        AssertSameParcels(byDefault);
        Assert.Contains("default (GBK)", byDefault.Encoding, StringComparison.Ordinal);

        // GDAL leaves the language-driver byte 0; 0x4D is what ArcGIS writes for GBK.
        await using (var dbf = File.OpenWrite(Path.ChangeExtension(shp, ".dbf")))
        {
            dbf.Position = 29;
            dbf.WriteByte(0x4D);
        }

        var byDriver = Read(shp);
        AssertSameParcels(byDriver);
        Assert.Contains("language driver 0x4D", byDriver.Encoding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zipped_shapefile_reads_back_equal()
    {
        var shp = await GbkShapefileAsync();
        var zip = files.Path2($"{Guid.NewGuid():N}.zip");
        ZipFile.CreateFromDirectory(Path.GetDirectoryName(shp)!, zip);

        var layer = Read(zip, new FileReadOptions { DisplayName = "红线.zip" });

        AssertSameParcels(layer);
        Assert.Equal("红线.zip/parcels.shp", layer.File);
    }

    [Fact]
    public void A_file_polygon_outside_its_CRS_area_of_use_is_refused_not_measured()
    {
        // Inside EPSG:4545's projected bounds, but near the pole once transformed: as the HTTP battery's drawn polygon.
        var folder = Directory.CreateDirectory(files.Path2(Guid.NewGuid().ToString("N")[..8])).FullName;
        var csv = Path.Combine(folder, "pole.csv");
        File.WriteAllText(csv, "WKT,name\n\"POLYGON((100000 9900000,800000 9900000,800000 9990000,100000 9990000,100000 9900000))\",极地\n");

        var error = Assert.Throws<FileInputException>(() => Read(csv, new FileReadOptions { Crs = "EPSG:4545" }));

        Assert.Equal("geometry", error.Field);
        Assert.Contains("area of use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GeoPackage_reads_back_equal()
    {
        var layer = Read(await Ogr2OgrAsync("parcels.gpkg", "-f", "GPKG"));

        AssertSameParcels(layer);
        Assert.Equal(4545, layer.SourceCrs.Epsg);
    }

    [Fact]
    public async Task A_WKT_CSV_reads_back_equal_with_its_crs_said()
    {
        var csv = await Ogr2OgrAsync("parcels.csv", "-f", "CSV", "-lco", "GEOMETRY=AS_WKT");

        AssertSameParcels(Read(csv, new FileReadOptions { Crs = "EPSG:4545" }));
        var error = Assert.Throws<FileInputException>(() => Read(csv));
        Assert.Equal("crs", error.Field);
    }

    [Fact]
    public async Task GeoJSON_reads_back_equal_in_lon_lat_and_with_a_crs_member()
    {
        AssertSameParcels(Read(await Ogr2OgrAsync("parcels.geojson", "-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "COORDINATE_PRECISION=12")));
        AssertSameParcels(Read(files.Source));
    }

    [Fact]
    public void A_GBK_lon_lat_CSV_is_detected_and_read()
    {
        var path = files.Path2($"{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, System.Text.CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes("名称,经度,纬度\n汉丰湖,108.4087008,31.1697942\n"));

        var feature = Assert.Single(Read(path).Features);

        Assert.Equal("汉丰湖", feature.Properties["名称"]);
        Assert.Equal(108.4087008, feature.Geometry.Coordinate.X, 1e-12);
    }

    [Fact]
    public async Task A_wrong_encoding_names_the_row_and_field_with_replacement_characters()
    {
        var shp = await GbkShapefileAsync();
        var error = Assert.Throws<FileInputException>(() => Read(shp, new FileReadOptions { Encoding = "utf-8" }));

        Assert.Equal(1, error.Row);
        Assert.Equal("DLMC", error.Field);
        Assert.Contains("replacement characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_shp_is_refused()
    {
        var shp = await GbkShapefileAsync();
        await using (var stream = File.OpenWrite(shp))
        {
            stream.SetLength(stream.Length - 40);
        }

        var error = Assert.Throws<FileInputException>(() => Read(shp));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("parcels.shp:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dbf_whose_row_count_differs_from_the_shp_is_refused()
    {
        var shp = await GbkShapefileAsync();
        var fewer = await Ogr2OgrAsync("fewer.shp", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", "-where", "BSM < 3");
        File.Copy(Path.ChangeExtension(fewer, ".dbf"), Path.ChangeExtension(shp, ".dbf"), overwrite: true);

        var error = Assert.Throws<FileInputException>(() => Read(shp));
        Assert.Contains("the .dbf has 2 rows but the .shp has 3 shapes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_prj_without_a_crs_is_refused_and_a_crs_fixes_it()
    {
        var shp = await GbkShapefileAsync();
        File.Delete(Path.ChangeExtension(shp, ".prj"));

        var error = Assert.Throws<FileInputException>(() => Read(shp));
        Assert.Equal("crs", error.Field);
        Assert.Contains(".prj is missing", error.Message, StringComparison.Ordinal);
        AssertSameParcels(Read(shp, new FileReadOptions { Crs = "EPSG:4545" }));
    }

    [Fact]
    public async Task Xian_1980_and_unknown_CRSs_are_refused_with_what_to_supply()
    {
        var xian = Assert.Throws<FileInputException>(() => Read(files.Source, new FileReadOptions { Crs = "EPSG:2381" }));
        Assert.Contains("Xian 1980", xian.Message, StringComparison.Ordinal);
        Assert.Contains("no published transformation", xian.Message, StringComparison.Ordinal);

        var shp = await Ogr2OgrAsync("xian.shp", "-f", "ESRI Shapefile", "-a_srs", "EPSG:2381");
        Assert.Contains("Xian 1980", Assert.Throws<FileInputException>(() => Read(shp)).Message, StringComparison.Ordinal);

        var beijing = Assert.Throws<FileInputException>(() => Read(files.Source, new FileReadOptions { Crs = "EPSG:2431" }));
        Assert.Contains("Beijing 1954", beijing.Message, StringComparison.Ordinal);

        var utm = Assert.Throws<FileInputException>(() => Read(files.Source, new FileReadOptions { Crs = "EPSG:32649" }));
        Assert.Contains("EPSG:4490", utm.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_entry_climbing_out_with_dot_dot_is_refused()
    {
        var zip = files.Path2($"{Guid.NewGuid():N}.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("../../evil.csv").Open());
            writer.Write("lon,lat\n108.4,31.2\n");
        }

        var error = Assert.Throws<FileInputException>(() => Read(zip));
        Assert.Contains("'../../evil.csv' points outside the archive", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "..", "evil.csv")));
    }

    [Fact]
    public void A_zip_declaring_more_than_the_limit_is_refused_before_unpacking()
    {
        var zip = files.Path2($"{Guid.NewGuid():N}.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var stream = archive.CreateEntry("big.csv").Open();
            stream.Write(new byte[1_000_000]);
        }

        Assert.True(new FileInfo(zip).Length < 10_000);
        var error = Assert.Throws<FileInputException>(() => Read(zip, new FileReadOptions { MaxUnpackedBytes = 100_000 }));
        Assert.Contains("more than 100,000 bytes", error.Message, StringComparison.Ordinal);
    }
}
