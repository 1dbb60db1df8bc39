using Geo.Core.Analysis.Indicators;
using Geo.Core.Formats;

namespace Geo.Api.Analysis;

// The f=json answers of the analyses, named so that docs/openapi.json gives each a schema and the viewer's types are
// generated from it. Each ends with the data note, because most of the data are drawn by hand.

internal sealed record ProjectsInAreaResponse(
    AreaDescription Area, ProjectSummary Summary, GeoJsonFeatureCollection Projects, IReadOnlyList<string> Notes, DateTimeOffset ComputedAt, string DataNote);

/// <summary>The analysed area as drawn or chosen, its size and whether it lies inside 开州区.</summary>
internal sealed record AreaDescription(string Description, AreaFigures Area, bool InsideDistrict, Geometry Geometry);

internal sealed record OverlayResponse(IReadOnlyList<SubjectOverlay> Subjects, IReadOnlyList<string> Notes, DateTimeOffset ComputedAt, string DataNote);

internal sealed record ComplianceResponse(
    Subject Subject, string Verdict, IReadOnlyList<ComplianceFinding> Findings, IReadOnlyList<string> Notes, DateTimeOffset ComputedAt, string DataNote)
{
    public static ComplianceResponse Of(ComplianceResult r) => new(r.Subject, r.Verdict, r.Findings, ChineseNotes(r.Notes), r.ComputedAt, Analysis.DataNote.Text);

    /// <summary>Answers write notes in Chinese, as they always have; reports choose the reader's language.</summary>
    public static IReadOnlyList<string> ChineseNotes(IEnumerable<Wording> notes) => [.. notes.Select(n => n.Zh)];
}

/// <summary>
/// An uploaded file's review: how it was read (CRS, encoding, repair), one result per feature, and warnings (features
/// with no part in 开州区: analysed as empty, not refused).
/// </summary>
internal sealed record ComplianceUploadResponse(
    string File, string Format, UploadCrs Crs, string? Encoding, OffsetRepair? Repair, IEnumerable<ComplianceUploadRow> Results,
    IReadOnlyList<string> Warnings, DateTimeOffset ComputedAt, string DataNote);

/// <summary>范围内项目 for each feature of an uploaded file, as for a drawn area; shaped as <see cref="ComplianceUploadResponse"/>.</summary>
internal sealed record ProjectsInAreaUploadResponse(
    string File, string Format, UploadCrs Crs, string? Encoding, OffsetRepair? Repair, IEnumerable<ProjectsInAreaUploadRow> Results,
    IReadOnlyList<string> Warnings, DateTimeOffset ComputedAt, string DataNote);

internal sealed record ProjectsInAreaUploadRow(int Row, IReadOnlyDictionary<string, object?> Properties, ProjectsInAreaResponse Result);

/// <summary>叠加分析 for each feature of an uploaded file, as for a drawn subject; shaped as <see cref="ComplianceUploadResponse"/>.</summary>
internal sealed record OverlayUploadResponse(
    string File, string Format, UploadCrs Crs, string? Encoding, OffsetRepair? Repair, IEnumerable<OverlayUploadRow> Results,
    IReadOnlyList<string> Warnings, DateTimeOffset ComputedAt, string DataNote);

internal sealed record OverlayUploadRow(int Row, IReadOnlyDictionary<string, object?> Properties, SubjectOverlay Subject, IReadOnlyList<string> Notes);

/// <summary>The CRS the file was read in and how that was known (.prj, the TXT header, the request …).</summary>
internal sealed record UploadCrs(int? Epsg, string Title, string Source)
{
    public static UploadCrs Of(ImportedLayer layer) => new(layer.SourceCrs.Epsg, layer.SourceCrs.Title, layer.CrsSource);
}

internal sealed record ComplianceUploadRow(
    int Row, IReadOnlyDictionary<string, object?> Properties, Subject Subject, string Verdict, IReadOnlyList<ComplianceFinding> Findings, IReadOnlyList<string> Notes);

internal sealed record ConstraintConflictsResponse(IReadOnlyList<ConstraintConflict> Conflicts, DateTimeOffset ComputedAt, string DataNote);

/// <summary>The zone outlines are in the GeoJSON download; the JSON answer stays small.</summary>
internal sealed record FlowSummaryResponse(
    string GroupBy, IReadOnlyList<FlowGroup> Groups, long TotalHouseholds, long TotalPersons, IEnumerable<ResettlementAreaInflow> ResettlementAreas,
    DateTimeOffset ComputedAt, string DataNote);

internal sealed record ResettlementAreaInflow(
    long ZoneId, string Name, long CapacityHouseholds, long InflowHouseholds, long InflowPersons, int Flows, double? Utilisation, bool OverCapacity, string? Warning);

/// <summary>The zone outlines are in the GeoJSON download; the JSON answer stays small.</summary>
internal sealed record LivingCircleResponse(
    double DistanceMetres, string Method, IEnumerable<LivingCircleAreaCoverage> Areas, IReadOnlyList<KindCoverage> Coverage, DateTimeOffset ComputedAt, string DataNote);

internal sealed record LivingCircleAreaCoverage(
    long ZoneId, string Name, IReadOnlyList<NeedCoverage> Needs, IReadOnlyList<string> Gaps, IReadOnlyList<string> MissingFacilityKinds);

internal sealed record IndicatorsResponse(IReadOnlyList<IndicatorRow> Indicators, IReadOnlyList<DerivedFigure> Computed, DateTimeOffset ComputedAt, string DataNote);
