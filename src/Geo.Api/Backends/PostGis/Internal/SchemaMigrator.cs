using System.Reflection;
using DbUp;
using DbUp.Engine;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Applies the versioned SQL scripts in <c>Migrations/</c> (embedded, applied in name order, each in its own
/// transaction) and records each in the <c>schema_version</c> table, so running it again applies only what is new.
/// </summary>
internal static class SchemaMigrator
{
    public const string JournalTable = "schema_version";

    /// <summary>Returns the names of the scripts applied by this run (empty when the schema was already current).</summary>
    public static IReadOnlyList<string> Migrate(string connectionString, IProgress<string>? progress = null)
    {
        // A standby is read-only: with several hosts, migrate the primary.
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(PostGisDataSource.PrimaryConnectionString(connectionString))
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(".Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .JournalToPostgresqlTable("public", JournalTable)
            .LogToNowhere()
            .Build();

        foreach (var pending in upgrader.GetScriptsToExecute())
        {
            progress?.Report($"applying {ScriptName(pending)}");
        }

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new MigrationException($"migration {ScriptName(result.ErrorScript)} failed: {result.Error.Message}", result.Error);
        }

        return result.Scripts.Select(ScriptName).ToList();
    }

    private static string ScriptName(SqlScript? script) =>
        script is null ? "?" : script.Name[(script.Name.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
}
