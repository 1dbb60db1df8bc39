namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// The classes a <see cref="TileOverview"/>'s cells are in, by index (0: features with no class). A patched overview
/// copies them and appends the new ones it meets.
/// </summary>
internal sealed class CellClasses
{
    private readonly List<object?> _values;

    private readonly Dictionary<object, int> _index;

    public CellClasses()
        : this([null], [])
    {
    }

    private CellClasses(List<object?> values, Dictionary<object, int> index) => (_values, _index) = (values, index);

    public int Count => _values.Count;

    public object? this[int index] => _values[index];

    public int IndexOf(object? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (!_index.TryGetValue(value, out var index))
        {
            index = _values.Count;
            _index[value] = index;
            _values.Add(value);
        }

        return index;
    }

    /// <summary>Whether <paramref name="class"/> with <paramref name="area"/> beats <paramref name="other"/>: more area wins; a tie goes to the class whose value sorts first, so both stores agree.</summary>
    public bool Wins(int @class, double area, int other, double otherArea) =>
        area > otherArea || (area == otherArea && string.CompareOrdinal(Text(@class), Text(other)) < 0);

    public CellClasses Copy() => new([.. _values], new Dictionary<object, int>(_index));

    private string? Text(int index) => Convert.ToString(_values[index], System.Globalization.CultureInfo.InvariantCulture);
}
