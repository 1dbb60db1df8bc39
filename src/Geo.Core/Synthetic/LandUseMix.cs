namespace Geo.Core.Synthetic;

/// <summary>
/// How often each 三调 class is drawn for a generated parcel. The classes are the catalog's (<see cref="Catalog.LandUses"/>);
/// only the share of each first-level class (一级类: the code's first two characters) is set here, split evenly among the
/// catalog's codes of that class. The shares are illustrative — a hilly county's farmland and forest in the countryside,
/// housing, industry and services around the township seats — not Kaizhou's 三调 figures. A first-level class the
/// shares do not name still appears, rarely, so every catalog code is used.
/// </summary>
internal sealed class LandUseMix
{
    private const double UnnamedShare = 0.005;

    /// <summary>Shares away from the seats: 耕地, 园地, 林地, 草地, then built-up land, roads, water and other land.</summary>
    private static readonly Dictionary<string, double> Countryside = new(StringComparer.Ordinal)
    {
        ["01"] = 0.34, ["02"] = 0.08, ["03"] = 0.32, ["04"] = 0.07, ["05"] = 0.005, ["06"] = 0.01,
        ["07"] = 0.06, ["08"] = 0.01, ["10"] = 0.03, ["11"] = 0.05, ["12"] = 0.01,
    };

    /// <summary>Shares within <see cref="TownRadiusMetres"/> of a township seat.</summary>
    private static readonly Dictionary<string, double> Town = new(StringComparer.Ordinal)
    {
        ["01"] = 0.10, ["02"] = 0.03, ["03"] = 0.07, ["04"] = 0.03, ["05"] = 0.12, ["06"] = 0.10,
        ["07"] = 0.30, ["08"] = 0.10, ["10"] = 0.10, ["11"] = 0.04, ["12"] = 0.01,
    };

    /// <summary>How far from a seat the town's shares apply.</summary>
    public const double TownRadiusMetres = 1500;

    private readonly (CodedValue Class, double Cumulative)[] _countryside = Cumulate(Countryside);
    private readonly (CodedValue Class, double Cumulative)[] _town = Cumulate(Town);

    /// <summary>The class at <paramref name="u"/> in [0, 1) of the cumulative shares.</summary>
    public CodedValue Pick(double u, bool nearSeat)
    {
        var table = nearSeat ? _town : _countryside;
        foreach (var (value, cumulative) in table)
        {
            if (u < cumulative)
            {
                return value;
            }
        }

        return table[^1].Class;
    }

    private static (CodedValue, double)[] Cumulate(Dictionary<string, double> shares)
    {
        var classes = Catalog.LandUses.Values;
        var perCode = classes.Select(c =>
        {
            var group = c.Code[..2];
            var share = shares.GetValueOrDefault(group, UnnamedShare);
            return share / classes.Count(other => other.Code.StartsWith(group, StringComparison.Ordinal));
        }).ToArray();
        var total = perCode.Sum();
        var running = 0.0;
        return classes.Select((c, i) => (c, running += perCode[i] / total)).ToArray();
    }
}
