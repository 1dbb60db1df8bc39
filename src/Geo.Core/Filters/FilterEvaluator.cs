using System.Runtime.CompilerServices;
using Geo.Core.Filters.Internal;

namespace Geo.Core.Filters;

/// <summary>
/// Evaluates a type-checked filter on an in-memory feature with SQL's semantics, so that the embedded store answers
/// exactly as PostGIS does: NULL propagates (three-valued logic), text compares by code point (PostGIS uses
/// COLLATE "C"), division by zero is NULL, and only TRUE selects a feature. The filter must have passed
/// <see cref="FilterTypeChecker.Check"/>, which bounds its depth (<see cref="FilterLimits.MaxDepth"/>); a deeper tree
/// built in code fails with <see cref="InsufficientExecutionStackException"/> rather than ending the process.
/// </summary>
public static class FilterEvaluator
{
    public static bool Matches(FilterExpression filter, Feature feature) => Evaluate(filter, feature) is true;

    private static object? Evaluate(FilterExpression e, Feature f)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return e switch
        {
            PropertyRef p => Property(p.Name, f),
            Literal l => l.Value,
            GeometryLiteral g => g.Geometry,
            And a => a.Args.Aggregate((bool?)true, (acc, x) => acc == false ? false : And3(acc, (bool?)Evaluate(x, f))),
            Or o => o.Args.Aggregate((bool?)false, (acc, x) => acc == true ? true : Or3(acc, (bool?)Evaluate(x, f))),
            Not n => Evaluate(n.Arg, f) is bool b ? !b : null,
            CaseInsensitive ci => Evaluate(ci.Value, f) is string s ? s.ToLowerInvariant() : null,
            Comparison c => Compare(c.Operator, Evaluate(c.Left, f), Evaluate(c.Right, f)),
            Like like => Like(Evaluate(like.Value, f), Evaluate(like.Pattern, f)),
            Between b => And3(
                Compare(ComparisonOperator.GreaterOrEqual, Evaluate(b.Value, f), Evaluate(b.Low, f)),
                Compare(ComparisonOperator.LessOrEqual, Evaluate(b.Value, f), Evaluate(b.High, f))),
            InList list => In(Evaluate(list.Value, f), list.Items.Select(i => Evaluate(i, f)).ToList()),
            IsNull n => Evaluate(n.Value, f) is null,
            SpatialPredicate s => Spatial(s.Operator, Evaluate(s.Left, f) as Geometry, Evaluate(s.Right, f) as Geometry),
            Arithmetic a => Calculate(a.Operator, Evaluate(a.Left, f), Evaluate(a.Right, f)),
            _ => throw FilterTree.Unknown(e),
        };
    }

    private static object? Property(string name, Feature f) => name switch
    {
        "id" => (double)f.Id,
        _ when FilterTypeChecker.GeometryNames.Contains(name) => f.Geometry,
        _ => f[name] is long l ? (double)l : f[name],
    };

    private static bool? And3(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;

    private static bool? Or3(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    private static bool? Compare(ComparisonOperator op, object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var order = (left, right) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (double a, double b) => a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            (DateOnly a, DateOnly b) => a.CompareTo(b),
            _ => throw new FilterException($"cannot compare {left.GetType().Name} with {right.GetType().Name}"),
        };
        return op switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            ComparisonOperator.GreaterOrEqual => order >= 0,
            _ => throw FilterTree.Unknown(op),
        };
    }

    private static bool? In(object? value, List<object?> items)
    {
        var result = (bool?)false;
        foreach (var item in items)
        {
            result = Or3(result, Compare(ComparisonOperator.Equal, value, item));
        }

        return result;
    }

    private static bool? Like(object? value, object? pattern) =>
        value is string s && pattern is string p ? LikePattern.IsMatch(s, p) : null;

    private static bool? Spatial(SpatialOperator op, Geometry? a, Geometry? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        return op switch
        {
            SpatialOperator.Intersects => a.Intersects(b),
            SpatialOperator.Disjoint => a.Disjoint(b),
            SpatialOperator.Contains => a.Contains(b),
            SpatialOperator.Within => a.Within(b),
            SpatialOperator.Equals => a.EqualsTopologically(b),
            SpatialOperator.Touches => a.Touches(b),
            SpatialOperator.Overlaps => a.Overlaps(b),
            SpatialOperator.Crosses => a.Crosses(b),
            _ => throw FilterTree.Unknown(op),
        };
    }

    /// <summary>
    /// CQL2 <c>%</c>: the remainder of the division truncated toward zero, a − b·trunc(a / b), each step rounded to a
    /// double. Both stores compute exactly this (PostgreSQL's float8 operators are the same IEEE operations), so they
    /// agree on every value. Neither .NET's exact <c>%</c> nor PostgreSQL's <c>mod(numeric, numeric)</c> would do:
    /// float8 → numeric keeps 15 significant digits, so the two differed on non-integers (5.5 % 0.1: 0.0999… against 0).
    /// </summary>
    private static double Remainder(double a, double b) => a - (b * Math.Truncate(a / b));

    private static double? Calculate(ArithmeticOperator op, object? left, object? right)
    {
        if (left is not double a || right is not double b)
        {
            return null;
        }

        double? result = op switch
        {
            ArithmeticOperator.Add => a + b,
            ArithmeticOperator.Subtract => a - b,
            ArithmeticOperator.Multiply => a * b,
            ArithmeticOperator.Divide => b == 0 ? null : a / b,
            ArithmeticOperator.Modulo => b == 0 ? null : Remainder(a, b),
            ArithmeticOperator.IntegerDivide => b == 0 ? null : Math.Truncate(a / b),
            ArithmeticOperator.Power => Math.Pow(a, b),
            _ => throw FilterTree.Unknown(op),
        };
        return result is { } r && !double.IsFinite(r)
            ? throw new FilterException($"arithmetic has no real result ({a} {op} {b})")
            : result;
    }
}
