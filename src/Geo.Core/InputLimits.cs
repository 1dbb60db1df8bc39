using NetTopologySuite.Geometries;

namespace Geo.Core;

/// <summary>
/// How much of each kind of input one request may bring: every list, text and geometry a client sends has a limit,
/// named in the problem that refuses it. (Body size, URL, headers and time are limits of the HTTP host.)
/// </summary>
public static class InputLimits
{
    /// <summary>Vertices in one drawn geometry or CQL2 geometry literal; the district outline has about 2,400.</summary>
    public const int MaxVertices = 50_000;

    /// <summary>Layers in one overlay request (there are three kinds; a few repeats with other classes are allowed).</summary>
    public const int MaxOverlayLayers = 10;

    /// <summary>Feature ids in one overlay request; each is cut by every layer.</summary>
    public const int MaxOverlayIds = 500;

    /// <summary>Classes listed for one overlay layer.</summary>
    public const int MaxOverlayClasses = 100;

    /// <summary>Characters in the note of a recorded indicator value.</summary>
    public const int MaxNoteLength = 2_000;

    /// <summary>Refuses a geometry with more than <see cref="MaxVertices"/> vertices before anything costly is done with it.</summary>
    public static Geometry CheckVertices(Geometry geometry, string parameter)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var vertices = geometry.NumPoints;
        return vertices <= MaxVertices
            ? geometry
            : throw InputException.TooLarge(parameter, $"the geometry has {vertices} vertices; simplify it or split it into parts", $"{MaxVertices} vertices");
    }

    /// <summary>Refuses a list longer than <paramref name="max"/>.</summary>
    public static void CheckCount<T>(IReadOnlyCollection<T>? items, int max, string parameter, string what)
    {
        if (items is { Count: var count } && count > max)
        {
            throw InputException.TooLarge(parameter, $"{count} {what} were given; send at most {max} per request", $"{max} {what}");
        }
    }
}
