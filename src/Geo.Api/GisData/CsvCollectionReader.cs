using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Geo.Core.GisData;

namespace Geo.Api.GisData;

/// <summary>Reads one CSV table of gis-data (header row, RFC 4180 quoting), checking every row against its definition.</summary>
internal static class CsvCollectionReader
{
    public static List<Feature> Read(CollectionDefinition collection, string text, List<DataError> errors)
    {
        var file = collection.FileName;
        var rows = new List<Feature>();
        var idColumn = collection.CsvIdColumn ?? "id";
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);

        if (!parser.Read())
        {
            errors.Add(new DataError(file, "row 1", "file is empty; it needs a header row"));
            return rows;
        }

        var header = parser.Record ?? [];
        var expected = new[] { idColumn }.Concat(collection.Properties.Select(p => p.Name)).ToList();
        var missing = expected.Except(header).ToList();
        var unknown = header.Except(expected).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            errors.Add(new DataError(file, "row 1 (header)",
                $"columns must be {string.Join(",", expected)}" +
                (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : "") +
                (unknown.Count > 0 ? $"; unknown {string.Join(", ", unknown)}" : "")));
            return rows;
        }

        var positions = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            var location = $"row {parser.Row}";
            if (record.Length != header.Length)
            {
                errors.Add(new DataError(file, location, $"has {record.Length} columns, the header has {header.Length}"));
                continue;
            }

            if (!long.TryParse(record[positions[idColumn]], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                errors.Add(new DataError(file, location, $"column '{idColumn}' must be a whole number, found '{record[positions[idColumn]]}'"));
                continue;
            }

            var before = errors.Count;
            var properties = new Dictionary<string, object?>(collection.Properties.Count);
            foreach (var property in collection.Properties)
            {
                var (value, error) = PropertyValues.FromText(property, record[positions[property.Name]]);
                if (error is not null)
                {
                    errors.Add(new DataError(file, $"{location} (id {id})", error));
                }

                properties[property.Name] = value;
            }

            if (errors.Count == before)
            {
                rows.Add(new Feature(id, null, properties));
            }
        }

        return rows;
    }
}
