import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/csv';

async function bytesAndText(blob: Blob): Promise<[Uint8Array, string]> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return [bytes, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)];
}

describe('toCsv', () => {
  it('starts with the UTF-8 byte-order mark Excel needs and ends lines with CRLF', async () => {
    const [bytes, text] = await bytesAndText(toCsv(['名称', '投资'], [['汉丰湖', 12000]]));
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toBe('\uFEFF名称,投资\r\n汉丰湖,12000\r\n');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', async () => {
    const [, text] = await bytesAndText(toCsv(['a'], [['x, y'], ['say "hi"'], ['two\nlines']]));
    expect(text).toBe('\uFEFFa\r\n"x, y"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', async () => {
    const [, text] = await bytesAndText(toCsv(['a', 'b', 'c'], [['=SUM(A1)', '@cmd', -5]]));
    expect(text).toBe("\uFEFFa,b,c\r\n'=SUM(A1),'@cmd,-5\r\n");
  });

  it('writes null and undefined as empty cells', async () => {
    const [, text] = await bytesAndText(toCsv(['a', 'b'], [[null, undefined]]));
    expect(text).toBe('\uFEFFa,b\r\n,\r\n');
  });
});
