using System.Globalization;
using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>An area resolved to a CGCS2000 geometry, with what it is, its size and any notes for the reader.</summary>
public sealed record AreaOfInterest(Wording Description, Geometry Geometry, AreaFigures Area, bool InsideDistrict, IReadOnlyList<Wording> Notes)
{
    public const double MaxBufferMetres = 50000;

    public static async Task<AreaOfInterest> ResolveAsync(AreaRequest request, IFeatureStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        var given = (request.Geometry is null ? 0 : 1)
            + (request.ZoneId is null ? 0 : 1) + (request.TownshipCode is null ? 0 : 1);
        if (given != 1)
        {
            throw InputException.Invalid("area", "give exactly one of geometry, zoneId or townshipCode");
        }

        if (request.BufferM is { } b && (double.IsNaN(b) || b < 0 || b > MaxBufferMetres))
        {
            throw InputException.Invalid("bufferM", $"the buffer must be between 0 and {MaxBufferMetres} metres");
        }

        var notes = new List<Wording>();
        Wording description;
        Geometry geometry;
        if (request.ZoneId is { } zoneId)
        {
            var zone = await store.GetAsync(Catalog.Zones, zoneId, cancellationToken).ConfigureAwait(false)
                ?? throw InputException.NotFound("zoneId", $"there is no zone {zoneId}; /ogcapi/collections/zones/items lists them");
            description = new($"片区 {zone.Id} {zone["name"]}", $"Zone {zone.Id} {zone["name"]}");
            geometry = zone.Geometry!;
        }
        else if (request.TownshipCode is { } code)
        {
            var township = await FindTownshipAsync(store, code, cancellationToken).ConfigureAwait(false)
                ?? throw InputException.NotFound("townshipCode", $"there is no township with code '{code}'; /ogcapi/collections/townships/items lists them");
            if (request.BufferM is null or 0)
            {
                // No township polygons exist in any public source (gis-data/README.md), only seat points.
                throw InputException.Invalid("bufferM", "townships are known only as seat points (no official polygons); give bufferM in metres around the seat");
            }

            description = new($"乡镇（街道） {code} {township["name"]} 驻地", $"Seat of township {code} {township["name"]}");
            geometry = township.Geometry!;
            notes.Add(new(
                "乡镇（街道）没有公开的边界多边形，范围为驻地点的缓冲区（示意）。",
                "Townships have no published boundary polygons; the area is a buffer around the seat point (schematic)."));
            if ((string?)township["location_precision"] == "schematic")
            {
                // 镇东街道: no source gives its seat, so its point only shows where the unit is, not a position.
                notes.Add(new(
                    $"{township["name"]}驻地没有来源坐标，驻地点为示意位置，结果仅供参考。",
                    $"No source gives the seat of {township["name"]}: its point is schematic, so the result is only indicative."));
            }
        }
        else
        {
            var input = request.Geometry!;
            description = Subject.DrawnArea;
            geometry = input.Geometry;
            if (input.Repair is not null)
            {
                notes.Add(input.Repair);
            }
        }

        if (request.BufferM is > 0 and var metres)
        {
            // Buffered in metres (EPSG:4545), then carried back to lon/lat so both stores cut the same polygon.
            geometry = GaussKruger108.Unproject(GaussKruger108.Project(geometry).Buffer(metres));
            var buffer = metres.ToString("0.##", CultureInfo.InvariantCulture);
            description += new Wording($" 外扩 {buffer} 米", $" widened by {buffer} m");
        }

        var inside = await DistrictCheck.TouchesDistrictAsync(store, geometry, cancellationToken).ConfigureAwait(false);
        if (!inside)
        {
            notes.Add(DistrictCheck.Outside);
        }

        return new AreaOfInterest(description, geometry, AreaFigures.Of(GaussKruger108.AreaOf(geometry)), inside, notes);
    }

    private static async Task<Feature?> FindTownshipAsync(IFeatureStore store, string code, CancellationToken cancellationToken)
    {
        // Township ids are the NBS code as an integer (gis-data/README.md); the code property is checked as well.
        if (!long.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var township = await store.GetAsync(Catalog.Townships, id, cancellationToken).ConfigureAwait(false);
        return township is not null && string.Equals(township["code"] as string, code, StringComparison.Ordinal) ? township : null;
    }
}
