using Geo.Core.Filters;
using Geo.Core.Formats;
using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>
/// 合规性审查 of one stored feature against the constraints: any overlap with 永久基本农田 or 生态保护红线 is a conflict,
/// the part outside the 城镇开发边界 is a conflict, and overlap with a 地质灾害隐患区 is a warning.
/// </summary>
public sealed class Compliance(IFeatureStore store, ISpatialAnalysis spatial)
{
    // Verdicts are written by their Chinese names from the catalog, which names them in English too.
    public static readonly string Compliant = Catalog.ComplianceVerdicts.TitleZh("compliant");
    public static readonly string Conflicting = Catalog.ComplianceVerdicts.TitleZh("conflicting");
    public static readonly string NeedsAttention = Catalog.ComplianceVerdicts.TitleZh("needs_attention");

    /// <summary>
    /// A drawn site with no part in 开州区 is not reviewed: every part of it would otherwise be "outside the 城镇开发边界",
    /// a conflict that only says the site was drawn in the wrong place.
    /// </summary>
    public static readonly string OutsideDistrict = Catalog.ComplianceVerdicts.TitleZh("outside_district");

    /// <summary>An outside area below this is float noise where a site's edge runs along the boundary, not a conflict.</summary>
    private const double NoiseSquareMetres = 0.01;

    public async Task<ComplianceResult> RunAsync(string collectionId, long id, CancellationToken cancellationToken) =>
        await RunAsync(await Subject.LoadAsync(store, collectionId, id, cancellationToken).ConfigureAwait(false), [], cancellationToken).ConfigureAwait(false);

    /// <summary>Checks a drawn site (a planned project's red line, say) before it is stored.</summary>
    public async Task<ComplianceResult> RunAsync(GeometryInput site, CancellationToken cancellationToken) =>
        await RunAsync(site, Subject.DrawnArea.Zh, cancellationToken).ConfigureAwait(false);

    /// <summary>Checks each feature of an uploaded file (each 地块 of a 报盘 TXT), in file order.</summary>
    public async Task<IReadOnlyList<(ImportedFeature Feature, ComplianceResult Result)>> RunAsync(ImportedLayer layer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var results = new List<(ImportedFeature, ComplianceResult)>(layer.Features.Count);
        foreach (var feature in layer.Features)
        {
            var input = GeometryInput.Repaired(feature.Geometry, $"file row {feature.Row}");
            results.Add((feature, await RunAsync(input, SubjectName(layer, feature), cancellationToken).ConfigureAwait(false)));
        }

        return results;
    }

    /// <summary>A feature's name for reports: its 地块名称 or the usual name fields, else the file and row.</summary>
    public static string SubjectName(ImportedLayer layer, ImportedFeature feature) => FeatureName(feature) ?? RowOf(layer, feature).Zh;

    /// <summary>The name a feature carries in its attributes, if any.</summary>
    public static string? FeatureName(ImportedFeature feature) =>
        new[] { "地块名称", "name", "名称", "NAME", "XMMC", "DLMC", "地块编号" }
            .Select(key => feature.Properties.GetValueOrDefault(key) as string)
            .FirstOrDefault(name => !string.IsNullOrWhiteSpace(name));

    /// <summary>Where a feature is in its file: the file name and row.</summary>
    public static Wording RowOf(ImportedLayer layer, ImportedFeature feature)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(feature);
        return new($"{layer.File} 第 {feature.Row} 行", $"{layer.File} row {feature.Row}");
    }

    private async Task<ComplianceResult> RunAsync(GeometryInput input, string name, CancellationToken cancellationToken)
    {
        var notes = input.Repair is null ? new List<Wording>() : [input.Repair];
        var subject = Subject.Drawn(input, name);
        if (!await DistrictCheck.TouchesDistrictAsync(store, input.Geometry, cancellationToken).ConfigureAwait(false))
        {
            notes.Add(DistrictCheck.Outside);
            return new ComplianceResult(subject, OutsideDistrict, [], notes, DateTimeOffset.UtcNow);
        }

        return await RunAsync(subject, notes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ComplianceResult> RunAsync(Subject subject, IReadOnlyList<Wording> notes, CancellationToken cancellationToken)
    {
        var findings = new List<ComplianceFinding>();
        var overlaps = await spatial.IntersectionsAsync(
            subject.Geometry, Catalog.Constraints,
            InList.Of("kind", Catalog.PermanentFarmland, Catalog.EcologicalRedline, Catalog.Geohazard),
            cancellationToken).ConfigureAwait(false);
        foreach (var overlap in overlaps)
        {
            // A polygon that only touches a constraint along an edge shares no area and is no conflict; a point inside is.
            if (subject.HasArea && overlap.Area.SquareMetres <= 0)
            {
                continue;
            }

            var kind = (string)overlap.Feature["kind"]!;
            findings.Add(new ComplianceFinding(
                kind == Catalog.Geohazard ? Severity.Warning : Severity.Conflict,
                kind, Catalog.ConstraintKinds.TitleZh(kind), overlap.Feature.Id, (string?)overlap.Feature["name"],
                $"与{Catalog.ConstraintKinds.TitleZh(kind)}重叠",
                AreaFigures.Of(overlap.Area), Share(subject, overlap.Area), overlap.Intersection));
        }

        findings.AddRange(await OutsideUrbanBoundaryAsync(subject, cancellationToken).ConfigureAwait(false));
        var ordered = findings.OrderBy(f => f.Severity).ThenBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.ConstraintId).ToList();
        var verdict = ordered.Any(f => f.Severity == Severity.Conflict) ? Conflicting
            : ordered.Count > 0 ? NeedsAttention : Compliant;
        return new ComplianceResult(subject, verdict, ordered, notes, DateTimeOffset.UtcNow);
    }

    private async Task<IEnumerable<ComplianceFinding>> OutsideUrbanBoundaryAsync(Subject subject, CancellationToken cancellationToken)
    {
        var (outside, area) = await spatial.DifferenceAsync(
            subject.Geometry, Catalog.Constraints, InList.Of("kind", Catalog.UrbanBoundary), cancellationToken).ConfigureAwait(false);
        // A point or line has no area: it conflicts when any of it is outside. A polygon conflicts by its area outside.
        var conflict = subject.HasArea ? area.SquareMetres > NoiseSquareMetres : !outside.IsEmpty;
        return conflict
            ? [new ComplianceFinding(
                Severity.Conflict, Catalog.UrbanBoundary, Catalog.ConstraintKinds.TitleZh(Catalog.UrbanBoundary), null, null, $"位于{Catalog.ConstraintKinds.TitleZh(Catalog.UrbanBoundary)}之外",
                AreaFigures.Of(area), Share(subject, area), outside)]
            : [];
    }

    private static double? Share(Subject subject, Area area) => subject.HasArea ? area.SquareMetres / subject.Area.SquareMetres : null;
}

/// <summary>Conflicts sort before warnings.</summary>
public enum Severity
{
    Conflict,
    Warning,
}

public sealed record ComplianceResult(
    Subject Subject, string Verdict, IReadOnlyList<ComplianceFinding> Findings, IReadOnlyList<Wording> Notes, DateTimeOffset ComputedAt);

/// <summary>One conflict or warning: which rule, which constraint feature (none for the outside-the-boundary part), and how much.</summary>
public sealed record ComplianceFinding(
    Severity Severity, string Kind, string KindLabel, long? ConstraintId, string? ConstraintName, string Description,
    AreaFigures Area, double? ShareOfSubject, Geometry Geometry)
{
    /// <summary>The severity's Chinese name from the catalog; <see cref="Catalog.ComplianceSeverities"/> names it in English.</summary>
    public string SeverityLabel => Catalog.ComplianceSeverities.TitleZh(CodeOf(Severity));

    /// <summary>The code <see cref="Catalog.ComplianceSeverities"/> names a severity by.</summary>
    public static string CodeOf(Severity severity) => severity switch
    {
        Severity.Conflict => "conflict",
        Severity.Warning => "warning",
        _ => throw new System.Diagnostics.UnreachableException($"Severity {severity} has no catalog code"),
    };
}
