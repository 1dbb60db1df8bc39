using System.Text.Encodings.Web;
using System.Text.Unicode;
using Geo.Core.Crs;
using NetTopologySuite.IO.Converters;

namespace Geo.Api.GisData;

/// <summary>The one set of JSON options for GeoJSON geometries: CGCS2000 factory, Chinese written unescaped.</summary>
public static class GeometryJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new GeoJsonConverterFactory(Cgcs2000.GeometryFactory));
        return options;
    }
}
