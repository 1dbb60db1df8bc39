using Geo.Core.Crs;

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

    /// <summary>Features, or only how many match (<c>resultType=hits</c>).</summary>
    public ResultType ResultType { get; init; } = ResultType.Results;

    /// <summary>The code page of a shapefile's attribute text, asked for with <c>encoding</c>.</summary>
    public ShapefileEncoding ShapefileEncoding { get; init; } = ShapefileEncoding.Utf8;
}

/// <summary>Attribute text of <c>f=shp</c>: UTF-8 by default, or GBK (code page 936) for tools that expect it.</summary>
public enum ShapefileEncoding
{
    Utf8,
    Gbk,
}

/// <summary>
/// What an items request answers: a page of features, or only the number matched, counted exactly however many match
/// (a page counts exactly only up to a limit and estimates past it, so a client that needs the number asks for this).
/// </summary>
public enum ResultType
{
    Results,
    Hits,
}

public enum OutputFormat
{
    GeoJson,
    Csv,

    /// <summary>The 报盘 TXT of the land-administration system (polygon collections only).</summary>
    BaopanTxt,

    /// <summary>A zipped ESRI Shapefile (collections of one geometry type).</summary>
    Shapefile,

    /// <summary>An OGC GeoPackage (SQLite) with one table named after the collection.</summary>
    GeoPackage,
}
