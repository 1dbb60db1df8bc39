namespace Geo.Core.Stores;

/// <summary>
/// The store cannot answer yet: the embedded store is still loading its data (<see cref="RetryAfterSeconds"/> says when
/// to ask again), or its data could not be loaded at all (no retry helps: null). The service answers 503.
/// </summary>
public sealed class StoreNotReadyException : Exception
{
    public StoreNotReadyException(string message, int? retryAfterSeconds, Exception? inner = null)
        : base(message, inner) => RetryAfterSeconds = retryAfterSeconds;

    public StoreNotReadyException()
    {
    }

    public StoreNotReadyException(string message)
        : base(message)
    {
    }

    public StoreNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int? RetryAfterSeconds { get; }
}
