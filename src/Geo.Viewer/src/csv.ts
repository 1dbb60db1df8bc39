/**
 * RFC 4180 CSV that Excel opens correctly: a UTF-8 byte-order mark (without it Excel on Chinese Windows reads GBK and
 * garbles 中文) and CRLF line ends. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * gets a leading single quote, as OWASP advises against CSV injection, and as the server's CSVs do; numbers stay numbers.
 */
export function toCsv(header: string[], rows: unknown[][]): Blob {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}

function cell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
