namespace Geo.Api.OgcApi;

/// <summary>problem+json answers that say what is wrong and how to fix it.</summary>
internal static class Problems
{
    public static ProblemHttpResult UnknownCollection(string id) =>
        TypedResults.Problem(
            title: "Collection not found",
            detail: $"there is no collection '{id}'; /ogcapi/collections lists them",
            statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult UnknownFeature(string collection, string id) =>
        TypedResults.Problem(
            title: "Feature not found",
            detail: $"collection '{collection}' has no feature with id '{id}'",
            statusCode: StatusCodes.Status404NotFound);

    /// <summary>A soft-deleted feature: 410, saying where its history is and how it comes back.</summary>
    public static ProblemHttpResult DeletedFeature(string collection, string id, long version) =>
        TypedResults.Problem(
            title: "Feature deleted",
            detail: $"feature '{id}' of '{collection}' was deleted (version {version}); its versions are at {OgcLinks.Root}/collections/{collection}/items/{id}/history, "
                    + $"and an admin can restore one with POST …/items/{id}/restore and If-Match: \"{version}\"",
            statusCode: StatusCodes.Status410Gone);
}
