using Geo.Core.Formats;

namespace Geo.Api.Imports;

/// <summary>Where an import stands; only <see cref="Succeeded"/> wrote anything.</summary>
internal enum ImportState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// The status resource of an import (<c>GET /api/imports/{id}</c>): what was read, repaired and refused, how far the
/// writing is (<see cref="PercentDone"/>), and at the end the ids given or the errors, each naming file, row, field and reason.
/// </summary>
internal sealed record ImportStatusDocument(
    string Id,
    ImportState State,
    bool DryRun,
    string Collection,
    string File,
    string Format,
    Analysis.UploadCrs Crs,
    string? Encoding,
    OffsetRepair? OffsetRepair,
    int PercentDone,
    ImportCounts Counts,
    IReadOnlyDictionary<string, string> FieldMap,
    IReadOnlyList<string> IgnoredFields,
    IReadOnlyList<ImportRepairRow> Repairs,
    IReadOnlyList<ImportErrorRow> Errors,
    long? FirstId,
    long? LastId,
    string? User,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FinishedAt);

/// <summary>Rows read from the file, valid, repaired with make-valid, refused, and written so far.</summary>
internal sealed record ImportCounts(int Read, int Valid, int Repaired, int Refused, int Written);

/// <summary>An invalid geometry repaired before writing, with its area before and after (m², CGCS2000 / 108E).</summary>
internal sealed record ImportRepairRow(int Row, string Problem, double AreaBeforeM2, double AreaAfterM2);

/// <summary>Why a row (or the whole file, row null) did not go in.</summary>
internal sealed record ImportErrorRow(string File, int? Row, string? Field, string Reason);
