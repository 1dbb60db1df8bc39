using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Geo.Api.OgcApi;

/// <summary>
/// ETags from a version of the store's data (all of it, or for tiles and collection metadata the collections' own,
/// <see cref="IFeatureStore.GetCollectionVersionsAsync"/>) and the request URL, so that a client (QGIS, the viewer) asking again for
/// unchanged data gets 304 Not Modified without the store being read. Weak, because gzip changes the bytes.
/// </summary>
internal static class ConditionalGet
{
    public static async Task<StatusCodeHttpResult?> NotModifiedAsync(HttpContext context, IFeatureStore store, CancellationToken cancellationToken) =>
        NotModified(context, await store.GetDataVersionAsync(cancellationToken));

    /// <summary>The same, for a caller that has read <paramref name="version"/> itself to answer from it.</summary>
    public static StatusCodeHttpResult? NotModified(HttpContext context, string version)
    {
        var request = context.Request;
        var input = Encoding.UTF8.GetBytes($"{version}|{request.Path}{request.QueryString}|{request.Headers.Accept}");
        var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(input))[..32]}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";

        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        return ifNoneMatch.Length > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch.Split(','), out var tags)
               && tags.Any(t => t == EntityTagHeaderValue.Any || t.Tag.Value == etag[2..])
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : null;
    }
}
