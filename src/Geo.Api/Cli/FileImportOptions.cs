using System.CommandLine;
using Geo.Core.Crs;
using Geo.Core.Imports;

namespace Geo.Api.Cli;

/// <summary>The options of a one-file import; their values become one-line errors when malformed.</summary>
internal sealed class FileImportOptions
{
    private readonly Option<string?> _collection = new("--collection") { Description = "import the file into this collection (e.g. parcels) instead of loading a folder" };
    private readonly Option<string[]> _map = new("--map") { Description = "source field=catalog property (repeatable); other fields map by equal name, ignoring case", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _set = new("--set") { Description = "property=value for every row, for properties the file lacks (e.g. --set location_precision=surveyed)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _crs = new("--crs") { Description = "the file's CRS when it states none, or to override it (EPSG:4545 …)" };
    private readonly Option<string?> _encoding = new("--encoding") { Description = "the text encoding (gbk, utf-8 …), overriding .cpg and detection" };
    private readonly Option<string?> _from = new("--from") { Description = "repair lon/lat copied from a web map: gcj02 or bd09" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "read and validate, print the report, write nothing" };
    private readonly Option<string?> _data = new("--data")
    {
        Description = "import into the embedded store kept in this data folder (the service's IndicatorActuals:Path) instead of PostGIS; stop the service meanwhile",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_collection);
        command.Options.Add(_map);
        command.Options.Add(_set);
        command.Options.Add(_crs);
        command.Options.Add(_encoding);
        command.Options.Add(_from);
        command.Options.Add(_dryRun);
        command.Options.Add(_data);
    }

    public CollectionDefinition? Collection(ParseResult parse)
    {
        if (parse.GetValue(_collection) is not { } id)
        {
            return parse.GetValue(_map) is { Length: > 0 } || parse.GetValue(_set) is { Length: > 0 } || parse.GetValue(_dryRun) || parse.GetValue(_data) is not null
                ? throw new CliException("--map, --set, --dry-run and --data import one file: pass --collection too")
                : null;
        }

        return Catalog.Find(id) is { HasGeometry: true } collection ? collection
            : throw new CliException($"--collection {id}: no such collection with geometry; choose one of {string.Join(", ", Catalog.All.Where(c => c.HasGeometry).Select(c => c.Id))}");
    }

    /// <summary>The embedded store's data folder when <c>--data</c> chose it.</summary>
    public string? DataFolder(ParseResult parse) => parse.GetValue(_data);

    public FileImportRequest Read(ParseResult parse)
    {
        WebMapDatum? from;
        try
        {
            from = WebMapOffsets.Parse(parse.GetValue(_from));
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--from: {e.Message}", e);
        }

        return new FileImportRequest(
            parse.GetValue(_crs), parse.GetValue(_encoding), from,
            Pairs("--map", parse.GetValue(_map)), Pairs("--set", parse.GetValue(_set)), parse.GetValue(_dryRun));
    }

    private static Dictionary<string, string> Pairs(string option, string[]? values)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || (option == "--map" && equals == value.Length - 1))
            {
                throw new CliException($"{option} {value}: write it as name=value");
            }

            if (!pairs.TryAdd(value[..equals].Trim(), value[(equals + 1)..].Trim()))
            {
                throw new CliException($"{option} {value}: '{value[..equals]}' is given twice");
            }
        }

        return pairs;
    }
}
