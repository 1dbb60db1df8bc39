using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace Geo.Api.Cli;

/// <summary>
/// The catalog as JSON, for tools outside .NET (the Python generator in gis-data/tools checks its output against the
/// committed gis-data/tools/catalog.json, and a test keeps that file equal to this).
/// </summary>
internal static class CatalogJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write() => JsonSerializer.Serialize(new
    {
        comment = "Generated from src/Geo.Core/Domain/Catalog.cs by `dotnet run --project src/Geo.Api -- catalog`; do not edit.",
        collections = Catalog.All.Select(c => new
        {
            id = c.Id,
            file = c.FileName,
            geometry = c.Geometry.ToString(),
            titleZh = c.TitleZh,
            titleEn = c.TitleEn,
            descriptionZh = c.DescriptionZh,
            csvIdColumn = c.CsvIdColumn,
            time = c.Time,
            editable = c.Editable,
            properties = c.Properties.Select(p => new
            {
                name = p.Name,
                type = p.Type.ToString(),
                titleZh = p.TitleZh,
                titleEn = p.TitleEn,
                required = p.Required,
                codes = p.Codes is { } codes ? Codes(codes) : null,
            }),
        }),
        livingNeeds = Codes(Catalog.LivingNeeds),
    }, Options).ReplaceLineEndings("\n") + "\n";

    private static object Codes(CodeList codes) => new
    {
        closed = codes.IsClosed,
        values = codes.Values.Select(v => new { code = v.Code, titleZh = v.TitleZh, titleEn = v.TitleEn }),
    };
}
