using System.CommandLine;

namespace Geo.Api.Cli;

/// <summary>
/// The CLI verbs. Each prints progress to stdout and, on failure, one line to stderr and a non-zero exit code;
/// no verb leaves anything half-written.
/// </summary>
public static class CliApp
{
    private static readonly string[] Verbs = ["migrate", "import", "check-data", "catalog", "users", "generate-parcels"];

    /// <summary>
    /// True when the arguments are for the CLI: a first word that is not a host setting. The web host takes only
    /// settings (<c>--urls …</c>, <c>--Key=value</c>, <c>Key=value</c>), so a bare word is a verb — and an unknown one
    /// must be refused, not silently start the server.
    /// </summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" || (!args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal)));

    /// <param name="input">Where a verb reads a password (null: standard input when redirected, else a prompt).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, TextReader? input = null)
    {
        var root = new RootCommand("开州区“小县大城”规划地图服务 — run with no verb to serve HTTP")
        {
            MigrateVerb.Create(output),
            ImportVerb.Create(output, error),
            CheckDataVerb.Create(output),
            CatalogVerb.Create(output),
            UsersVerb.Create(input, output),
            GenerateParcelsVerb.Create(output, error),
        };

        if (args.Length > 0 && args[0] is not ("help" or "--help" or "-h") && !Verbs.Contains(args[0]))
        {
            await error.WriteLineAsync($"error: unknown verb '{args[0]}'; the verbs are {string.Join(", ", Verbs)} (run with no verb to serve HTTP, or --help)")
                .ConfigureAwait(false);
            return 2;
        }

        var parsed = root.Parse(args.Length > 0 && args[0] == "help" ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"error: {parsed.Errors[0].Message} (run with --help for usage)").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
