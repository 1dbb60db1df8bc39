using Geo.Core.Accounts;
using Geo.Core.Imports;

namespace Geo.Api.Imports;

/// <summary>What an import leaves in the audit trail; its detail is JSON, which Geo.Core does not write (issue 8).</summary>
internal static class ImportAudit
{
    /// <summary>The audit entry of a written import, the same from the CLI and over HTTP.</summary>
    public static NewAuditEntry Entry(string? user, string via, ImportPlan plan, ImportedIds ids)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ids);
        return new NewAuditEntry(user, AuditActions.Import, plan.Collection, plan.File, JsonSerializer.Serialize(new
        {
            via,
            read = plan.Read,
            written = plan.Valid,
            repaired = plan.Repairs.Count,
            first_id = ids.First,
            last_id = ids.Last,
        }));
    }
}
