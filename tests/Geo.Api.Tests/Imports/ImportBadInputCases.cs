using System.IO.Compression;
using static Geo.Api.Tests.Analysis.RedLineFiles;

namespace Geo.Api.Tests.Imports;

/// <summary>
/// The bad inputs sent to <c>POST /api/imports</c> on both stores: each is a 4xx problem+json naming the
/// parameter, the file and the reason, and the collection's rows and the audit trail are as they were.
/// </summary>
public abstract class ImportBadInputCases(ServiceFactory factory) : ImportTestBase(factory), IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("import-bad-");

    public static TheoryData<string> Cases() =>
    [
        "truncated shp", "dbf rows differ", "missing prj", "unknown crs", "TXT point count", "unclosed ring",
        "outside the CRS", "zip slip", "wrong encoding", "no collection", "mapping not JSON", "mapping to no property",
    ];

    public void Dispose()
    {
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_file_is_a_4xx_naming_file_and_reason_and_nothing_is_written(string name)
    {
        var (form, status, parameter, detail) = await CaseAsync(name);
        var collection = name is "TXT point count" or "unclosed ring" ? Catalog.Parcels : Catalog.Facilities;
        var before = await DigestAsync(collection);

        var response = await (await ClientAsync(Role.Admin)).PostAsync("/api/imports", form);

        var text = await response.Content.ReadAsStringAsync();
        await ProblemAnswer.AssertAsync(response, status, parameter);
        Assert.Contains(detail, System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync(collection));
    }

    [Fact]
    public async Task A_zip_bomb_and_a_file_over_the_upload_limit_are_refused_and_nothing_is_written()
    {
        await using var host = Factory.WithWebHostBuilder(b => b.UseSetting("Uploads:MaxUnpackedBytes", "100000").UseSetting("Uploads:MaxBytes", "200000"));
        var admin = await ClientAsync(Role.Admin, host);
        var before = await DigestAsync(Catalog.Facilities);

        // 1 MB of zeros deflates to about 1 KB: the entry declares more than the 100,000-byte limit.
        var bomb = Zip(("schools.geojson", new byte[1_000_000]));
        var unzipped = await admin.PostAsync("/api/imports", Form(bomb, "bomb.zip", ("collection", "facilities"), ("set", Honesty)));
        await ProblemAnswer.AssertAsync(unzipped, 400, "file");
        Assert.Contains("unpacks to more than 100,000 bytes", await unzipped.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var large = await admin.PostAsync("/api/imports", Form(new byte[300_000], "big.geojson", ("collection", "facilities")));
        await ProblemAnswer.AssertAsync(large, 413, "file");
        Assert.Contains("Uploads:MaxBytes", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync(Catalog.Facilities));
    }

    private async Task<(MultipartFormDataContent Form, int Status, string Parameter, string Detail)> CaseAsync(string name)
    {
        (string, string)[] facilities = [("collection", "facilities"), ("set", Honesty)];
        (string, string)[] parcels = [("collection", "parcels"), ("set", Honesty)];
        var schools = Schools((108.40, 31.16, "甲校"), (108.41, 31.17, "乙校"), (108.42, 31.18, "丙校"));
        switch (name)
        {
            case "truncated shp":
            {
                var files = await ShapefileAsync("three", schools);
                files["three.shp"] = files["three.shp"][..^10];
                return (Form(Zip([.. files.Select(f => (f.Key, f.Value))]), "学校.zip", facilities), 400, "file", "truncated");
            }

            case "dbf rows differ":
            {
                var three = await ShapefileAsync("three", schools);
                var two = await ShapefileAsync("two", Schools((108.40, 31.16, "甲校"), (108.41, 31.17, "乙校")));
                three["three.dbf"] = two["two.dbf"];
                return (Form(Zip([.. three.Select(f => (f.Key, f.Value))]), "学校.zip", facilities), 400, "file", "the .dbf has 2 rows but the .shp has 3");
            }

            case "missing prj":
            {
                var files = await ShapefileAsync("three", schools);
                files.Remove("three.prj");
                return (Form(Zip([.. files.Select(f => (f.Key, f.Value))]), "学校.zip", facilities), 400, "crs", "the .prj is missing");
            }

            case "unknown crs":
                return (Form(Encoding.UTF8.GetBytes("lon,lat,kind,name,planned\n108.4,31.16,school,甲校,false\n"), "学校.csv", [.. facilities, ("crs", "EPSG:2383")]),
                    400, "crs", "EPSG:2383");
            case "TXT point count":
                return (Form(Gbk(Txt().Replace("10,104", "11,104", StringComparison.Ordinal)), "红线.txt", parcels), 400, "file", "界址点数");
            case "unclosed ring":
            {
                // The hole's last point (a repeat of its first) left out, and the header's count with it.
                var lines = Txt().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
                lines.RemoveAt(lines.Count - 1);
                var text = string.Join('\n', lines).Replace("10,104", "9,104", StringComparison.Ordinal) + "\n";
                return (Form(Gbk(text), "红线.txt", parcels), 400, "file", "is not closed");
            }

            case "outside the CRS":
                return (Form(Encoding.UTF8.GetBytes("lon,lat,kind,name,planned\n208.4,31.16,school,甲校,false\n"), "学校.csv", facilities), 400, "file", "lies outside");
            case "zip slip":
                return (Form(Zip(("../学校.geojson", schools)), "学校.zip", facilities), 400, "file", "outside the archive");
            case "wrong encoding":
            {
                var gbk = Gbk("lon,lat,kind,name,planned\n108.4,31.16,school,甲校,false\n");
                return (Form(gbk, "学校.csv", [.. facilities, ("encoding", "utf-8")]), 400, "file", "field 'name'");
            }

            case "no collection":
                return (Form(schools, "学校.geojson", ("set", Honesty)), 400, "collection", "collection");
            case "mapping not JSON":
                return (Form(schools, "学校.geojson", [.. facilities, ("mapping", "name=name")]), 400, "mapping", "not JSON");
            case "mapping to no property":
                return (Form(schools, "学校.geojson", [.. facilities, ("mapping", "{\"name\":\"nosuch\"}")]), 400, "mapping", "'nosuch' is not a property of facilities");
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such case");
        }
    }

    /// <summary>The GeoJSON converted by GDAL to a shapefile in EPSG:4490: file name → bytes.</summary>
    private async Task<Dictionary<string, byte[]>> ShapefileAsync(string layer, byte[] geojson)
    {
        var source = Path.Combine(_folder.FullName, layer + ".geojson");
        await File.WriteAllBytesAsync(source, geojson);
        var folder = Directory.CreateDirectory(Path.Combine(_folder.FullName, layer)).FullName;
        await Gdal.RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4490", "-lco", "ENCODING=UTF-8", Path.Combine(folder, layer + ".shp"), source);
        return Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllBytes(f));
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return zip.ToArray();
    }
}

public sealed class EmbeddedImportBadInputTests(EmbeddedServiceFactory factory) : ImportBadInputCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisImportBadInputTests(PostGisServiceFactory factory) : ImportBadInputCases(factory), IClassFixture<PostGisServiceFactory>;
