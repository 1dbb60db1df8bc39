namespace Geo.Api.OgcApi;

/// <summary>
/// The <c>Content-Disposition</c> of a download: <c>filename</c> in ASCII for every client, and when the name has
/// other characters (a converted <c>红线.zip</c>) also <c>filename*</c> in UTF-8 (RFC 5987/6266), which browsers prefer.
/// </summary>
internal static class Attachment
{
    /// <param name="name">The name to save under, without extension, in any script; null for <paramref name="asciiName"/>.</param>
    /// <param name="asciiName">An ASCII name of letters, digits, '-' and '_' (a collection id).</param>
    /// <param name="extension">With its dot.</param>
    public static string Header(string? name, string asciiName, string extension)
    {
        var header = $"attachment; filename=\"{asciiName}{extension}\"";
        return name is null || name == asciiName ? header : $"{header}; filename*=UTF-8''{Uri.EscapeDataString(name + extension)}";
    }
}
