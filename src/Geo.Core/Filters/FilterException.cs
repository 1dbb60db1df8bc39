namespace Geo.Core.Filters;

/// <summary>A filter that cannot be parsed or does not fit the collection; the message says where and what was expected.</summary>
public sealed class FilterException : Exception
{
    public FilterException()
    {
    }

    public FilterException(string message) : base(message)
    {
    }

    public FilterException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
