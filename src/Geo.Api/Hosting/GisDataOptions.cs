using Geo.Api.Backends.PostGis;
using Microsoft.Extensions.Options;

namespace Geo.Api.Hosting;

/// <summary>The <c>GisData</c> settings, checked at start-up when the embedded store will read them.</summary>
public sealed class GisDataOptions
{
    public const string Section = "GisData";

    /// <summary>The folder the embedded store loads; empty for the nearest gis-data/.</summary>
    public string? Path { get; set; }
}

/// <summary>A configured folder that does not exist would otherwise surface as a failed first request.</summary>
internal sealed class GisDataOptionsValidator(IConfiguration configuration) : IValidateOptions<GisDataOptions>
{
    public ValidateOptionsResult Validate(string? name, GisDataOptions options)
    {
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString(PostGisBackend.ConnectionStringName));
        return embedded && !string.IsNullOrWhiteSpace(options.Path) && !Directory.Exists(options.Path)
            ? ValidateOptionsResult.Fail($"GisData:Path (GisData__Path) is '{options.Path}', which is not a folder; point it at a gis-data folder or leave it empty")
            : ValidateOptionsResult.Success;
    }
}
