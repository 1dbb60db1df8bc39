namespace Geo.Core.Stores;

/// <summary>What a collection's metadata says about its contents, as of one data version.</summary>
/// <param name="Extent">The bounding box of all geometries, or null for an empty or non-spatial collection.</param>
/// <param name="FirstTime">
/// The earliest value of the collection's start-time property (a year as <see cref="long"/> or a <see cref="DateOnly"/>),
/// null when it has no time or no feature has one.
/// </param>
/// <param name="LastTime">The latest value of its end-time property, likewise.</param>
public sealed record CollectionSummary(Envelope? Extent, object? FirstTime, object? LastTime);
