using System.ComponentModel.DataAnnotations;

namespace Geo.Api.Hosting;

/// <summary>
/// How much one request may ask of the service (configuration section <c>Limits</c>). Kestrel refuses only what is
/// far over these (<see cref="KestrelCeilingFactor"/> times), with its own bare answers; up to that the service
/// answers itself, with problem+json naming the limit.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Kestrel's hard limits on the request line and headers are this many times ours.</summary>
    public const int KestrelCeilingFactor = 4;

    /// <summary>A request body (GeoJSON geometry, CQL2-JSON) larger than this is refused with 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The limit on the body as problem+json names it.</summary>
    public string BodyLimit => $"{MaxRequestBodyBytes} bytes (Limits:MaxRequestBodyBytes)";

    /// <summary>What a client whose body was over the limit should do.</summary>
    public string BodyTooLarge => $"the body is over {MaxRequestBodyBytes} bytes; send a smaller geometry (fewer vertices) or split the request";

    /// <summary>Path and query string together; longer ones are refused with 414 (POST the search instead).</summary>
    [Range(1024, 1 << 20)]
    public int MaxUrlBytes { get; set; } = 8 * 1024;

    /// <summary>All request headers together; more is refused with 431.</summary>
    [Range(4096, 1 << 20)]
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Vertices in one geometry a client sends, in a body or as a CQL2 literal; more is refused with 413 (see <see cref="Geo.Core.InputLimits.MaxVertices"/>).</summary>
    [Range(4, 10_000_000)]
    public int MaxVertices { get; set; } = Geo.Core.InputLimits.DefaultMaxVertices;

    /// <summary>A request still running after this is cancelled and answered 503; queries and evaluation stop with it.</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 30;
}
