using Geo.Api.Cli;
using Geo.Api.Hosting;

// One executable, two faces: `Geo.Api migrate|import|check-data|catalog …` runs a CLI verb; anything else serves HTTP.
if (CliApp.IsVerb(args))
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var app = ServiceHost.Build(args);
await app.RunAsync();
return 0;
