using System.Net.Sockets;

namespace Geo.Api.Tests.Hosting;

/// <summary>Start-up as a real process: the CLI refuses unknown verbs, the standard address settings are honoured, bad settings and an address in use stop it.</summary>
public sealed class ProcessStartupTests
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> NoSettings = [];

    [Fact]
    public async Task A_mistyped_verb_is_one_line_naming_it_and_the_known_verbs_not_a_web_server()
    {
        using var process = ServiceProcess.Start(NoSettings, "imprt", "gis-data");

        Assert.Equal(2, await process.ExitCodeAsync(Exit));
        var line = Assert.Single(process.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown verb 'imprt'", line, StringComparison.Ordinal);
        Assert.Contains("migrate, import, check-data", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Viewer:", process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    public async Task The_standard_address_settings_are_honoured(string variable)
    {
        var port = ServiceProcess.FreePort();
        var value = variable == "ASPNETCORE_URLS" ? $"http://127.0.0.1:{port}" : $"{port}";
        using var process = ServiceProcess.Start(new Dictionary<string, string> { [variable] = value });

        Assert.Equal(HttpStatusCode.OK, await process.WaitUntilAnsweringAsync(new Uri($"http://127.0.0.1:{port}"), Exit));
        Assert.DoesNotContain("5080", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_in_use_stops_start_up_with_one_line_naming_it()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        using var process = ServiceProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Equal(1, await process.ExitCodeAsync(Exit));
        var line = Assert.Single(process.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot listen: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("in use", line, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Cors__AllowedOrigins__0", "maps.example.cn/viewer", "Cors:AllowedOrigins:0")]
    [InlineData("Telemetry__Exporter", "zipkin", "Telemetry:Exporter")]
    [InlineData("Telemetry__OtlpEndpoint", "not a url", "Telemetry:OtlpEndpoint")]
    [InlineData("GisData__Path", "/no/such/gis-data", "GisData:Path")]
    [InlineData("Auth__Oidc__Authority", "login.office.example", "Auth:Oidc:Authority")]
    [InlineData("Auth__Oidc__Authority", "http://login.office.example", "Auth:Oidc:Authority")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string variable, string value, string setting)
    {
        var port = ServiceProcess.FreePort();
        using var process = ServiceProcess.Start(new Dictionary<string, string> { [variable] = value, ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Equal(1, await process.ExitCodeAsync(Exit));
        var line = Assert.Single(process.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: invalid setting: ", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Output + process.Error, StringComparison.Ordinal);
    }
}
