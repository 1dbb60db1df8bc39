using Geo.Api.Hosting;
using Geo.Api.OgcApi.Filters;
using Geo.Api.OgcApi;
using Geo.Core.Crs;
using Geo.Core.Filters;
using Geo.Core.Formats;
using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Analysis;

/// <summary><c>POST /api/analysis/overlay</c>: 叠加分析.</summary>
public static class OverlayApi
{
    public static IEndpointRouteBuilder MapOverlayApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/analysis").WithTags("规划分析 Planning analysis").WithAnalysisProblems()
            .MapPost("/overlay", RunAsync)
            .WithName("Overlay")
            .WithSummary("叠加分析：对象（要素编号或绘制图形）与管控边界、地块（按地类）、片区的叠加面积和占比")
            .WithDescription("Subject: collection + ids, collection + CQL2 filter (text as a string, CQL2-JSON as an object), or a GeoJSON geometry (optional crs). Layers: constraints (classes are kinds), "
                + "parcels (classes are 三调 land-use codes), zones (kinds). f=json|geojson|csv. "
                + "Or multipart/form-data with the file in field 'file' (报盘 TXT, zipped Shapefile, GeoPackage, GeoJSON or CSV; optional 'crs', 'encoding', 'from') "
                + "and 'layers' (comma-separated: constraints, parcels, zones): one result per 地块 or feature, f=json (OverlayUploadResponse); a feature with no "
                + "part in 开州区 is answered empty with a warning; the upload limit is Uploads:MaxBytes (413 above it).")
            .Accepts<OverlayBody>("application/json", "multipart/form-data")
            .DescribesUploadForm(["layers"], ("layers", "comma-separated layers to overlay: constraints, parcels, zones"))
            .ProducesResultFormats<OverlayResponse>()
            .AlsoProducesJson<OverlayUploadResponse>("application/json")
            .ProducesBodyProblems(drawnGeometry: true);
        return app;
    }

    private static async Task<Results<JsonHttpResult<OverlayResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult, JsonHttpResult<OverlayUploadResponse>>> RunAsync(
        HttpRequest http, [FromQuery(Name = "f")] string? f, Overlay analysis, UploadLimits limits, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(f, htmlAllowed: false);
        if (http.HasFormContentType)
        {
            return await RunUploadAsync(http, format, analysis, limits, cancellationToken);
        }

        var body = await AnalysisBody.ReadAsync<OverlayBody>(http, "a subject and layers", cancellationToken);
        var result = await analysis.RunAsync(body.ToRequest(), cancellationToken);
        return format switch
        {
            ResultFormat.GeoJson => TypedResults.Json(Features(result), AnalysisJson.Options, "application/geo+json"),
            ResultFormat.Csv => Csv(result),
            ResultFormat.Json => TypedResults.Json(new OverlayResponse(result.Subjects, result.Notes, result.ComputedAt, DataNote.Text), AnalysisJson.Options),
            ResultFormat.Html => throw ResultFormats.Unhandled(format),
            _ => throw ResultFormats.Unhandled(format),
        };
    }

    /// <summary>One overlay per feature of the uploaded file (per 地块 of a 报盘 TXT), each feature a drawn subject.</summary>
    private static async Task<JsonHttpResult<OverlayUploadResponse>> RunUploadAsync(
        HttpRequest http, ResultFormat format, Overlay analysis, UploadLimits limits, CancellationToken cancellationToken)
    {
        if (format != ResultFormat.Json)
        {
            throw InputException.Invalid("f", "an uploaded file is answered as f=json for now; draw the subject for csv or geojson");
        }

        var form = await UploadedFile.ReadFormAsync(http, limits, cancellationToken);
        var layers = form.Field("layers") is { } names
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => new OverlayLayerRequest { Layer = n }).ToList()
            : throw InputException.Invalid("layers", $"say which layers to overlay in the form field 'layers' ({string.Join(", ", Overlay.Layers.Keys)})");
        var layer = await form.ReadLayerAsync(limits, cancellationToken);
        var rows = new List<(ImportedFeature Feature, OverlayResult Result)>(layer.Features.Count);
        foreach (var feature in layer.Features)
        {
            var request = new OverlayRequest { Geometry = GeometryInput.Repaired(feature.Geometry, $"file row {feature.Row}"), Layers = layers };
            rows.Add((feature, await analysis.RunAsync(request, cancellationToken)));
        }

        return TypedResults.Json(
            new OverlayUploadResponse(
                layer.File, layer.Format.ToString(), UploadCrs.Of(layer), layer.Encoding, layer.Repair,
                rows.Select(r => new OverlayUploadRow(r.Feature.Row, r.Feature.Properties, r.Result.Subjects.Single(), r.Result.Notes)),
                UploadWarnings.OutsideDistrict(layer, rows.Where(r => r.Result.Notes.Contains(DistrictCheck.OutsideNote)).Select(r => r.Feature)),
                DateTimeOffset.UtcNow, DataNote.Text),
            AnalysisJson.Options);
    }

    private static GeoJsonFeatureCollection Features(OverlayResult result) =>
        new(result.Subjects.SelectMany(s => s.Layers.SelectMany(l => l.Pieces.Select(p => new GeoJsonFeature(null, p.Geometry, new Dictionary<string, object?>
        {
            ["subject_collection"] = s.Subject.Collection,
            ["subject_id"] = s.Subject.Id,
            ["subject_name"] = s.Subject.Name,
            ["layer"] = l.Layer,
            ["feature_id"] = p.FeatureId,
            ["class"] = p.Class,
            ["name"] = p.Name,
            ["area_m2"] = p.Area.SquareMetres,
            ["area_ha"] = p.Area.Hectares,
            ["area_mu"] = p.Area.Mu,
            ["share_of_subject"] = p.ShareOfSubject,
            ["illustrative"] = true,
        })))).ToList());

    private static FileContentHttpResult Csv(OverlayResult result)
    {
        var table = new CsvTable(
        [
            "subject_collection", "subject_id", "subject_name", "subject_area_m2", "layer", "class", "class_label", "features",
            "area_m2", "area_ha", "area_mu", "share_of_subject",
        ]);
        foreach (var s in result.Subjects)
        {
            foreach (var l in s.Layers)
            {
                foreach (var c in l.Classes)
                {
                    table.Add(s.Subject.Collection, s.Subject.Id, s.Subject.Name, s.Subject.Area.SquareMetres, l.Layer, c.Class, c.Label, c.FeatureCount,
                        c.Area.SquareMetres, c.Area.Hectares, c.Area.Mu, c.ShareOfSubject);
                }
            }
        }

        var notes = new CsvTable(["note"]).Add(DataNote.Text);
        foreach (var n in result.Notes)
        {
            notes.Add(n);
        }

        return CsvTable.Result("overlay.csv", table, notes);
    }
}

/// <summary>
/// The subject (collection + ids, collection + CQL2 filter, or a drawn geometry with its optional crs) and the layers.
/// The filter is passed on as CQL2 text (a JSON string) or CQL2-JSON (an object).
/// </summary>
public sealed record OverlayBody(
    string? Collection = null, IReadOnlyList<long>? Ids = null, System.Text.Json.JsonElement? Filter = null,
    System.Text.Json.JsonElement? Geometry = null, System.Text.Json.JsonElement? Crs = null, IReadOnlyList<OverlayLayerRequest>? Layers = null)
{
    internal OverlayRequest ToRequest() => new()
    {
        Collection = Collection, Ids = Ids, Filter = SubjectFilter(), Geometry = DrawnGeometry.ReadOptional(Geometry, Crs), Layers = Layers,
    };

    /// <summary>CQL2 text as a JSON string or CQL2-JSON as an object, geometries in CRS84, checked against the collection's queryables.</summary>
    private FilterExpression? SubjectFilter()
    {
        if (Collection is null || Filter is not { ValueKind: not System.Text.Json.JsonValueKind.Null } filter)
        {
            return null;
        }

        var collection = Subject.FindCollection(Collection);
        return FilterParameter.Checked(collection, () => filter.ValueKind == System.Text.Json.JsonValueKind.String
            ? Cql2Filter.FromText(filter.GetString()!, SupportedCrs.Crs84.ToStorage, collection)
            : Cql2Filter.FromJson(filter, SupportedCrs.Crs84.ToStorage, collection));
    }
}
