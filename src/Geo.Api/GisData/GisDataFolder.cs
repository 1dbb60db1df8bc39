using System.Security.Cryptography;
using Geo.Core.GisData;

namespace Geo.Api.GisData;

/// <summary>
/// Loads a gis-data folder: every collection of the <see cref="Catalog"/>, all or nothing. Any bad file, row or feature
/// makes <see cref="Load"/> throw a <see cref="DataValidationException"/> listing every problem found.
/// <c>percent</c> hears the fraction done (0 to 1), by bytes of the files read, for progress on large folders.
/// </summary>
public static class GisDataFolder
{
    public static GisDataSet Load(string folder, IProgress<string>? progress = null, IProgress<double>? percent = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataValidationException([new DataError(folder, "folder", "does not exist; pass the path of a gis-data folder")]);
        }

        var errors = new List<DataError>();
        var collections = new Dictionary<string, IReadOnlyList<Feature>>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sizes = Catalog.All.Select(c => new FileInfo(Path.Combine(folder, c.FileName)) is { Exists: true } f ? f.Length : 0).ToList();
        var total = Math.Max(1, sizes.Sum());
        var done = 0L;
        foreach (var (collection, size) in Catalog.All.Zip(sizes))
        {
            progress?.Report($"reading {collection.FileName}");
            var before = done;
            var within = percent is null ? null : new FractionOf(f => percent.Report((before + f * size) / total));
            collections[collection.Id] = ReadCollection(folder, collection, errors, hash, within);
            done += size;
            percent?.Report((double)done / total);
        }

        if (errors.Count > 0)
        {
            throw new DataValidationException(errors);
        }

        return new GisDataSet(Path.GetFullPath(folder), collections, GisDataHash.Finish(hash));
    }

    /// <summary>The default folder: <c>gis-data</c> in the nearest directory at or above <paramref name="start"/> that has one.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "gis-data");
            if (File.Exists(Path.Combine(candidate, Catalog.Projects.FileName)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static IReadOnlyList<Feature> ReadCollection(string folder, CollectionDefinition collection, List<DataError> errors, IncrementalHash hash, IProgress<double>? within)
    {
        var path = Path.Combine(folder, collection.FileName);
        if (!File.Exists(path))
        {
            errors.Add(new DataError(collection.FileName, "file", "is missing"));
            return [];
        }

        var (bytes, encodingError) = Utf8Text.ReadBytes(path);
        GisDataHash.Append(hash, collection.FileName, bytes is { } read ? read.Span : []);
        if (bytes is not { } content)
        {
            errors.Add(new DataError(collection.FileName, "file", encodingError!));
            return [];
        }

        // GeoJSON comes packed as read when its ids ascend, as gis-data writes them (no id can repeat then), or
        // otherwise as a list in file order like a CSV file's rows.
        return collection.IsCsv
            ? CheckIds(collection, CsvCollectionReader.Read(collection, System.Text.Encoding.UTF8.GetString(content.Span), errors), errors)
            : GeoJsonCollectionReader.Read(collection, content, errors, within) switch
            {
                List<Feature> list => CheckIds(collection, list, errors),
                var packed => packed,
            };
    }

    private static List<Feature> CheckIds(CollectionDefinition collection, List<Feature> features, List<DataError> errors)
    {
        // Sorted, a duplicate id is a run of equal neighbours: no grouping of a million features.
        features.Sort((a, b) => a.Id.CompareTo(b.Id));
        for (var run = 0; run < features.Count;)
        {
            var end = run + 1;
            while (end < features.Count && features[end].Id == features[run].Id)
            {
                end++;
            }

            if (end - run > 1)
            {
                errors.Add(new DataError(collection.FileName, $"id {features[run].Id}", $"id is used {end - run} times; ids must be unique"));
            }

            run = end;
        }

        return features;
    }

    /// <summary>Passes a file's own fraction on, scaled to the folder's, on the reporting thread.</summary>
    private sealed class FractionOf(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
