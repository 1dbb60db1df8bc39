using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Geo.Api.Accounts;
using Geo.Api.Hosting;
using Geo.Core.Accounts;
using Geo.Core.Crs;
using Microsoft.Net.Http.Headers;

namespace Geo.Api.OgcApi;

/// <summary>
/// OGC API – Features Part 4 for the catalog's editable collections: create (POST), replace (PUT), update (PATCH, JSON
/// Merge Patch) and delete, and an admin's restore of an earlier version. Writes need an editor; a change to an
/// existing feature must name the version read (If-Match with the item's ETag), so the second of two staff editing the
/// same feature hears 412 instead of overwriting the first. Deletes are soft: the feature answers 410 Gone, leaves
/// items, tiles, search and analyses, and keeps its history. Every accepted write is audited with the feature before
/// and after, in the edit's own transaction on PostGIS.
/// </summary>
internal static class ItemEditEndpoints
{
    public const string MergePatchMediaType = "application/merge-patch+json";

    public static readonly IReadOnlyList<string> ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
    ];

    private const string OverrideNote = " A geometry outside the district is 422 unless the header X-Override-Reason gives the reason "
                                        + "(percent-encoded UTF-8, at most 500 characters), which the audit entry keeps.";

    public static void MapItemEdits(this RouteGroupBuilder api)
    {
        api.MapPost("/collections/{collectionId}/items", CreateAsync).WithName("createFeature")
            .WithSummary("Add a feature to an editable collection (editor account; 201 with Location and ETag)")
            .WithDescription("Body: a GeoJSON Feature whose properties follow the collection's queryables; Content-Crs names the CRS of its coordinates "
                + "(CRS84 when absent; EPSG:4490 is lat/lon, EPSG:4545 easting/northing). Any id in the body is ignored: the service assigns one." + OverrideNote)
            .EditEndpoint()
            .Accepts<FeatureDocument>(OgcMediaTypes.GeoJson, "application/json")
            .Produces<FeatureDocument>(StatusCodes.Status201Created, OgcMediaTypes.GeoJson);
        api.MapPut("/collections/{collectionId}/items/{featureId}", ReplaceAsync).WithName("replaceFeature")
            .WithSummary("Replace a feature (editor account; If-Match with the item's ETag: 412 when stale, 428 when missing)")
            .WithDescription("Body as for POST. The answer carries the new ETag; a deleted feature is 410." + OverrideNote)
            .EditEndpoint()
            .Accepts<FeatureDocument>(OgcMediaTypes.GeoJson, "application/json")
            .ExistingFeature()
            .ProducesJson<FeatureDocument>(OgcMediaTypes.GeoJson);
        api.MapPatch("/collections/{collectionId}/items/{featureId}", PatchAsync).WithName("updateFeature")
            .WithSummary("Change part of a feature with a JSON Merge Patch (editor account; If-Match as for PUT)")
            .WithDescription("Body (Content-Type: application/merge-patch+json, RFC 7396): members of properties are merged (null removes one), "
                + "a geometry replaces the feature's whole geometry (Content-Crs as for POST); the result is validated like a PUT. Other media types are 415." + OverrideNote)
            .EditEndpoint()
            .Accepts<FeaturePatchDocument>(MergePatchMediaType)
            .ExistingFeature()
            .ProducesJson<FeatureDocument>(OgcMediaTypes.GeoJson)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete("/collections/{collectionId}/items/{featureId}", DeleteAsync).WithName("deleteFeature")
            .WithSummary("Delete a feature (editor account; If-Match as for PUT): soft, it leaves the map and answers 410, its history stays")
            .EditEndpoint()
            .ExistingFeature()
            .Produces(StatusCodes.Status204NoContent);
        api.MapPost("/collections/{collectionId}/items/{featureId}/restore", RestoreAsync).WithName("restoreFeature")
            .WithSummary("Make an earlier version of a feature current again, as a new version (admin account)")
            .WithDescription("Body {\"version\": n}, n from …/history. If-Match: the feature's current ETag, or for a deleted feature the version of "
                + "its delete (the last in its history). Answers 200 with the restored feature and its new ETag; 422 when n is no version holding a feature.")
            .RequireAuthorization(AuthPolicies.Admin)
            .Accepts<RestoreRequest>("application/json")
            .ProducesJson<FeatureDocument>(OgcMediaTypes.GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesBodyProblems();
    }

    public static void MapItemHistory(this RouteGroupBuilder api) =>
        api.MapGet("/collections/{collectionId}/items/{featureId}/history", HistoryAsync).WithName("featureHistory")
            .WithSummary("The versions of a feature written through edits, with user and time (kept after a delete; any signed-in account)")
            .WithDescription("Oldest first. It names people, so it needs a signed-in account (viewer or above) even when anonymous reading is on. "
                + "Once an imported feature is edited, its version 1 is listed as operation 'import' (user null, time when it was kept). "
                + "A delete is a version without a feature; operations: import, create, replace, patch, delete, restore.")
            .RequireAuthorization(AuthPolicies.SignedIn)
            .ProducesJson<FeatureHistoryDocument>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed);

    private static async Task<Results<JsonHttpResult<FeatureHistoryDocument>, ProblemHttpResult>> HistoryAsync(
        string collectionId, string featureId, IFeatureEditor editor, CancellationToken cancellationToken)
    {
        if (Editable(collectionId) is { } problem)
        {
            return problem;
        }

        var collection = Catalog.Find(collectionId)!;
        if (!TryParseId(featureId, out var id))
        {
            return Problems.UnknownFeature(collectionId, featureId);
        }

        var versions = await editor.HistoryAsync(collection, id, cancellationToken);
        if (versions.Count == 0 && await editor.GetAsync(collection, id, cancellationToken) is null)
        {
            return Problems.UnknownFeature(collectionId, featureId);
        }

        return TypedResults.Json(new FeatureHistoryDocument(collection.Id, id, [.. versions.Select(v => new FeatureVersionDocument(
            v.Version, v.At, v.User, v.Operation, v.Feature is { } f ? new FeatureDocument("Feature", f.Id, f.Geometry, f.Properties) : null))]));
    }

    private static RouteHandlerBuilder EditEndpoint(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(AuthPolicies.Edit)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesBodyProblems();

    /// <summary>The refusals of a change to an existing feature: unknown, deleted, stale or missing If-Match.</summary>
    private static RouteHandlerBuilder ExistingFeature(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    /// <summary>The strong ETag of a feature version: the item GET sends it, PUT, PATCH, DELETE and restore expect it back in If-Match.</summary>
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async Task<Results<FeatureResult, ProblemHttpResult>> CreateAsync(
        string collectionId, HttpContext context, IFeatureEditor editor, IFeatureStore store, IAuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Editable(collectionId) is { } problem)
        {
            return problem;
        }

        var collection = Catalog.Find(collectionId)!;
        var reason = DistrictBoundary.OverrideReason(context);
        var feature = await ReadBodyAsync(context, collection, 0, cancellationToken);
        await DistrictBoundary.CheckAsync(feature.Geometry, reason, store, cancellationToken);
        var created = await editor.CreateAsync(collection, feature, Author(audit, user, AuditActions.FeatureCreated, collection, reason), cancellationToken);
        context.Response.Headers.Location = OgcLinks.Absolute(context.Request, $"{OgcLinks.Root}/collections/{collection.Id}/items/{created.Feature.Id}");
        return Answer(context, collection, created, StatusCodes.Status201Created);
    }

    private static async Task<Results<FeatureResult, ProblemHttpResult>> ReplaceAsync(
        string collectionId, string featureId, HttpContext context, IFeatureEditor editor, IFeatureStore store, IAuditLog audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (Target(collectionId, featureId, context, out var collection, out var id, out var expected) is { } problem)
        {
            return problem;
        }

        var reason = DistrictBoundary.OverrideReason(context);
        var feature = await ReadBodyAsync(context, collection, id, cancellationToken);
        await DistrictBoundary.CheckAsync(feature.Geometry, reason, store, cancellationToken);
        var result = await editor.ReplaceAsync(
            collection, feature, expected, EditOperations.Replace, Author(audit, user, AuditActions.FeatureReplaced, collection, reason), cancellationToken);
        return Refused(result, collection, featureId, expected) ?? (Results<FeatureResult, ProblemHttpResult>)Answer(context, collection, result.After!, StatusCodes.Status200OK);
    }

    private static async Task<Results<FeatureResult, ProblemHttpResult>> PatchAsync(
        string collectionId, string featureId, HttpContext context, IFeatureEditor editor, IFeatureStore store, IAuditLog audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (Target(collectionId, featureId, context, out var collection, out var id, out var expected) is { } problem)
        {
            return problem;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, MergePatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                title: "Unsupported media type",
                detail: $"PATCH takes a JSON Merge Patch (RFC 7396): send it with Content-Type: {MergePatchMediaType}, not '{context.Request.ContentType}'",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // The patch applies to the version the client read; a newer one is refused here, and the replace below checks
        // the version again atomically, so a change in between is a 412 too.
        var (current, deletedVersion) = await editor.FindAsync(collection, id, cancellationToken);
        if (current is null || current.Version != expected)
        {
            var refusal = current is null
                ? deletedVersion is { } deleted
                    ? new EditResult(EditStatus.Deleted, null, null, deleted)
                    : new EditResult(EditStatus.NotFound, null, null, 0)
                : new EditResult(EditStatus.VersionMismatch, current, null, current.Version);
            return Refused(refusal, collection, featureId, expected)!;
        }

        var reason = DistrictBoundary.OverrideReason(context);
        var patch = await FeaturePatch.ReadAsync(context, cancellationToken);
        var feature = ReadFeature(collection, FeaturePatch.Apply(current.Feature, patch), patch.ContainsKey("geometry") ? ContentCrs(context) : null, id);
        if (patch.ContainsKey("geometry"))
        {
            await DistrictBoundary.CheckAsync(feature.Geometry, reason, store, cancellationToken);
        }

        var result = await editor.ReplaceAsync(
            collection, feature, expected, EditOperations.Patch, Author(audit, user, AuditActions.FeaturePatched, collection, reason), cancellationToken);
        return Refused(result, collection, featureId, expected) ?? (Results<FeatureResult, ProblemHttpResult>)Answer(context, collection, result.After!, StatusCodes.Status200OK);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string collectionId, string featureId, HttpContext context, IFeatureEditor editor, IAuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Target(collectionId, featureId, context, out var collection, out var id, out var expected) is { } problem)
        {
            return problem;
        }

        var result = await editor.DeleteAsync(collection, id, expected, Author(audit, user, AuditActions.FeatureDeleted, collection, null), cancellationToken);
        return Refused(result, collection, featureId, expected) ?? (Results<NoContent, ProblemHttpResult>)TypedResults.NoContent();
    }

    private static async Task<Results<FeatureResult, ProblemHttpResult>> RestoreAsync(
        string collectionId, string featureId, HttpContext context, IFeatureEditor editor, IAuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Target(collectionId, featureId, context, out var collection, out var id, out var expected) is { } problem)
        {
            return problem;
        }

        var version = await RestoreRequest.ReadVersionAsync(context, cancellationToken);
        var author = Author(audit, user, AuditActions.FeatureRestored, collection, null, restoredFrom: version);
        var result = await editor.RestoreAsync(collection, id, version, expected, author, cancellationToken);
        return result.Status == EditStatus.UnknownVersion
            ? TypedResults.Problem(
                title: "'version' cannot be processed",
                detail: $"feature {featureId} of '{collection.Id}' has no version {version} holding a feature (a delete holds none); "
                        + $"GET {OgcLinks.Root}/collections/{collection.Id}/items/{featureId}/history lists them",
                statusCode: StatusCodes.Status422UnprocessableEntity)
            : Refused(result, collection, featureId, expected) ?? (Results<FeatureResult, ProblemHttpResult>)Answer(context, collection, result.After!, StatusCodes.Status200OK);
    }

    /// <summary>What a change to an existing feature checks before touching the store: an editable collection, an If-Match, a well-formed id.</summary>
    private static ProblemHttpResult? Target(
        string collectionId, string featureId, HttpContext context, out CollectionDefinition collection, out long id, out long expected)
    {
        collection = null!;
        id = 0;
        expected = 0;
        if (Editable(collectionId) is { } problem)
        {
            return problem;
        }

        if (Precondition(context, out expected) is { } unmet)
        {
            return unmet;
        }

        collection = Catalog.Find(collectionId)!;
        return TryParseId(featureId, out id) ? null : Problems.UnknownFeature(collectionId, featureId);
    }

    private static ProblemHttpResult? Editable(string collectionId) => Catalog.Find(collectionId) switch
    {
        null => Problems.UnknownCollection(collectionId),
        { Editable: false } => TypedResults.Problem(
            title: "Collection is not editable",
            detail: $"'{collectionId}' is reference data and changes only by import; editable: {string.Join(", ", Catalog.All.Where(c => c.Editable).Select(c => c.Id))}",
            statusCode: StatusCodes.Status405MethodNotAllowed),
        _ => null,
    };

    /// <summary>The version named by If-Match, or the problem: 428 without one; 412 for a weak, a wildcard or an unreadable tag, which can name no version.</summary>
    private static ProblemHttpResult? Precondition(HttpContext context, out long expected)
    {
        expected = 0;
        var header = context.Request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            return TypedResults.Problem(
                title: "If-Match required",
                detail: "send If-Match with the ETag of the feature as you read it (GET …/items/{featureId}), so that nobody else's change is overwritten unseen",
                statusCode: StatusCodes.Status428PreconditionRequired);
        }

        return EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak && tag.Tag.Length > 2
               && long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out expected)
            ? null
            : TypedResults.Problem(
                title: "Precondition failed",
                detail: $"If-Match '{header}' names no version of this feature; send the strong ETag of a GET of the item",
                statusCode: StatusCodes.Status412PreconditionFailed);
    }

    private static ProblemHttpResult? Refused(EditResult result, CollectionDefinition collection, string featureId, long expected) => result.Status switch
    {
        EditStatus.Done => null,
        EditStatus.NotFound => Problems.UnknownFeature(collection.Id, featureId),
        EditStatus.Deleted => Problems.DeletedFeature(collection.Id, featureId, result.CurrentVersion),
        EditStatus.VersionMismatch => TypedResults.Problem(
            title: "Precondition failed",
            detail: $"feature {featureId} of '{collection.Id}' was changed by someone else: it is at version {result.CurrentVersion}, your If-Match names "
                    + $"{expected}; GET it again, apply your change to the current version and send that ETag",
            statusCode: StatusCodes.Status412PreconditionFailed),
        EditStatus.UnknownVersion => throw new InvalidOperationException("only a restore names a version, and it answers this itself"),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Status, null),
    };

    private static bool TryParseId(string featureId, out long id) =>
        long.TryParse(featureId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);

    private static async Task<Feature> ReadBodyAsync(HttpContext context, CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        var crs = ContentCrs(context);
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            return FeatureBody.Read(collection, body.RootElement, crs, id);
        }
        catch (JsonException e)
        {
            throw InputException.Invalid("body", $"the body is not JSON (line {e.LineNumber + 1}): {e.Message}", "send a GeoJSON Feature");
        }
    }

    private static Feature ReadFeature(CollectionDefinition collection, JsonNode document, CrsDefinition? crs, long id)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        return FeatureBody.Read(collection, json.RootElement, crs, id);
    }

    private static CrsDefinition ContentCrs(HttpContext context)
    {
        var header = context.Request.Headers["Content-Crs"].ToString();
        return header.Length == 0 ? SupportedCrs.Crs84 : SupportedCrs.Find(header.Trim().TrimStart('<').TrimEnd('>'))
            ?? throw InputException.Invalid("Content-Crs", $"unknown CRS '{header}'",
                $"use <{SupportedCrs.Crs84Uri}>, <{SupportedCrs.EpsgUri(Cgcs2000.Srid)}> (lat/lon) or <{SupportedCrs.EpsgUri(GaussKruger108.Srid)}>");
    }

    private static FeatureResult Answer(HttpContext context, CollectionDefinition collection, VersionedFeature feature, int status)
    {
        context.Response.Headers.ETag = ETag(feature.Version);
        var self = $"{OgcLinks.Root}/collections/{collection.Id}/items/{feature.Feature.Id}";
        return new FeatureResult(feature.Feature, SupportedCrs.Crs84, null, SupportedCrs.Crs84.Decimals,
        [
            new(OgcLinks.Absolute(context.Request, self), "self", OgcMediaTypes.GeoJson),
            new(OgcLinks.Absolute(context.Request, $"{OgcLinks.Root}/collections/{collection.Id}"), "collection", OgcMediaTypes.Json),
        ], status);
    }

    /// <summary>
    /// The edit's author and how its audit entry reads: who, the action, the feature before and after with their
    /// versions, the version restored from, and the reason given for a geometry outside the district.
    /// </summary>
    private static EditAuthor Author(
        IAuditLog audit, ClaimsPrincipal user, string action, CollectionDefinition collection, string? overrideReason, long? restoredFrom = null) =>
        new(AuthPolicies.Actor(user), new AuditOf<EditResult>(audit, result =>
        {
            var detail = new JsonObject
            {
                ["versionBefore"] = result.CurrentVersion == 0 ? null : result.CurrentVersion,
                ["versionAfter"] = result.After?.Version,
                ["before"] = result.Before is null ? null : JsonNode.Parse(FeatureBody.Write(result.Before.Feature)),
                ["after"] = result.After is null ? null : JsonNode.Parse(FeatureBody.Write(result.After.Feature)),
            };
            if (restoredFrom is not null)
            {
                detail["restoredFrom"] = restoredFrom;
            }

            if (overrideReason is not null)
            {
                detail["districtOverrideReason"] = overrideReason;
            }

            var id = (result.After ?? result.Before)!.Feature.Id;
            return new NewAuditEntry(AuthPolicies.Actor(user), action, collection.Id, id.ToString(CultureInfo.InvariantCulture), detail.ToJsonString());
        }));
}
