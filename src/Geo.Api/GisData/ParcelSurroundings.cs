using Geo.Core.Crs;
using Geo.Core.GisData;
using Geo.Core.Synthetic;

namespace Geo.Api.GisData;

/// <summary>What parcels are generated over: the district outline and the township seats, read from a gis-data folder.</summary>
public static class ParcelSurroundings
{
    /// <summary>
    /// Reads only district.geojson and townships.geojson (not the whole folder, whose parcels may be the million being
    /// replaced), checked as <see cref="GisDataFolder.Load"/> checks them.
    /// </summary>
    public static (Geometry District, IReadOnlyList<TownshipSeat> Seats) Read(string folder)
    {
        var errors = new List<DataError>();
        var district = ReadCollection(folder, Catalog.District, errors);
        var townships = ReadCollection(folder, Catalog.Townships, errors);
        if (errors.Count == 0 && district.Count == 0)
        {
            errors.Add(new DataError(Catalog.District.FileName, "file", "has no feature; parcels are generated over the district outline"));
        }

        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        return (Outline(district.Select(f => f.Geometry!)), townships.Select(t => new TownshipSeat((string)t["code"]!, (Point)t.Geometry!)).ToList());
    }

    /// <summary>One outline from the district's features, made the same way whichever store they come from (same parcels).</summary>
    public static Geometry Outline(IEnumerable<Geometry> district) =>
        Cgcs2000.GeometryFactory.BuildGeometry(district).Union();

    private static List<Feature> ReadCollection(string folder, CollectionDefinition collection, List<DataError> errors)
    {
        var path = Path.Combine(folder, collection.FileName);
        if (!File.Exists(path))
        {
            errors.Add(new DataError(collection.FileName, "file", $"is missing from {Path.GetFullPath(folder)}"));
            return [];
        }

        var (bytes, encodingError) = Utf8Text.ReadBytes(path);
        if (bytes is not { } utf8)
        {
            errors.Add(new DataError(collection.FileName, "file", encodingError!));
            return [];
        }

        return GeoJsonCollectionReader.Read(collection, utf8, errors).OrderBy(f => f.Id).ToList();
    }
}
