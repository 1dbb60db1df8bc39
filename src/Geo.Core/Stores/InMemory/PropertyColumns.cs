using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Geo.Core.Domain;

namespace Geo.Core.Stores.InMemory;

/// <summary>
/// A collection's properties by column, one array per property of the catalog: text dictionary-encoded (a land-use
/// class or township code is stored once, each row holds its number), numbers, booleans and dates as nullable value
/// arrays. A row's properties are read through a view (<see cref="Row"/>) that boxes a value only when asked.
/// Features whose properties are not the catalog's (another key, another value type) are not packed: see <see cref="Fits"/>.
/// </summary>
internal sealed class PropertyColumns
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _byName;
    private readonly Column[] _columns;

    private PropertyColumns(string[] names, Column[] columns)
    {
        _names = names;
        _columns = columns;
        _byName = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="feature"/>'s properties are exactly the catalog's, each of its type or null.</summary>
    public static bool Fits(CollectionDefinition collection, Feature feature) =>
        feature.Properties.Count == collection.Properties.Count
        && collection.Properties.All(p => feature.Properties.TryGetValue(p.Name, out var v) && (v is null || v.GetType() == ClrType(p.Type)));

    public static PropertyColumns Pack(CollectionDefinition collection, IReadOnlyList<Feature> rows) =>
        new([.. collection.Properties.Select(p => p.Name)], [.. collection.Properties.Select(p => Column.Pack(p, rows))]);

    public IReadOnlyDictionary<string, object?> Row(int row) => new RowView(this, row);

    public object? Value(int row, string property) => _byName.TryGetValue(property, out var column) ? _columns[column].Get(row) : null;

    private static Type ClrType(PropertyType type) => type switch
    {
        PropertyType.Text => typeof(string),
        PropertyType.Integer => typeof(long),
        PropertyType.Number => typeof(double),
        PropertyType.Boolean => typeof(bool),
        PropertyType.Date => typeof(DateOnly),
        _ => throw new System.Diagnostics.UnreachableException($"PropertyType {type} is not handled here"),
    };

    private abstract class Column
    {
        public abstract object? Get(int row);

        public static Column Pack(PropertyDefinition property, IReadOnlyList<Feature> rows) => property.Type switch
        {
            PropertyType.Text => TextColumn.Pack(property.Name, rows),
            PropertyType.Integer => ValueColumn<long>.Pack(property.Name, rows),
            PropertyType.Number => ValueColumn<double>.Pack(property.Name, rows),
            PropertyType.Boolean => ValueColumn<bool>.Pack(property.Name, rows),
            PropertyType.Date => ValueColumn<DateOnly>.Pack(property.Name, rows),
            _ => throw new System.Diagnostics.UnreachableException($"PropertyType {property.Type} is not handled here"),
        };
    }

    /// <summary>Text by number into the distinct values (-1: null): class and township codes repeat on every row.</summary>
    private sealed class TextColumn(int[] codes, string[] values) : Column
    {
        public override object? Get(int row) => codes[row] is var code && code < 0 ? null : values[code];

        public static TextColumn Pack(string name, IReadOnlyList<Feature> rows)
        {
            var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
            var codes = new int[rows.Count];
            for (var row = 0; row < rows.Count; row++)
            {
                codes[row] = rows[row][name] is string text
                    ? (distinct.TryGetValue(text, out var code) ? code : distinct[text] = distinct.Count)
                    : -1;
            }

            var values = new string[distinct.Count];
            foreach (var (text, code) in distinct)
            {
                values[code] = text;
            }

            return new TextColumn(codes, values);
        }
    }

    private sealed class ValueColumn<T>(T?[] values) : Column
        where T : struct
    {
        public override object? Get(int row) => values[row];

        public static ValueColumn<T> Pack(string name, IReadOnlyList<Feature> rows)
        {
            var values = new T?[rows.Count];
            for (var row = 0; row < rows.Count; row++)
            {
                values[row] = rows[row][name] is T value ? value : null;
            }

            return new ValueColumn<T>(values);
        }
    }

    /// <summary>One row's properties in the catalog's order, as a read-only dictionary.</summary>
    private sealed class RowView(PropertyColumns columns, int row) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => columns._names;

        public IEnumerable<object?> Values => columns._columns.Select(c => c.Get(row));

        public int Count => columns._names.Length;

        public bool ContainsKey(string key) => columns._byName.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
        {
            if (columns._byName.TryGetValue(key, out var column))
            {
                value = columns._columns[column].Get(row);
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < columns._names.Length; i++)
            {
                yield return new(columns._names[i], columns._columns[i].Get(row));
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
