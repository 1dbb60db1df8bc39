using Geo.Api.Formats;
using Geo.Core.Formats;
using Geo.Core.Imports;

namespace Geo.Api.Cli;

/// <summary>
/// <c>import FILE --collection c</c>: reads the file, validates every row against the catalog and the district
/// (<see cref="FileImport"/>, the pipeline <c>POST /api/imports</c> runs too), and appends all rows to PostGIS or the
/// embedded store in one step or none. Progress goes to stderr, the report to stdout; the audit trail gets an
/// <c>import</c> entry filed under the database user (or, embedded, the system user) the CLI ran as.
/// </summary>
internal static class FileImportVerb
{
    /// <summary>Refusal reasons printed before the one-line error; the count covers the rest.</summary>
    private const int ListedRefusals = 20;

    public static async Task<int> RunAsync(
        string path, CollectionDefinition collection, FileImportRequest request, Func<IProgress<string>, FileImportTarget> openTarget,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        var progress = new LineProgress(error);
        return await CliOptions.WithDatabaseAsync(async () =>
        {
            await using var target = openTarget(progress);
            progress.Report($"reading {Path.GetFullPath(path)}");
            IProgress<int> Sent(int total) => new Progress(written => progress.Report($"{collection.Id}: {written:N0} of {total:N0} rows sent"));
            FileImportCheck check;
            try
            {
                if (request is { From: null, DryRun: false } && target.Importer is IStreamingCollectionImporter streaming)
                {
                    // PostGIS: read, check and COPY in one pass, so memory stays flat however long the file is.
                    var (layer, streamed, ids) = await FileImport.StreamAsync(
                        path, collection, request, target.Store, FileReading.AllFormats, streaming, target.User, "cli", progress, Sent, cancellationToken)
                        .ConfigureAwait(false);
                    await WriteReportAsync(output, layer, streamed).ConfigureAwait(false);
                    ThrowIfRefused(streamed);
                    await output.WriteLineAsync($"written: {streamed.Valid} rows into {collection.Id} (ids {ids!.First}–{ids.Last}) in one transaction").ConfigureAwait(false);
                    return 0;
                }

                check = await FileImport.CheckAsync(path, null, collection, request, target.Store, FileReading.AllFormats, progress, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (FileInputException e)
            {
                throw new CliException($"{e.Message}; nothing was written", e);
            }

            var plan = check.Plan;
            await WriteReportAsync(output, check.Layer, plan).ConfigureAwait(false);
            ThrowIfRefused(plan);
            if (request.DryRun)
            {
                await output.WriteLineAsync($"dry run: {plan.Valid} rows would be written to {collection.Id}; nothing was written").ConfigureAwait(false);
                return 0;
            }

            var written = await target.Importer.AppendAsync(plan, target.User, "cli", Sent(plan.Valid), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"written: {plan.Valid} rows into {collection.Id} (ids {written.First}–{written.Last}) in one transaction").ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
    }

    private static void ThrowIfRefused(ImportPlan plan)
    {
        if (!plan.CanWrite)
        {
            var rows = plan.Refusals.Select(r => r.Row).Distinct().Count();
            throw new CliException($"{plan.File}: {rows} of {plan.Read} rows refused, first {plan.Refusals[0]}; nothing was written");
        }
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
        await output.WriteLineAsync($"read {plan.Read}, valid {plan.Valid}, repaired {plan.Repairs.Count}, refused {refusedRows}").ConfigureAwait(false);
    }

    /// <summary>Rows sent, as a line each time (synchronously: Progress&lt;T&gt; would post them out of order).</summary>
    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
