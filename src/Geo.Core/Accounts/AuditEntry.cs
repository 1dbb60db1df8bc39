namespace Geo.Core.Accounts;

/// <summary>
/// One line of the audit trail: who (<see cref="User"/>, null for an anonymous attempt), when, what
/// (<see cref="Action"/> on <see cref="Collection"/>/<see cref="Target"/>) and the details as a JSON object. Entries
/// are only ever appended; <see cref="Sequence"/> orders them.
/// </summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string? User, string Action, string? Collection, string? Target, string? Detail);

/// <summary>An entry as written; the log adds the sequence and the time.</summary>
public sealed record NewAuditEntry(string? User, string Action, string? Collection, string? Target, string? Detail);

/// <summary>Which entries to read: every given condition must hold; <see cref="To"/> is exclusive. Newest first, at most <see cref="Limit"/>.</summary>
public sealed record AuditQuery(string? User, string? Collection, DateTimeOffset? From, DateTimeOffset? To, int Limit)
{
    public bool Matches(AuditEntry entry) =>
        (User is null || entry.User == User)
        && (Collection is null || entry.Collection == Collection)
        && (From is null || entry.At >= From)
        && (To is null || entry.At < To);
}

/// <summary>The actions written to the audit trail; one name per kind of change.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string UserAdded = "user.added";
    public const string PasswordSet = "user.password-set";
    public const string UserDisabled = "user.disabled";
    public const string TokenCreated = "user.token-created";
    public const string IndicatorActualRecorded = "indicator.actual-recorded";
    public const string Import = "import";
    public const string FeatureCreated = "feature.created";
    public const string FeatureReplaced = "feature.replaced";
    public const string FeatureDeleted = "feature.deleted";
    public const string FeaturePatched = "feature.patched";
    public const string FeatureRestored = "feature.restored";

    /// <summary>The collection name under which account changes and logins are filed.</summary>
    public const string Users = "users";
}

/// <summary>The append-only audit trail (PostGIS: a table whose triggers refuse UPDATE, DELETE and TRUNCATE; embedded: an fsynced file).</summary>
public interface IAuditLog
{
    Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}

/// <summary>
/// How a store audits one of its writes: <see cref="Entry"/> builds the entry from what was written. A store with
/// transactions (PostGIS) writes it in the write's own transaction, so there is never an edit without its entry or an
/// entry without its edit; a file store appends it to <see cref="Log"/> right after its own durable write.
/// </summary>
public sealed record AuditOf<T>(IAuditLog Log, Func<T, NewAuditEntry> Entry);
