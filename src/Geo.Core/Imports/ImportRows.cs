using Geo.Core.Formats;
using Geo.Core.Imports.Internal;
using NetTopologySuite.Geometries.Prepared;

namespace Geo.Core.Imports;

/// <summary>
/// The rows of one file made ready for a collection one at a time (<see cref="ImportPreparation"/>'s rules), keeping
/// only the count, the repairs and the refusals, so that a file of any length can be validated and written in one
/// pass without being held whole.
/// </summary>
public sealed class ImportRows
{
    private readonly CollectionDefinition _collection;
    private readonly IReadOnlyDictionary<string, string> _constants;
    private readonly DistrictTest? _district;
    private readonly Dictionary<string, string> _fieldMap;
    private readonly List<ImportRepair> _repairs = [];
    private readonly List<ImportRefusal> _refusals = [];
    private readonly string _file;
    private readonly List<string> _ignored;

    /// <param name="sourceFields">The file's attribute names, for the field map.</param>
    public ImportRows(
        string file, CollectionDefinition collection, IReadOnlyList<string> sourceFields,
        IReadOnlyDictionary<string, string> map, IReadOnlyDictionary<string, string> constants, IPreparedGeometry? district)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(sourceFields);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(constants);
        if (!collection.HasGeometry)
        {
            throw new FileInputException(file, $"collection '{collection.Id}' has no geometry; imports from map files go into collections with geometry");
        }

        (_file, _collection, _constants, _district) = (file, collection, constants, district is null ? null : new DistrictTest(district));
        _fieldMap = ImportPreparation.FieldMap(file, collection, sourceFields, map, constants);
        _ignored = [.. sourceFields.Where(s => !_fieldMap.Values.Contains(s, StringComparer.Ordinal))];
    }

    /// <summary>Rows read so far.</summary>
    public int Read { get; private set; }

    /// <summary>Rows that would go in so far.</summary>
    public int Valid { get; private set; }

    public bool AnyRefused => _refusals.Count > 0;

    /// <summary>The row ready to write, or null when it is refused (the reasons are kept for the plan).</summary>
    public PreparedFeature? Prepare(ImportedFeature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        Read++;
        var prepared = ImportPreparation.Prepare(feature, _collection, _fieldMap, _constants, _district, _repairs, _refusals);
        Valid += prepared is null ? 0 : 1;
        return prepared;
    }

    /// <summary>The plan of the rows seen: <paramref name="features"/> when they were kept, else only their count (<see cref="ImportPlan.Valid"/>).</summary>
    public ImportPlan Plan(IReadOnlyList<PreparedFeature>? features = null) =>
        new(_file, _collection.Id, Read, features ?? [], _repairs, _refusals, _fieldMap, _ignored) { Streamed = features is null ? Valid : null };
}
