namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Brings the schema up to date when the host starts. Hosted services start before the server listens, so no request
/// meets an old schema; a failed migration stops start-up, as it did when migrations ran during registration.
/// </summary>
internal sealed class MigrateOnStartup(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => SchemaMigrator.Migrate(connectionString), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
