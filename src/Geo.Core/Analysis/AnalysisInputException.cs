namespace Geo.Core.Analysis;

/// <summary>What is wrong with a request: the HTTP layer turns it into 400 or 404 problem+json.</summary>
public sealed class AnalysisInputException : Exception
{
    private AnalysisInputException(InputProblem problem, string parameter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Parameter = parameter;
    }

    public InputProblem Problem { get; }

    public string Parameter { get; }

    public static AnalysisInputException Invalid(string parameter, string message, Exception? inner = null) =>
        new(InputProblem.Invalid, parameter, message, inner);

    public static AnalysisInputException NotFound(string parameter, string message) =>
        new(InputProblem.NotFound, parameter, message);
}

public enum InputProblem
{
    Invalid,
    NotFound,
}
