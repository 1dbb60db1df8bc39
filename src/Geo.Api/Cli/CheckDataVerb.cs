using System.CommandLine;
using Geo.Core.GisData;
using Geo.Core.Plan;

namespace Geo.Api.Cli;

/// <summary><c>check-data [folder]</c>: prints the data-quality report; exits 1 when our data does not reconcile with the plan.</summary>
internal static class CheckDataVerb
{
    public static Command Create(TextWriter output)
    {
        var folder = CliOptions.Folder();
        var command = new Command("check-data", "reconcile a gis-data folder with the plan and list what does not add up") { folder };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(folder)!;
            await output.WriteLineAsync($"checking {Path.GetFullPath(path)}").ConfigureAwait(false);
            var data = CliOptions.LoadFolder(path, output);
            PlanFigures plan;
            try
            {
                plan = PlanFigures.Load(path);
            }
            catch (Exception e) when (e is DataValidationException or FormatException or KeyNotFoundException or CsvHelper.CsvHelperException)
            {
                throw new CliException($"cannot read the plan's figures ({PlanFigures.GroupsFile}, {PlanFigures.TotalsFile}): {e.Message}", e);
            }

            var findings = DataQualityReport.Check(data, plan);
            foreach (var finding in findings)
            {
                await output.WriteLineAsync(finding.ToString()).ConfigureAwait(false);
            }

            var errors = findings.Count(f => f.Level == FindingLevel.Error);
            var notes = findings.Count(f => f.Level == FindingLevel.Note);
            await output.WriteLineAsync($"{findings.Count} checks: {errors} errors, {notes} notes").ConfigureAwait(false);
            if (errors > 0)
            {
                throw new CliException($"{errors} data error(s); see the ERROR lines above");
            }

            return 0;
        });
        return command;
    }
}
