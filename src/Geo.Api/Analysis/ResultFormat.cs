using System.Diagnostics;
using Geo.Api.Hosting;

namespace Geo.Api.Analysis;

/// <summary>How an analysis answer is wanted: <c>f=json</c> (default), <c>geojson</c>, <c>csv</c> (UTF-8 with BOM, for Excel) or <c>html</c> (printable report).</summary>
internal enum ResultFormat
{
    Json,
    GeoJson,
    Csv,
    Html,
}

internal static class ResultFormats
{
    public static ResultFormat Parse(string? f, bool htmlAllowed)
    {
        var format = (f ?? "json").ToUpperInvariant() switch
        {
            "JSON" => ResultFormat.Json,
            "GEOJSON" => ResultFormat.GeoJson,
            "CSV" => ResultFormat.Csv,
            "HTML" when htmlAllowed => ResultFormat.Html,
            _ => throw Geo.Core.InputException.Invalid(
                "f", $"unknown format '{f}'; one of json, geojson, csv{(htmlAllowed ? ", html" : string.Empty)}"),
        };
        return format;
    }

    /// <summary>
    /// <c>f</c> when given; without it, a printable report (where there is one) when the request's <c>Accept</c> header
    /// ranks <c>text/html</c> above JSON, as a browser's form post does; JSON otherwise (<c>*/*</c> included).
    /// </summary>
    public static ResultFormat Negotiate(HttpRequest request, string? f, bool htmlAllowed)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (f is not null || !htmlAllowed)
        {
            return Parse(f, htmlAllowed);
        }

        var accept = request.GetTypedHeaders().Accept;
        double Rank(string type) => accept.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var json = Math.Max(Rank("application/json"), Math.Max(Rank("application/*"), Rank("*/*")));
        return Rank("text/html") > json ? ResultFormat.Html : ResultFormat.Json;
    }

    /// <summary>For the arms <see cref="Parse"/> never yields at that endpoint: html where it is refused, or a value cast from an integer.</summary>
    public static UnreachableException Unhandled(ResultFormat format) => new($"ResultFormat {format} is not handled here");
}

internal static class ResultFormatMetadata
{
    /// <summary>
    /// Documents the answers an analysis endpoint gives for each <c>f</c>: JSON as <typeparamref name="TJson"/>,
    /// GeoJSON features, CSV and, for reports, HTML.
    /// </summary>
    public static RouteHandlerBuilder ProducesResultFormats<TJson>(this RouteHandlerBuilder builder, bool html = false)
    {
        builder.ProducesJson<TJson>()
            .AlsoProducesJson<GeoJsonFeatureCollection>("application/geo+json")
            .ProducesText("text/csv");
        return html ? builder.ProducesText("text/html") : builder;
    }
}
