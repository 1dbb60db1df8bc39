using System.Text;
using Geo.Core.GisData;
using Geo.Core.Stores.InMemory;
using NetTopologySuite.Operation.Valid;

namespace Geo.Api.GisData.Internal;

/// <summary>
/// Reads a feature written the plain way gis-data writes polygons (an integer id, the catalog's properties each of its
/// type and allowed, a valid Polygon or MultiPolygon of x, y positions with "type" before "coordinates") straight from
/// its bytes into the packed form the embedded store keeps (<see cref="PackedFeature"/>), without a JsonDocument, the
/// GeoJSON converter, the per-feature location strings or, mostly, any NTS object: on a million parcels those were
/// most of the first start. Anything else, or anything wrong, gives null and the caller reads that feature the general
/// way, which gives every error message; so this path never decides an error, and a feature it returns is the one the
/// general reader builds (same coordinates, stored as a MultiPolygon as <see cref="GeometryRules"/> has it, properties
/// in catalog order), found valid by <see cref="SimpleRing"/> (one simple ring) or else <see cref="IsValidOp"/>.
/// One instance per thread: it reuses its buffers.
/// </summary>
internal sealed class PlainFeatureReader(CollectionDefinition collection)
{
    // Longer texts are not worth looking up: the repeating ones are codes, classes and the source note.
    private const int KeptTextLength = 128;
    private const int KeptTexts = 4096;

    private readonly IReadOnlyList<PropertyDefinition> _properties = collection.Properties;
    private readonly byte[][] _names = [.. collection.Properties.Select(p => Encoding.UTF8.GetBytes(p.Name))];
    private readonly bool[] _seen = new bool[collection.Properties.Count];
    private readonly List<double> _xy = [];
    private readonly List<int> _ringSizes = [];
    private readonly List<int> _ringsPerPolygon = [];

    // Text values repeat on almost every row (codes, land-use classes): one string each instead of one per row.
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    /// <summary>Whether the collection's features can come this way: only polygonal collections (the large ones).</summary>
    public static bool Applies(CollectionDefinition collection) =>
        collection.Geometry is GeometryKind.MultiPolygon or GeometryKind.PointOrPolygon;

    public PackedFeature? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return Read(utf8);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // Whatever the general reader makes of it (error or feature) is the answer.
            return null;
        }
    }

    private PackedFeature? Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        long? id = null;
        (double[] Xy, int[] Polygons)? geometry = null;
        object?[]? values = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // A repeated member is left to the general reader, which decides which one counts.
            if (reader.ValueTextEquals("id"u8))
            {
                if (id is not null || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var read))
                {
                    return null;
                }

                id = read;
            }
            else if (reader.ValueTextEquals("geometry"u8))
            {
                if (geometry is not null || !reader.Read() || ReadGeometry(ref reader) is not { } readGeometry)
                {
                    return null;
                }

                geometry = readGeometry;
            }
            else if (reader.ValueTextEquals("properties"u8))
            {
                if (values is not null || !reader.Read() || ReadProperties(ref reader) is not { } readValues)
                {
                    return null;
                }

                values = readValues;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return id is { } featureId && geometry is var (xy, polygons) && values is not null ? new PackedFeature(featureId, xy, polygons, values) : null;
    }

    private object?[]? ReadProperties(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        Array.Clear(_seen);
        var values = new object?[_properties.Count];
        var index = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            index = IndexOf(ref reader, index + 1);
            if (index < 0 || _seen[index] || !reader.Read() || !TryValue(_properties[index], ref reader, out values[index]))
            {
                return null;
            }

            _seen[index] = true;
        }

        for (var i = 0; i < _properties.Count; i++)
        {
            // An absent property is an empty one, as the general reader has it.
            if (!_seen[i] && PropertyValues.Check(_properties[i], null).Error is not null)
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>Which catalog property the reader's name is, trying <paramref name="expected"/> first (properties mostly come in catalog order).</summary>
    private int IndexOf(ref Utf8JsonReader reader, int expected)
    {
        if (expected < _names.Length && reader.ValueTextEquals(_names[expected]))
        {
            return expected;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value <see cref="JsonPropertyValues.FromJson"/> gives when it gives no error; false otherwise.</summary>
    private bool TryValue(PropertyDefinition property, ref Utf8JsonReader reader, out object? value)
    {
        (object? Value, string? Error) converted;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                converted = PropertyValues.Check(property, null);
                break;
            case JsonTokenType.String when property.Type == PropertyType.Text:
                converted = PropertyValues.Check(property, Text(ref reader));
                break;
            case JsonTokenType.String when property.Type == PropertyType.Date:
                converted = PropertyValues.FromText(property, Text(ref reader));
                break;
            case JsonTokenType.Number when property.Type == PropertyType.Integer && reader.TryGetInt64(out var integer):
                converted = PropertyValues.Check(property, integer);
                break;
            case JsonTokenType.Number when property.Type == PropertyType.Number && reader.TryGetDouble(out var number):
                converted = PropertyValues.Check(property, number);
                break;
            case JsonTokenType.True or JsonTokenType.False when property.Type == PropertyType.Boolean:
                converted = PropertyValues.Check(property, reader.GetBoolean());
                break;
            default:
                value = null;
                return false;
        }

        value = converted.Value;
        return converted.Error is null;
    }

    private string Text(ref Utf8JsonReader reader)
    {
        // The reader reads one span, never a sequence.
        if (reader.ValueSpan.Length > KeptTextLength)
        {
            return reader.GetString()!;
        }

        // Unescaped text is never longer than its bytes.
        Span<char> chars = stackalloc char[KeptTextLength];
        var text = chars[..reader.CopyString(chars)];
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var kept))
        {
            return kept;
        }

        var created = text.ToString();
        if (_texts.Count < KeptTexts)
        {
            _texts.Add(created);
        }

        return created;
    }

    private (double[] Xy, int[] Polygons)? ReadGeometry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || !reader.ValueTextEquals("type"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var multi = reader.ValueTextEquals("MultiPolygon"u8);
        if (!multi && !reader.ValueTextEquals("Polygon"u8)
            || !reader.Read() || !reader.ValueTextEquals("coordinates"u8)
            || !reader.Read())
        {
            return null;
        }

        _xy.Clear();
        _ringSizes.Clear();
        _ringsPerPolygon.Clear();
        if (!(multi ? ReadPolygons(ref reader) : ReadPolygon(ref reader))
            || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            return null;
        }

        // Both a Polygon and a MultiPolygon are stored as a MultiPolygon in the collections this reader applies to.
        (double[] Xy, int[] Polygons) packed = ([.. _xy], Shape());
        var plainlyValid = _ringsPerPolygon is [1] && SimpleRing.IsValid(packed.Xy);
        return plainlyValid || new IsValidOp(PackedFeature.Geometry(packed.Xy, packed.Polygons)).IsValid ? packed : null;
    }

    private bool ReadPolygons(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!ReadPolygon(ref reader))
            {
                return false;
            }
        }

        return _ringsPerPolygon.Count > 0;
    }

    private bool ReadPolygon(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var rings = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!ReadRing(ref reader))
            {
                return false;
            }

            rings++;
        }

        _ringsPerPolygon.Add(rings);
        return rings > 0;
    }

    /// <summary>A ring of x, y positions that NTS takes as a LinearRing: closed, four positions or more.</summary>
    private bool ReadRing(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var start = _xy.Count;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray
                || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var x)
                || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var y)
                || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                return false;
            }

            _xy.Add(x);
            _xy.Add(y);
        }

        var size = (_xy.Count - start) / 2;
        _ringSizes.Add(size);
        return size >= 4 && _xy[start] == _xy[^2] && _xy[start + 1] == _xy[^1];
    }

    /// <summary>The shape as <see cref="PackedFeature.Polygons"/> has it: the number of polygons, then each one's rings and their sizes.</summary>
    private int[] Shape()
    {
        var shape = new int[1 + _ringsPerPolygon.Count + _ringSizes.Count];
        var (at, ring) = (0, 0);
        shape[at++] = _ringsPerPolygon.Count;
        foreach (var rings in _ringsPerPolygon)
        {
            shape[at++] = rings;
            for (var r = 0; r < rings; r++)
            {
                shape[at++] = _ringSizes[ring++];
            }
        }

        return shape;
    }
}
