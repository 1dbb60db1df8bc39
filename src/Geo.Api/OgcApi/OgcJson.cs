using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Geo.Api.OgcApi;

/// <summary>JSON options for OGC API documents: camelCase names, Chinese unescaped.</summary>
internal static class OgcJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
