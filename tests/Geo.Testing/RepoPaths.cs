namespace Geo.Testing;

/// <summary>Paths inside this checkout, found from the test assembly's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string GisData => Path.Combine(Root, "gis-data");

    public static string Seed => Path.Combine(Root, "seeds", "000_c57c5d1e7f7efbfe.txt");

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kaizhou.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kaizhou.slnx not found above the test assembly");
    }
}
