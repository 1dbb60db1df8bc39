using System.Runtime.CompilerServices;
using Geo.Core.Filters;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Turns a type-checked filter into a SQL condition whose values are all command parameters (never SQL text), with
/// the same semantics as <see cref="FilterEvaluator"/>: text order by code point, division by zero gives NULL. The
/// filter must have passed <see cref="FilterTypeChecker.Check"/>: its <see cref="FilterLimits"/> keep the recursion
/// shallow and the parameters under PostgreSQL's 65,535; a deeper tree built in code fails with
/// <see cref="InsufficientExecutionStackException"/> rather than ending the process.
/// </summary>
internal sealed class SqlFilterTranslator(NpgsqlParameterCollection parameters, CollectionDefinition collection)
{
    public string Translate(FilterExpression e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return Node(e);
    }

    private string Node(FilterExpression e) => e switch
    {
        PropertyRef p => Column(p.Name),
        Literal { Value: null } => "NULL",
        Literal { Value: string s } => Parameter(s),
        Literal { Value: double d } => Parameter(d),
        Literal { Value: bool b } => Parameter(b),
        Literal { Value: DateOnly d } => Parameter(d),
        GeometryLiteral g => Parameter(g.Geometry),
        And a => "(" + string.Join(" AND ", a.Args.Select(Translate)) + ")",
        Or o => "(" + string.Join(" OR ", o.Args.Select(Translate)) + ")",
        Not n => $"(NOT {Translate(n.Arg)})",
        CaseInsensitive ci => $"lower({Translate(ci.Value)})",
        Comparison c => $"({Ordered(c.Left)} {Operator(c.Operator)} {Ordered(c.Right)})",
        Like like => $"({Translate(like.Value)} LIKE {Translate(like.Pattern)})",
        Between b => $"({Ordered(b.Value)} BETWEEN {Ordered(b.Low)} AND {Ordered(b.High)})",
        InList list => In(list),
        IsNull n => $"({Translate(n.Value)} IS NULL)",
        SpatialPredicate s => $"{SpatialFunction(s.Operator)}({Translate(s.Left)}, {Translate(s.Right)})",
        Arithmetic a => Arithmetic(a),
        _ => throw FilterTree.Unknown(e),
    };

    private static string Column(string name) =>
        FilterTypeChecker.GeometryNames.Contains(name) ? PostGisColumns.Geometry : PostGisColumns.Quote(name);

    /// <summary>Text is compared by code point, as the embedded store does, whatever the database's collation.</summary>
    private string Ordered(FilterExpression e)
    {
        var sql = Translate(e);
        return IsText(e) ? $"({sql} COLLATE \"C\")" : sql;
    }

    private bool IsText(FilterExpression e) =>
        e is Literal { Value: string } or CaseInsensitive
        || (e is PropertyRef p && FilterTypeChecker.PropertyType(collection, p.Name) == FilterType.Text);

    private string Arithmetic(Arithmetic a)
    {
        var left = $"({Translate(a.Left)})::double precision";
        var right = $"({Translate(a.Right)})::double precision";
        return a.Operator switch
        {
            ArithmeticOperator.Add => $"({left} + {right})",
            ArithmeticOperator.Subtract => $"({left} - {right})",
            ArithmeticOperator.Multiply => $"({left} * {right})",
            ArithmeticOperator.Divide => $"({left} / NULLIF({right}, 0))",
            // The embedded evaluator's definition, step by step in double precision (FilterEvaluator.Remainder).
            ArithmeticOperator.Modulo => $"({left} - {right} * trunc({left} / NULLIF({right}, 0)))",
            ArithmeticOperator.IntegerDivide => $"trunc({left} / NULLIF({right}, 0))",
            ArithmeticOperator.Power => $"power({left}, {right})",
            _ => throw FilterTree.Unknown(a.Operator),
        };
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw FilterTree.Unknown(op),
    };

    private static string SpatialFunction(SpatialOperator op) => op switch
    {
        SpatialOperator.Intersects => "ST_Intersects",
        SpatialOperator.Disjoint => "ST_Disjoint",
        SpatialOperator.Contains => "ST_Contains",
        SpatialOperator.Within => "ST_Within",
        SpatialOperator.Equals => "ST_Equals",
        SpatialOperator.Touches => "ST_Touches",
        SpatialOperator.Overlaps => "ST_Overlaps",
        SpatialOperator.Crosses => "ST_Crosses",
        _ => throw FilterTree.Unknown(op),
    };

    /// <summary>
    /// A list of literals (the usual case, e.g. ids picked on the map) goes as one array parameter, whatever its length
    /// (<see cref="FilterLimits.MaxInListItems"/>); a list holding NULL or expressions is translated item by item.
    /// x = ANY(array) is NULL when nothing matches and the array holds a NULL, as x IN (…) is.
    /// </summary>
    private string In(InList list)
    {
        var value = Translate(list.Value);
        var values = list.Items.Select(i => (i as Literal)?.Value).ToArray();
        var array = ArrayParameter<double>(values) ?? ArrayParameter<string>(values) ?? ArrayParameter<bool>(values) ?? ArrayParameter<DateOnly>(values);
        return array is not null
            ? $"({value} = ANY({array}))"
            : $"({value} IN ({string.Join(", ", list.Items.Select(Translate))}))";
    }

    private string? ArrayParameter<T>(object?[] values) =>
        values.All(v => v is T) ? Parameter(values.Cast<T>().ToArray()) : null;

    private string Parameter<T>(T value)
    {
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + parameters.Count;
    }

    private string Parameter(Geometry geometry) => Parameter<Geometry>(geometry);
}
