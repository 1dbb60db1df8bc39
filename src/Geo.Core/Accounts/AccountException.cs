namespace Geo.Core.Accounts;

/// <summary>An account change that cannot be made as asked (a taken or unknown name, a bad role); the message says why.</summary>
public sealed class AccountException : Exception
{
    public AccountException()
    {
    }

    public AccountException(string message) : base(message)
    {
    }

    public AccountException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
