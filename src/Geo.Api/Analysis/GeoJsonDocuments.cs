using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Geo.Api.Analysis;

/// <summary>An RFC 7946 feature as analysis answers write it: the analysis figures are properties.</summary>
internal sealed record GeoJsonFeature(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    Geometry? Geometry,
    IReadOnlyDictionary<string, object?> Properties)
{
    [JsonPropertyOrder(-1)]
    [AllowedValues("Feature")]
    public string Type => "Feature";
}

internal sealed record GeoJsonFeatureCollection(IReadOnlyList<GeoJsonFeature> Features)
{
    [JsonPropertyOrder(-1)]
    [AllowedValues("FeatureCollection")]
    public string Type => "FeatureCollection";
}
