using Geo.Core.GisData;
using Geo.Core.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Geo.Core.Tests.GisData;

public sealed class SimpleRingTests
{
    [Theory]
    [InlineData("square", true, new double[] { 0, 0, 1, 0, 1, 1, 0, 1, 0, 0 })]
    [InlineData("triangle", true, new double[] { 0, 0, 2, 0, 1, 1, 0, 0 })]
    [InlineData("bow tie", false, new double[] { 0, 0, 2, 2, 2, 0, 0, 2, 0, 0 })]
    [InlineData("spike back along an edge", false, new double[] { 0, 0, 2, 0, 1, 0, 1, 1, 0, 0 })]
    [InlineData("touches itself at a vertex", false, new double[] { 0, 0, 4, 0, 2, 2, 3, 4, 1, 4, 2, 2, 0, 0 })]
    [InlineData("repeated point (valid, but IsValidOp decides)", false, new double[] { 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0 })]
    [InlineData("collinear vertex (valid, but IsValidOp decides)", false, new double[] { 0, 0, 1, 0, 2, 0, 2, 1, 0, 0 })]
    [InlineData("infinite coordinate", false, new double[] { 0, 0, double.PositiveInfinity, 0, 1, 1, 0, 0 })]
    [InlineData("too few positions", false, new double[] { 0, 0, 1, 0, 0, 0 })]
    public void Decides_only_rings_that_are_certainly_simple(string @case, bool expected, double[] xy)
    {
        Assert.True(expected == SimpleRing.IsValid(xy), @case);
    }

    [Fact]
    public void Every_ring_it_calls_valid_IsValidOp_calls_valid_too()
    {
        // Small integer grids make collinear, touching and crossing edges common; random doubles the general case.
        var random = new Random(20261201);
        var (decided, validByNts) = (0, 0);
        for (var n = 0; n < 20_000; n++)
        {
            var positions = random.Next(3, 9);
            var grid = n % 2 == 0;
            var xy = new double[(positions + 1) * 2];
            for (var i = 0; i < positions * 2; i++)
            {
                xy[i] = grid ? random.Next(0, 5) : 108 + random.NextDouble();
            }

            (xy[^2], xy[^1]) = (xy[0], xy[1]);
            var ring = Enumerable.Range(0, positions + 1).Select(i => new Coordinate(xy[2 * i], xy[2 * i + 1])).ToArray();
            var valid = new IsValidOp(Cgcs2000.GeometryFactory.CreatePolygon(ring)).IsValid;
            validByNts += valid ? 1 : 0;
            if (SimpleRing.IsValid(xy))
            {
                decided++;
                Assert.True(valid, $"ring {n}: {string.Join(", ", xy)}");
            }
        }

        // It must also decide most valid rings, or the first start gains nothing.
        Assert.InRange(decided, validByNts * 8 / 10, validByNts);
    }
}
