/**
 * Bank statement parsing: bytes in, bank lines or errors out. Pure (no database, no files).
 *
 *   parseStatement(bytes, { format?, mapping?, preset?, dateOrder? })
 *
 * All or nothing: if any data row cannot be read, the result is `{ ok: false, errors }` naming
 * each bad line and column, and no lines at all. It never throws.
 */
import { headRecords, detectPresetFromRecords, parseCsvStatement } from './csv-statement';
import { decodeBytes } from './decode';
import { isPresetName, presetMapping, PRESET_NAMES } from './mapping';
import { looksLikeOfx, parseOfx } from './ofx';
import { looksLikeQif, parseQif } from './qif';
import type { BodyResult, CsvMapping, DateOrder, ParseResult, StatementFormat } from './types';

export * from './types';
export { parseBankAmount, penceToText } from './amounts';
export { parseDate, parseOfxDate, parseQifDate } from './dates';
export { decodeBytes, decodeWindows1252 } from './decode';
export { tokenizeCsv } from './csv';
export { fingerprint, fingerprintAll, normaliseDescription } from './fingerprint';
export { PRESETS, PRESET_NAMES, presetMapping, isPresetName, checkMapping, type Preset, type PresetName } from './mapping';

/** Refuse files larger than this (a bank statement is far smaller). */
export const MAX_STATEMENT_BYTES = 64 * 1024 * 1024;

export interface ParseOptions {
  format?: StatementFormat;
  mapping?: CsvMapping;
  /** A preset name (see PRESETS); ignored when a mapping is given. */
  preset?: string;
  /** QIF only: day-first (UK, the default) or month-first dates. */
  dateOrder?: DateOrder;
}

export function sniffFormat(text: string): StatementFormat {
  if (looksLikeQif(text)) return 'qif';
  if (looksLikeOfx(text)) return 'ofx';
  return 'csv';
}

function parseBody(text: string, format: StatementFormat, options: ParseOptions): BodyResult {
  if (format === 'ofx') return parseOfx(text);
  if (format === 'qif') return parseQif(text, options.dateOrder ?? 'dmy');
  if (options.mapping) return parseCsvStatement(text, options.mapping);
  if (options.preset !== undefined) {
    if (!isPresetName(options.preset)) {
      return { ok: false, errors: [{ line: 0, column: null, code: 'unknown_preset', message: `no preset called "${options.preset}" (there are: ${PRESET_NAMES.join(', ')})` }] };
    }
    return parseCsvStatement(text, presetMapping(options.preset), options.preset);
  }
  const detected = detectPresetFromRecords(headRecords(text));
  if (detected) return parseCsvStatement(text, presetMapping(detected), detected);
  return { ok: false, errors: [{ line: 1, column: null, code: 'no_mapping', message: 'the columns of this CSV file were not recognised: choose a preset or map the columns' }] };
}

export function parseStatement(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  try {
    if (bytes.length === 0) return { ok: false, errors: [{ line: 1, column: null, code: 'empty_file', message: 'the file is empty' }] };
    if (bytes.length > MAX_STATEMENT_BYTES) {
      return { ok: false, errors: [{ line: 0, column: null, code: 'too_large', message: `the file is over ${MAX_STATEMENT_BYTES / 1024 / 1024} MiB` }] };
    }
    const { text, encoding } = decodeBytes(bytes);
    if (text.trim() === '') return { ok: false, errors: [{ line: 1, column: null, code: 'empty_file', message: 'the file has no text' }] };
    const format = options.format ?? sniffFormat(text);
    const body = parseBody(text, format, options);
    if (!body.ok) return body;
    const result: ParseResult = { ok: true, lines: body.lines, skipped: body.skipped, format, encoding };
    if (body.preset !== undefined) result.preset = body.preset;
    return result;
  } catch (e) {
    // A bug, not bad input: still no partial result, and the caller is told plainly.
    return { ok: false, errors: [{ line: 0, column: null, code: 'internal', message: `the statement could not be read (${e instanceof Error ? e.message : String(e)})` }] };
  }
}

/** The first rows of a CSV file as text cells, for a column-mapping step. */
export function previewCsv(bytes: Uint8Array, maxRows = 30, delimiter: CsvMapping['delimiter'] = ','): { encoding: string; rows: { line: number; cells: string[] }[] } {
  const { text, encoding } = decodeBytes(bytes);
  return { encoding, rows: headRecords(text, delimiter).slice(0, maxRows).map((r) => ({ line: r.line, cells: r.fields })) };
}
