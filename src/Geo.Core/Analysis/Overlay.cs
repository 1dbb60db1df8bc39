using Geo.Core.Filters;
using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>叠加分析: subjects (stored features or a drawn geometry) cut by constraint, parcel and zone layers, per class.</summary>
public sealed class Overlay(IFeatureStore store, ISpatialAnalysis spatial)
{
    /// <summary>The layers one can overlay and the property that classes their features.</summary>
    public static readonly IReadOnlyDictionary<string, (CollectionDefinition Layer, string ClassProperty)> Layers =
        new Dictionary<string, (CollectionDefinition, string)>(StringComparer.Ordinal)
        {
            ["constraints"] = (Catalog.Constraints, "kind"),
            ["parcels"] = (Catalog.Parcels, "land_use_code"),
            ["zones"] = (Catalog.Zones, "kind"),
        };

    /// <summary>How many features a CQL2 subject filter may select; each is cut by every layer.</summary>
    public const int MaxFilteredSubjects = 500;

    public async Task<OverlayResult> RunAsync(OverlayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var layers = request.Layers is { Count: > 0 } given ? given : throw InputException.Invalid("layers", "give one or more layers: constraints, parcels, zones");
        InputLimits.CheckCount(layers, InputLimits.MaxOverlayLayers, "layers", "layers");
        InputLimits.CheckCount(request.Ids, InputLimits.MaxOverlayIds, "ids", "ids");
        foreach (var layer in layers)
        {
            InputLimits.CheckCount(layer.Classes, InputLimits.MaxOverlayClasses, "layers", "classes in one layer");
            if (!Layers.ContainsKey(layer.Layer ?? string.Empty))
            {
                throw InputException.Invalid("layers", $"unknown layer '{layer.Layer}'; one of constraints, parcels, zones");
            }
        }

        var notes = new List<string>();
        var subjects = await SubjectsAsync(request, notes, cancellationToken).ConfigureAwait(false);
        var results = new List<SubjectOverlay>();
        foreach (var subject in subjects)
        {
            var perLayer = new List<LayerOverlay>();
            foreach (var layer in layers)
            {
                perLayer.Add(await OverlayLayerAsync(subject, layer, cancellationToken).ConfigureAwait(false));
            }

            results.Add(new SubjectOverlay(subject, perLayer));
        }

        return new OverlayResult(results, notes, DateTimeOffset.UtcNow);
    }

    private async Task<List<Subject>> SubjectsAsync(OverlayRequest request, List<string> notes, CancellationToken cancellationToken)
    {
        if (request.Geometry is { } input)
        {
            if (request.Collection is not null)
            {
                throw InputException.Invalid("subject", "give either a geometry or a collection with ids, not both");
            }

            if (input.Repair is not null)
            {
                notes.Add(input.Repair.Zh);
            }

            if (!await DistrictCheck.TouchesDistrictAsync(store, input.Geometry, cancellationToken).ConfigureAwait(false))
            {
                notes.Add(DistrictCheck.OutsideNote);
            }

            return [Subject.Drawn(input)];
        }

        if (request.Collection is not null && request.Filter is { } filter)
        {
            return await FilteredSubjectsAsync(request.Collection, filter, notes, cancellationToken).ConfigureAwait(false);
        }

        if (request.Collection is null || request.Ids is not { Count: > 0 })
        {
            throw InputException.Invalid("subject", "give a geometry, or a collection with ids or a CQL2 filter");
        }

        var subjects = new List<Subject>();
        foreach (var id in request.Ids.Distinct())
        {
            subjects.Add(await Subject.LoadAsync(store, request.Collection, id, cancellationToken).ConfigureAwait(false));
        }

        return subjects;
    }

    /// <summary>Subjects chosen by a CQL2 filter on the collection.</summary>
    private async Task<List<Subject>> FilteredSubjectsAsync(string collectionId, FilterExpression filter, List<string> notes, CancellationToken cancellationToken)
    {
        var collection = Subject.FindCollection(collectionId);
        var subjects = new List<Subject>();
        try
        {
            var query = new FeatureQuery(collection) { Filter = filter, Limit = MaxFilteredSubjects + 1 };

            // Both stores may still refuse a filter while running it (a negative number to a fractional power).
            await foreach (var feature in store.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                subjects.Add(Subject.Of(collection, feature));
            }
        }
        catch (FilterException e)
        {
            throw InputException.Invalid("filter", e.Message);
        }

        if (subjects.Count > MaxFilteredSubjects)
        {
            subjects.RemoveAt(MaxFilteredSubjects);
            notes.Add($"the filter matches more than {MaxFilteredSubjects} features; the first {MaxFilteredSubjects} by id are overlaid");
        }

        return subjects;
    }

    private async Task<LayerOverlay> OverlayLayerAsync(Subject subject, OverlayLayerRequest request, CancellationToken cancellationToken)
    {
        var (layer, classProperty) = Layers[request.Layer!];
        var filter = request.Classes is { Count: > 0 } classes ? InList.Of(classProperty, classes) : null;
        var classOverlaps = await spatial.ClassIntersectionsAsync(subject.Geometry, layer, classProperty, filter, cancellationToken).ConfigureAwait(false);
        var overlaps = await spatial.IntersectionsAsync(subject.Geometry, layer, filter, cancellationToken).ConfigureAwait(false);
        var classRows = classOverlaps.Select(c => new ClassRow(
            c.Class,
            ClassLabel(layer, c.Class, overlaps),
            c.FeatureCount,
            AreaFigures.Of(c.Area),
            subject.HasArea ? c.Area.SquareMetres / subject.Area.SquareMetres : null)).ToList();
        var pieces = overlaps.Select(o => new OverlayPiece(
            o.Feature.Id, (string)o.Feature[classProperty]!, o.Feature["name"] as string ?? o.Feature["land_use"] as string,
            AreaFigures.Of(o.Area), subject.HasArea ? o.Area.SquareMetres / subject.Area.SquareMetres : null, o.Intersection)).ToList();
        return new LayerOverlay(request.Layer!, classRows, pieces);
    }

    private static string ClassLabel(CollectionDefinition layer, string code, IReadOnlyList<Overlap> overlaps) =>
        layer == Catalog.Parcels
            ? overlaps.Select(o => o.Feature).FirstOrDefault(f => (string?)f["land_use_code"] == code)?["land_use"] as string ?? code
            : layer.FindProperty(Layers[layer.Id].ClassProperty)?.Codes?.TitleZh(code) ?? code;
}

public sealed record OverlayRequest
{
    /// <summary>The subject collection (with <see cref="Ids"/>); or give <see cref="Geometry"/>.</summary>
    public string? Collection { get; init; }

    public IReadOnlyList<long>? Ids { get; init; }

    /// <summary>Instead of ids: a CQL2 filter on the collection, parsed and type-checked in Geo.Api (<c>Cql2Filter</c>).</summary>
    public FilterExpression? Filter { get; init; }

    /// <summary>A drawn subject, already read and checked (<see cref="GeometryInput.Drawn"/>).</summary>
    public GeometryInput? Geometry { get; init; }

    public IReadOnlyList<OverlayLayerRequest>? Layers { get; init; }
}

/// <summary>A layer to overlay: constraints (classes are kinds), parcels (classes are 三调 land-use codes) or zones (kinds).</summary>
public sealed record OverlayLayerRequest
{
    public string? Layer { get; init; }

    public IReadOnlyList<string>? Classes { get; init; }
}

public sealed record OverlayResult(IReadOnlyList<SubjectOverlay> Subjects, IReadOnlyList<string> Notes, DateTimeOffset ComputedAt);

public sealed record SubjectOverlay(Subject Subject, IReadOnlyList<LayerOverlay> Layers);

public sealed record LayerOverlay(string Layer, IReadOnlyList<ClassRow> Classes, IReadOnlyList<OverlayPiece> Pieces);

/// <summary>The subject's area inside the union of one class, and that area's share of the subject (null for points and lines).</summary>
public sealed record ClassRow(string Class, string Label, int FeatureCount, AreaFigures Area, double? ShareOfSubject);

/// <summary>The part of the subject inside one layer feature.</summary>
public sealed record OverlayPiece(long FeatureId, string Class, string? Name, AreaFigures Area, double? ShareOfSubject, NetTopologySuite.Geometries.Geometry Geometry);
