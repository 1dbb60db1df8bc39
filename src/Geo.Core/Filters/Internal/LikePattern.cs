using System.Text;

namespace Geo.Core.Filters.Internal;

/// <summary>
/// PostgreSQL's LIKE without a regex: <c>%</c> matches any run of characters, <c>_</c> exactly one (a Unicode code
/// point, as PostgreSQL's UTF-8 matcher does), a backslash makes the next character literal. The greedy matcher
/// remembers only the last <c>%</c> and never backtracks further, so a value of n characters costs at most
/// O(n² + pattern length) steps, whatever the pattern (a regex of a dozen <c>.*</c> takes exponential time).
/// </summary>
internal static class LikePattern
{
    private const char Escape = '\\';

    public static bool IsMatch(string value, string pattern)
    {
        int t = 0, p = 0, starP = -1, starT = -1;
        while (t < value.Length)
        {
            if (p < pattern.Length)
            {
                var (kind, rune, next) = Read(pattern, p);
                if (kind == Kind.AnyRun)
                {
                    (starP, starT, p) = (next, t, next);
                    continue;
                }

                var (here, length) = RuneAt(value, t);
                if (kind == Kind.One || here == rune)
                {
                    (t, p) = (t + length, next);
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            // Let the last % swallow one more character and retry what follows it.
            starT += RuneAt(value, starT).Length;
            (t, p) = (starT, starP);
        }

        while (p < pattern.Length && pattern[p] == '%')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Whether a pattern ends with a lone escape, which PostgreSQL refuses ("LIKE pattern must not end with escape character").</summary>
    public static bool EndsWithEscape(string pattern)
    {
        var trailing = pattern.Length - pattern.TrimEnd(Escape).Length;
        return trailing % 2 == 1;
    }

    private static (Kind Kind, Rune Rune, int Next) Read(string pattern, int p)
    {
        switch (pattern[p])
        {
            case '%':
                return (Kind.AnyRun, default, p + 1);
            case '_':
                return (Kind.One, default, p + 1);
            case Escape:
                if (p + 1 == pattern.Length)
                {
                    throw new FilterException("LIKE pattern must not end with the escape character \\; write \\\\ for a backslash");
                }

                var (escaped, escapedLength) = RuneAt(pattern, p + 1);
                return (Kind.Literal, escaped, p + 1 + escapedLength);
            default:
                var (rune, length) = RuneAt(pattern, p);
                return (Kind.Literal, rune, p + length);
        }
    }

    /// <summary>The code point at <paramref name="index"/>; a lone surrogate reads as U+FFFD, one char long.</summary>
    private static (Rune Rune, int Length) RuneAt(string s, int index)
    {
        Rune.DecodeFromUtf16(s.AsSpan(index), out var rune, out var length);
        return (rune, length);
    }

    private enum Kind
    {
        Literal,
        One,
        AnyRun,
    }
}
