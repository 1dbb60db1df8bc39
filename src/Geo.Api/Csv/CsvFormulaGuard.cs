namespace Geo.Api.Csv;

/// <summary>
/// CSV injection: Excel and LibreOffice run a cell that starts with <c>= + - @</c> (or a tab or carriage return
/// before one) as a formula, so a name typed into the data could call out or run commands when a user opens our
/// export. As OWASP advises, such text cells get a leading single quote, which spreadsheets show as text. Only text is
/// guarded: numbers (a negative value stays a number) and WKT geometry are written as they are.
/// </summary>
public static class CsvFormulaGuard
{
    public static string Text(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
