using System.Net;
using System.Net.Sockets;

namespace Geo.Testing;

/// <summary>
/// A second PostGIS cluster of the test's own, in a temporary folder on a free port, for tests that stop and start
/// the database: stopping the shared cluster would break every other test running beside them.
/// </summary>
public sealed class PrivatePostGisCluster : IDisposable
{
    private readonly Dictionary<string, string> _environment;

    public PrivatePostGisCluster()
    {
        Folder = Path.Combine(Path.GetTempPath(), "kaizhou-pg-private-" + Guid.NewGuid().ToString("N")[..8]);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _environment = new() { ["GEO_PG_DIR"] = Folder, ["GEO_PG_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>Creates the cluster on first use, starts it, and returns the connection string of its PostGIS database.</summary>
    public string Start() => Scripts.Run("postgis-start.sh", _environment).Trim().Split('\n')[^1];

    /// <summary>
    /// Makes this cluster a streaming standby of <paramref name="primary"/> on first use (pg_basebackup -R: real physical
    /// replication), starts it, and returns the connection string of its read-only PostGIS database.
    /// </summary>
    public string StartStandbyOf(PrivatePostGisCluster primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        return Scripts.Run("postgis-standby.sh", new Dictionary<string, string>(_environment)
        {
            ["GEO_PG_PRIMARY_PORT"] = primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Trim().Split('\n')[^1];
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended); its data stays for the next start.</summary>
    public void Stop() => Scripts.Run("postgis-stop.sh", _environment);

    public void Dispose()
    {
        Stop();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
