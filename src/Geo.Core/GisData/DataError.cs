namespace Geo.Core.GisData;

/// <summary>One reason a data file was rejected: which file, where in it (row or feature), and why.</summary>
public sealed record DataError(string File, string Location, string Reason)
{
    public override string ToString() => $"{File}: {Location}: {Reason}";
}
