using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geo.Testing;

/// <summary>
/// Expected values read straight from a gis-data file with plain System.Text.Json and the GeoJSON geometry converter,
/// not our loader, so that expected answers do not come from the code under test.
/// </summary>
public static class GisDataFile
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    public static IReadOnlyList<JsonElement> Features(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.GisData, fileName)));
        return document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    public static JsonElement Feature(string fileName, long id) => Features(fileName).Single(f => f.GetProperty("id").GetInt64() == id);

    public static long FirstId(string fileName, string property, string value) =>
        Features(fileName).First(f => f.GetProperty("properties").GetProperty(property).GetString() == value).GetProperty("id").GetInt64();

    /// <summary>Every feature with its geometry as NTS.</summary>
    public static List<RawFeature> Read(string fileName) =>
        Features(fileName)
            .Select(f => new RawFeature(
                f.GetProperty("id").GetInt64(),
                f.GetProperty("geometry").Deserialize<Geometry>(Options)!,
                f.GetProperty("properties")))
            .ToList();
}

public sealed record RawFeature(long Id, Geometry Geometry, JsonElement Properties)
{
    public string Text(string name) => Properties.GetProperty(name).GetString()!;

    public double Number(string name) => Properties.GetProperty(name).GetDouble();
}
