/**
 * Statement import into the ledger (issue 7): presets (built-in and saved), a preview that writes
 * nothing, and the import itself, all or nothing, de-duplicated per bank account by the
 * fingerprints of fingerprint.ts (UNIQUE in SQL).
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { ImportResult, ImportRow, LinesInput, PresetOut, PreviewInput, PreviewResult, SavePresetInput, StatementFile, BankLineRow } from '../../shared/contract-banking';
import { StewardError } from '../../shared/errors';
import { audit } from '../api/audit';
import { cached } from '../store/statements';
import { fingerprintAll } from './fingerprint';
import { detectPresetFromRecords, headRecords } from './csv-statement';
import { decodeBytes } from './decode';
import { MAX_STATEMENT_BYTES, parseStatement, previewCsv, sniffFormat, type ParseOptions } from './index';
import { isPresetName, PRESETS, PRESET_NAMES, checkMapping } from './mapping';
import type { CsvMapping, ParseError, ParseResult } from './types';
import { LINE_COLS, lineRows, requireBankAccount, type Stamp, type StoredLine } from './ledger-common';
import { autoMatch } from './ledger-match';

type FileInput = z.output<typeof StatementFile>;

// ---------- Presets ----------

export function listPresets(db: Database): PresetOut[] {
  const builtIn: PresetOut[] = PRESET_NAMES.map((name) => {
    const p = PRESETS[name];
    return { name, label: p.label, builtIn: true, verified: p.verified, note: p.note, mapping: p.mapping as PresetOut['mapping'] };
  });
  const saved = (db.prepare('SELECT name, label, mapping_json FROM bank_presets ORDER BY name COLLATE NOCASE').all() as Array<{ name: string; label: string; mapping_json: string }>).map(
    (r): PresetOut => ({ name: r.name, label: r.label, builtIn: false, verified: false, note: 'Saved in this ledger', mapping: JSON.parse(r.mapping_json) as PresetOut['mapping'] }),
  );
  return [...builtIn, ...saved];
}

export function savePreset(db: Database, input: z.output<typeof SavePresetInput>, st: Stamp): PresetOut {
  if (isPresetName(input.name.toLowerCase())) throw new StewardError('CONFLICT', `"${input.name}" is the name of a built-in preset; choose another name.`, { where: 'name' });
  const problems = checkMapping(input.mapping as CsvMapping);
  if (problems.length) throw new StewardError('VALIDATION', `The mapping is not usable: ${problems.join('; ')}.`, { where: 'mapping' });
  const before = db.prepare('SELECT name, label, mapping_json FROM bank_presets WHERE name = ? COLLATE NOCASE').get(input.name) as { name: string; label: string; mapping_json: string } | undefined;
  if (before) throw new StewardError('CONFLICT', `A preset called "${before.name}" already exists.`, { where: 'name' });
  db.prepare('INSERT INTO bank_presets(name, label, mapping_json, created_at, actor) VALUES (?, ?, ?, ?, ?)').run(input.name, input.label ?? input.name, JSON.stringify(input.mapping), st.at, st.actor);
  const out: PresetOut = { name: input.name, label: input.label ?? input.name, builtIn: false, verified: false, note: 'Saved in this ledger', mapping: input.mapping };
  audit(db, { ...st, action: 'create', entity: 'bank_preset', entityId: input.name, after: out });
  return out;
}

// ---------- Parsing a file sent as base64 ----------

export function decodeBase64(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new StewardError('VALIDATION', 'The file data is not valid base64.', { where: 'base64' });
  const buf = Buffer.from(clean, 'base64');
  if (buf.length === 0) throw new StewardError('VALIDATION', 'The file is empty.', { where: 'base64' });
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/** The parse options for a request: a mapping, a built-in preset, or a preset saved in the ledger. */
export function parseOptionsFor(db: Database, input: Pick<FileInput, 'format' | 'preset' | 'mapping' | 'dateOrder'>): ParseOptions {
  const o: ParseOptions = {};
  if (input.format) o.format = input.format;
  if (input.dateOrder) o.dateOrder = input.dateOrder;
  if (input.mapping) {
    o.mapping = input.mapping as CsvMapping;
  } else if (input.preset !== undefined) {
    const name = input.preset.trim();
    if (isPresetName(name.toLowerCase())) o.preset = name.toLowerCase();
    else {
      const r = db.prepare('SELECT mapping_json FROM bank_presets WHERE name = ? COLLATE NOCASE').get(name) as { mapping_json: string } | undefined;
      if (!r) {
        const saved = (db.prepare('SELECT name FROM bank_presets ORDER BY name').all() as Array<{ name: string }>).map((x) => x.name);
        throw new StewardError('VALIDATION', `There is no preset called "${name}". Presets: ${[...PRESET_NAMES, ...saved].join(', ')}.`, { where: 'preset' });
      }
      o.mapping = JSON.parse(r.mapping_json) as CsvMapping;
    }
  }
  return o;
}

function parseFile(db: Database, input: FileInput): { bytes: Uint8Array; result: ParseResult } {
  requireBankAccount(db, input.bankAccountId);
  const bytes = decodeBase64(input.base64);
  const result = parseStatement(bytes, parseOptionsFor(db, input));
  return { bytes, result };
}

function duplicatesOf(db: Database, bankAccountId: number, keys: string[]): Array<number | null> {
  const stmt = cached(db, 'SELECT id FROM bank_lines WHERE bank_account_id = ? AND fingerprint = ?');
  return keys.map((k) => (stmt.get(bankAccountId, k) as { id: number } | undefined)?.id ?? null);
}

// ---------- Preview ----------

/**
 * What can be told of a file that could not be read: its format and encoding, and for CSV the
 * preset given or recognised from the header (null where nothing could be told).
 */
function sniffFile(bytes: Uint8Array, input: FileInput): { format: PreviewResult['format']; encoding: string | null; preset: string | null } {
  try {
    if (bytes.length === 0 || bytes.length > MAX_STATEMENT_BYTES) return { format: input.format ?? null, encoding: null, preset: null };
    const { text, encoding } = decodeBytes(bytes);
    if (text.trim() === '') return { format: input.format ?? null, encoding, preset: null };
    const format = input.format ?? sniffFormat(text);
    let preset: string | null = null;
    if (format === 'csv' && !input.mapping) preset = input.preset ?? detectPresetFromRecords(headRecords(text));
    return { format, encoding, preset };
  } catch {
    return { format: input.format ?? null, encoding: null, preset: null };
  }
}

export function previewStatement(db: Database, input: z.output<typeof PreviewInput>): PreviewResult {
  const { bytes, result } = parseFile(db, input);
  let csvRows: PreviewResult['csvRows'] = [];
  const isCsv = (result.ok ? result.format : input.format ?? null) !== 'ofx' && (result.ok ? result.format : input.format ?? null) !== 'qif';
  if (isCsv) {
    try {
      csvRows = previewCsv(bytes, 30, input.mapping?.delimiter ?? ',').rows;
    } catch {
      csvRows = [];
    }
  }
  if (!result.ok) {
    const sniffed = sniffFile(bytes, input);
    return { ok: false, format: sniffed.format, encoding: sniffed.encoding, preset: sniffed.preset, csvRows, lines: [], total: 0, duplicates: 0, totalIn: 0, totalOut: 0, firstDate: null, lastDate: null, skipped: [], errors: result.errors };
  }
  if (result.format !== 'csv') csvRows = [];
  const keys = fingerprintAll(result.lines);
  const dups = duplicatesOf(db, input.bankAccountId, keys);
  const dates = result.lines.map((l) => l.date).sort();
  return {
    ok: true,
    format: result.format,
    encoding: result.encoding,
    preset: result.preset ?? (input.mapping ? null : input.preset ?? null),
    csvRows,
    lines: result.lines.slice(0, input.limit).map((l, i) => ({ ...l, duplicate: dups[i] !== null })),
    total: result.lines.length,
    duplicates: dups.filter((d) => d !== null).length,
    totalIn: result.lines.reduce((t, l) => t + (l.amount > 0 ? l.amount : 0), 0),
    totalOut: result.lines.reduce((t, l) => t + (l.amount < 0 ? -l.amount : 0), 0),
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
    skipped: result.skipped,
    errors: [],
  };
}

// ---------- Import ----------

type Prepared = { input: FileInput; bytes: Uint8Array; result: ParseResult };

function refused(input: FileInput, errors: ParseError[]): z.output<typeof ImportResult> {
  return { importId: null, imported: 0, skipped: [], errors, autoMatched: 0, format: input.format ?? null, preset: null };
}

/** Store a parsed statement (the parse succeeded): skip duplicates, insert, audit, auto-match. */
function writeImport(db: Database, p: Prepared, st: Stamp): z.output<typeof ImportResult> {
  const { input, bytes, result } = p;
  if (!result.ok) return refused(input, result.errors);
  const keys = fingerprintAll(result.lines);
  const dups = duplicatesOf(db, input.bankAccountId, keys);
  const skipped: z.output<typeof ImportResult>['skipped'] = [];
  const seen = new Set<string>();
  const toInsert: number[] = [];
  result.lines.forEach((l, i) => {
    const k = keys[i]!;
    const dup = dups[i];
    if (dup !== null && dup !== undefined) {
      skipped.push({ line: l.sourceLine, reason: l.bankTransactionId ? `already imported (same bank transaction id ${l.bankTransactionId})` : 'already imported (same date, amount, description and balance)', existingLineId: dup });
    } else if (seen.has(k)) {
      skipped.push({ line: l.sourceLine, reason: `the bank transaction id ${l.bankTransactionId ?? ''} appears twice in this file` });
    } else if (l.amount === 0) {
      skipped.push({ line: l.sourceLine, reason: 'a zero amount (nothing moved)' });
    } else {
      seen.add(k);
      toInsert.push(i);
    }
  });
  const preset = result.preset ?? (input.mapping ? null : input.preset ?? null);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const info = cached(db, 'INSERT INTO bank_imports(bank_account_id, file_name, format, preset, sha256, imported, skipped, created_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    input.bankAccountId,
    input.fileName,
    result.format,
    preset,
    sha,
    toInsert.length,
    skipped.length,
    st.at,
    st.actor,
  );
  const importId = Number(info.lastInsertRowid);
  const ins = cached(
    db,
    'INSERT INTO bank_lines(bank_account_id, import_id, date, amount, description, reference, bank_transaction_id, running_balance, source_line, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const i of toInsert) {
    const l = result.lines[i]!;
    ins.run(input.bankAccountId, importId, l.date, l.amount, l.description, l.reference, l.bankTransactionId, l.runningBalance, l.sourceLine, keys[i]!);
  }
  audit(db, {
    ...st,
    action: 'import',
    entity: 'bank_import',
    entityId: importId,
    after: { bankAccountId: input.bankAccountId, fileName: input.fileName, sha256: sha, format: result.format, imported: toInsert.length, skipped: skipped.length },
  });
  const auto = toInsert.length ? autoMatch(db, input.bankAccountId, st, { importId }) : { matched: 0, ambiguous: 0, pairs: [] };
  return { importId, imported: toInsert.length, skipped, errors: [], autoMatched: auto.matched, format: result.format, preset };
}

/**
 * Import a statement: parse (any error: nothing written, the errors returned), skip lines already
 * stored for this bank account, store the rest with an import record and one audit row, then
 * auto-match the new lines. Runs inside the caller's transaction.
 */
export function importStatement(db: Database, input: FileInput, st: Stamp): z.output<typeof ImportResult> {
  return writeImport(db, { input, ...parseFile(db, input) }, st);
}

/**
 * Import several statements (e.g. this month's for every bank account) as one: every file is
 * parsed first, and if any cannot be read nothing at all is written (each result carries its own
 * errors; the good files come back with importId null and imported 0). Otherwise each is stored
 * as `importStatement` does, in the caller's one transaction.
 */
export function importMany(db: Database, files: FileInput[], st: Stamp): Array<z.output<typeof ImportResult>> {
  const prepared = files.map((input) => ({ input, ...parseFile(db, input) }));
  if (prepared.some((p) => !p.result.ok)) return prepared.map((p) => refused(p.input, p.result.ok ? [] : p.result.errors));
  return prepared.map((p) => writeImport(db, p, st));
}

export function listImports(db: Database, bankAccountId: number): ImportRow[] {
  requireBankAccount(db, bankAccountId);
  const rows = db.prepare('SELECT * FROM bank_imports WHERE bank_account_id = ? ORDER BY id DESC').all(bankAccountId) as Array<{
    id: number;
    bank_account_id: number;
    file_name: string;
    format: string;
    preset: string | null;
    sha256: string;
    imported: number;
    skipped: number;
    created_at: string;
    actor: string;
  }>;
  return rows.map((r) => ({ id: r.id, bankAccountId: r.bank_account_id, fileName: r.file_name, format: r.format, preset: r.preset, sha256: r.sha256, imported: r.imported, skipped: r.skipped, createdAt: r.created_at, actor: r.actor }));
}

// ---------- Lines ----------

export function listLines(db: Database, input: z.output<typeof LinesInput>): { total: number; offset: number; rows: BankLineRow[] } {
  requireBankAccount(db, input.bankAccountId);
  const where = ['l.bank_account_id = ?'];
  const args: Array<string | number> = [input.bankAccountId];
  if (input.from) {
    where.push('l.date >= ?');
    args.push(input.from);
  }
  if (input.to) {
    where.push('l.date <= ?');
    args.push(input.to);
  }
  const matched = 'EXISTS (SELECT 1 FROM bank_matches m WHERE m.bank_line_id = l.id AND m.ended_at IS NULL)';
  if (input.status === 'matched') where.push(matched);
  if (input.status === 'unmatched') where.push(`NOT ${matched}`);
  const w = where.join(' AND ');
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM bank_lines l WHERE ${w}`).get(...args) as { n: number }).n;
  const rows = db.prepare(`SELECT ${LINE_COLS.split(', ').map((c) => `l.${c}`).join(', ')} FROM bank_lines l WHERE ${w} ORDER BY l.date, l.id LIMIT ? OFFSET ?`).all(...args, input.limit, input.offset) as StoredLine[];
  return { total, offset: input.offset, rows: lineRows(db, rows) };
}
