using System.Collections;
using System.Diagnostics.CodeAnalysis;

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

    /// <summary>The columns, for a snapshot, in the catalog's order.</summary>
    public void Write(SnapshotWriter writer)
    {
        writer.Write(_columns.Length);
        foreach (var (name, column) in _names.Zip(_columns))
        {
            writer.WriteText(name);
            column.Write(writer);
        }
    }

    /// <summary>The columns of <paramref name="collection"/> as <see cref="Write"/> wrote them, <paramref name="rows"/> values each.</summary>
    public static PropertyColumns Read(CollectionDefinition collection, SnapshotReader reader, int rows)
    {
        if (reader.Read<int>() != collection.Properties.Count)
        {
            throw new InvalidDataException($"the snapshot's {collection.Id} has other properties than the catalog");
        }

        var columns = new Column[collection.Properties.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var property = collection.Properties[i];
            if (reader.ReadText() != property.Name)
            {
                throw new InvalidDataException($"the snapshot's {collection.Id} has other properties than the catalog");
            }

            columns[i] = property.Type switch
            {
                PropertyType.Text => TextColumn.Read(reader),
                PropertyType.Integer => ValueColumn<long>.Read(reader),
                PropertyType.Number => ValueColumn<double>.Read(reader),
                PropertyType.Boolean => ValueColumn<bool>.Read(reader),
                PropertyType.Date => ValueColumn<DateOnly>.Read(reader),
                _ => throw new System.Diagnostics.UnreachableException($"PropertyType {property.Type} is not handled here"),
            };
            if (columns[i].Count != rows)
            {
                throw new InvalidDataException($"the snapshot's {collection.Id}.{property.Name} has {columns[i].Count} values for {rows} rows");
            }
        }

        return new([.. collection.Properties.Select(p => p.Name)], columns);
    }

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
        public abstract int Count { get; }

        public abstract object? Get(int row);

        public abstract void Write(SnapshotWriter writer);

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
        public override int Count => codes.Length;

        public override object? Get(int row) => codes[row] is var code && code < 0 ? null : values[code];

        public override void Write(SnapshotWriter writer)
        {
            writer.WriteArray(codes);
            writer.Write(values.Length);
            foreach (var value in values)
            {
                writer.WriteText(value);
            }
        }

        public static TextColumn Read(SnapshotReader reader)
        {
            var codes = reader.ReadArray<int>();
            var values = new string[reader.Read<int>()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadText() ?? throw new InvalidDataException("a null among a text column's values");
            }

            // Checked once here so that reading a row never goes out of range.
            if (codes.Any(code => code < -1 || code >= values.Length))
            {
                throw new InvalidDataException("a text column's code out of range");
            }

            return new TextColumn(codes, values);
        }

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
        where T : unmanaged
    {
        public override int Count => values.Length;

        public override object? Get(int row) => values[row];

        /// <summary>Which rows have a value, then the values (default where null).</summary>
        public override void Write(SnapshotWriter writer)
        {
            writer.WriteArray(values.Select(v => v.HasValue).ToArray());
            writer.WriteArray(values.Select(v => v.GetValueOrDefault()).ToArray());
        }

        public static ValueColumn<T> Read(SnapshotReader reader)
        {
            var has = reader.ReadArray<bool>();
            var raw = reader.ReadArray<T>();
            if (has.Length != raw.Length)
            {
                throw new InvalidDataException("a value column's null flags and values disagree");
            }

            var values = new T?[raw.Length];
            for (var row = 0; row < raw.Length; row++)
            {
                values[row] = has[row] ? raw[row] : null;
            }

            return new ValueColumn<T>(values);
        }

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
