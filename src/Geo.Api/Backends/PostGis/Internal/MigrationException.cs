namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>A schema migration failed; the failing script's transaction was rolled back.</summary>
internal sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message) : base(message)
    {
    }

    public MigrationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
