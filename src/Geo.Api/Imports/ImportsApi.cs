using System.Security.Claims;
using Geo.Api.Accounts;
using Geo.Api.Analysis;
using Geo.Api.Formats;
using Geo.Api.Hosting;
using Geo.Core.Imports;

namespace Geo.Api.Imports;

/// <summary>
/// <c>POST /api/imports</c>: one file into one collection over HTTP, the CLI's <c>import FILE --collection</c> as a
/// multipart form (<see cref="FileImport"/> is the one pipeline). The file is read and every row validated while the
/// request waits, so bad input is a 4xx naming file, row, field and reason and nothing is written; a valid file is
/// queued (202, Location: its status resource) and written all or nothing, with its audit entry.
/// </summary>
internal static class ImportsApi
{
    /// <summary>Refusals listed in a 422; the detail counts the rest.</summary>
    private const int ListedErrors = 100;

    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("数据导入 Imports").RequireAuthorization(AuthPolicies.Admin);
        group.MapPost("", SubmitAsync)
            .WithName("CreateImport")
            .WithSummary("导入文件到图层（仅管理员）：先校验全部行，再在一个事务中全部写入或全部不写，记入审计")
            .WithDescription("multipart/form-data: 'file' (报盘 TXT, zipped Shapefile, GeoPackage, GeoJSON or CSV), 'collection', optional 'crs', 'encoding', 'from', "
                + "'mapping' (JSON object source field → property; other fields map by equal name ignoring case), 'set' (JSON object property → value for every row), "
                + "'dryRun' (true: validate and report only, 200). A valid file answers 202 with Location: /api/imports/{id}; refused rows answer 422 with "
                + "'errors' (file, row, field, reason) and nothing is written. Rows with no part inside 开州区 are refused. The upload limit is Uploads:MaxBytes (413).")
            // The transformer (DescribesUploadForm) replaces this placeholder schema with the form's fields.
            .Accepts<string>("multipart/form-data")
            .DescribesUploadForm(["collection"],
                ("collection", "the collection to append to (one with geometry, e.g. parcels)"),
                ("mapping", "JSON object: source field → catalog property, e.g. {\"DLBM\":\"land_use_code\"}"),
                ("set", "JSON object: property → value for every row, e.g. {\"location_precision\":\"surveyed\"}"),
                ("dryRun", "true: read and validate, answer the report, write nothing"))
            .Produces<ImportStatusDocument>(StatusCodes.Status202Accepted)
            .ProducesJson<ImportStatusDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesBodyProblems();
        group.MapGet("/{id}", Status)
            .WithName("ImportStatus")
            .WithSummary("导入状态：排队/进行中/成功/失败、完成百分比、计数、修复与错误（仅管理员）")
            .WithDescription("state queued|running|succeeded|failed; percentDone; counts; repairs; errors naming file, row, field and reason; the ids given on success. "
                + $"The newest {ImportJobs.Kept} imports are kept until the service restarts; the audit trail keeps every import.")
            .ProducesJson<ImportStatusDocument>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Accepted<ImportStatusDocument>, Ok<ImportStatusDocument>, ProblemHttpResult>> SubmitAsync(
        HttpRequest http, ClaimsPrincipal user, UploadLimits limits, IFeatureStore store, ImportJobs jobs, CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType)
        {
            throw InputException.Invalid("file", "send a multipart/form-data body with the file in field 'file' and the target in field 'collection'");
        }

        var form = await UploadedFile.ReadFormAsync(http, limits, cancellationToken);
        var collection = Collection(form.Field("collection"));
        var request = new FileImportRequest(
            form.Crs, form.Encoding, form.From, Pairs(form, "mapping"), Pairs(form, "set"), Flag(form, "dryRun"));
        var check = await form.WithFileAsync(
            path => FileImport.CheckAsync(path, form.FileName, collection, request, store, FileReading.AllFormats with { MaxUnpackedBytes = limits.MaxUnpackedBytes }, null, cancellationToken), cancellationToken);
        if (!check.Plan.CanWrite)
        {
            return Refused(check.Plan);
        }

        var job = new ImportJob(check, AuthPolicies.Actor(user), request.DryRun);
        if (request.DryRun)
        {
            return TypedResults.Ok(job.Status());
        }

        if (!jobs.TryEnqueue(job))
        {
            http.HttpContext.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem(
                $"{ImportJobs.QueueLength} imports are already waiting to be written; send the file again in a minute",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "The import queue is full");
        }

        return TypedResults.Accepted(OgcApi.OgcLinks.Absolute(http, $"/api/imports/{job.Id}"), job.Status());
    }

    private static Results<Ok<ImportStatusDocument>, ProblemHttpResult> Status(string id, ImportJobs jobs) =>
        jobs.Find(id) is { } status ? TypedResults.Ok(status)
            : TypedResults.Problem($"no import '{id}' is known here: the newest {ImportJobs.Kept} are kept until the service restarts; the audit trail (GET /api/audit) keeps every import",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static ProblemHttpResult Refused(ImportPlan plan)
    {
        var rows = plan.Refusals.Select(r => r.Row).Distinct().Count();
        return TypedResults.Problem(
            $"{plan.File}: {rows} of {plan.Read} rows refused, first {plan.Refusals[0]}; nothing was written. Fix the rows, or map (mapping) or set (set) the fields named",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file has rows that cannot be imported",
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = "file",
                ["refusedRows"] = rows,
                ["errors"] = plan.Refusals.Take(ListedErrors).Select(r => new ImportErrorRow(plan.File, r.Row, r.Field, r.Reason)).ToList(),
            });
    }

    private static CollectionDefinition Collection(string? id)
    {
        var choices = string.Join(", ", Catalog.All.Where(c => c.HasGeometry).Select(c => c.Id));
        if (id is null)
        {
            throw InputException.Invalid("collection", $"say which collection to import into in the form field 'collection' ({choices})");
        }

        return Catalog.Find(id) is { HasGeometry: true } collection ? collection
            : throw InputException.Invalid("collection", $"'{id}' is no collection with geometry", $"choose one of {choices}");
    }

    /// <summary>A form field holding a JSON object of text values (mapping, set); empty when absent.</summary>
    private static Dictionary<string, string> Pairs(UploadForm form, string field)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form.Field(field) is not { } text)
        {
            return pairs;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw InputException.Invalid(field, $"'{field}' must be a JSON object", "send e.g. {\"name\":\"value\"}");
            }

            foreach (var member in document.RootElement.EnumerateObject())
            {
                var value = member.Value.ValueKind switch
                {
                    JsonValueKind.String => member.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => member.Value.GetRawText(),
                    JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null => throw NotText(field, member.Name),
                    _ => throw NotText(field, member.Name),
                };
                if (!pairs.TryAdd(member.Name.Trim(), value.Trim()))
                {
                    throw InputException.Invalid(field, $"'{member.Name}' is given twice in '{field}'", "give each name once");
                }
            }
        }
        catch (JsonException e)
        {
            throw InputException.Invalid(field, $"'{field}' is not JSON: {e.Message}", e);
        }

        return pairs;
    }

    private static InputException NotText(string field, string name) =>
        InputException.Invalid(field, $"'{field}.{name}' must be a string, number or true/false", "send e.g. {\"name\":\"value\"}");

    private static bool Flag(UploadForm form, string field) => form.Field(field)?.ToUpperInvariant() switch
    {
        null or "FALSE" => false,
        "TRUE" => true,
        _ => throw InputException.Invalid(field, $"'{field}' is '{form.Field(field)}'", "send true or false"),
    };
}
