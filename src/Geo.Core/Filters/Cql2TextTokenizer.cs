using Superpower;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace Geo.Core.Filters;

/// <summary>Splits CQL2 text (OGC 21-065, the BNF's lexical rules) into tokens.</summary>
internal static class Cql2TextTokenizer
{
    private static readonly TextParser<Superpower.Model.TextSpan> Number =
        Span.Regex(@"(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?");

    // 'It''s': a quote inside a string is doubled.
    private static readonly TextParser<Superpower.Model.TextSpan> QuotedString = Span.Regex("'([^']|'')*'");

    private static readonly TextParser<Superpower.Model.TextSpan> QuotedIdentifier = Span.Regex("\"([^\"]|\"\")+\"");

    private static readonly TextParser<Superpower.Model.TextSpan> Identifier =
        Span.MatchedBy(Character.Matching(c => char.IsLetter(c) || c == '_', "letter")
            .IgnoreThen(Character.Matching(c => char.IsLetterOrDigit(c) || c is '_' or '.' or ':', "letter or digit").Many()));

    public static readonly Tokenizer<Cql2Token> Instance = new TokenizerBuilder<Cql2Token>()
        .Ignore(Span.WhiteSpace)
        .Match(Character.EqualTo('('), Cql2Token.LParen)
        .Match(Character.EqualTo(')'), Cql2Token.RParen)
        .Match(Character.EqualTo(','), Cql2Token.Comma)
        .Match(Character.EqualTo('+'), Cql2Token.Plus)
        .Match(Character.EqualTo('-'), Cql2Token.Minus)
        .Match(Character.EqualTo('*'), Cql2Token.Star)
        .Match(Character.EqualTo('/'), Cql2Token.Slash)
        .Match(Character.EqualTo('%'), Cql2Token.Percent)
        .Match(Character.EqualTo('^'), Cql2Token.Caret)
        .Match(Span.EqualTo("<>"), Cql2Token.NotEqual)
        .Match(Span.EqualTo("<="), Cql2Token.LessOrEqual)
        .Match(Span.EqualTo(">="), Cql2Token.GreaterOrEqual)
        .Match(Character.EqualTo('<'), Cql2Token.Less)
        .Match(Character.EqualTo('>'), Cql2Token.Greater)
        .Match(Character.EqualTo('='), Cql2Token.Equal)
        .Match(Number, Cql2Token.Number)
        .Match(QuotedString, Cql2Token.String)
        .Match(QuotedIdentifier, Cql2Token.QuotedIdentifier)
        .Match(Identifier, Cql2Token.Identifier)
        .Build();
}
