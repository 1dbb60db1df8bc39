using System.Globalization;
using Geo.Core.GisData;

namespace Geo.Core.Plan;

/// <summary>
/// Flags features that lie far from the township they name. There are no township boundaries, so the seat is the
/// only reference: a feature more than <see cref="NamedTownMaxMetres"/> from the sourced seat of its township is
/// probably placed in the wrong part of the district. The same rule is the generator's (gis-data/tools/kaizhou/naming.py).
/// </summary>
public static partial class DataQualityReport
{
    /// <summary>How far (EPSG:4545) a feature may lie from the seat of the township it names before it is flagged.</summary>
    public const double NamedTownMaxMetres = 3000;

    /// <summary>汉丰 in 汉丰湖 names the lake, not 汉丰街道.</summary>
    private static readonly string[] LakeWords = ["汉丰湖"];

    private static readonly string[] TypeSuffixes = ["街道", "镇", "乡"];

    private static void CheckNamedTownships(GisDataSet data, List<Finding> findings)
    {
        var townships = data[Catalog.Townships];
        var seats = townships.Where(t => (string?)t["location_precision"] == "sourced_point")
            .ToDictionary(t => (string)t["code"]!, t => t.Geometry!, StringComparer.Ordinal);
        var names = townships.Select(t => (Code: (string)t["code"]!, Name: (string)t["name"]!)).ToList();
        foreach (var collection in Catalog.All.Where(c => c.HasGeometry && c != Catalog.Townships && c != Catalog.District))
        {
            var measured = 0;
            var far = new List<string>();
            var unmeasured = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var feature in data[collection])
            {
                var code = NamedTownship(collection, feature, names);
                if (code is null)
                {
                    continue;
                }

                if (!seats.TryGetValue(code, out var seat))
                {
                    unmeasured.Add(code);
                    continue;
                }

                measured++;
                var metres = GaussKruger108.DistanceMetres(MeasuredGeometry(collection, feature.Geometry!), seat);
                if (metres > NamedTownMaxMetres)
                {
                    far.Add($"id {feature.Id} ({names.First(n => n.Code == code).Name} {code}, {(metres / 1000).ToString("0.0", CultureInfo.InvariantCulture)} km)");
                }
            }

            if (measured == 0 && unmeasured.Count == 0)
            {
                continue;
            }

            var unsourced = unmeasured.Count == 0 ? "" : $"; not measured: {string.Join(", ", unmeasured)} (no sourced seat)";
            findings.Add(far.Count == 0
                ? new(FindingLevel.Ok, collection.Id, $"{measured} features name a township; all lie within {NamedTownMaxMetres / 1000:0} km of its sourced seat{unsourced}")
                : new(FindingLevel.Note, collection.Id, $"farther than {NamedTownMaxMetres / 1000:0} km from the seat of the township they name: {string.Join("; ", far)}{unsourced}"));
        }
    }

    /// <summary>Zones and parcels name a township by code, flows by their origin, projects by place, the rest by name.</summary>
    private static string? NamedTownship(CollectionDefinition collection, Feature feature, IReadOnlyList<(string Code, string Name)> townships)
    {
        if (collection == Catalog.Zones || collection == Catalog.Parcels)
        {
            return feature["township_code"] as string;
        }

        if (collection == Catalog.RelocationFlows)
        {
            var origin = feature["origin_code"] as string;
            return townships.Any(t => t.Code == origin) ? origin : null;
        }

        var text = feature[collection == Catalog.Projects ? "place" : "name"] as string;
        return text is null ? null : FirstTownshipIn(text, townships);
    }

    /// <summary>The first township a text names, by full name (临江镇) or without its type suffix (临江).</summary>
    private static string? FirstTownshipIn(string text, IReadOnlyList<(string Code, string Name)> townships)
    {
        foreach (var lake in LakeWords)
        {
            text = text.Replace(lake, new string('\0', lake.Length), StringComparison.Ordinal);
        }

        (int Index, int Length, string Code)? best = null;
        foreach (var (code, name) in townships)
        {
            foreach (var word in new[] { name, Stem(name) })
            {
                var index = text.IndexOf(word, StringComparison.Ordinal);
                if (index >= 0 && (best is null || index < best.Value.Index || (index == best.Value.Index && word.Length > best.Value.Length)))
                {
                    best = (index, word.Length, code);
                }
            }
        }

        return best?.Code;
    }

    private static string Stem(string name)
    {
        foreach (var suffix in TypeSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length + 1)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    /// <summary>A flow is placed by its origin; every other feature by its whole geometry.</summary>
    private static Geometry MeasuredGeometry(CollectionDefinition collection, Geometry geometry) =>
        collection == Catalog.RelocationFlows && geometry is LineString line ? line.StartPoint : geometry;
}
