using Microsoft.Extensions.Options;

namespace Geo.Api.Hosting;

/// <summary>
/// Settings are checked before the service starts: a bad value stops start-up with one line naming the setting
/// (<see cref="ThrowIfInvalid"/> from the entry point), instead of failing on the first request that needs it.
/// </summary>
public static class ValidatedOptions
{
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Runs the start-up validation and the service; a setting that fails validation (or cannot be bound) is one line
    /// on stderr and exit code 1, without the host's stack trace.
    /// </summary>
    public static async Task<int> RunValidatedAsync(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: invalid setting: {string.Join("; ", e.Failures)}").ConfigureAwait(false);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"error: invalid setting: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
