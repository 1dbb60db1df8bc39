using System.Globalization;
using System.Text;
using Geo.Api.Csv;

namespace Geo.Api.Analysis;

/// <summary>
/// A table written as CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese as mojibake), RFC 4180 quoting,
/// CRLF line ends; numbers in invariant culture; text that a spreadsheet would run as a formula is guarded. Several tables are separated by a blank line.
/// </summary>
internal sealed class CsvTable(IReadOnlyList<string> header)
{
    private readonly List<IReadOnlyList<object?>> _rows = [];

    public CsvTable Add(params object?[] row)
    {
        _rows.Add(row);
        return this;
    }

    public static FileContentHttpResult Result(string fileName, params CsvTable[] tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            if (text.Length > 0)
            {
                text.Append("\r\n");
            }

            table.WriteTo(text);
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", fileName);
    }

    private void WriteTo(StringBuilder text)
    {
        Line(text, header);
        foreach (var row in _rows)
        {
            Line(text, row);
        }
    }

    private static void Line(StringBuilder text, IEnumerable<object?> cells)
    {
        text.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    private static string Cell(object? value)
    {
        var s = value switch
        {
            null => string.Empty,
            bool b => b ? "是" : "否",
            double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => CsvFormulaGuard.Text(value.ToString() ?? string.Empty),
        };
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
