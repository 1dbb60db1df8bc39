using System.Diagnostics;
using System.Globalization;
using Geo.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// One hostile request: what is sent, and the status expected (null: any 4xx; 200 for a valid request that must still be
/// quick); <paramref name="Detail"/> is a phrase the problem's detail must hold, when the fix it names matters.
/// </summary>
public sealed record HostileRequest(string Method, string Path, string? Body = null, int? Status = null, string? Parameter = null,
    string ContentType = "application/json", string? Header = null, string? Detail = null);

/// <summary>
/// The requests of issue 9's battery, each answered 500, crashed, stalled or bloated the service before: kept by
/// name so that each is one test case on each store.
/// </summary>
public static class HostileRequests
{
    private const string Projects = "/ogcapi/collections/projects";
    private const string Layers = """[{"layer":"zones"}]""";

    public static readonly IReadOnlyDictionary<string, HostileRequest> All = new Dictionary<string, HostileRequest>
    {
        ["zero-size bbox in EPSG:3857"] = new("GET", $"{Projects}/items?bbox=12064000,3640000,12064000,3640000&bbox-crs=EPSG:3857", Status: 400, Parameter: "bbox"),
        ["datetime=0000"] = new("GET", $"{Projects}/items?datetime=0000", Status: 400, Parameter: "datetime"),
        ["GeometryCollection sent to compliance"] = new("POST", "/api/analysis/compliance",
            """{"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[108.4,31.2]},{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1],[108.4,31.2],[108.3,31.1]]]}]}}""",
            Status: 422, Parameter: "geometry"),
        ["EPSG:4545 polygon near the pole"] = new("POST", "/api/analysis/projects-in-area",
            """{"geometry":{"type":"Polygon","coordinates":[[[100000,9900000],[800000,9900000],[800000,9990000],[100000,9990000],[100000,9900000]]]},"crs":"EPSG:4545"}""",
            Status: 400, Parameter: "geometry"),
        ["EPSG:4545 filter near the pole"] = new("GET",
            $"{Projects}/items?filter-crs=EPSG:4545&filter=S_INTERSECTS(geometry,POLYGON((9900000 100000,9900000 800000,9990000 800000,9900000 100000)))",
            Status: 400, Parameter: "filter"),
        ["200,000-vertex polygon"] = new("POST", "/api/analysis/projects-in-area", $$"""{"geometry":{{Circle(200_000)}}}""", Status: 413, Parameter: "body"),
        ["60,000-vertex polygon"] = new("POST", "/api/analysis/overlay", $$"""{"geometry":{{Circle(60_000)}},"layers":{{Layers}}}""", Status: 413, Parameter: "geometry"),
        ["60,000-vertex CQL2 literal"] = new("POST", $"{Projects}/search",
            $$"""{"op":"s_intersects","args":[{"property":"geometry"},{{Circle(60_000)}}]}""", Status: 413, Parameter: "filter"),
        ["body over the limit"] = new("POST", $"{Projects}/search", new string(' ', 5 * 1024 * 1024) + "{}", Status: 413, Parameter: "body"),
        ["11 overlay layers"] = new("POST", "/api/analysis/overlay",
            $$"""{"collection":"projects","ids":[1],"layers":[{{string.Join(",", Enumerable.Repeat("""{"layer":"zones"}""", 11))}}]}""", Status: 413, Parameter: "layers"),
        ["600 overlay ids"] = new("POST", "/api/analysis/overlay",
            $$"""{"collection":"projects","ids":[{{string.Join(",", Enumerable.Range(1, 600))}}],"layers":{{Layers}}}""", Status: 413, Parameter: "ids"),
        ["3,000-character indicator note"] = new("PUT", "/api/indicators/1/actuals",
            $$"""{"value":1,"asOf":"2025-01-01","note":"{{new string('注', 3000)}}"}""", Status: 413, Parameter: "note"),
        ["unknown route"] = new("GET", "/ogcapi/nothing/here", Status: 404),
        ["method not allowed"] = new("DELETE", $"{Projects}/items", Status: 405),
        ["body that is not JSON"] = new("PUT", "/api/indicators/1/actuals", "value=1", Status: 415, ContentType: "text/plain"),
        ["analysis body neither JSON nor a form"] = new("POST", "/api/analysis/compliance", "hello", Status: 415, ContentType: "text/plain",
            Detail: "multipart/form-data"),
        ["URL over the limit"] = new("GET", $"{Projects}/items?filter=" + Uri.EscapeDataString(string.Join(" OR ", Enumerable.Range(1, 900).Select(i => $"id={i}"))), Status: 414),
        ["headers over the limit"] = new("GET", "/ogcapi", Status: 431, Header: new string('h', 40 * 1024)),

        // CQL2 cases whose fix is the filter engine's (depth, LIKE, IN list, geometry literals).
        ["CQL2 nested a few thousand parentheses deep"] = new("GET", $"{Projects}/items?filter={new string('(', 3500)}id=1{new string(')', 3500)}"),
        // A valid filter: answered, but quickly (matched without backtracking), not refused.
        ["CQL2 LIKE with a dozen wildcards"] = new("GET", $"{Projects}/items?filter=" + Uri.EscapeDataString("name LIKE '" + string.Concat(Enumerable.Repeat("%a", 12)) + "%b'"), Status: 200),
        ["CQL2 70,000-value IN list"] = new("POST", $"{Projects}/search",
            $$"""{"op":"in","args":[{"property":"id"},[{{string.Join(",", Enumerable.Range(1, 70_000))}}]]}"""),
        ["CQL2 polygon with an unclosed ring"] = new("GET", $"{Projects}/items?filter=S_INTERSECTS(geometry,POLYGON((108.3 31.1,108.4 31.1,108.4 31.2)))", Parameter: "filter"),
        ["CQL2 arithmetic the type checker refuses in an overlay filter"] = new("POST", "/api/analysis/overlay",
            $$"""{"collection":"projects","filter":"name + 1 > 2","layers":{{Layers}}}"""),
    };

    public static TheoryData<string> Names(Func<string, bool> where)
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys.Where(where))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>A closed polygon of <paramref name="vertices"/> vertices, 1 km around Kaizhou's centre.</summary>
    public static string Circle(int vertices)
    {
        var text = new StringBuilder("""{"type":"Polygon","coordinates":[[""");
        for (var i = 0; i <= vertices; i++)
        {
            var angle = 2 * Math.PI * (i % vertices) / vertices;
            text.Append(CultureInfo.InvariantCulture, $"[{108.39 + 0.01 * Math.Cos(angle):0.#######},{31.16 + 0.01 * Math.Sin(angle):0.#######}]").Append(i < vertices ? "," : "");
        }

        return text.Append("]]}").ToString();
    }

    public static HttpRequestMessage Message(HostileRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType);

            // As curl does for large bodies: the service can refuse one over its limit before it is sent.
            message.Headers.ExpectContinue = request.Body.Length > 1024 * 1024;
        }

        if (request.Header is not null)
        {
            message.Headers.Add("X-Hostile", request.Header);
        }

        return message;
    }

    /// <summary>Sends a request to the real Kestrel and returns the answer and how long it took.</summary>
    public static async Task<(HttpResponseMessage Response, string Body, TimeSpan Elapsed)> SendAsync(HttpClient client, HttpRequestMessage message)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        return (response, body, clock.Elapsed);
    }

    /// <summary>
    /// A client of the service on its loopback port, waiting a little longer than the service's own request timeout,
    /// signed in as an editor so that writes reach the checks of their input.
    /// </summary>
    public static Task<HttpClient> ClientAsync(ServiceFactory factory) =>
        new HttpClient { BaseAddress = factory.ListeningAddress, Timeout = RequestTimeout(factory) + TimeSpan.FromSeconds(10) }
            .AuthorizeAsync(factory.Services, Role.Editor);

    public static TimeSpan RequestTimeout(ServiceFactory factory) =>
        TimeSpan.FromSeconds(factory.Services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.RequestTimeoutSeconds);

    /// <summary>The process still answers: the conformance page is 200.</summary>
    public static async Task AssertAliveAsync(HttpClient client) =>
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ogcapi/conformance")).StatusCode);
}
