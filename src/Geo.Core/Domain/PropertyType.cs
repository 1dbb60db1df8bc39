namespace Geo.Core.Domain;

/// <summary>The value types a collection property can hold; each maps to one PostgreSQL column type.</summary>
public enum PropertyType
{
    Text,
    Integer,
    Number,
    Boolean,
    Date,
}
