using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The viewer's files as `dotnet run` serves them (the build's static web assets manifest, a real process): the bytes
/// Vite wrote, and its bundle gzipped as the build compressed it, not re-wrapped on every request.
/// </summary>
public sealed partial class ViewerAssetsTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_viewer_bundle_is_served_as_built_and_gzipped_to_under_half_its_size()
    {
        var port = ServiceProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var process = ServiceProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString() });
        Assert.Equal(HttpStatusCode.OK, await process.WaitUntilAnsweringAsync(address, Start));
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = address };

        var page = await client.GetStringAsync("/");
        var bundle = BundleScript().Match(page);
        Assert.True(bundle.Success, $"no assets/*.js in the viewer's page: {page[..Math.Min(page.Length, 400)]}");
        var built = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "src", "Geo.Viewer", "wwwroot", bundle.Value));

        using var plain = await client.GetAsync("/" + bundle.Value);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(built, await plain.Content.ReadAsByteArrayAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + bundle.Value);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var gzipped = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        using var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(built, unzipped.ToArray());

        // A minified bundle gzips to about a third; the runtime patching of development builds sent it "stored" (no compression).
        Assert.True(compressed.Length < built.Length / 2, $"{compressed.Length} gzipped bytes for {built.Length}");
    }

    [GeneratedRegex(@"assets/[\w.-]+\.js")]
    private static partial Regex BundleScript();
}
