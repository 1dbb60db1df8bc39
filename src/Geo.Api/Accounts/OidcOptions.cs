using Geo.Core.Accounts;
using Microsoft.Extensions.Options;

namespace Geo.Api.Accounts;

/// <summary>
/// Optional sign-in with an office's OpenID Connect identity provider (configuration section <c>Auth:Oidc</c>). Nothing
/// is registered while <see cref="Authority"/> is empty.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Auth:Oidc";

    /// <summary>The identity provider's issuer URL; its <c>/.well-known/openid-configuration</c> is read at the first sign-in.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The path on this service the identity provider sends the browser back to; register it there.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>The id_token claim that carries the user's roles (or groups).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>
    /// The provider's role values and the role each one gives here (<c>Auth:Oidc:RoleMap:gis-editors=editor</c>);
    /// the values viewer, editor and admin are also understood as they are. The highest role found wins.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The role of a user none of whose values is known: <c>viewer</c> (the default), or <c>none</c> to refuse the sign-in.</summary>
    public string DefaultRole { get; set; } = "viewer";

    /// <summary>Discovery over plain http is only for a provider on the same machine (tests); keep true in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public const string RefuseRole = "none";
}

internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{OidcOptions.Section}:Authority: '{options.Authority}' is not an absolute https URL of the identity provider");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && options.RequireHttpsMetadata)
        {
            errors.Add($"{OidcOptions.Section}:Authority: '{options.Authority}' must use https (or set {OidcOptions.Section}:RequireHttpsMetadata=false for a provider on this machine)");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{OidcOptions.Section}:ClientId: required when Authority is set (the client id registered at the identity provider)");
        }

        if (string.IsNullOrEmpty(options.CallbackPath) || !options.CallbackPath.StartsWith('/') || options.CallbackPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{OidcOptions.Section}:CallbackPath: '{options.CallbackPath}' must be a path starting with '/' outside /api/ (default /signin-oidc)");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim))
        {
            errors.Add($"{OidcOptions.Section}:RoleClaim: must name the id_token claim with the roles (default 'role')");
        }

        if (options.DefaultRole != OidcOptions.RefuseRole && !Roles.TryParse(options.DefaultRole, out _))
        {
            errors.Add($"{OidcOptions.Section}:DefaultRole: '{options.DefaultRole}' is not viewer, editor, admin or none");
        }

        errors.AddRange(options.RoleMap.Where(m => !Roles.TryParse(m.Value, out _))
            .Select(m => $"{OidcOptions.Section}:RoleMap:{m.Key}: '{m.Value}' is not viewer, editor or admin"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
