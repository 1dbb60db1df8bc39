using Superpower.Display;

namespace Geo.Core.Filters;

/// <summary>The tokens of CQL2 text; keywords are identifiers matched case-insensitively by the parser.</summary>
public enum Cql2Token
{
    [Token(Example = "(")] LParen,
    [Token(Example = ")")] RParen,
    [Token(Example = ",")] Comma,
    [Token(Example = "+")] Plus,
    [Token(Example = "-")] Minus,
    [Token(Example = "*")] Star,
    [Token(Example = "/")] Slash,
    [Token(Example = "%")] Percent,
    [Token(Example = "^")] Caret,
    [Token(Example = "=")] Equal,
    [Token(Example = "<>")] NotEqual,
    [Token(Example = "<")] Less,
    [Token(Example = "<=")] LessOrEqual,
    [Token(Example = ">")] Greater,
    [Token(Example = ">=")] GreaterOrEqual,
    [Token(Description = "number")] Number,
    [Token(Description = "'string'")] String,
    [Token(Description = "\"quoted property name\"")] QuotedIdentifier,
    [Token(Description = "identifier")] Identifier,
}
