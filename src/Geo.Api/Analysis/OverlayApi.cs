using Geo.Api.Hosting;
using Geo.Api.OgcApi.Filters;
using Geo.Api.OgcApi;
using Geo.Core;
using Geo.Core.Analysis;
using Geo.Core.Crs;
using Geo.Core.Domain;
using Geo.Core.Filters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

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
                + "parcels (classes are 三调 land-use codes), zones (kinds). CQL2 subject filters are not supported yet. f=json|geojson|csv.")
            .Accepts<OverlayBody>("application/json")
            .ProducesResultFormats<OverlayResponse>()
            .ProducesBodyProblems(drawnGeometry: true);
        return app;
    }

    private static async Task<Results<JsonHttpResult<OverlayResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult>> RunAsync([AsParameters] OverlayHttpRequest request, Overlay analysis, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(request.F, htmlAllowed: false);
        var body = request.Body ?? throw InputException.Invalid("body", "send a JSON body with a subject and layers");
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

public sealed record OverlayHttpRequest([FromBody] OverlayBody? Body, [FromQuery(Name = "f")] string? F);

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
