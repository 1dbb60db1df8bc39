namespace Geo.Core.Stores;

/// <summary>
/// Where a keyset page starts: the sort values and id of the last feature of the page before, in the query's order
/// (<see cref="FeatureQuery.SortBy"/>, then id). <see cref="Position"/> is how many features came up to and including
/// it when that page was read.
/// </summary>
/// <param name="SortValues">One value per sort key, normalised as <see cref="Domain.Feature"/> properties are (null sorts last).</param>
public sealed record FeatureCursor(IReadOnlyList<object?> SortValues, long Id, long Position);
