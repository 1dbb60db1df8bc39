namespace Geo.Core.Analysis;

/// <summary>What is wrong with a request: the HTTP layer turns it into 400 or 404 problem+json.</summary>
public sealed class AnalysisInputException : Exception
{
    public AnalysisInputException()
    {
    }

    public AnalysisInputException(string message)
        : base(message)
    {
    }

    public AnalysisInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnalysisInputException(InputProblem problem, string parameter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Parameter = parameter;
    }

    public InputProblem Problem { get; }

    public string Parameter { get; } = string.Empty;

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
