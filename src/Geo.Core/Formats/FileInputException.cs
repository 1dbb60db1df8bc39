namespace Geo.Core.Formats;

/// <summary>
/// A file that cannot be read as it is: names the file, the row (1-based feature, record or line number, where one
/// applies), the field, and the reason with its fix. The HTTP layer answers it with 400 problem+json, the CLI with one line.
/// </summary>
public sealed class FileInputException : Exception
{
    public FileInputException(string file, string reason, int? row = null, string? field = null, Exception? innerException = null)
        : base(Compose(file, reason, row, field), innerException)
    {
        File = file;
        Reason = reason;
        Row = row;
        Field = field;
    }

    public string File { get; }

    public string Reason { get; }

    public int? Row { get; }

    public string? Field { get; }

    private static string Compose(string file, string reason, int? row, string? field) =>
        file + (row is { } r ? $": row {r}" : string.Empty) + (field is null ? string.Empty : $": field '{field}'") + ": " + reason;
}
