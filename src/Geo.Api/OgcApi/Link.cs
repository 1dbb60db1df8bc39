using System.Text.Json.Serialization;

namespace Geo.Api.OgcApi;

/// <summary>
/// An OGC API link (RFC 8288 fields as JSON). <see cref="Templated"/> is true when the href is a URI template
/// (RFC 6570), as OGC API – Tiles gives the tile URL; other links leave it out.
/// </summary>
public sealed record Link(
    string Href,
    string Rel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Templated = null);
