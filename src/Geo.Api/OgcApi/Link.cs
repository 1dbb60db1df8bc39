using System.Text.Json.Serialization;

namespace Geo.Api.OgcApi;

/// <summary>An OGC API link (RFC 8288 fields as JSON).</summary>
public sealed record Link(
    string Href,
    string Rel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null);
