namespace Geo.Core.Analysis;

/// <summary>An area reported the three ways staff read it, together: m², 公顷 and 亩.</summary>
public sealed record AreaFigures(double SquareMetres, double Hectares, double Mu)
{
    public static AreaFigures Of(Area area) => new(area.SquareMetres, area.Hectares, area.Mu);
}
