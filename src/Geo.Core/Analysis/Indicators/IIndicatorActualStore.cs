using Geo.Core.Accounts;

namespace Geo.Core.Analysis.Indicators;

/// <summary>
/// Where actual values are kept: append-only, so earlier values stay. An append returns only once the record is
/// durable (committed, or fsynced), so an acknowledged write is never lost.
/// </summary>
public interface IIndicatorActualStore
{
    /// <summary>Appends <paramref name="actual"/> and, when given, its audit entry (see <see cref="AuditOf{T}"/>).</summary>
    Task<IndicatorActual> AppendAsync(NewIndicatorActual actual, AuditOf<IndicatorActual>? audit, CancellationToken cancellationToken);

    /// <summary>Every record, in the order written.</summary>
    Task<IReadOnlyList<IndicatorActual>> ListAsync(CancellationToken cancellationToken);
}
