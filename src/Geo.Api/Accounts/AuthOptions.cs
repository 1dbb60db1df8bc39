using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Geo.Api.Accounts;

/// <summary>Sign-in settings (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Anyone who reaches the service may read (the README's first command shows the map); writes always need an account.</summary>
    public bool AllowAnonymousRead { get; set; } = true;

    /// <summary>A viewer session ends after this many hours without a request.</summary>
    [Range(1, 720)]
    public int SessionHours { get; set; } = 8;

    /// <summary>Failed sign-ins allowed per address and account name within <see cref="FailedLoginWindowMinutes"/>; more are answered 429.</summary>
    [Range(1, 1000)]
    public int FailedLoginsPerWindow { get; set; } = 5;

    [Range(1, 1440)]
    public int FailedLoginWindowMinutes { get; set; } = 15;
}

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{AuthOptions.Section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
