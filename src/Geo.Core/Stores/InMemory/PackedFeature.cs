namespace Geo.Core.Stores.InMemory;

/// <summary>
/// A feature of a polygonal collection in the form the embedded store packs it, read straight from gis-data's bytes
/// with no NTS objects: its id, its MultiPolygon as x, y pairs (<paramref name="Xy"/>) and shape
/// (<paramref name="Polygons"/>: the number of polygons, then for each its number of rings and each ring's number of
/// positions), and its property values in the catalog's order. On a million parcels the NTS geometry and the dictionary
/// of each feature were built only to be packed and dropped again; <see cref="PackedFeatures.Builder"/> copies these
/// arrays instead, and a <see cref="Feature"/> is built only where one is needed (<see cref="ToFeature"/>).
/// </summary>
public sealed record PackedFeature(long Id, double[] Xy, int[] Polygons, object?[] Values)
{
    /// <summary>The feature as the general reader gives it: the CGCS2000 MultiPolygon, properties keyed and ordered as in <paramref name="collection"/>.</summary>
    public Feature ToFeature(CollectionDefinition collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var properties = new Dictionary<string, object?>(collection.Properties.Count);
        for (var i = 0; i < collection.Properties.Count; i++)
        {
            properties[collection.Properties[i].Name] = Values[i];
        }

        return new Feature(Id, Geometry(Xy, Polygons), properties);
    }

    /// <summary>The CGCS2000 MultiPolygon of coordinates <paramref name="xy"/> and shape <paramref name="polygons"/> (as <see cref="Polygons"/>).</summary>
    public static MultiPolygon Geometry(ReadOnlySpan<double> xy, ReadOnlySpan<int> polygons) => PackedGeometries.MultiPolygon(xy, polygons);
}
