namespace Geo.Api.OgcApi;

/// <summary>A request parameter that cannot be used; becomes a 400 problem naming the parameter and how to fix it.</summary>
public sealed class ParameterException : Exception
{
    public ParameterException(string parameter, string what, string fix) : base($"{what}; {fix}")
    {
        Parameter = parameter;
    }

    public ParameterException()
    {
        Parameter = "";
    }

    public ParameterException(string message) : base(message)
    {
        Parameter = "";
    }

    public ParameterException(string message, Exception innerException) : base(message, innerException)
    {
        Parameter = "";
    }

    public string Parameter { get; }
}
