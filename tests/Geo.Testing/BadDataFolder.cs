namespace Geo.Testing;

/// <summary>A copy of gis-data in a temporary folder, for tests that break one file and see it rejected.</summary>
public sealed class BadDataFolder : IDisposable
{
    public BadDataFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gis-data-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(RepoPaths.GisData))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Replaces the first occurrence of <paramref name="find"/>, failing the test if it is not there.</summary>
    public void Replace(string fileName, string find, string replacement)
    {
        var text = System.IO.File.ReadAllText(File(fileName));
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not found in {fileName}");
        System.IO.File.WriteAllText(File(fileName), text[..at] + replacement + text[(at + find.Length)..]);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>The ways a data file can be bad, each with the file it should be blamed on and words the reason must contain.</summary>
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "invalid geometry", "zones.geojson", "invalid geometry" },
        { "unknown category", "projects.geojson", "unknown value 'housing'" },
        { "wrong column count", "policies.csv", "columns, the header has" },
        { "not UTF-8", "reforms.csv", "not UTF-8" },
        { "unknown property", "facilities.geojson", "unknown property 'colour'" },
        { "missing file", "milestones.csv", "is missing" },
        { "feature not an object", "facilities.geojson", "feature must be a JSON object" },
    };

    public void Break(string @case)
    {
        switch (@case)
        {
            case "invalid geometry":
                // A bow-tie ring crosses itself.
                Replace("zones.geojson", "\"features\":[", "\"features\":[{\"type\":\"Feature\",\"id\":99,\"properties\":{\"name\":\"坏片区\",\"kind\":\"key_town\","
                    + "\"source\":\"test\",\"location_precision\":\"schematic\",\"illustrative\":true},"
                    + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.30,31.10],[108.32,31.12],[108.32,31.10],[108.30,31.12],[108.30,31.10]]]}},");
                break;
            case "unknown category":
                Replace("projects.geojson", "\"category\":\"resettlement\"", "\"category\":\"housing\"");
                break;
            case "wrong column count":
                System.IO.File.AppendAllText(File("policies.csv"), "26,一项政策,区规划自然资源局,,多余的一列\n");
                break;
            case "not UTF-8":
                var gbk = new byte[] { 0x32, 0x30, 0x2C, 0xB8, 0xC4, 0xB8, 0xEF, 0x2C, 0x2C, 0x0A }; // "20,改革,," in GBK
                using (var stream = new FileStream(File("reforms.csv"), FileMode.Append))
                {
                    stream.Write(gbk);
                }

                break;
            case "unknown property":
                Replace("facilities.geojson", "\"kind\":", "\"colour\":\"red\",\"kind\":");
                break;
            case "missing file":
                System.IO.File.Delete(File("milestones.csv"));
                break;
            case "feature not an object":
                Replace("facilities.geojson", "\"features\":[", "\"features\":[[],");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case, null);
        }
    }
}
