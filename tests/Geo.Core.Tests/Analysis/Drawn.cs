using System.Globalization;
using System.Text.Json;

namespace Geo.Core.Tests.Analysis;

/// <summary>Hand-drawn test polygons, as GeoJSON for the code under test and as WKT for the reference SQL.</summary>
internal sealed record Drawn(string Name, double[][] Ring)
{
    /// <summary>Around the whole 浦里高新区 (zone 2, lon 108.254–108.349, lat 31.041–31.118).</summary>
    public static readonly Drawn AroundPuli = new("around Puli",
        [[108.25, 31.035], [108.356, 31.035], [108.356, 31.1245], [108.30, 31.13], [108.25, 31.12], [108.25, 31.035]]);

    /// <summary>A box whose east edge crosses project 5 (长沙组团, lon 108.2928–108.3090), so only part of it is inside.</summary>
    public static readonly Drawn AcrossProject5 = new("across project 5",
        [[108.28, 31.06], [108.30, 31.06], [108.30, 31.10], [108.28, 31.10], [108.28, 31.06]]);

    /// <summary>A planned site drawn across the edge of 永久基本农田 长沙片 (constraint 2, lon 108.297–108.309, lat 31.067–31.077).</summary>
    public static readonly Drawn AcrossFarmland2 = new("across farmland 2",
        [[108.300, 31.060], [108.315, 31.060], [108.315, 31.070], [108.300, 31.070], [108.300, 31.060]]);

    /// <summary>A bow tie: its two edges cross at (108.31, 31.11).</summary>
    public static readonly Drawn BowTie = new("bow tie",
        [[108.30, 31.10], [108.32, 31.12], [108.32, 31.10], [108.30, 31.12], [108.30, 31.10]]);

    /// <summary>Far west of the district (Tibet), nothing of ours is there.</summary>
    public static readonly Drawn Outside = new("outside",
        [[90.0, 30.0], [90.1, 30.0], [90.1, 30.1], [90.0, 30.0]]);

    public JsonElement GeoJson => JsonDocument.Parse(JsonSerializer.Serialize(new { type = "Polygon", coordinates = new[] { Ring } })).RootElement.Clone();

    public string Wkt => "POLYGON((" + string.Join(",", Ring.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c[0]} {c[1]}"))) + "))";

    public override string ToString() => Name;
}
