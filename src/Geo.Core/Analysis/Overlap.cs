namespace Geo.Core.Analysis;

/// <summary>One layer feature that meets the subject: the shared part and its area, and the feature's own area (EPSG:4545).</summary>
public sealed record Overlap(Feature Feature, Geometry Intersection, Area Area, Area FeatureArea);

/// <summary>The subject cut by the union of one class of a layer's features.</summary>
public sealed record ClassOverlap(string Class, Geometry Intersection, Area Area, int FeatureCount)
{
    /// <summary>The property that classes the features must be a text property of the layer; this guards the column name the SQL quotes.</summary>
    public static void EnsureClassProperty(CollectionDefinition layer, string property)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!layer.Properties.Any(p => p.Name == property && p.Type == PropertyType.Text))
        {
            throw new ArgumentException($"'{property}' is not a text property of {layer.Id}", nameof(property));
        }
    }
}

/// <summary>A feature near an origin, with the distance in EPSG:4545 metres.</summary>
public sealed record Nearby(Feature Feature, double DistanceMetres);
