using System.CommandLine;

namespace Geo.Api.Cli;

/// <summary><c>catalog [--output file]</c>: writes the data contract (collections, properties, codes) as JSON.</summary>
internal static class CatalogVerb
{
    public static Command Create(TextWriter output)
    {
        var file = new Option<string?>("--output", "-o") { Description = "write to this file instead of stdout (e.g. gis-data/tools/catalog.json)" };
        var command = new Command("catalog", "print the catalog (collections, properties, allowed values and their names) as JSON") { file };
        command.SetAction(async (parse, ct) =>
        {
            var json = CatalogJson.Write();
            if (parse.GetValue(file) is not { } path)
            {
                await output.WriteAsync(json).ConfigureAwait(false);
                return 0;
            }

            try
            {
                // Written whole to a temporary file first, so a failed write never leaves half a catalog.
                var temporary = path + ".tmp";
                await File.WriteAllTextAsync(temporary, json, ct).ConfigureAwait(false);
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write {path}: {e.Message}", e);
            }

            await output.WriteLineAsync($"wrote {Path.GetFullPath(path)}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
