// Answers GET /item with the bytes of the file FLOOR_BODY names (one of our items/{id} answers), as application/geo+json
// with no middleware, logging or telemetry: what a new curl process and connection cost against ASP.NET Core itself.
var body = File.ReadAllBytes(Environment.GetEnvironmentVariable("FLOOR_BODY") ?? throw new InvalidOperationException("set FLOOR_BODY"));
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/item", (HttpContext context, CancellationToken cancellationToken) =>
{
    context.Response.ContentType = "application/geo+json";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, cancellationToken).AsTask();
});
await app.RunAsync();
