namespace Geo.Core.Synthetic;

/// <summary>
/// Uniform numbers from integer coordinates by SplitMix64 mixing: the same inputs give the same number on every machine
/// and run (unlike <see cref="HashCode"/>, which is seeded per process), so generated data are reproducible from a seed.
/// </summary>
internal static class StableHash
{
    /// <summary>A number in [0, 1) for (<paramref name="a"/>, <paramref name="b"/>) under <paramref name="seed"/> and <paramref name="salt"/>.</summary>
    public static double Unit(long a, long b, long seed, long salt)
    {
        var h = Mix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)salt));
        h = Mix(h ^ (ulong)a);
        h = Mix(h ^ unchecked((ulong)b * 0xC2B2AE3D27D4EB4FUL));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
