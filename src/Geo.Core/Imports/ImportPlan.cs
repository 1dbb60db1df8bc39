namespace Geo.Core.Imports;

/// <summary>A file's row made ready for a collection: storage geometry (EPSG:4490) and the catalog's properties.</summary>
public sealed record PreparedFeature(int Row, Geometry Geometry, IReadOnlyDictionary<string, object?> Properties);

/// <summary>A row that will not go in, and why (field null for the geometry or the row as a whole).</summary>
public sealed record ImportRefusal(int Row, string? Field, string Reason)
{
    public override string ToString() => $"row {Row}" + (Field is null ? "" : $": field '{Field}'") + $": {Reason}";
}

/// <summary>An invalid geometry repaired with make-valid before writing, with its area before and after (CGCS2000 / 108E).</summary>
public sealed record ImportRepair(int Row, string Problem, double AreaBeforeM2, double AreaAfterM2);

/// <summary>
/// Everything validated before a single row is written: the rows, the repairs, the refusals, and which source fields
/// fed which properties. A plan with any refusal is not written at all (imports are all or nothing).
/// </summary>
public sealed record ImportPlan(
    string File,
    string Collection,
    int Read,
    IReadOnlyList<PreparedFeature> Features,
    IReadOnlyList<ImportRepair> Repairs,
    IReadOnlyList<ImportRefusal> Refusals,
    IReadOnlyDictionary<string, string> FieldMap,
    IReadOnlyList<string> IgnoredFields)
{
    public bool CanWrite => Refusals.Count == 0;

    /// <summary>Set when the rows were validated and sent as they were read (<see cref="ImportRows"/>): how many, since <see cref="Features"/> is then empty.</summary>
    public int? Streamed { get; init; }

    /// <summary>Rows that go in (or went in).</summary>
    public int Valid => Streamed ?? Features.Count;
}
