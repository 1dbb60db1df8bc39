// Answers GET /item with the bytes of the file FLOOR_BODY names (one of our items/{id} answers), as application/geo+json
// with no middleware, logging or telemetry: what a new curl process and connection cost against ASP.NET Core itself.
// With FLOOR_CONNECTION (an Npgsql connection string), GET /row/{id} first reads parcel {id} by its primary key
// (pooled, prepared, every column read) and then answers the same bytes: the floor of any answer that needs one
// database round trip, such as items/{id}.
using Npgsql;

var body = File.ReadAllBytes(Environment.GetEnvironmentVariable("FLOOR_BODY") ?? throw new InvalidOperationException("set FLOOR_BODY"));
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/item", (HttpContext context, CancellationToken cancellationToken) => WriteAsync(context, cancellationToken));
if (Environment.GetEnvironmentVariable("FLOOR_CONNECTION") is { } connectionString)
{
    var dataSource = NpgsqlDataSource.Create(connectionString);
    app.MapGet("/row/{id:long}", async (long id, HttpContext context, CancellationToken cancellationToken) =>
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand(
            "SELECT id, ST_AsBinary(geom), land_use_code, land_use, area_m2, township_code, zone_id, source, location_precision, illustrative, version FROM parcels WHERE id = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            await command.PrepareAsync(cancellationToken);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var values = new object[reader.FieldCount];
            reader.GetValues(values);
        }

        await WriteAsync(context, cancellationToken);
    });
}

await app.RunAsync();

Task WriteAsync(HttpContext context, CancellationToken cancellationToken)
{
    context.Response.ContentType = "application/geo+json";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, cancellationToken).AsTask();
}
