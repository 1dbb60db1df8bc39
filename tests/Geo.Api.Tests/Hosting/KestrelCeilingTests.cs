using System.Net.Sockets;
using Geo.Api.Hosting;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// Where the service's own 414/431 (problem+json naming the limit) end and Kestrel's begin: up to
/// <see cref="RequestLimitsOptions.KestrelCeilingFactor"/> times Limits:MaxUrlBytes / MaxHeaderBytes the service
/// answers; beyond, Kestrel refuses the request before any middleware runs, with the status only (it has no hook for
/// that answer). Sent over a raw socket, as a client that does not check its own sizes would.
/// </summary>
public sealed class KestrelCeilingTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    private const int MaxUrl = 8 * 1024;
    private const int MaxHeaders = 32 * 1024;
    private const int Factor = RequestLimitsOptions.KestrelCeilingFactor;

    [Theory]
    [InlineData("url", MaxUrl + 1, 414)]
    [InlineData("url", (MaxUrl * Factor) - 100, 414)]
    [InlineData("headers", MaxHeaders + 1, 431)]
    [InlineData("headers", (MaxHeaders * Factor) - 1024, 431)]
    public async Task Up_to_Kestrels_ceiling_the_service_answers_with_a_problem_naming_its_limit(string what, int size, int status)
    {
        var (code, headers, body) = await SendAsync(what, size);

        Assert.Equal(status, code);
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        var limit = JsonDocument.Parse(body).RootElement.GetProperty("limit").GetString();
        Assert.Contains(what == "url" ? "Limits:MaxUrlBytes" : "Limits:MaxHeaderBytes", limit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("url", (MaxUrl * Factor) + 1024, 414)]
    [InlineData("headers", (MaxHeaders * Factor) + 1024, 431)]
    public async Task Beyond_Kestrels_ceiling_Kestrel_answers_the_status_alone_and_the_service_stays_up(string what, int size, int status)
    {
        var (code, headers, body) = await SendAsync(what, size);

        Assert.Equal(status, code);
        Assert.Contains("content-length: 0", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", body);
        using var client = await HostileRequests.ClientAsync(factory);
        await HostileRequests.AssertAliveAsync(client);
    }

    /// <summary>One HTTP/1.1 request with a path or one header of about <paramref name="size"/> bytes; the status, headers and body of the answer.</summary>
    private async Task<(int Status, string Headers, string Body)> SendAsync(string what, int size)
    {
        var address = factory.ListeningAddress;
        var target = what == "url" ? "/ogcapi/collections?q=" + new string('a', size - "/ogcapi/collections?q=".Length) : "/ogcapi/collections";
        var header = what == "headers" ? $"X-Big: {new string('h', size)}\r\n" : "";
        var request = $"GET {target} HTTP/1.1\r\nHost: {address.Authority}\r\n{header}Connection: close\r\n\r\n";

        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read everything; the answer is still there to read.
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = answer[..split];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = answer[(split + 4)..];
        if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return (status, head, body);
    }

    private static string Dechunk(string chunked)
    {
        var text = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var length = Convert.ToInt32(chunked[at..end].Split(';')[0], 16);
            if (length == 0)
            {
                return text.ToString();
            }

            text.Append(chunked, end + 2, length);
            at = end + 2 + length + 2;
        }
    }
}
