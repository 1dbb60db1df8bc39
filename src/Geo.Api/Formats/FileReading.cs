using Geo.Api.Formats.GeoJson;
using Geo.Core.Formats;

namespace Geo.Api.Formats;

/// <summary>
/// The read options every Geo.Api reader of exchange files starts from: Geo.Core's readers for the other formats and
/// this project's GeoJSON reader (Geo.Core has no System.Text.Json), with the default limits.
/// </summary>
public static class FileReading
{
    public static FileReadOptions AllFormats { get; } = new() { GeoJson = GeoJsonFileReader.Instance };
}
