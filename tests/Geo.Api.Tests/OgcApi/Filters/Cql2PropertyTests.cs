using Geo.Api.OgcApi.Filters;
using Geo.Core.Filters;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>
/// Random well-typed CQL2 trees, printed as CQL2 text and as CQL2-JSON, parse back to the same tree and pass the type
/// checker. Each property runs 200 trees: once from a fixed seed (the same trees every run, so a failure reproduces),
/// once from a new seed (FsCheck prints it on failure, for <c>Replay</c>).
/// </summary>
public sealed class Cql2PropertyTests
{
    private const string FixedSeed = "(20261130,1771)";

    private static readonly Arbitrary<(CollectionDefinition Collection, FilterExpression Filter)> Trees = Arb.From(
        Gen.Elements(Catalog.All.Where(c => c.Properties.Count > 0).ToArray())
            .SelectMany(c => new Cql2TreeGenerator(c, new Dictionary<string, object[]>(), agreeable: false).Filter.Select(f => (c, f))));

    [Property(MaxTest = 200, Replay = FixedSeed)]
    public Property Text_round_trips_from_a_fixed_seed() => TextRoundTrip();

    [Property(MaxTest = 200)]
    public Property Text_round_trips() => TextRoundTrip();

    [Property(MaxTest = 200, Replay = FixedSeed)]
    public Property Json_round_trips_from_a_fixed_seed() => JsonRoundTrip();

    [Property(MaxTest = 200)]
    public Property Json_round_trips() => JsonRoundTrip();

    private static Property TextRoundTrip() => Prop.ForAll(Trees, tree =>
    {
        var text = Cql2Printer.Text(tree.Filter);
        var parsed = Cql2Filter.FromText(text, g => g, tree.Collection);
        Assert.True(Cql2Printer.Dump(tree.Filter) == Cql2Printer.Dump(parsed), $"{text} parsed as {Cql2Printer.Dump(parsed)}");
    });

    private static Property JsonRoundTrip() => Prop.ForAll(Trees, tree =>
    {
        var json = Cql2Printer.Json(tree.Filter);
        var parsed = Cql2Filter.FromJson(json, g => g, tree.Collection);
        Assert.True(Cql2Printer.Dump(tree.Filter) == Cql2Printer.Dump(parsed), $"{json} parsed as {Cql2Printer.Dump(parsed)}");
    });
}
