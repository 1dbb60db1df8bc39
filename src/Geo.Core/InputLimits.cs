namespace Geo.Core;

/// <summary>
/// How much of each kind of input one request may bring: every list, text and geometry a client sends has a limit,
/// named in the problem that refuses it. (Body size, URL, headers and time are limits of the HTTP host.)
/// </summary>
public static class InputLimits
{
    /// <summary>The default of <see cref="MaxVertices"/>.</summary>
    public const int DefaultMaxVertices = 50_000;

    /// <summary>
    /// Vertices in one geometry a client sends: a drawn geometry in a body, or a geometry literal in a CQL2 filter
    /// (one limit for both). The district outline has about 2,400. The service sets it from <c>Limits:MaxVertices</c> at start.
    /// </summary>
    public static int MaxVertices { get; private set; } = DefaultMaxVertices;

    /// <summary>The vertex limit as a problem names it.</summary>
    public static string VertexLimit => $"{MaxVertices} vertices (Limits:MaxVertices)";

    /// <summary>Layers in one overlay request (there are three kinds; a few repeats with other classes are allowed).</summary>
    public const int MaxOverlayLayers = 10;

    /// <summary>Feature ids in one overlay request; each is cut by every layer.</summary>
    public const int MaxOverlayIds = 500;

    /// <summary>Classes listed for one overlay layer.</summary>
    public const int MaxOverlayClasses = 100;

    /// <summary>Characters in the note of a recorded indicator value.</summary>
    public const int MaxNoteLength = 2_000;

    /// <summary>Sets <see cref="MaxVertices"/> (once, at start, from configuration).</summary>
    public static void SetMaxVertices(int maxVertices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVertices, 4);
        MaxVertices = maxVertices;
    }

    /// <summary>
    /// Refuses a geometry with more than <see cref="MaxVertices"/> vertices (413 naming <paramref name="parameter"/>) before
    /// anything costly is done with it; <paramref name="where"/> says where in the input it is, for a filter literal.
    /// </summary>
    public static Geometry CheckVertices(Geometry geometry, string parameter, string where = "")
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var vertices = geometry.NumPoints;
        return vertices <= MaxVertices
            ? geometry
            : throw InputException.TooLarge(parameter, $"{where}the {geometry.GeometryType} has {vertices} vertices; simplify it or split it into parts", VertexLimit);
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
