namespace Geo.Api.Cli;

/// <summary>A failure the user can fix, reported as one line without a stack trace.</summary>
public sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message) : base(message)
    {
    }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
