// Looks up random parcels by primary key for SECONDS, one at a time, as the service's items/{id} does (a pooled
// connection opened per lookup, the same statement auto-prepared, every column read, geometries as NTS), and prints
// lookups, mean / median / p90 ms and this process's CPU ms per lookup.
//   RoundTrip async|sync CONNECTION [SECONDS=10] [MAX_ID=1000000]
using System.Diagnostics;
using System.Globalization;
using Npgsql;

var sync = args[0] == "sync";
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var maxId = args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 1_000_000;
var settings = new NpgsqlConnectionStringBuilder(args[1]) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, NoResetOnClose = true };
var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
builder.UseNetTopologySuite();
await using var dataSource = builder.Build();
const string Sql = "SELECT id, geom, land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative, version FROM parcels WHERE id = $1";

for (var i = 0; i < 200; i++)
{
    await LookupAsync(Random.Shared.NextInt64(1, maxId + 1));
}

var times = new List<double>();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var all = Stopwatch.StartNew();
while (all.Elapsed.TotalSeconds < seconds)
{
    var one = Stopwatch.GetTimestamp();
    await LookupAsync(Random.Shared.NextInt64(1, maxId + 1));
    times.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
}

var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{times.Count} {times.Average():F3} {times[times.Count / 2]:F3} {times[times.Count * 9 / 10]:F3} {cpuMs / times.Count:F3}"));

async Task LookupAsync(long id)
{
    if (sync)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        using var reader = command.ExecuteReader();
        Read(reader, reader.Read());
        return;
    }

    await using var asyncConnection = await dataSource.OpenConnectionAsync();
    await using var asyncCommand = new NpgsqlCommand(Sql, asyncConnection);
    asyncCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
    await using var asyncReader = await asyncCommand.ExecuteReaderAsync();
    Read(asyncReader, await asyncReader.ReadAsync());
}

static void Read(NpgsqlDataReader reader, bool found)
{
    if (!found)
    {
        throw new InvalidOperationException("no such parcel");
    }

    for (var i = 0; i < reader.FieldCount; i++)
    {
        _ = reader.GetValue(i);
    }
}
