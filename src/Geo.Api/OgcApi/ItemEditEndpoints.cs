using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Geo.Api.Accounts;
using Geo.Api.Hosting;
using Geo.Core;
using Geo.Core.Accounts;
using Geo.Core.Crs;
using Geo.Core.Domain;
using Geo.Core.GisData;
using Geo.Core.Stores;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Geo.Api.OgcApi;

/// <summary>
/// OGC API – Features Part 4 for the catalog's editable collections: create (POST), replace (PUT) and delete. Writes
/// need an editor; a replace or delete must name the version read (If-Match with the item's ETag), so the second of
/// two staff editing the same feature hears 412 instead of overwriting the first. Every accepted write is audited
/// with the feature before and after.
/// </summary>
internal static class ItemEditEndpoints
{
    public static readonly IReadOnlyList<string> ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
    ];

    public static void MapItemEdits(this RouteGroupBuilder api)
    {
        api.MapPost("/collections/{collectionId}/items", CreateAsync).WithName("createFeature")
            .WithSummary("Add a feature to an editable collection (editor account; 201 with Location and ETag)")
            .WithDescription("Body: a GeoJSON Feature whose properties follow the collection's queryables; Content-Crs names the CRS of its coordinates "
                + "(CRS84 when absent; EPSG:4490 is lat/lon, EPSG:4545 easting/northing). Any id in the body is ignored: the service assigns one.")
            .EditEndpoint()
            .Produces<FeatureDocument>(StatusCodes.Status201Created, OgcMediaTypes.GeoJson);
        api.MapPut("/collections/{collectionId}/items/{featureId}", ReplaceAsync).WithName("replaceFeature")
            .WithSummary("Replace a feature (editor account; If-Match with the item's ETag: 412 when stale, 428 when missing)")
            .WithDescription("Body as for POST. The answer carries the new ETag.")
            .EditEndpoint()
            .ProducesJson<FeatureDocument>(OgcMediaTypes.GeoJson)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapDelete("/collections/{collectionId}/items/{featureId}", DeleteAsync).WithName("deleteFeature")
            .WithSummary("Delete a feature (editor account; If-Match as for PUT); it leaves the map, its history stays")
            .RequireAuthorization(AuthPolicies.Edit)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    public static void MapItemHistory(this RouteGroupBuilder api) =>
        api.MapGet("/collections/{collectionId}/items/{featureId}/history", HistoryAsync).WithName("featureHistory")
            .WithSummary("The versions of a feature written through edits, with user and time (kept after a delete)")
            .WithDescription("Oldest first; version 1 of an imported feature is the import and is not listed. A delete is a version without a feature.")
            .ProducesJson<FeatureHistoryDocument>()
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
            .Accepts<FeatureDocument>(OgcMediaTypes.GeoJson, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesBodyProblems();

    /// <summary>The strong ETag of a feature version: the item GET sends it, PUT and DELETE expect it back in If-Match.</summary>
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async Task<Results<FeatureResult, ProblemHttpResult>> CreateAsync(
        string collectionId, HttpContext context, IFeatureEditor editor, IAuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Editable(collectionId) is { } problem)
        {
            return problem;
        }

        var collection = Catalog.Find(collectionId)!;
        var feature = await ReadBodyAsync(context, collection, 0, cancellationToken);
        var created = await editor.CreateAsync(collection, feature, AuthPolicies.Actor(user), cancellationToken);
        await AuditAsync(audit, user, AuditActions.FeatureCreated, collection, created.Feature.Id, null, created, cancellationToken);
        context.Response.Headers.Location = OgcLinks.Absolute(context.Request, $"{OgcLinks.Root}/collections/{collection.Id}/items/{created.Feature.Id}");
        return Answer(context, collection, created, StatusCodes.Status201Created);
    }

    private static async Task<Results<FeatureResult, ProblemHttpResult>> ReplaceAsync(
        string collectionId, string featureId, HttpContext context, IFeatureEditor editor, IAuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Target(collectionId, featureId, context, out var collection, out var id, out var expected) is { } problem)
        {
            return problem;
        }

        var feature = await ReadBodyAsync(context, collection, id, cancellationToken);
        var result = await editor.ReplaceAsync(collection, feature, expected, AuthPolicies.Actor(user), cancellationToken);
        if (Refused(result, collection, featureId, expected) is { } refused)
        {
            return refused;
        }

        await AuditAsync(audit, user, AuditActions.FeatureReplaced, collection, id, result.Before, result.After, cancellationToken);
        return Answer(context, collection, result.After!, StatusCodes.Status200OK);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string collectionId, string featureId, HttpContext context, IFeatureEditor editor, IAuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Target(collectionId, featureId, context, out var collection, out var id, out var expected) is { } problem)
        {
            return problem;
        }

        var result = await editor.DeleteAsync(collection, id, expected, AuthPolicies.Actor(user), cancellationToken);
        if (Refused(result, collection, featureId, expected) is { } refused)
        {
            return refused;
        }

        await AuditAsync(audit, user, AuditActions.FeatureDeleted, collection, id, result.Before, null, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>What PUT and DELETE check before touching the store: an editable collection, an If-Match, a well-formed id.</summary>
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
        EditStatus.VersionMismatch => TypedResults.Problem(
            title: "Precondition failed",
            detail: $"feature {featureId} of '{collection.Id}' was changed by someone else: it is at version {result.Before!.Version}, your If-Match names "
                    + $"{expected}; GET it again, apply your change to the current version and send that ETag",
            statusCode: StatusCodes.Status412PreconditionFailed),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Status, null),
    };

    private static bool TryParseId(string featureId, out long id) =>
        long.TryParse(featureId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);

    private static async Task<Feature> ReadBodyAsync(HttpContext context, CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers["Content-Crs"].ToString();
        var crs = header.Length == 0 ? SupportedCrs.Crs84 : SupportedCrs.Find(header.Trim().TrimStart('<').TrimEnd('>'))
            ?? throw InputException.Invalid("Content-Crs", $"unknown CRS '{header}'",
                $"use <{SupportedCrs.Crs84Uri}>, <{SupportedCrs.EpsgUri(Cgcs2000.Srid)}> (lat/lon) or <{SupportedCrs.EpsgUri(GaussKruger108.Srid)}>");
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

    private static Task AuditAsync(
        IAuditLog audit, ClaimsPrincipal user, string action, CollectionDefinition collection, long id, VersionedFeature? before, VersionedFeature? after, CancellationToken cancellationToken)
    {
        var detail = new JsonObject
        {
            ["versionBefore"] = before?.Version,
            ["versionAfter"] = after?.Version,
            ["before"] = before is null ? null : JsonNode.Parse(FeatureBody.Write(before.Feature)),
            ["after"] = after is null ? null : JsonNode.Parse(FeatureBody.Write(after.Feature)),
        };
        return audit.AppendAsync(
            new NewAuditEntry(AuthPolicies.Actor(user), action, collection.Id, id.ToString(CultureInfo.InvariantCulture), detail.ToJsonString()), cancellationToken);
    }
}
