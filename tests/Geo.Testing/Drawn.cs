using System.Globalization;
using Geo.Core.Analysis;
using Geo.Core.Crs;
using NetTopologySuite.Geometries;

namespace Geo.Testing;

/// <summary>Hand-drawn test polygons, as a drawn input for the code under test and as WKT for the reference SQL.</summary>
public sealed record Drawn(string Name, double[][] Ring)
{
    /// <summary>Around the whole 浦里高新区 (zone 2, lon 108.242–108.425, lat 30.960–31.092).</summary>
    public static readonly Drawn AroundPuli = new("around Puli",
        [[108.235, 30.952], [108.432, 30.952], [108.432, 31.10], [108.33, 31.105], [108.235, 31.0], [108.235, 30.952]]);

    /// <summary>A box whose east edge crosses project 5 (长沙组团, lon 108.3067–108.3233), so only part of it is inside.</summary>
    public static readonly Drawn AcrossProject5 = new("across project 5",
        [[108.30, 30.99], [108.315, 30.99], [108.315, 31.02], [108.30, 31.02], [108.30, 30.99]]);

    /// <summary>A planned site drawn across the edge of 永久基本农田 长沙片 (constraint 2, lon 108.311–108.323, lat 30.994–31.004).</summary>
    public static readonly Drawn AcrossFarmland2 = new("across farmland 2",
        [[108.312, 30.988], [108.327, 30.988], [108.327, 30.998], [108.312, 30.998], [108.312, 30.988]]);

    /// <summary>A bow tie: its two edges cross at (108.31, 31.11).</summary>
    public static readonly Drawn BowTie = new("bow tie",
        [[108.30, 31.10], [108.32, 31.12], [108.32, 31.10], [108.30, 31.12], [108.30, 31.10]]);

    /// <summary>Far west of the district (Tibet), nothing of ours is there.</summary>
    public static readonly Drawn Outside = new("outside",
        [[90.0, 30.0], [90.1, 30.0], [90.1, 30.1], [90.0, 30.0]]);

    /// <summary>The polygon as a drawn lon/lat input, read and checked as a request's geometry is.</summary>
    public GeometryInput Input => GeometryInput.Drawn(
        Cgcs2000.GeometryFactory.CreatePolygon(Ring.Select(c => new Coordinate(c[0], c[1])).ToArray()), null);

    public string Wkt => "POLYGON((" + string.Join(",", Ring.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c[0]} {c[1]}"))) + "))";

    public override string ToString() => Name;
}
