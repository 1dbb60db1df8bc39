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
    public static bool Fits(CollectionDefinition collection, Feature feature)
    {
        // A loop, not LINQ: this runs twice for each of a million parcels on the thread that packs them.
        var properties = collection.Properties;
        if (feature.Properties.Count != properties.Count)
        {
            return false;
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (!feature.Properties.TryGetValue(properties[i].Name, out var v) || !Fits(properties[i], v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="values"/> are one per property of the catalog, in its order, each of its type or null.</summary>
    public static bool Fits(CollectionDefinition collection, ReadOnlySpan<object?> values)
    {
        var properties = collection.Properties;
        if (values.Length != properties.Count)
        {
            return false;
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (!Fits(properties[i], values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Packs rows one at a time, in row order; each must <see cref="Fits"/>.</summary>
    public sealed class Builder(CollectionDefinition collection)
    {
        private readonly ColumnBuilder[] _columns = [.. collection.Properties.Select(ColumnBuilder.For)];

        public void Add(Feature feature)
        {
            foreach (var column in _columns)
            {
                column.Add(feature);
            }
        }

        /// <summary>Adds a row given as its values in the catalog's order.</summary>
        public void Add(ReadOnlySpan<object?> values)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                _columns[i].AddValue(values[i]);
            }
        }

        public PropertyColumns Build() => new([.. collection.Properties.Select(p => p.Name)], [.. _columns.Select(c => c.Build())]);
    }

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

    private static bool Fits(PropertyDefinition property, object? value) => value is null || value.GetType() == ClrType(property.Type);

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
    }

    /// <summary>One column, packed row by row.</summary>
    private abstract class ColumnBuilder(string name)
    {
        public static ColumnBuilder For(PropertyDefinition property) => property.Type switch
        {
            PropertyType.Text => new TextColumn.Builder(property.Name),
            PropertyType.Integer => new ValueColumn<long>.Builder(property.Name),
            PropertyType.Number => new ValueColumn<double>.Builder(property.Name),
            PropertyType.Boolean => new ValueColumn<bool>.Builder(property.Name),
            PropertyType.Date => new ValueColumn<DateOnly>.Builder(property.Name),
            _ => throw new System.Diagnostics.UnreachableException($"PropertyType {property.Type} is not handled here"),
        };

        public void Add(Feature feature) => AddValue(feature.Properties[name]);

        public abstract Column Build();

        public abstract void AddValue(object? value);
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

        public sealed class Builder(string name) : ColumnBuilder(name)
        {
            private readonly Dictionary<string, int> _distinct = new(StringComparer.Ordinal);
            private readonly List<int> _codes = [];

            public override Column Build()
            {
                var values = new string[_distinct.Count];
                foreach (var (text, code) in _distinct)
                {
                    values[code] = text;
                }

                return new TextColumn([.. _codes], values);
            }

            public override void AddValue(object? value) =>
                _codes.Add(value is string text ? (_distinct.TryGetValue(text, out var code) ? code : _distinct[text] = _distinct.Count) : -1);
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

        public sealed class Builder(string name) : ColumnBuilder(name)
        {
            private readonly List<T?> _values = [];

            public override Column Build() => new ValueColumn<T>([.. _values]);

            public override void AddValue(object? value) => _values.Add(value is T typed ? typed : null);
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
