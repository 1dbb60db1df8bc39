namespace Geo.Core.Domain;

/// <summary>
/// A feature (or, for a table without geometry, a record) as both stores return it. Property values are
/// normalised to string, long, double, bool, DateOnly or null, keyed and ordered as in the collection definition.
/// Geometries are in EPSG:4490 with x = longitude, y = latitude.
/// </summary>
public sealed record Feature
{
    private readonly StoredGeometry? _stored;
    private Geometry? _geometry;

    public Feature(long id, Geometry? geometry, IReadOnlyDictionary<string, object?> properties)
    {
        Id = id;
        _geometry = geometry;
        Properties = properties;
    }

    private Feature(StoredGeometry stored, long id, IReadOnlyDictionary<string, object?> properties)
    {
        Id = id;
        _stored = stored;
        Properties = properties;
    }

    public long Id { get; init; }

    /// <summary>A feature whose geometry stays in the bytes its store sent until <see cref="Geometry"/> is asked for.</summary>
    public static Feature FromStored(long id, StoredGeometry stored, IReadOnlyDictionary<string, object?> properties) => new(stored, id, properties);

    /// <summary>The geometry, read from <see cref="Stored"/> on first use when the store sent bytes.</summary>
    public Geometry? Geometry
    {
        get => _geometry ??= _stored?.Read();
        init
        {
            _geometry = value;
            _stored = null;
        }
    }

    /// <summary>
    /// The store's bytes of <see cref="Geometry"/>, or null (no geometry, or one built or replaced in memory): a writer
    /// that can write them directly skips building NTS objects.
    /// </summary>
    public StoredGeometry? Stored => _stored;

    public IReadOnlyDictionary<string, object?> Properties { get; init; }

    public object? this[string property] => Properties.TryGetValue(property, out var value) ? value : null;

    /// <summary>Equal as the geometries are, whether either is still in its bytes.</summary>
    public bool Equals(Feature? other) =>
        other is not null && Id == other.Id && Equals(Geometry, other.Geometry) && Equals(Properties, other.Properties);

    public override int GetHashCode() => HashCode.Combine(Id, Geometry, Properties);
}
