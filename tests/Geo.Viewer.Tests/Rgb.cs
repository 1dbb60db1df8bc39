using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>A colour as the canvas stores it, and what a translucent style colour looks like over the map background.</summary>
public readonly record struct Rgb(int R, int G, int B)
{
    /// <summary>The viewer's map background (#dde5ec), what a translucent fill is seen against when its layer is alone.</summary>
    public static readonly Rgb MapBackground = Parse("#dde5ec");

    public static Rgb Parse(string hex) => new(
        int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    public Rgb Over(Rgb background, double alpha) => new(
        (int)Math.Round(R * alpha + background.R * (1 - alpha)),
        (int)Math.Round(G * alpha + background.G * (1 - alpha)),
        (int)Math.Round(B * alpha + background.B * (1 - alpha)));

    public bool Near(Rgb other, int tolerance) =>
        Math.Abs(R - other.R) <= tolerance && Math.Abs(G - other.G) <= tolerance && Math.Abs(B - other.B) <= tolerance;

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}
