import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeWindows1252, tokenizeCsv } from '../../../main/banking';

describe('decoding bytes', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    const plain = new TextEncoder().encode('Date,Amount\n£1.00');
    expect(decodeBytes(plain)).toEqual({ text: 'Date,Amount\n£1.00', encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeBytes(bom)).toEqual({ text: 'Date,Amount\n£1.00', encoding: 'utf-8-bom' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (0xA3 is £)', () => {
    const bytes = new Uint8Array([0xa3, 0x31, 0x2e, 0x30, 0x30, 0x20, 0x80, 0x93, 0x94, 0x96, 0xe9]);
    expect(decodeBytes(bytes)).toEqual({ text: '£1.00 €“”–é', encoding: 'windows-1252' });
  });

  it('maps every byte of Windows-1252 the way the code page does', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    expect(text.charCodeAt(0x41)).toBe(0x41);
    expect(text.charCodeAt(0xa3)).toBe(0xa3);
    expect(text.charCodeAt(0x80)).toBe(0x20ac);
    expect(text.charCodeAt(0x8a)).toBe(0x0160);
    expect(text.charCodeAt(0x9f)).toBe(0x0178);
    expect(text.charCodeAt(0x81)).toBe(0x81); // undefined in the code page: kept as the C1 control
    expect(text.charCodeAt(0xff)).toBe(0xff);
  });

  it('reads UTF-16 when it has a byte order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xa3, 0x00]);
    expect(decodeBytes(le)).toEqual({ text: 'A£', encoding: 'utf-16le-bom' });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0xa3]);
    expect(decodeBytes(be)).toEqual({ text: 'A£', encoding: 'utf-16be-bom' });
  });
});

describe('CSV tokenizer (RFC 4180)', () => {
  it('splits fields, honours quotes, doubled quotes and line breaks inside quotes, and keeps line numbers', () => {
    const r = tokenizeCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\nlast,,\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['x, y', 'say "hi"', 'two\nlines'], line: 2 },
      { fields: [''], line: 4 },
      { fields: ['last', '', ''], line: 5 },
    ]);
  });

  it('accepts a lone CR as a line end and a last line without one', () => {
    const r = tokenizeCsv('a,b\rc,d');
    expect(r.ok && r.records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 2 },
    ]);
  });

  it('other delimiters', () => {
    const r = tokenizeCsv('a;"b;c"\n', ';');
    expect(r.ok && r.records[0]?.fields).toEqual(['a', 'b;c']);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(tokenizeCsv('a,b\n"never closed,x\ny,z')).toEqual({ ok: false, line: 2, message: expect.stringMatching(/never closed/) });
    expect(tokenizeCsv('a,b\nc,"d"e\n')).toEqual({ ok: false, line: 2, message: expect.stringMatching(/after a closing quote/) });
  });
});
