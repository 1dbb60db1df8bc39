using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>What the tests of answers kept in memory (KeptItems, KeptVersions) ask of the service, counting its statements.</summary>
internal static class KeptAnswers
{
    /// <summary>
    /// GETs <paramref name="url"/> until an answer needs no statement (the watch has read the version), at most 30 s;
    /// that answer, whose status must be <paramref name="status"/>. Generous: a service just started connects its
    /// watch first, and each count may wait for other test classes' statements (DatabaseStatements) on a loaded machine.
    /// </summary>
    public static async Task<HttpResponseMessage> KeptAsync(
        HttpClient client, DatabaseStatements statements, string url, HttpStatusCode status = HttpStatusCode.OK, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var before = await statements.CountAsync();
            var response = await GetAsync(client, url, ifNoneMatch);
            Assert.Equal(status, response.StatusCode);
            if (await statements.CountAsync() == before)
            {
                return response;
            }

            response.Dispose();
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"{url} was still read from the database after 30 s");
            await Task.Delay(20);
        }
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The statements one GET of <paramref name="url"/> ran.</summary>
    public static async Task<long> ReadsAsync(HttpClient client, DatabaseStatements statements, string url)
    {
        var before = await statements.CountAsync();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await statements.CountAsync() - before;
    }

    /// <summary>PATCHes the feature's name as <paramref name="editor"/>, with <paramref name="ifMatch"/>; must be 200.</summary>
    public static async Task<HttpResponseMessage> PatchNameAsync(HttpClient editor, string url, EntityTagHeaderValue ifMatch, string name)
    {
        using var patch = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent($$$"""{"properties":{"name":"{{{name}}}"}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.IfMatch.Add(ifMatch);
        var patched = await editor.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        return patched;
    }

    /// <summary>A client with an editor's token.</summary>
    public static async Task<HttpClient> EditorAsync(PostGisServiceFactory factory)
    {
        var editor = factory.CreateClient();
        var (_, token) = await TestAccounts.CreateAsync(factory.Services, Role.Editor);
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return editor;
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"not seen within 10 s: {what}");
            await Task.Delay(50);
        }
    }
}
