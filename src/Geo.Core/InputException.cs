namespace Geo.Core;

/// <summary>
/// What is wrong with a request, in words a client can act on: the one input error of the service. The HTTP layer
/// turns it into problem+json with the status of <see cref="Problem"/>, naming <see cref="Parameter"/> and, when a
/// limit was passed, <see cref="Limit"/>.
/// </summary>
public sealed class InputException : Exception
{
    private InputException(InputProblem problem, string parameter, string message, string? limit = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Parameter = parameter;
        Limit = limit;
    }

    public InputProblem Problem { get; }

    /// <summary>The query parameter or body member that is wrong (<c>bbox</c>, <c>geometry</c>, <c>body</c> …).</summary>
    public string Parameter { get; }

    /// <summary>The limit that was passed, e.g. "50000 vertices", when the input is too large.</summary>
    public string? Limit { get; }

    /// <summary>A value that cannot be used; <paramref name="message"/> says what is wrong and how to fix it.</summary>
    public static InputException Invalid(string parameter, string message, Exception? inner = null) =>
        new(InputProblem.Invalid, parameter, message, innerException: inner);

    /// <summary>A value that cannot be used: what is wrong, then how to fix it.</summary>
    public static InputException Invalid(string parameter, string what, string fix) =>
        new(InputProblem.Invalid, parameter, $"{what}; {fix}");

    /// <summary>A zone, township, collection or feature that does not exist.</summary>
    public static InputException NotFound(string parameter, string message) =>
        new(InputProblem.NotFound, parameter, message);

    /// <summary>Input over one of the service's limits (vertices, ids, layers, text length).</summary>
    public static InputException TooLarge(string parameter, string message, string limit) =>
        new(InputProblem.TooLarge, parameter, $"{message} (limit: {limit})", limit);

    /// <summary>Well-formed input the analysis cannot work on, such as a geometry type it has no meaning for.</summary>
    public static InputException Unprocessable(string parameter, string message) =>
        new(InputProblem.Unprocessable, parameter, message);
}

/// <summary>The kinds of input problem; each has its own HTTP status (400, 404, 413, 422).</summary>
public enum InputProblem
{
    Invalid,
    NotFound,
    TooLarge,
    Unprocessable,
}
