using System.Globalization;
using Geo.Api.Backends.Embedded.Indicators;
using Geo.Core.Analysis.Indicators;

// Usage: Geo.IndicatorAppender <folder> <writer> <count>. Appends <count> values writer*1000+i for indicator 4, as a
// second service process sharing the folder would, and exits 0 once every append was acknowledged.
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: Geo.IndicatorAppender <folder> <writer> <count>");
    return 2;
}

var writer = int.Parse(args[1], CultureInfo.InvariantCulture);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
using var store = new JsonLinesIndicatorActualStore(args[0]);
for (var i = 0; i < count; i++)
{
    await store.AppendAsync(new NewIndicatorActual(4, writer * 1000 + i, new DateOnly(2025, 6, 30), null), CancellationToken.None);
}

return 0;
