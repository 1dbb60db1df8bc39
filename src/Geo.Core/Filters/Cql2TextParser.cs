using System.Globalization;
using System.Runtime.CompilerServices;
using Geo.Core.Filters.Internal;
using NetTopologySuite.IO;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Geo.Core.Filters;

/// <summary>
/// Parses CQL2 text (basic CQL2, advanced comparison operators, case-insensitive comparison, spatial functions,
/// property-property comparisons and arithmetic) into a <see cref="FilterExpression"/>. Errors name the line and column
/// and what was expected there. <see cref="FilterLimits"/> bound the length, the nesting and the size of the result;
/// the grammar recurses only through <c>Nested</c>, which counts the levels.
/// </summary>
public static class Cql2TextParser
{
    private static readonly string[] Keywords =
    [
        "AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL", "TRUE", "FALSE", "DATE", "TIMESTAMP", "CASEI", "DIV", "BBOX",
        "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
    ];

    private static readonly string[] GeometryKeywords =
        ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];

    /// <param name="text">The filter.</param>
    /// <param name="toStorage">Turns a geometry literal read in the filter CRS into the storage CRS.</param>
    public static FilterExpression Parse(string text, Func<Geometry, Geometry> toStorage)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > FilterLimits.MaxLength)
        {
            throw FilterLimits.TooLong("CQL2 text", text.Length);
        }

        var tokens = Cql2TextTokenizer.Instance.TryTokenize(text);
        if (!tokens.HasValue)
        {
            throw new FilterException($"CQL2 text: {tokens}");
        }

        var parser = new Grammar(toStorage).Filter;
        var result = parser.TryParse(tokens.Value);
        if (!result.HasValue)
        {
            throw new FilterException($"CQL2 text: {result}");
        }

        FilterLimits.Check(result.Value);
        return result.Value;
    }

    private static TokenListParser<Cql2Token, Token<Cql2Token>> Keyword(string word) =>
        Token.EqualToValueIgnoreCase(Cql2Token.Identifier, word);

    private static bool IsKeyword(string identifier) =>
        Keywords.Contains(identifier, StringComparer.OrdinalIgnoreCase) || SpatialFunctionNames.ByName.ContainsKey(identifier);

    /// <summary>The grammar, built per call because geometry literals depend on the filter CRS.</summary>
    private sealed class Grammar
    {
        public readonly TokenListParser<Cql2Token, FilterExpression> Filter;

        /// <summary>How many <see cref="Nested{T}"/> parsers are running, i.e. the nesting at the current token.</summary>
        private int _depth;

        public Grammar(Func<Geometry, Geometry> toStorage)
        {
            var number =
                from n in Token.EqualTo(Cql2Token.Number)
                select (FilterExpression)new Literal(ParseNumber(n));

            var text =
                from s in Token.EqualTo(Cql2Token.String)
                select (FilterExpression)new Literal(Unquote(s.ToStringValue(), '\''));

            var boolean =
                Keyword("TRUE").Value((FilterExpression)new Literal(true))
                    .Or(Keyword("FALSE").Value((FilterExpression)new Literal(false)));

            var date =
                from _ in Keyword("DATE")
                from open in Token.EqualTo(Cql2Token.LParen)
                from s in Token.EqualTo(Cql2Token.String)
                from close in Token.EqualTo(Cql2Token.RParen)
                select (FilterExpression)new Literal(ParseDate(s));

            var timestamp =
                from t in Keyword("TIMESTAMP")
                from rest in Token.EqualTo(Cql2Token.LParen)
                select (FilterExpression)ThrowUnsupported(t, "TIMESTAMP is not supported: the collections hold dates and years only; use DATE('yyyy-mm-dd')");

            var property =
                Token.Matching<Cql2Token>(k => k == Cql2Token.Identifier, "property name")
                    .Where(t => !IsKeyword(t.ToStringValue()), "property name")
                    .Select(t => (FilterExpression)new PropertyRef(t.ToStringValue()))
                    .Or(Token.EqualTo(Cql2Token.QuotedIdentifier).Select(t => (FilterExpression)new PropertyRef(Unquote(t.ToStringValue(), '"'))));

            TokenListParser<Cql2Token, FilterExpression>? scalar = null;
            var scalarRef = Nested(() => scalar!);

            var casei =
                from _ in Keyword("CASEI")
                from open in Token.EqualTo(Cql2Token.LParen)
                from value in scalarRef
                from close in Token.EqualTo(Cql2Token.RParen)
                select (FilterExpression)new CaseInsensitive(value);

            var parenthesised =
                from open in Token.EqualTo(Cql2Token.LParen)
                from value in scalarRef
                from close in Token.EqualTo(Cql2Token.RParen)
                select value;

            var atom = number.Or(text).Or(boolean).Or(date).Or(timestamp).Or(casei).Or(parenthesised.Try()).Or(property);

            TokenListParser<Cql2Token, FilterExpression>? unary = null;
            var unaryRef = Nested(() => unary!);
            unary =
                (from minus in Token.EqualTo(Cql2Token.Minus)
                 from operand in unaryRef
                 select operand is Literal { Value: double d } ? new Literal(-d) : (FilterExpression)new Arithmetic(ArithmeticOperator.Subtract, new Literal(0.0), operand))
                .Or(atom);

            var power = RightChain(Token.EqualTo(Cql2Token.Caret).Value(ArithmeticOperator.Power), unary);
            var multiplicative = LeftChain(
                Token.EqualTo(Cql2Token.Star).Value(ArithmeticOperator.Multiply)
                    .Or(Token.EqualTo(Cql2Token.Slash).Value(ArithmeticOperator.Divide))
                    .Or(Token.EqualTo(Cql2Token.Percent).Value(ArithmeticOperator.Modulo))
                    .Or(Keyword("DIV").Value(ArithmeticOperator.IntegerDivide)),
                power);
            scalar = LeftChain(
                Token.EqualTo(Cql2Token.Plus).Value(ArithmeticOperator.Add).Or(Token.EqualTo(Cql2Token.Minus).Value(ArithmeticOperator.Subtract)),
                multiplicative);

            var comparisonOperator =
                Token.EqualTo(Cql2Token.Equal).Value(ComparisonOperator.Equal)
                    .Or(Token.EqualTo(Cql2Token.NotEqual).Value(ComparisonOperator.NotEqual))
                    .Or(Token.EqualTo(Cql2Token.LessOrEqual).Value(ComparisonOperator.LessOrEqual))
                    .Or(Token.EqualTo(Cql2Token.GreaterOrEqual).Value(ComparisonOperator.GreaterOrEqual))
                    .Or(Token.EqualTo(Cql2Token.Less).Value(ComparisonOperator.Less))
                    .Or(Token.EqualTo(Cql2Token.Greater).Value(ComparisonOperator.Greater));

            var negation = Keyword("NOT").Value(true).OptionalOrDefault(false);

            var predicate =
                from left in scalar
                from tail in
                    (from op in comparisonOperator
                     from right in scalar
                     select (Func<FilterExpression, FilterExpression>)(l => new Comparison(op, l, right)))
                    .Or(from isKeyword in Keyword("IS")
                        from not in negation
                        from _ in Keyword("NULL")
                        select (Func<FilterExpression, FilterExpression>)(l => Negate(not, new IsNull(l))))
                    .Or(from not in negation
                        from rest in
                            (from _ in Keyword("LIKE")
                             from pattern in scalar
                             select (Func<FilterExpression, FilterExpression>)(l => new Like(l, pattern)))
                            .Or(from _ in Keyword("BETWEEN")
                                from low in scalar
                                from and in Keyword("AND")
                                from high in scalar
                                select (Func<FilterExpression, FilterExpression>)(l => new Between(l, low, high)))
                            .Or(from keyword in Keyword("IN")
                                from open in Token.EqualTo(Cql2Token.LParen)
                                from items in scalar.AtLeastOnceDelimitedBy(Token.EqualTo(Cql2Token.Comma))
                                from close in Token.EqualTo(Cql2Token.RParen)
                                select items.Length <= FilterLimits.MaxInListItems
                                    ? (Func<FilterExpression, FilterExpression>)(l => new InList(l, items))
                                    : throw FilterLimits.TooManyItems("CQL2 text", keyword.Position.ToString(), items.Length))
                        select (Func<FilterExpression, FilterExpression>)(l => Negate(not, rest(l))))
                select tail(left);

            var geometry = WktLiteral(toStorage).Or(Bbox(toStorage)).Or(property);
            var spatial =
                from function in Token.Matching<Cql2Token>(k => k == Cql2Token.Identifier, "spatial function")
                    .Where(t => SpatialFunctionNames.ByName.ContainsKey(t.ToStringValue()), "spatial function")
                from open in Token.EqualTo(Cql2Token.LParen)
                from left in geometry
                from comma in Token.EqualTo(Cql2Token.Comma)
                from right in geometry
                from close in Token.EqualTo(Cql2Token.RParen)
                select (FilterExpression)new SpatialPredicate(SpatialFunctionNames.ByName[function.ToStringValue()], left, right);

            TokenListParser<Cql2Token, FilterExpression>? expression = null;
            var expressionRef = Nested(() => expression!);
            var grouped =
                from open in Token.EqualTo(Cql2Token.LParen)
                from inner in expressionRef
                from close in Token.EqualTo(Cql2Token.RParen)
                select inner;

            var booleanLiteralPredicate = boolean.Try().Where(_ => true);
            var primary = spatial.Try().Or(predicate.Try()).Or(grouped).Or(booleanLiteralPredicate);

            TokenListParser<Cql2Token, FilterExpression>? factor = null;
            var factorRef = Nested(() => factor!);
            factor =
                (from not in Keyword("NOT")
                 from inner in factorRef
                 select (FilterExpression)new Not(inner))
                .Or(primary);

            var term = factor.AtLeastOnceDelimitedBy(Keyword("AND")).Select(args => args.Length == 1 ? args[0] : new And(args));
            expression = term.AtLeastOnceDelimitedBy(Keyword("OR")).Select(args => args.Length == 1 ? args[0] : new Or(args));
            Filter = expression.AtEnd();
        }

        /// <summary>
        /// The grammar's only way to recurse: like <c>Parse.Ref</c>, but it refuses to go deeper than
        /// <see cref="FilterLimits.MaxDepth"/> levels, naming the token where the limit is passed.
        /// </summary>
        private TokenListParser<Cql2Token, T> Nested<T>(Func<TokenListParser<Cql2Token, T>> parser) => input =>
        {
            // The stack test is for hosts whose threads are far smaller than the 1.5 MB of .NET's thread-pool threads.
            if (_depth >= FilterLimits.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                var next = input.ConsumeToken();
                throw FilterLimits.TooDeep("CQL2 text", next.HasValue ? next.Value.Position.ToString() : "the end");
            }

            _depth++;
            try
            {
                return parser()(input);
            }
            finally
            {
                _depth--;
            }
        };

        /// <summary><c>a - b - c</c> as ((a - b) - c), read in a loop: Superpower's <c>Chain</c> recurses once per operator.</summary>
        private static TokenListParser<Cql2Token, FilterExpression> LeftChain(
            TokenListParser<Cql2Token, ArithmeticOperator> op, TokenListParser<Cql2Token, FilterExpression> operand) =>
            from first in operand
            from rest in op.Then(o => operand.Select(right => (Op: o, Right: right))).Many()
            select rest.Aggregate(first, (left, next) => Combine(next.Op, left, next.Right));

        /// <summary><c>a ^ b ^ c</c> as a ^ (b ^ c), read in a loop like <see cref="LeftChain"/>.</summary>
        private static TokenListParser<Cql2Token, FilterExpression> RightChain(
            TokenListParser<Cql2Token, ArithmeticOperator> op, TokenListParser<Cql2Token, FilterExpression> operand) =>
            from first in operand
            from rest in op.Then(o => operand.Select(right => (Op: o, Right: right))).Many()
            select FoldRight(first, rest);

        private static FilterExpression FoldRight(FilterExpression first, (ArithmeticOperator Op, FilterExpression Right)[] rest)
        {
            var result = rest.Length == 0 ? first : rest[^1].Right;
            for (var i = rest.Length - 1; i >= 0; i--)
            {
                result = Combine(rest[i].Op, i == 0 ? first : rest[i - 1].Right, result);
            }

            return result;
        }

        private TokenListParser<Cql2Token, FilterExpression> WktLiteral(Func<Geometry, Geometry> toStorage)
        {
            TokenListParser<Cql2Token, (Token<Cql2Token> First, Token<Cql2Token> Last)>? nested = null;
            var nestedRef = Nested(() => nested!);
            var coordinateToken = Token.Matching<Cql2Token>(k => k is Cql2Token.Number or Cql2Token.Comma or Cql2Token.Minus or Cql2Token.Plus, "coordinate")
                .Select(t => (First: t, Last: t));
            nested =
                from open in Token.EqualTo(Cql2Token.LParen)
                from inner in nestedRef.Or(coordinateToken).Many()
                from close in Token.EqualTo(Cql2Token.RParen)
                select (First: open, Last: close);

            var empty = Keyword("EMPTY").Select(t => (First: t, Last: t));
            return
                from keyword in Token.Matching<Cql2Token>(k => k == Cql2Token.Identifier, "geometry")
                    .Where(t => GeometryKeywords.Contains(t.ToStringValue(), StringComparer.OrdinalIgnoreCase), "geometry")
                from dimension in Token.Matching<Cql2Token>(k => k == Cql2Token.Identifier, "Z")
                    .Where(t => t.ToStringValue().ToUpperInvariant() is "Z" or "M" or "ZM").OptionalOrDefault()
                from body in nested.Or(empty)
                select (FilterExpression)ReadWkt(keyword, body.Last, toStorage);
        }

        private static TokenListParser<Cql2Token, FilterExpression> Bbox(Func<Geometry, Geometry> toStorage) =>
            from keyword in Keyword("BBOX")
            from open in Token.EqualTo(Cql2Token.LParen)
            from values in Token.EqualTo(Cql2Token.Minus).Value(-1.0).OptionalOrDefault(1.0)
                .Then(sign => Token.EqualTo(Cql2Token.Number).Select(n => sign * ParseNumber(n)))
                .AtLeastOnceDelimitedBy(Token.EqualTo(Cql2Token.Comma))
            from close in Token.EqualTo(Cql2Token.RParen)
            select (FilterExpression)GeometryLiteralReader.Read(
                "CQL2 text", keyword.Position.ToString(), () => BboxGeometry.FromValues(values, keyword.Position.ToString()), toStorage);

        private static GeometryLiteral ReadWkt(Token<Cql2Token> first, Token<Cql2Token> last, Func<Geometry, Geometry> toStorage)
        {
            var source = first.Span.Source!;
            var start = first.Position.Absolute;
            var wkt = source[start..(last.Position.Absolute + last.Span.Length)];
            return GeometryLiteralReader.Read("CQL2 text", first.Position.ToString(), () => new WKTReader().Read(wkt), toStorage);
        }

        private static double ParseNumber(Token<Cql2Token> token)
        {
            var value = double.Parse(token.ToStringValue(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsFinite(value) ? value : throw new FilterException($"CQL2 text: at {token.Position}: {token.ToStringValue()} is beyond the range of a number");
        }

        private static FilterExpression Combine(ArithmeticOperator op, FilterExpression left, FilterExpression right) => new Arithmetic(op, left, right);

        private static FilterExpression Negate(bool not, FilterExpression expression) => not ? new Not(expression) : expression;

        private static DateOnly ParseDate(Token<Cql2Token> token)
        {
            var value = Unquote(token.ToStringValue(), '\'');
            return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new FilterException($"CQL2 text: at {token.Position}: DATE('{value}') is not a date as yyyy-mm-dd");
        }

        private static FilterExpression ThrowUnsupported(Token<Cql2Token> token, string message) =>
            throw new FilterException($"CQL2 text: at {token.Position}: {message}");

        private static string Unquote(string quoted, char quote) =>
            quoted[1..^1].Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal);
    }
}
