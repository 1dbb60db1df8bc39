namespace Geo.Core.GisData;

/// <summary>Thrown when a gis-data folder has bad data; nothing is loaded or written when it is.</summary>
public sealed class DataValidationException : Exception
{
    public DataValidationException(IReadOnlyList<DataError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} data errors; first: {errors[0]}")
    {
        Errors = errors;
    }

    public DataValidationException() : this([new DataError("?", "?", "unknown data error")])
    {
    }

    public DataValidationException(string message) : this([new DataError("?", "?", message)])
    {
    }

    public DataValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [new DataError("?", "?", message)];
    }

    public IReadOnlyList<DataError> Errors { get; }
}
