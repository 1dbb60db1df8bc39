using System.Text.Encodings.Web;
using System.Text.Unicode;
using Geo.Core.Crs;
using NetTopologySuite.IO.Converters;

namespace Geo.Api.Analysis;

/// <summary>JSON for analysis answers: camelCase, Chinese unescaped, NTS geometries written as GeoJSON geometries.</summary>
internal static class AnalysisJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new GeoJsonConverterFactory(Cgcs2000.GeometryFactory));
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
