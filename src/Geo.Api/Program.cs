using Geo.Api.Cli;
using Geo.Api.Hosting;

// One executable, two faces: `Geo.Api migrate|import|check-data|catalog|users …` runs a CLI verb (any other bare word is
// refused as an unknown verb); no verb, or only host settings such as `--urls …`, serves HTTP after the settings are validated.
if (CliApp.IsVerb(args))
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var app = ServiceHost.Build(args);
return await app.RunValidatedAsync();
