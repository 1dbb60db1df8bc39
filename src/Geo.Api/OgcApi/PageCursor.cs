using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SortKey = Geo.Core.Stores.SortKey;

namespace Geo.Api.OgcApi;

/// <summary>
/// The <c>cursor</c> parameter of <c>next</c> links: an opaque base64url token holding the last feature's sort values,
/// id and position, plus a check over the collection, the sort order and that content. A token that does not decode,
/// was edited, or belongs to another collection or sortby is refused with a problem naming <c>cursor</c>; a token is
/// a position only, so a forged one can do no more than an <c>offset</c> can.
/// </summary>
internal static class PageCursor
{
    public const string Parameter = "cursor";

    /// <summary>Sort values are bounded by the property limits; 4,096 characters leaves room for several long text keys.</summary>
    public const int MaxLength = 4096;

    private const int Version = 1;
    private const int CheckBytes = 8;

    public static string Encode(CollectionDefinition collection, IReadOnlyList<SortKey> sortBy, FeatureCursor cursor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Version);
            writer.WriteNumberValue(cursor.Id);
            writer.WriteNumberValue(cursor.Position);
            foreach (var value in cursor.SortValues)
            {
                WriteValue(writer, value);
            }

            writer.WriteEndArray();
        }

        var payload = buffer.ToArray();
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Check(collection, sortBy, payload));
    }

    public static FeatureCursor Decode(CollectionDefinition collection, IReadOnlyList<SortKey> sortBy, string token)
    {
        if (token.Length > MaxLength)
        {
            throw Refused($"it is {token.Length} characters long, and a cursor from a next link is at most {MaxLength}");
        }

        var parts = token.Split('.');
        byte[] payload, check;
        try
        {
            if (parts.Length != 2)
            {
                throw Refused("it is not a cursor from a next link");
            }

            payload = Base64Url.DecodeFromChars(parts[0]);
            check = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            throw Refused("it is not base64url text");
        }

        if (!CryptographicOperations.FixedTimeEquals(check, Check(collection, sortBy, payload)))
        {
            throw Refused($"it was changed, or it belongs to another collection or sortby than '{collection.Id}'{SortText(sortBy)}");
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var items = document.RootElement.EnumerateArray().ToList();
            if (items.Count != 3 + sortBy.Count || items[0].GetInt32() != Version)
            {
                throw Refused("it holds the wrong number of values");
            }

            var position = items[2].GetInt64();
            if (position < 0)
            {
                throw Refused("its position is negative");
            }

            var values = sortBy.Select((key, i) => ReadValue(collection, key, items[3 + i])).ToList();
            return new FeatureCursor(values, items[1].GetInt64(), position);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Refused("its content does not read");
        }
    }

    private static InputException Refused(string why) =>
        InputException.Invalid(Parameter, $"the cursor cannot be used: {why}",
            "follow the next link as given (it keeps every other parameter), or start again without cursor");

    private static string SortText(IReadOnlyList<SortKey> sortBy) =>
        sortBy.Count == 0 ? "" : " sorted by " + string.Join(",", sortBy.Select(k => (k.Descending ? "-" : "") + k.Property));

    /// <summary>
    /// Detects edits and a cursor replayed on another collection or order; not a secret (the service keeps none that
    /// every instance shares), since a well-formed forged cursor only names another position.
    /// </summary>
    private static byte[] Check(CollectionDefinition collection, IReadOnlyList<SortKey> sortBy, byte[] payload)
    {
        var context = Encoding.UTF8.GetBytes($"kaizhou-items-cursor\n{collection.Id}\n{SortText(sortBy)}\n");
        return SHA256.HashData([.. context, .. payload])[..CheckBytes];
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case long integer:
                writer.WriteNumberValue(integer);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"a sort value of type {value.GetType().Name} cannot be written into a cursor");
        }
    }

    /// <summary>Reads a sort value back as the stores normalise the property's values, so it compares as the feature's own.</summary>
    private static object? ReadValue(CollectionDefinition collection, SortKey key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (key.Property == "id")
        {
            return value.GetInt64();
        }

        var type = collection.FindProperty(key.Property)?.Type ?? throw new FormatException($"'{key.Property}' is not a property");
        return type switch
        {
            PropertyType.Text => value.GetString(),
            PropertyType.Integer => value.GetInt64(),
            PropertyType.Number => value.GetDouble(),
            PropertyType.Boolean => value.GetBoolean(),
            PropertyType.Date => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new System.Diagnostics.UnreachableException($"PropertyType {type} is not handled here"),
        };
    }
}
