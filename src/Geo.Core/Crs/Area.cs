namespace Geo.Core.Crs;

/// <summary>An area measured in EPSG:4545, reported the three ways staff read it: m², 公顷 and 亩 (1 亩 = 10000/15 m²).</summary>
public readonly record struct Area(double SquareMetres)
{
    public const double SquareMetresPerMu = 10000.0 / 15.0;

    public double Hectares => SquareMetres / 10000.0;

    public double Mu => SquareMetres / SquareMetresPerMu;
}
