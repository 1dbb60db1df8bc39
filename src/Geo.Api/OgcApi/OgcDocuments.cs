using System.Text.Json.Serialization;

namespace Geo.Api.OgcApi;

// The JSON documents of the OGC API, named so that docs/openapi.json gives each a schema.

internal sealed record LandingPage(string Title, string Description, IReadOnlyList<Link> Links);

internal sealed record ConformanceDeclaration(IReadOnlyList<string> ConformsTo);

internal sealed record CollectionList(IReadOnlyList<Link> Links, IEnumerable<string> Crs, IReadOnlyList<CollectionDescription> Collections);

internal sealed record CollectionDescription(
    string Id, string Title, string Description, CollectionExtent Extent, string ItemType, IEnumerable<string> Crs, string StorageCrs,
    IReadOnlyList<Link> Links);

/// <summary>Null parts are unknown: a collection with no features has no bbox, one without time columns no interval.</summary>
internal sealed record CollectionExtent(SpatialExtent? Spatial, TemporalExtent? Temporal);

internal sealed record SpatialExtent(double[][] Bbox, string Crs);

internal sealed record TemporalExtent(string[][] Interval, string Trs);

/// <summary>The queryables: a JSON Schema of the properties a filter, sortby or properties parameter may name.</summary>
internal sealed record Queryables(
    [property: JsonPropertyName("$schema")] string Schema,
    [property: JsonPropertyName("$id")] string Id,
    string Type,
    string Title,
    IReadOnlyDictionary<string, Queryable> Properties,
    bool AdditionalProperties);

internal sealed record Queryable(
    string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonPropertyName("enum")] IReadOnlyList<string>? Enum = null);

/// <summary>
/// What <see cref="FeatureCollectionResult"/> streams (an items page); it writes the JSON itself so that memory
/// stays flat, and this record only describes the answer in the OpenAPI document. <c>numberMatchedIsEstimate</c> is
/// true when <c>numberMatched</c> is an estimate (PostGIS: an unfiltered first page of a large table whose count is not
/// yet kept, or either store: a filter matching more than 10,000 features past the page), false when it is an exact
/// count.
/// </summary>
internal sealed record ItemsPage(
    string Type, IReadOnlyList<FeatureDocument> Features, long NumberMatched, bool NumberMatchedIsEstimate, int NumberReturned, string TimeStamp,
    IReadOnlyList<Link> Links, IReadOnlyList<string>? Notes = null);

/// <summary>What <see cref="GeoJsonFeatureWriter"/> writes for one feature: links only on a single-feature answer.</summary>
internal sealed record FeatureDocument(
    string Type, long Id, Geometry? Geometry, IReadOnlyDictionary<string, object?> Properties, IReadOnlyList<Link>? Links = null);

/// <summary>The versions of a feature written through edits, oldest first; <c>feature</c> is null for a delete. Coordinates in CRS84.</summary>
internal sealed record FeatureHistoryDocument(string Collection, long FeatureId, IReadOnlyList<FeatureVersionDocument> Versions);

internal sealed record FeatureVersionDocument(long Version, DateTimeOffset At, string? User, string Operation, FeatureDocument? Feature);

/// <summary>A JSON Merge Patch of a feature (RFC 7396): any of its properties (null removes one) and/or a whole new geometry.</summary>
internal sealed record FeaturePatchDocument(Geometry? Geometry, IReadOnlyDictionary<string, object?>? Properties);
