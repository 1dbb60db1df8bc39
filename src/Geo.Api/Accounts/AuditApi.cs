using System.Globalization;
using Geo.Api.Analysis;
using Geo.Api.Hosting;
using Geo.Core.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Accounts;

/// <summary><c>GET /api/audit</c>: the audit trail for admins, newest first, as JSON or CSV (f=csv, for Excel).</summary>
public static class AuditApi
{
    public const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", QueryAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithTags("账户 Accounts")
            .WithName("AuditTrail")
            .WithSummary("审计记录（谁、何时、做了什么），最新在前；按账户、图层/集合、时间段筛选；f=csv 导出（仅管理员）")
            .WithDescription($"from/to: YYYY-MM-DD or an ISO 8601 time (to is exclusive); limit 1–{MaxLimit}, default 1000. f=json|csv.")
            .ProducesJson<AuditAnswer>()
            .ProducesText("text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<AuditAnswer>, FileContentHttpResult>> QueryAsync(
        [FromQuery] string? user, [FromQuery] string? collection, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? limit,
        [FromQuery(Name = "f")] string? f, IAuditLog audit, CancellationToken cancellationToken)
    {
        var csv = (f ?? "json").ToUpperInvariant() switch
        {
            "JSON" => false,
            "CSV" => true,
            _ => throw InputException.Invalid("f", $"unknown format '{f}'", "use json or csv"),
        };
        var count = limit is null ? 1000
            : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit ? n
            : throw InputException.Invalid("limit", $"'{limit}' is not a number of entries", $"use 1–{MaxLimit}");
        var query = new AuditQuery(Text(user, "user"), Text(collection, "collection"), Time(from, "from"), Time(to, "to"), count);
        var entries = await audit.QueryAsync(query, cancellationToken);
        if (!csv)
        {
            return TypedResults.Ok(new AuditAnswer([.. entries.Select(e => new AuditRow(
                e.Sequence, e.At, e.User, e.Action, e.Collection, e.Target, e.Detail is null ? null : JsonDocument.Parse(e.Detail).RootElement))]));
        }

        var table = new CsvTable(["sequence", "at", "user", "action", "collection", "target", "detail"]);
        foreach (var e in entries)
        {
            table.Add(e.Sequence, e.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.User, e.Action, e.Collection, e.Target, e.Detail);
        }

        return CsvTable.Result("audit.csv", table);
    }

    private static string? Text(string? value, string parameter) => value switch
    {
        null or "" => null,
        { Length: > 200 } => throw InputException.TooLarge(parameter, $"'{parameter}' is too long", "200 characters"),
        _ => value,
    };

    /// <summary>A day (midnight UTC) or an ISO 8601 time with its offset.</summary>
    private static DateTimeOffset? Time(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw InputException.Invalid(parameter, $"'{value}' is not a date or time", "use YYYY-MM-DD or an ISO 8601 time such as 2026-11-30T08:00:00+08:00");
    }
}

/// <summary>Audit entries, newest first.</summary>
public sealed record AuditAnswer(IReadOnlyList<AuditRow> Entries);

/// <summary>One audit entry: who (null: an anonymous attempt), when, what, and the details.</summary>
public sealed record AuditRow(long Sequence, DateTimeOffset At, string? User, string Action, string? Collection, string? Target, JsonElement? Detail);
