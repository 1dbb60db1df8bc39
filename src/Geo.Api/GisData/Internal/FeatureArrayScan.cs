using System.Buffers;

namespace Geo.Api.GisData.Internal;

/// <summary>
/// Finds where each feature of a "features" array begins and ends from its brackets and strings alone, without
/// tokenising it: one thread did that for every feature of a 486 MB file (1.2–1.8 s) before the pool read each one
/// again. It checks nothing inside a feature (the feature's own reader does, on the pool) and only the commas and
/// whitespace between features; anything else it does not expect (not an object, a trailing comma, a bracket nested
/// deeper than any gis-data writes) is <see cref="Step.NotPlain"/>, and the caller reads the file token by token.
/// </summary>
internal static class FeatureArrayScan
{
    // Far below Utf8JsonReader's limit of 64 for the whole file, so a feature the scan passes never trips it there.
    private const int MaxDepth = 32;

    private static readonly SearchValues<byte> Brackets = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> StringEnds = SearchValues.Create("\"\\"u8);

    public enum Step
    {
        /// <summary>A feature: its bytes are the range given.</summary>
        Feature,

        /// <summary>The array's closing bracket, where the position now stands.</summary>
        End,

        /// <summary>Something this scan does not read: the caller reads the file token by token.</summary>
        NotPlain,
    }

    /// <summary>
    /// The next step from <paramref name="at"/>, which stands just after the array's opening bracket (<paramref name="first"/>)
    /// or just after the previous feature. A feature moves <paramref name="at"/> just past its closing brace.
    /// </summary>
    public static Step Next(ReadOnlySpan<byte> utf8, bool first, ref int at, out Range feature)
    {
        feature = default;
        at = SkipWhitespace(utf8, at);
        if (at >= utf8.Length)
        {
            return Step.NotPlain;
        }

        if (utf8[at] == (byte)']')
        {
            return Step.End;
        }

        if (!first)
        {
            if (utf8[at] != (byte)',')
            {
                return Step.NotPlain;
            }

            at = SkipWhitespace(utf8, at + 1);
        }

        if (at >= utf8.Length || utf8[at] != (byte)'{')
        {
            return Step.NotPlain;
        }

        var start = at;
        var depth = 0;
        while (true)
        {
            var next = utf8[at..].IndexOfAny(Brackets);
            if (next < 0)
            {
                return Step.NotPlain;
            }

            at += next;
            switch (utf8[at])
            {
                case (byte)'"':
                    if (!SkipString(utf8, ref at))
                    {
                        return Step.NotPlain;
                    }

                    continue;
                case (byte)'{' or (byte)'[':
                    if (++depth > MaxDepth)
                    {
                        return Step.NotPlain;
                    }

                    break;
                default:
                    if (--depth == 0)
                    {
                        at++;
                        feature = start..at;
                        return Step.Feature;
                    }

                    break;
            }

            at++;
        }
    }

    /// <summary>Moves <paramref name="at"/> from a string's opening quote to just past its closing one; false when it never closes.</summary>
    private static bool SkipString(ReadOnlySpan<byte> utf8, ref int at)
    {
        at++;
        while (true)
        {
            var next = utf8[at..].IndexOfAny(StringEnds);
            if (next < 0)
            {
                return false;
            }

            at += next;
            if (utf8[at] == (byte)'"')
            {
                at++;
                return true;
            }

            // A backslash: whatever it escapes (a quote among them) is part of the string.
            at += 2;
            if (at > utf8.Length)
            {
                return false;
            }
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> utf8, int at)
    {
        while (at < utf8.Length && utf8[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }

        return at;
    }
}
