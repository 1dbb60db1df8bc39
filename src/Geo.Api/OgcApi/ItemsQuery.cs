using Geo.Core.Crs;
using Geo.Core.Stores;

namespace Geo.Api.OgcApi;

/// <summary>A parsed items request: what to read, and how to write it out.</summary>
/// <param name="Properties">The properties to return, or null for all.</param>
/// <param name="LimitClamped">The limit asked for, when it was above the maximum and was lowered.</param>
public sealed record ItemsQuery(
    FeatureQuery Query,
    CrsDefinition Crs,
    IReadOnlyList<string>? Properties,
    OutputFormat Format,
    int? LimitClamped)
{
    /// <summary>Decimals of output coordinates asked for with <c>precision</c>; null writes the CRS's own.</summary>
    public int? Precision { get; init; }

    public int Decimals => Precision ?? Crs.Decimals;
}

public enum OutputFormat
{
    GeoJson,
    Csv,

    /// <summary>The 报盘 TXT of the land-administration system (polygon collections only).</summary>
    BaopanTxt,

    /// <summary>A zipped ESRI Shapefile (collections of one geometry type).</summary>
    Shapefile,
}
