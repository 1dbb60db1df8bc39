using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>
/// 文件审查: a hand-written 报盘 TXT (GBK, zone-prefixed eastings, a hole) dropped on the map is drawn where PROJ puts
/// it, its CRS stated, and its 合规性审查 shows the farmland conflict PostGIS measures; a bad file is a Chinese message,
/// never a broken map. Fixtures in tests/Geo.Viewer.Tests/Fixtures.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class FileDropTests(ViewerFixture viewer, PostGisStoreFixture postGis) : IClassFixture<PostGisStoreFixture>
{
    // The fixture's site (EPSG:4545 metres): 1200 m × 900 m with a 200 m × 200 m hole; the same rings as 红线.txt.
    private const string SiteWkt = "POLYGON((530000 3430800,531200 3430800,531200 3431700,530000 3431700,530000 3430800),"
        + "(530400 3431100,530400 3431300,530600 3431300,530600 3431100,530400 3431100))";

    /// <summary>The upload layer's fill (#1864ab at 25 %) over the bare map background.</summary>
    private static readonly Rgb UploadFill = Rgb.Parse("#1864ab").Over(Rgb.MapBackground, 0.25);

    private static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "Geo.Viewer.Tests", "Fixtures", name);

    [Fact]
    public async Task A_dropped_TXT_is_drawn_where_PROJ_puts_it_with_its_CRS_and_its_compliance_check_shows_the_farmland_PostGIS_measures()
    {
        await using var command = postGis.DataSource.CreateCommand(
            $"SELECT SUM(ST_Area(ST_Transform(ST_Intersection(c.geom, s.g), 4545))) FROM constraints c, "
            + $"(SELECT ST_Transform(ST_GeomFromText('{SiteWkt}', 4545), 4490) AS g) s WHERE c.kind = 'permanent_farmland' AND ST_Intersects(c.geom, s.g)");
        var farmland = Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        Assert.True(farmland > 1000, $"the fixture site should cross farmland ({farmland} m²)");
        var page = await viewer.OpenViewerAsync();
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", Array.Empty<string>());

        await DropAsync(page, Fixture("红线.txt"));

        await Expect(page.Locator("#file-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#file-panel .file-crs-read")).ToContainTextAsync("EPSG:4524");
        await Expect(page.Locator("#file-panel .file-crs-read")).ToContainTextAsync("来自");
        await Expect(page.Locator("#file-panel .file-count")).ToHaveTextAsync("1");
        await Expect(page.Locator("#file-panel .file-repairs")).ToHaveTextAsync("无需修复");
        await page.EvaluateAsync("() => new Promise(resolve => { __viewer.map.once('rendercomplete', () => resolve(true)); __viewer.map.render(); })");

        // Inside the outline (not the hole): the upload fill; the hole and 100 m west of the site: the bare background.
        await AssertColourAsync(page, 36_530_500, 3_431_200, Rgb.MapBackground, "the hole");
        await AssertColourAsync(page, 36_530_200, 3_431_500, UploadFill, "the site's north-west");
        await AssertColourAsync(page, 36_531_000, 3_430_950, UploadFill, "the site's south-east");
        await AssertColourAsync(page, 36_529_900, 3_431_250, Rgb.MapBackground, "100 m west of the site");
        await ViewerFixture.ScreenshotAsync(page, "20-file-dropped-txt");

        await page.ClickAsync("#file-panel button.file-compliance");
        var result = page.Locator("#file-panel .file-result");
        await Expect(page.Locator("#file-panel .file-results")).Not.ToHaveTextAsync("正在加载…");
        await ViewerFixture.ScreenshotAsync(page, "21-file-compliance");
        await Expect(page.Locator("#file-panel .file-error")).ToBeEmptyAsync();
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result.Locator(".compliance-verdict")).ToHaveTextAsync("存在冲突");
        await Expect(result.Locator("h3")).ToContainTextAsync("某项目红线");
        var shown = 0.0;
        var rows = await result.Locator("tr[data-kind='permanent_farmland'] .compliance-area").AllTextContentsAsync();
        Assert.NotEmpty(rows);
        foreach (var text in rows)
        {
            var match = Regex.Match(text, @"^([\d,]+) m²");
            Assert.True(match.Success, text);
            shown += double.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }

        // Each row is shown to the square metre: half a step per row either way.
        Assert.InRange(shown, farmland - 0.501 * rows.Count, farmland + 0.501 * rows.Count);
        Assert.True(await page.EvaluateAsync<int>("() => __viewer.overlayFeatures('upload-findings').features.length") >= rows.Count);

        // The review with its geometry: the site and each finding's part, read back by GDAL.
        var review = await DownloadAsync(page, "#file-panel .file-result-export", "geojson", "review.geojson");
        var reviewInfo = await Gdal.RunAsync("ogrinfo", "-ro", "-al", review);
        Assert.Equal(1 + await result.Locator("tr").CountAsync(), FeatureCount(reviewInfo));
        Assert.Contains("存在冲突", reviewInfo, StringComparison.Ordinal);
        // The same review written by the server (POST /api/files/convert) as a GeoPackage and a GBK shapefile.
        foreach (var (format, name) in new[] { ("gpkg", "review.gpkg"), ("shp-gbk", "review.zip") })
        {
            var file = await DownloadAsync(page, "#file-panel .file-result-export", format, name);
            var written = await Gdal.RunAsync("ogrinfo", "-ro", "-al", name.EndsWith(".zip", StringComparison.Ordinal) ? "/vsizip/" + file : file);
            Assert.Equal(FeatureCount(reviewInfo), FeatureCount(written));
            Assert.Contains("存在冲突", written, StringComparison.Ordinal);
        }

        // 区域查询 on the same file: the projects PostGIS finds touching the site.
        await using var projectsInSite = postGis.DataSource.CreateCommand(
            $"SELECT count(*) FROM projects p WHERE ST_Intersects(p.geom, ST_Transform(ST_GeomFromText('{SiteWkt}', 4545), 4490))");
        var expectedProjects = Convert.ToInt64(await projectsInSite.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        await page.ClickAsync("#file-panel button.file-query");
        await Expect(page.Locator("#file-panel .file-result .summary-count")).ToHaveTextAsync(expectedProjects.ToString(CultureInfo.InvariantCulture));

        await page.ClickAsync("#lang");
        await page.ClickAsync("#file-panel button.file-compliance");
        await Expect(result.Locator(".compliance-verdict")).ToHaveTextAsync("Conflicts found");
        await Expect(page.Locator("#file-panel .file-facts dt").First).ToHaveTextAsync("Format");
    }

    [Fact]
    public async Task A_bad_file_gets_a_Chinese_message_naming_it_and_the_map_keeps_working()
    {
        var errors = new List<string>();
        var page = await viewer.OpenViewerAsync(beforeNavigation: p => p.PageError += (_, error) => errors.Add(error));

        await DropAsync(page, Fixture("红线-界址点数不符.txt"));
        var message = page.Locator("#file-panel .file-error");
        await Expect(message).ToContainTextAsync("无法读取文件「红线-界址点数不符.txt」");
        await Expect(message).ToContainTextAsync("界址点数");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => __viewer.overlayFeatures('upload').features.length"));
        await Expect(page.Locator("#file-panel button.file-compliance")).ToBeDisabledAsync();
        await ViewerFixture.ScreenshotAsync(page, "22-file-bad-txt");

        await page.Locator("#file-panel input.file-input").SetInputFilesAsync(new FilePayload { Name = "说明.docx", MimeType = "application/octet-stream", Buffer = [1, 2, 3] });
        await Expect(message).ToContainTextAsync("不支持的文件类型");

        // Then a good file still loads and the map still zooms.
        await DropAsync(page, Fixture("红线.txt"));
        await Expect(page.Locator("#file-panel .file-count")).ToHaveTextAsync("1");
        await Expect(message).ToBeEmptyAsync();
        var zoom = await page.EvaluateAsync<double>("() => __viewer.map.getView().getZoom()");
        await page.ClickAsync(".ol-zoom-out");
        await page.WaitForFunctionAsync("z => __viewer.map.getView().getZoom() < z", zoom);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_layer_export_menu_downloads_a_GeoPackage_that_ogrinfo_reads_with_every_project_and_its_Chinese_name()
    {
        var projects = GisDataFile.Features("projects.geojson");
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-table");

        var all = await DownloadAsync(page, "#table-panel .table-export-menu", "gpkg", "projects-all.gpkg");
        var info = await Gdal.RunAsync("ogrinfo", "-ro", "-al", all);
        Assert.Equal(projects.Count, FeatureCount(info));
        Assert.All(projects, p => Assert.Contains(p.GetProperty("properties").GetProperty("name").GetString()!, info, StringComparison.Ordinal));

        // Narrowed by the table's filter: the rows shown, no more.
        await page.FillAsync("#table-panel input.table-filter", "汉丰");
        var shown = int.Parse(Regex.Match((await page.Locator("#table-panel .table-count").TextContentAsync())!, @"^(\d+) /").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(shown, 1, projects.Count - 1);
        var some = await DownloadAsync(page, "#table-panel .table-export-menu", "gpkg", "projects-filtered.gpkg");
        Assert.Equal(shown, FeatureCount(await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-so", some)));
    }

    [Fact]
    public async Task A_query_results_export_menu_downloads_the_projects_found_as_a_GeoPackage_GDAL_reads_and_explains_a_refused_format()
    {
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-query");
        // The first zone with projects in it, so that the export has rows to compare.
        var ids = Array.Empty<long>();
        var options = await page.Locator("#query-panel select.query-zone option").EvaluateAllAsync<string[]>("options => options.map(o => o.value).filter(v => v)");
        foreach (var zone in options)
        {
            await page.SelectOptionAsync("#query-panel select.query-zone", zone);
            await page.WaitForFunctionAsync("id => __viewer.queryRequest()?.zoneId === Number(id) && document.querySelector('#query-panel .query-export-menu')", zone);
            ids = await page.EvaluateAsync<long[]>("() => __viewer.queryResultIds()");
            if (ids.Length > 0)
            {
                break;
            }
        }

        Assert.NotEmpty(ids);

        // Projects mix points and sites, and a shapefile holds one geometry type: the server's refusal is shown, in Chinese first.
        await page.SelectOptionAsync("#query-panel .query-export-menu", "shp");
        await Expect(page.Locator("#query-panel .query-status")).ToContainTextAsync("导出失败：HTTP 400");
        var gpkg = await DownloadAsync(page, "#query-panel .query-export-menu", "gpkg", "query.gpkg");
        var info = await Gdal.RunAsync("ogrinfo", "-ro", "-al", gpkg);
        Assert.Equal(ids.Length, FeatureCount(info));
        Assert.All(ids, id => Assert.Contains(GisDataFile.Feature("projects.geojson", id).GetProperty("properties").GetProperty("name").GetString()!, info, StringComparison.Ordinal));
    }

    private static async Task<string> DownloadAsync(IPage page, string menu, string format, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.SelectOptionAsync(menu, format));
        var path = Path.Combine(Directory.CreateTempSubdirectory("viewer-export-").FullName, name);
        await download.SaveAsAsync(path);
        return path;
    }

    private static int FeatureCount(string ogrinfo) =>
        int.Parse(Regex.Match(ogrinfo, @"Feature Count: (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Drops a file on the map as a browser does: a DataTransfer with the file, dragover then drop on the element under the map's centre.</summary>
    private static async Task DropAsync(IPage page, string path) =>
        await page.EvaluateAsync(
            @"([name, base64]) => {
                const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name));
                const box = document.getElementById('map').getBoundingClientRect();
                const target = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                for (const type of ['dragenter', 'dragover', 'drop']) {
                  target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
                }
              }",
            new object[] { Path.GetFileName(path), Convert.ToBase64String(await File.ReadAllBytesAsync(path)) });

    /// <summary>The colour the map shows at a zone-36 point, placed through PROJ (cs2cs) and the viewer's own lon/lat → pixel.</summary>
    private static async Task AssertColourAsync(IPage page, double easting, double northing, Rgb expected, string where)
    {
        var (lon, lat) = await Proj.Zone36ToLonLatAsync(easting, northing);
        var pixel = await page.EvaluateAsync<double[]>("([lon, lat]) => __viewer.pixelOfLonLat(lon, lat)", new[] { lon, lat });
        var size = await page.EvaluateAsync<double[]>("() => __viewer.map.getSize()");
        Assert.True(pixel[0] > 0 && pixel[1] > 0 && pixel[0] < size[0] && pixel[1] < size[1], $"{where} is out of view at {pixel[0]:0}, {pixel[1]:0}");
        var rgba = await page.EvaluateAsync<int[]>("([x, y]) => __viewer.pixelsAround(x, y, 0)", pixel);
        var shown = new Rgb(rgba[0], rgba[1], rgba[2]);
        Assert.True(expected.Near(shown, 6), $"{where}: {shown}, expected {expected}");
    }
}
