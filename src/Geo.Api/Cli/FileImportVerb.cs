using System.Text.Json;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Core.Accounts;
using Geo.Core.Domain;
using Geo.Core.Formats;
using Geo.Core.Imports;
using Npgsql;

namespace Geo.Api.Cli;

/// <summary>
/// <c>import FILE --collection c</c>: reads the file, validates every row against the catalog, and appends all rows to
/// PostGIS in one transaction or none. Progress goes to stderr, the report to stdout; the audit trail gets an
/// <c>import</c> entry filed under the database user the CLI ran as (the CLI acts with the database's rights).
/// </summary>
internal static class FileImportVerb
{
    /// <summary>Refusal reasons printed before the one-line error; the count covers the rest.</summary>
    private const int ListedRefusals = 20;

    public static async Task<int> RunAsync(
        string path, CollectionDefinition collection, FileImportRequest request, string connectionString,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        var progress = new LineProgress(error);
        progress.Report($"reading {Path.GetFullPath(path)}");
        ImportPlan plan;
        ImportedLayer layer;
        try
        {
            layer = FeatureFile.Read(path, new FileReadOptions { Crs = request.Crs, Encoding = request.Encoding, From = request.From }, cancellationToken);
            progress.Report($"{layer.Features.Count:N0} features in {layer.SourceCrs.Title} (CRS from {layer.CrsSource}); validating against {collection.Id}");
            plan = ImportPreparation.Prepare(layer, collection, request.Map, request.Constants);
        }
        catch (FileInputException e)
        {
            throw new CliException($"{e.Message}; nothing was written", e);
        }

        await WriteReportAsync(output, layer, plan).ConfigureAwait(false);
        if (!plan.CanWrite)
        {
            var rows = plan.Refusals.Select(r => r.Row).Distinct().Count();
            throw new CliException($"{plan.File}: {rows} of {plan.Read} rows refused, first {plan.Refusals[0]}; nothing was written");
        }

        if (request.DryRun)
        {
            await output.WriteLineAsync($"dry run: {plan.Features.Count} rows would be written to {collection.Id}; nothing was written").ConfigureAwait(false);
            return 0;
        }

        var (first, last) = await CliOptions.WithDatabaseAsync(async () =>
        {
            SchemaMigrator.Migrate(connectionString, progress);
            await using var dataSource = PostGisDataSource.Create(connectionString);
            return await PostGisCollectionImport.AppendAsync(dataSource, plan, ids => AuditEntry(connectionString, plan, ids), progress, cancellationToken)
                .ConfigureAwait(false);
        }).ConfigureAwait(false);
        await output.WriteLineAsync($"written: {plan.Features.Count} rows into {collection.Id} (ids {first}–{last}) in one transaction").ConfigureAwait(false);
        return 0;
    }

    private static async Task WriteReportAsync(TextWriter output, ImportedLayer layer, ImportPlan plan)
    {
        await output.WriteLineAsync($"file: {plan.File} ({layer.Format}, CRS {layer.SourceCrs.Title} from {layer.CrsSource}{(layer.Encoding is null ? "" : $", text {layer.Encoding}")})").ConfigureAwait(false);
        if (layer.Repair is { } shift)
        {
            await output.WriteLineAsync($"web-map offset repaired from {shift.From}: {shift.Vertices} vertices, mean shift {shift.MeanShiftMetres:0.0} m").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"fields: {string.Join(", ", plan.FieldMap.Select(m => $"{m.Value}→{m.Key}"))}"
            + (plan.IgnoredFields.Count == 0 ? "" : $"; ignored: {string.Join(", ", plan.IgnoredFields)}")).ConfigureAwait(false);
        foreach (var repair in plan.Repairs)
        {
            await output.WriteLineAsync($"  repaired: row {repair.Row}: {repair.Problem}; area {repair.AreaBeforeM2:0.##} m² → {repair.AreaAfterM2:0.##} m² (make-valid)").ConfigureAwait(false);
        }

        foreach (var refusal in plan.Refusals.Take(ListedRefusals))
        {
            await output.WriteLineAsync($"  refused: {refusal}").ConfigureAwait(false);
        }

        if (plan.Refusals.Count > ListedRefusals)
        {
            await output.WriteLineAsync($"  refused: … and {plan.Refusals.Count - ListedRefusals} more").ConfigureAwait(false);
        }

        var refusedRows = plan.Refusals.Select(r => r.Row).Distinct().Count();
        await output.WriteLineAsync($"read {plan.Read}, valid {plan.Features.Count}, repaired {plan.Repairs.Count}, refused {refusedRows}").ConfigureAwait(false);
    }

    private static NewAuditEntry AuditEntry(string connectionString, ImportPlan plan, (long First, long Last) ids) => new(
        $"database:{new NpgsqlConnectionStringBuilder(connectionString).Username}",
        AuditActions.Import,
        plan.Collection,
        plan.File,
        JsonSerializer.Serialize(new
        {
            via = "cli",
            read = plan.Read,
            written = plan.Features.Count,
            repaired = plan.Repairs.Count,
            first_id = ids.First,
            last_id = ids.Last,
        }));
}
