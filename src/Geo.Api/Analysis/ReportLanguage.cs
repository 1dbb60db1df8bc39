using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Geo.Api.Analysis;

/// <summary>The language of a printable report (<c>lang</c>): Chinese, as the viewer starts, or English, as its toggle shows.</summary>
internal enum ReportLanguage
{
    Zh,
    En,
}

internal static class ReportLanguages
{
    public const string Parameter = "lang";

    public static ReportLanguage Parse(string? lang) => (lang ?? "zh").ToUpperInvariant() switch
    {
        "ZH" or "ZH-CN" => ReportLanguage.Zh,
        "EN" => ReportLanguage.En,
        _ => throw InputException.Invalid(Parameter, $"unknown report language '{lang}'; one of zh, en"),
    };

    /// <summary>
    /// What <c>lang</c> takes, in the OpenAPI document: the values and the default. Bound as text so that a bad value
    /// gets a problem naming it (a <c>[Description]</c> on the parameter breaks the document generator here).
    /// </summary>
    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.StartsWith("api/analysis/", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query && p.Name == Parameter) ?? [])
        {
            parameter.Description = "Language of the printable report (f=html): zh (default) or en; proper names stay as the data write them.";
            parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("zh"), JsonValue.Create("en")], Default = JsonValue.Create("zh") };
        }

        return Task.CompletedTask;
    }
}
