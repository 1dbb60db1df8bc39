using System.Text.Json;
using Geo.Testing;

namespace Geo.Viewer.Tests;

/// <summary>Expected values read straight from gis-data, independently of the service and the viewer.</summary>
internal static class GisDataFile
{
    public static IReadOnlyList<JsonElement> Features(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.GisData, fileName)));
        return document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    public static JsonElement Feature(string fileName, long id) => Features(fileName).Single(f => f.GetProperty("id").GetInt64() == id);

    public static long FirstId(string fileName, string property, string value) =>
        Features(fileName).First(f => f.GetProperty("properties").GetProperty(property).GetString() == value).GetProperty("id").GetInt64();
}
