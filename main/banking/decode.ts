/**
 * Bytes to text. Bank exports come as UTF-8 (with or without a byte order mark) or, very often
 * from older systems and from Excel on Windows, as Windows-1252, where '£' is the single byte
 * 0xA3. The rule: a UTF-16 byte order mark means UTF-16; otherwise, if the bytes are valid UTF-8
 * they are read as UTF-8 (a UTF-8 BOM is dropped); if not, they are read as Windows-1252.
 */
import type { TextEncodingName } from './types';

/**
 * Windows-1252 for 0x80–0x9F, written out from the code page (WHATWG encoding standard's
 * index). The five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to
 * the C1 control of the same value, as browsers do. Every other byte is the Latin-1 code point.
 */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, // 80–87
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, // 88–8F
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, // 90–97
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178, // 98–9F
];

const CHUNK = 8192;

function codeUnitsToString(units: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += CHUNK) {
    parts.push(String.fromCharCode(...units.subarray(i, i + CHUNK)));
  }
  return parts.join('');
}

/** Decode Windows-1252 (never fails: every byte means something). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    units[i] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b;
  }
  return codeUnitsToString(units);
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const n = Math.floor(bytes.length / 2);
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const a = bytes[2 * i] as number;
    const b = bytes[2 * i + 1] as number;
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  // An odd trailing byte cannot be a character: it is dropped (a truncated file then fails later
  // on its content, not here).
  return codeUnitsToString(units);
}

export interface Decoded {
  text: string;
  encoding: TextEncodingName;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeUtf16(bytes.subarray(2), true), encoding: 'utf-16le-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeUtf16(bytes.subarray(2), false), encoding: 'utf-16be-bom' };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Not valid UTF-8. A file that began with a UTF-8 BOM but is not UTF-8 is still best read as
    // Windows-1252 (the BOM bytes then show as "ï»¿", which a header match would miss, so drop them).
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}
