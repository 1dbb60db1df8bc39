using NetTopologySuite.Geometries.Prepared;

namespace Geo.Core.Imports.Internal;

/// <summary>
/// The district test of an import's rows (does any part of the row lie in 开州区?), answered for most rows without
/// the exact test: the district's bounding box is cut into a grid, and a row whose bounding box lies in cells wholly
/// inside the district intersects it. The exact test on a district of thousands of vertices cost ~0.6 s of CPU per
/// 1,000,000 parcels; each cell is tested once, when a row first falls in it.
/// </summary>
internal sealed class DistrictTest(IPreparedGeometry district)
{
    private const int Cells = 64;

    /// <summary>A row spanning more cells than this goes to the exact test.</summary>
    private const int MostCells = 4;

    private readonly Envelope _box = district.Geometry.EnvelopeInternal;
    private readonly sbyte[] _inside = new sbyte[Cells * Cells];

    public bool Intersects(Geometry geometry)
    {
        var envelope = geometry.EnvelopeInternal;
        return (!envelope.IsNull && InsideCells(envelope)) || district.Intersects(geometry);
    }

    private bool InsideCells(Envelope envelope)
    {
        if (!_box.Contains(envelope))
        {
            return false;
        }

        var (x0, y0, x1, y1) = (Column(envelope.MinX), Row(envelope.MinY), Column(envelope.MaxX), Row(envelope.MaxY));
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > MostCells)
        {
            return false;
        }

        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
            {
                if (!Inside(x, y))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool Inside(int column, int row)
    {
        ref var known = ref _inside[(row * Cells) + column];
        if (known == 0)
        {
            var (width, height) = (_box.Width / Cells, _box.Height / Cells);
            var cell = new Envelope(_box.MinX + (column * width), _box.MinX + ((column + 1) * width), _box.MinY + (row * height), _box.MinY + ((row + 1) * height));
            // A little larger than the cell, so that a coordinate rounded into it by Column/Row is surely in what was tested.
            cell.ExpandBy(width / 1000, height / 1000);
            known = district.Contains(district.Geometry.Factory.ToGeometry(cell)) ? (sbyte)1 : (sbyte)-1;
        }

        return known > 0;
    }

    private int Column(double x) => Math.Clamp((int)((x - _box.MinX) / _box.Width * Cells), 0, Cells - 1);

    private int Row(double y) => Math.Clamp((int)((y - _box.MinY) / _box.Height * Cells), 0, Cells - 1);
}
