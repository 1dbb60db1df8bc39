using System.Net.Http.Headers;

namespace Geo.Api.Tests.OgcApi.Tiles;

/// <summary>
/// OGC API – Tiles over both stores. Tiles are decoded by GDAL's MVT driver, not by the library that wrote them, and
/// compared with hand-written SQL against ST_TileEnvelope: the same features, each drawn within two tile units
/// (of 4096 per side) of where the data says it is.
/// </summary>
public abstract class VectorTileCases(ServiceFactory factory)
{
    private const string TileRoot = "/ogcapi/collections/{0}/tiles/WebMercatorQuad/{1}/{2}/{3}";

    private const double OriginShift = 20037508.342789244;

    /// <summary>Where the edit tests create a facility: in the city, inside a parcels tile of tileMatrix 12.</summary>
    private const double FacilityLon = 108.4012345, FacilityLat = 31.1654321;

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("parcels", 10, 418, 820)]
    [InlineData("parcels", 12, 1674, 3281)]
    [InlineData("parcels", 14, 6697, 13125)]
    [InlineData("zones", 12, 1674, 3281)]
    [InlineData("constraints", 11, 837, 1640)]
    public async Task A_tile_holds_the_features_intersecting_it_where_the_data_puts_them(string collection, int z, int row, int col)
    {
        var decoded = await DecodedFeaturesAsync(collection, z, row, col);
        var expected = await factory.Reference.IdsAsync(
            $"SELECT id FROM {collection} WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope($1, $2, $3), 4490)) ORDER BY id", z, col, row);
        var slivers = await SliversAsync(collection, z, row, col);

        Assert.NotEmpty(expected.Except(slivers));
        AssertHoldsAllButSlivers(expected, slivers, decoded.Select(f => f.Id));
        var unit = 2 * 20037508.342789244 / (1 << z) / 4096;
        foreach (var (id, geometry) in decoded)
        {
            // Both sides clipped to the tile itself: outside it, the tile only carries its buffer.
            var distance = await factory.Reference.DoubleAsync(
                $"""
                SELECT ST_HausdorffDistance(
                    ST_Intersection(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 3857)), ST_TileEnvelope($2, $3, $4)),
                    ST_Intersection(ST_Transform(geom, 3857), ST_TileEnvelope($2, $3, $4)))
                FROM {collection} WHERE id = $5
                """, geometry, z, col, row, id);
            Assert.True(distance <= 2 * unit, $"{collection} {id} in tile {z}/{row}/{col} is drawn {distance / unit:F1} tile units from its outline");
        }
    }

    /// <summary>
    /// Each feature's MVT feature id is its OGC item id, and the id is not repeated as a property: ST_AsMVT on PostGIS
    /// writes it so (feature_id_name), and the embedded store's tiles decode the same.
    /// </summary>
    [Theory]
    [InlineData("parcels", 12, 1674, 3281)]
    [InlineData("parcels", 14, 6697, 13125)]
    [InlineData("zones", 12, 1674, 3281)]
    [InlineData("constraints", 11, 837, 1640)]
    public async Task A_tile_holds_the_same_features_as_the_items_in_its_box(string collection, int z, int row, int col)
    {
        var box = await factory.Reference.BoxAsync(
            $"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Transform(ST_TileEnvelope({z}, {col}, {row}), 4490) e) t");
        var items = await JsonAsync($"/ogcapi/collections/{collection}/items?limit=10000&bbox={string.Join(',', box.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}");

        var response = await _client.GetAsync(string.Format(null, TileRoot, collection, z, row, col));
        var decoded = await GdalFeaturesAsync(response, z, row, col);

        var itemIds = items.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        var slivers = await SliversAsync(collection, z, row, col);
        Assert.NotEmpty(itemIds.Except(slivers));
        AssertHoldsAllButSlivers(itemIds, slivers, decoded.Select(f => f.GetProperty("properties").GetProperty("mvt_id").GetInt64()));
        Assert.All(decoded, f => Assert.False(f.GetProperty("properties").TryGetProperty("id", out _), "the id is the MVT feature id, not a property"));
    }

    /// <summary>
    /// Features whose part inside the tile is under two tile units square: snapped to the tile grid such a sliver may
    /// collapse, and the stores drop a collapsed outline (ST_AsMVTGeom on PostGIS; MvtEncoding's one-unit minimum on the
    /// embedded store), so a tile may or may not carry it.
    /// </summary>
    private async Task<List<long>> SliversAsync(string collection, int z, int row, int col)
    {
        var unit = 2 * OriginShift / (1 << z) / 4096;
        return await factory.Reference.IdsAsync(
            $"""
            SELECT id FROM {collection}
            WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope($1, $2, $3), 4490))
              AND ST_Area(ST_Intersection(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3))) < $4
            ORDER BY id
            """, z, col, row, 4 * unit * unit);
    }

    /// <summary>Every feature of <paramref name="expected"/> but the slivers is in the tile, and nothing else.</summary>
    private static void AssertHoldsAllButSlivers(List<long> expected, List<long> slivers, IEnumerable<long> inTile)
    {
        var held = inTile.Order().ToList();
        Assert.Equal(expected.Except(slivers), held.Except(slivers));
        Assert.Empty(held.Except(expected));
    }

    /// <summary>
    /// Tiles are kept per data version: a kept tile is answered again while the data is unchanged, and a change to the
    /// data (here a facility created, then deleted, in the tile) is in the very next answer, ETag held or not.
    /// </summary>
    [Fact]
    public async Task A_kept_tile_is_never_answered_after_the_data_changed()
    {
        const int z = 16;
        var (row, col) = TileOfEditedFacility(z);
        var url = string.Format(null, TileRoot, "facilities", z, row, col);
        var editor = factory.CreateClient();
        await editor.AuthorizeAsync(factory.Services, Role.Editor);

        var before = await _client.GetAsync(url);
        var created = await editor.PostAsync("/ogcapi/collections/facilities/items", Edits.FeatureEditCases.Facility("瓦片缓存测试", FacilityLon, FacilityLat));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var withNew = await _client.SendAsync(revalidate);
        var again = await _client.GetAsync(url);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/ogcapi/collections/facilities/items/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(delete)).StatusCode);
        var after = await _client.GetAsync(url);

        Assert.DoesNotContain(id, await IdsAsync(before));
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Contains(id, await IdsAsync(withNew));
        Assert.Equal(withNew.Headers.ETag, again.Headers.ETag);
        Assert.Equal(await withNew.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(id, await IdsAsync(after));
        Assert.NotEqual(withNew.Headers.ETag, after.Headers.ETag);

        async Task<List<long>> IdsAsync(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.NoContent
            ? []
            : (await GdalFeaturesAsync(response, z, row, col)).Select(f => f.GetProperty("properties").GetProperty("mvt_id").GetInt64()).ToList();
    }

    /// <summary>
    /// A tile is kept by the versions of its own collections: a facility created in a parcels tile leaves that tile 304
    /// to a client holding its ETag (what is made of the parcels stays made), while a dataset tile of both changes.
    /// </summary>
    [Fact]
    public async Task A_tile_of_one_collection_is_unchanged_by_an_edit_of_another()
    {
        const int z = 12;
        var (row, col) = TileOfEditedFacility(z);
        var parcelsUrl = string.Format(null, TileRoot, "parcels", z, row, col);
        var datasetUrl = FormattableString.Invariant($"/ogcapi/tiles/WebMercatorQuad/{z}/{row}/{col}?collections=parcels,facilities");
        var editor = factory.CreateClient();
        await editor.AuthorizeAsync(factory.Services, Role.Editor);
        var parcels = await _client.GetAsync(parcelsUrl);
        var dataset = await _client.GetAsync(datasetUrl);

        var created = await editor.PostAsync("/ogcapi/collections/facilities/items", Edits.FeatureEditCases.Facility("瓦片版本测试", FacilityLon, FacilityLat));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var parcelsAfter = await RevalidateAsync(parcelsUrl, parcels);
        var datasetAfter = await RevalidateAsync(datasetUrl, dataset);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/ogcapi/collections/facilities/items/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(delete)).StatusCode);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (parcels.StatusCode, dataset.StatusCode));
        Assert.Equal(HttpStatusCode.NotModified, parcelsAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, datasetAfter.StatusCode);
        Assert.NotEqual(dataset.Headers.ETag, datasetAfter.Headers.ETag);
        Assert.True((await datasetAfter.Content.ReadAsByteArrayAsync()).Length > (await dataset.Content.ReadAsByteArrayAsync()).Length);

        async Task<HttpResponseMessage> RevalidateAsync(string url, HttpResponseMessage held)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(held.Headers.ETag!);
            return await _client.SendAsync(request);
        }
    }

    /// <summary>
    /// Over <c>Tiles:GeneraliseAboveFeatures</c> a low-zoom tile is the class grid: recomputed here with PROJ's Web
    /// Mercator, each two-pixel cell holds the class whose parcels (counted at their bounding-box centres) have the
    /// most area in it, and any illustrative parcel makes the cell illustrative; parcels longer than four cells are
    /// drawn as themselves with their ids.
    /// </summary>
    [Theory]
    [InlineData(10, 418, 820)]
    [InlineData(8, 104, 205)]
    public async Task Above_the_threshold_a_low_zoom_tile_is_the_class_grid_of_the_data(int z, int row, int col)
    {
        using var generalising = factory.WithWebHostBuilder(b => b.UseSetting("Tiles:GeneraliseAboveFeatures", "10"));
        var response = await generalising.CreateClient().GetAsync(string.Format(null, TileRoot, "parcels", z, row, col));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var features = await GdalFeaturesAsync(response, z, row, col);
        var cell = 2 * OriginShift / (1L << (z + 7));

        var drawn = new List<string>();
        var whole = new List<long>();
        foreach (var feature in features)
        {
            var properties = feature.GetProperty("properties");
            if (!properties.TryGetProperty("generalised", out var generalised))
            {
                whole.Add(properties.GetProperty("mvt_id").GetInt64());
                continue;
            }

            Assert.True(generalised.GetBoolean());
            Assert.False(properties.TryGetProperty("mvt_id", out _));
            var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
            var (west, east) = (Index(ring.Min(p => p.X) + OriginShift), Index(ring.Max(p => p.X) + OriginShift));
            var (north, south) = (Index(OriginShift - ring.Max(p => p.Y)), Index(OriginShift - ring.Min(p => p.Y)));
            for (var i = west; i < east; i++)
            {
                for (var j = north; j < south; j++)
                {
                    drawn.Add($"{i}:{j}:{properties.GetProperty("land_use_code").GetString()}:{properties.GetProperty("illustrative").GetBoolean()}");
                }
            }
        }

        var expected = await factory.Reference.TextAsync(
            $"""
            WITH centred AS (
                SELECT floor((ST_X(c) + {OriginShift}) / {cell}) AS i, floor(({OriginShift} - ST_Y(c)) / {cell}) AS j, land_use_code, geom, illustrative
                FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint((ST_XMin(geom) + ST_XMax(geom)) / 2, (ST_YMin(geom) + ST_YMax(geom)) / 2), 4490), 3857) AS c, *
                      FROM parcels) p),
            classes AS (SELECT i, j, land_use_code, sum(ST_Area(geom)) AS area FROM centred GROUP BY 1, 2, 3),
            cells AS (SELECT DISTINCT ON (i, j) i, j, land_use_code FROM classes ORDER BY i, j, area DESC, land_use_code COLLATE "C")
            SELECT string_agg(c.i || ':' || c.j || ':' || c.land_use_code || ':' || (SELECT CASE WHEN bool_or(illustrative) THEN 'True' ELSE 'False' END
                                                                                   FROM centred x WHERE x.i = c.i AND x.j = c.j), ',' ORDER BY c.i, c.j)
            FROM cells c WHERE c.i >= {col * 128} AND c.i < {(col + 1) * 128} AND c.j >= {row * 128} AND c.j < {(row + 1) * 128}
            """);
        var expectedWhole = await factory.Reference.IdsAsync(
            $"""
            SELECT id FROM (SELECT id, geom, ST_Transform(ST_SetSRID(ST_Envelope(geom), 4490), 3857) AS m FROM parcels) p
            WHERE greatest(ST_XMax(m) - ST_XMin(m), ST_YMax(m) - ST_YMin(m)) > 4 * {cell}
              AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope({z}, {col}, {row}), 4490))
            ORDER BY id
            """);

        Assert.NotEmpty(drawn);
        Assert.Equal(expected.Split(','), drawn.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Assert.Equal(expectedWhole, whole.Order().ToList());

        long Index(double metres) => (long)Math.Round(metres / cell);
    }

    /// <summary>
    /// Over <c>Tiles:GeneraliseAboveFeatures</c> a tileMatrix-12 tile holds one shape per class, no id, merged from the
    /// parcels intersecting it: decoded by GDAL, each class covers the area its parcels cover in the tile, computed
    /// here in SQL from the table, within what snapping every vertex to the tile grid may move (the class's outline
    /// times one tile unit).
    /// </summary>
    [Fact]
    public async Task Above_the_threshold_a_zoom_12_tile_merges_each_class_into_one_shape_covering_its_parcels()
    {
        const int z = 12, row = 1674, col = 3281;
        using var generalising = factory.WithWebHostBuilder(b => b.UseSetting("Tiles:GeneraliseAboveFeatures", "10"));
        var response = await generalising.CreateClient().GetAsync(string.Format(null, TileRoot, "parcels", z, row, col));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var features = await GdalFeaturesAsync(response, z, row, col);
        var unit = 2 * OriginShift / (1 << z) / 4096;

        var expected = JsonDocument.Parse(await factory.Reference.TextAsync(
            $"""
            SELECT json_object_agg(land_use_code, json_build_array(area, outline)) FROM (
                SELECT land_use_code, sum(ST_Area(g)) AS area, sum(ST_Perimeter(g)) AS outline
                FROM (SELECT land_use_code, ST_Intersection(ST_Transform(geom, 3857), ST_TileEnvelope({z}, {col}, {row})) AS g FROM parcels
                      WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope({z}, {col}, {row}), 4490))) p
                GROUP BY land_use_code) c
            """)).RootElement;
        var drawn = new Dictionary<string, double>();
        foreach (var feature in features)
        {
            var properties = feature.GetProperty("properties");
            Assert.True(properties.GetProperty("generalised").GetBoolean());
            Assert.False(properties.TryGetProperty("mvt_id", out _));
            drawn.Add(properties.GetProperty("land_use_code").GetString()!, await factory.Reference.DoubleAsync(
                $"SELECT ST_Area(ST_Intersection(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 3857)), ST_TileEnvelope({z}, {col}, {row})))",
                feature.GetProperty("geometry").GetRawText()));
        }

        Assert.Equal(expected.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal), drawn.Keys.Order(StringComparer.Ordinal));
        foreach (var @class in expected.EnumerateObject())
        {
            var (area, outline) = (@class.Value[0].GetDouble(), @class.Value[1].GetDouble());
            Assert.True(Math.Abs(drawn[@class.Name] - area) <= outline * unit,
                $"class {@class.Name}: drawn {drawn[@class.Name]:F0} m², its parcels cover {area:F0} m² in the tile (±{outline * unit:F0})");
        }
    }

    [Fact]
    public async Task The_tileset_says_when_its_low_zooms_are_generalised_and_how()
    {
        using var generalising = factory.WithWebHostBuilder(b => b.UseSetting("Tiles:GeneraliseAboveFeatures", "10"));
        var generalised = JsonDocument.Parse(await generalising.CreateClient().GetStringAsync("/ogcapi/collections/parcels/tiles/WebMercatorQuad")).RootElement.GetProperty("layers")[0];
        var exact = (await JsonAsync("/ogcapi/collections/parcels/tiles/WebMercatorQuad")).GetProperty("layers")[0];
        var z13 = await generalising.CreateClient().GetAsync(string.Format(null, TileRoot, "parcels", 13, 3348, 6562));

        Assert.Contains("tileMatrix 0–11 are generalised", generalised.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("At tileMatrix 12 touching features of one class are merged", generalised.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(generalised.GetProperty("propertiesSchema").GetProperty("properties").TryGetProperty("generalised", out _));
        Assert.Equal(JsonValueKind.Null, exact.GetProperty("description").ValueKind);
        Assert.False(exact.GetProperty("propertiesSchema").GetProperty("properties").TryGetProperty("generalised", out _));
        // The id is each MVT feature's id, not a property.
        Assert.False(exact.GetProperty("propertiesSchema").GetProperty("properties").TryGetProperty("id", out _));
        Assert.True(exact.GetProperty("propertiesSchema").GetProperty("properties").TryGetProperty("land_use_code", out _));
        var exactFeatures = await GdalFeaturesAsync(z13, 13, 3348, 6562);
        Assert.NotEmpty(exactFeatures);
        Assert.All(exactFeatures, f => Assert.False(f.GetProperty("properties").TryGetProperty("generalised", out _)));
    }

    [Fact]
    public async Task A_dataset_tile_has_a_layer_per_collection_with_the_features_intersecting_it()
    {
        var response = await _client.GetAsync("/ogcapi/tiles/WebMercatorQuad/12/1674/3281?collections=parcels,zones,district");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var byLayer = (await GdalFeaturesAsync(response, 12, 1674, 3281, "-al"))
            .GroupBy(f => f.GetProperty("properties").GetProperty("layer").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(f => f.GetProperty("properties").GetProperty("mvt_id").GetInt64()).Order().ToList());

        foreach (var collection in new[] { "parcels", "zones", "district" })
        {
            var expected = await factory.Reference.IdsAsync(
                $"SELECT id FROM {collection} WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope(12, 3281, 1674), 4490)) ORDER BY id");
            Assert.NotEmpty(expected);
            Assert.Equal(expected, byLayer[collection]);
        }

        Assert.Equal(3, byLayer.Count);
    }

    [Fact]
    public async Task A_tile_carries_the_properties_the_viewer_styles_by_and_no_others()
    {
        var response = await _client.GetAsync(string.Format(null, TileRoot, "parcels", 14, 6697, 13125));
        var properties = (await GdalFeaturesAsync(response, 14, 6697, 13125))[0].GetProperty("properties");

        var expected = await factory.Reference.TextAsync(
            "SELECT land_use_code FROM parcels WHERE id = $1", properties.GetProperty("mvt_id").GetInt64());
        Assert.Equal(expected, properties.GetProperty("land_use_code").GetString());
        Assert.True(properties.TryGetProperty("location_precision", out _));
        Assert.False(properties.TryGetProperty("source", out _));
        Assert.False(properties.TryGetProperty("area_m2", out _));
    }

    [Theory]
    [InlineData("parcels", 14, 0, 0)]
    [InlineData("parcels", 12, 1600, 3200)]
    [InlineData("townships", 3, 0, 7)]
    public async Task A_tile_without_features_is_204_with_no_body(string collection, int z, int row, int col)
    {
        var response = await _client.GetAsync(string.Format(null, TileRoot, collection, z, row, col));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/ogcapi/collections/parcels/tiles/WebMercatorQuad/14/16384/0", 404, null)]
    [InlineData("/ogcapi/collections/parcels/tiles/WebMercatorQuad/3/0/8", 404, null)]
    [InlineData("/ogcapi/collections/parcels/tiles/WebMercatorQuad/25/0/0", 404, null)]
    [InlineData("/ogcapi/collections/parcels/tiles/WebMercatorQuad/a/0/0", 400, "tileMatrix")]
    [InlineData("/ogcapi/collections/parcels/tiles/WebMercatorQuad/3/-1/0", 400, "tileRow")]
    [InlineData("/ogcapi/collections/parcels/tiles/WebMercatorQuad/3/0/1.5", 400, "tileCol")]
    [InlineData("/ogcapi/collections/parcels/tiles/WorldCRS84Quad/3/0/0", 404, null)]
    [InlineData("/ogcapi/collections/indicators/tiles/WebMercatorQuad/3/0/0", 404, null)]
    [InlineData("/ogcapi/collections/nope/tiles", 404, null)]
    [InlineData("/ogcapi/tileMatrixSets/nope", 404, null)]
    [InlineData("/ogcapi/tiles/WebMercatorQuad/3/0/0?collections=indicators", 400, "collections")]
    [InlineData("/ogcapi/tiles/WebMercatorQuad/3/0/8", 404, null)]
    public async Task Bad_tile_requests_get_problem_json(string url, int status, string? parameter)
    {
        await ProblemAnswer.AssertAsync(await _client.GetAsync(url), status, parameter);
    }

    [Fact]
    public async Task A_tile_over_the_feature_limit_is_refused_with_413_saying_to_zoom_in()
    {
        var expected = await factory.Reference.LongAsync(
            "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope(10, 820, 418), 4490))");
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Tiles:MaxFeaturesPerTile", (expected - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var client = limited.CreateClient();

        var over = await client.GetAsync(string.Format(null, TileRoot, "parcels", 10, 418, 820));
        var under = await client.GetAsync(string.Format(null, TileRoot, "parcels", 12, 1674, 3281));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType?.MediaType);
        Assert.Contains("zoom in", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, under.StatusCode);
    }

    [Fact]
    public async Task An_unchanged_tile_is_304_to_a_client_holding_its_etag()
    {
        var url = string.Format(null, TileRoot, "parcels", 12, 1674, 3281);
        var first = await _client.GetAsync(url);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await _client.SendAsync(again);

        Assert.Equal("application/vnd.mapbox-vector-tile", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData(10, 418, 820)]
    [InlineData(14, 6697, 13125)]
    public async Task A_tile_is_gzipped_for_a_client_that_accepts_it_once_and_the_same_when_asked_again(int z, int row, int col)
    {
        var url = string.Format(null, TileRoot, "parcels", z, row, col);
        var plain = await (await _client.GetAsync(url)).Content.ReadAsByteArrayAsync();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            answers.Add(await _client.SendAsync(request));
        }

        foreach (var response in answers)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
            using var gunzipped = new MemoryStream();
            await using (var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
            {
                await gzip.CopyToAsync(gunzipped);
            }

            Assert.Equal(plain, gunzipped.ToArray());
        }
    }

    [Fact]
    public async Task Tiles_are_declared_and_linked_from_the_landing_page_and_collections()
    {
        var conformance = await JsonAsync("/ogcapi/conformance");
        var landing = await JsonAsync("/ogcapi");
        var parcels = await JsonAsync("/ogcapi/collections/parcels");
        var tilesets = await JsonAsync("/ogcapi/collections/parcels/tiles");
        var matrixSet = await JsonAsync("/ogcapi/tileMatrixSets/WebMercatorQuad");

        Assert.Contains("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt", conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(Rels(landing), r => r == "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes");
        Assert.Contains(Rels(parcels), r => r == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        var template = tilesets.GetProperty("tilesets")[0].GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "item");
        Assert.True(template.GetProperty("templated").GetBoolean());
        Assert.EndsWith("/ogcapi/collections/parcels/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}", template.GetProperty("href").GetString(), StringComparison.Ordinal);
        var z14 = matrixSet.GetProperty("tileMatrices")[14];
        Assert.Equal(16384, z14.GetProperty("matrixWidth").GetInt64());
        Assert.Equal(9.554628535647032, z14.GetProperty("cellSize").GetDouble(), 9);
    }

    private async Task<JsonElement> JsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static IEnumerable<string?> Rels(JsonElement document) =>
        document.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString());

    private async Task<List<(long Id, string Geometry)>> DecodedFeaturesAsync(string collection, int z, int row, int col)
    {
        var response = await _client.GetAsync(string.Format(null, TileRoot, collection, z, row, col));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/vnd.mapbox-vector-tile"), response.Content.Headers.ContentType);
        return (await GdalFeaturesAsync(response, z, row, col))
            .Select(f => (f.GetProperty("properties").GetProperty("mvt_id").GetInt64(), f.GetProperty("geometry").GetRawText()))
            .ToList();
    }

    /// <summary>The Web Mercator tile of <paramref name="z"/> holding the facility the edit tests create.</summary>
    private static (int Row, int Col) TileOfEditedFacility(int z) => (
        (int)((1 - Math.Asinh(Math.Tan(FacilityLat * Math.PI / 180)) / Math.PI) / 2 * (1 << z)),
        (int)((FacilityLon + 180) / 360 * (1 << z)));

    private static async Task<List<JsonElement>> GdalFeaturesAsync(HttpResponseMessage response, int z, int row, int col, string? allLayers = null) =>
        await Gdal.MvtFeaturesAsync(await response.Content.ReadAsByteArrayAsync(), z, row, col, allLayers is not null);
}

public sealed class EmbeddedVectorTileTests(EmbeddedServiceFactory factory) : VectorTileCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisVectorTileTests(PostGisServiceFactory factory) : VectorTileCases(factory), IClassFixture<PostGisServiceFactory>;
