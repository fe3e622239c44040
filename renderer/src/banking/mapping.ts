/**
 * The column-mapping step's draft: columns are indexes into the header row the person chose (or
 * into the raw row when the file has no header). It becomes a CsvMapping for bank.preview and
 * bank.import: header texts when the file has a header (and the text is unique), else column numbers.
 */
import type { CsvMappingInput, PresetOut, PreviewResult } from '../../../shared/contract-banking';

export type DateFormat = NonNullable<CsvMappingInput['dateFormat']>;

export interface MappingDraft {
  /** 1-based file line of the header; 0 when the file has none. */
  headerLine: number;
  date: number;
  amountMode: 'one' | 'two';
  amount: number;
  paidIn: number;
  paidOut: number;
  description: [number, number];
  reference: number;
  balance: number;
  id: number;
  dateFormat: DateFormat;
  invertAmount: boolean;
}

export const NONE = -1;

export const DATE_FORMATS: ReadonlyArray<{ value: DateFormat; label: string }> = [
  { value: 'auto', label: 'Work it out (day first)' },
  { value: 'dd/mm/yyyy', label: 'dd/mm/yyyy, e.g. 05/03/2026' },
  { value: 'd/m/yy', label: 'd/m/yy, e.g. 5/3/26' },
  { value: 'iso', label: 'yyyy-mm-dd, e.g. 2026-03-05' },
  { value: 'd mmm yyyy', label: 'd mmm yyyy, e.g. 5 Mar 2026' },
];

export type CsvRows = PreviewResult['csvRows'];

export function headerCells(rows: CsvRows, headerLine: number): string[] {
  if (headerLine === 0) {
    const width = Math.max(0, ...rows.map((r) => r.cells.length));
    return Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  }
  return rows.find((r) => r.line === headerLine)?.cells.map((c) => c.trim()) ?? [];
}

const norm = (s: string): string => s.trim().toLowerCase();

/** The row most likely to be the header: the first with as many filled cells as the widest row and no amount-like cells. */
export function guessHeaderLine(rows: CsvRows): number {
  const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;
  const width = Math.max(0, ...rows.map((r) => filled(r.cells)));
  const row = rows.find((r) => filled(r.cells) === width && r.cells.every((c) => !/^[-+(£]?\s*\d[\d,]*(\.\d+)?\)?$/.test(c.trim())));
  return row?.line ?? rows[0]?.line ?? 0;
}

function find(cells: string[], ...patterns: RegExp[]): number {
  for (const p of patterns) {
    const i = cells.findIndex((c) => p.test(c.trim()));
    if (i >= 0) return i;
  }
  return NONE;
}

/** A first guess from the header's words. */
export function guessDraft(rows: CsvRows): MappingDraft {
  const headerLine = guessHeaderLine(rows);
  const cells = headerCells(rows, headerLine);
  const paidIn = find(cells, /^(paid in|money in|credit( amount)?|in)$/i, /\b(paid in|money in|credit)\b/i);
  const paidOut = find(cells, /^(paid out|money out|debit( amount)?|out)$/i, /\b(paid out|money out|debit)\b/i);
  const amount = find(cells, /^amount\b/i, /^value$/i, /amount/i);
  const amountMode = amount === NONE && (paidIn !== NONE || paidOut !== NONE) ? 'two' : 'one';
  return {
    headerLine,
    date: find(cells, /^(transaction )?date$/i, /date/i),
    amountMode,
    amount,
    paidIn,
    paidOut,
    description: [find(cells, /^description$/i, /desc|narrative|details|memo|payee|name|counter ?party/i), NONE],
    reference: find(cells, /^reference$/i, /\bref/i),
    balance: find(cells, /balance/i),
    id: find(cells, /transaction id|^id$|fitid/i),
    dateFormat: 'auto',
    invertAmount: false,
  };
}

/** A preset's mapping as a draft over this file's rows. */
export function draftFromPreset(rows: CsvRows, preset: PresetOut): MappingDraft {
  const m = preset.mapping;
  let headerLine: number;
  if (m.headerRow !== undefined) headerLine = m.headerRow;
  else {
    const dateName = typeof m.date === 'string' ? norm(m.date) : null;
    headerLine = (dateName !== null ? rows.find((r) => r.cells.some((c) => norm(c) === dateName))?.line : undefined) ?? guessHeaderLine(rows);
  }
  const cells = headerCells(rows, headerLine);
  const col = (ref: string | number | undefined): number => {
    if (ref === undefined) return NONE;
    if (typeof ref === 'number') return ref;
    return cells.findIndex((c) => norm(c) === norm(ref));
  };
  return {
    headerLine,
    date: col(m.date),
    amountMode: m.amount !== undefined ? 'one' : 'two',
    amount: col(m.amount),
    paidIn: col(m.paidIn),
    paidOut: col(m.paidOut),
    description: [col(m.description[0]), col(m.description[1])],
    reference: col(m.reference),
    balance: col(m.balance),
    id: col(m.id),
    dateFormat: m.dateFormat ?? 'auto',
    invertAmount: m.invertAmount ?? false,
  };
}

/** Problems a person can fix before asking Steward to read the file (keyed by field). */
export function draftProblems(d: MappingDraft): Partial<Record<'date' | 'amount' | 'paidIn' | 'description', string>> {
  const out: Partial<Record<'date' | 'amount' | 'paidIn' | 'description', string>> = {};
  if (d.date === NONE) out.date = 'Choose the column that holds the date';
  if (d.amountMode === 'one' && d.amount === NONE) out.amount = 'Choose the column that holds the amount';
  if (d.amountMode === 'two' && d.paidIn === NONE && d.paidOut === NONE) out.paidIn = 'Choose the paid-in column, the paid-out column, or both';
  if (d.description[0] === NONE && d.description[1] === NONE) out.description = 'Choose the column that describes the transaction';
  return out;
}

export function toMapping(d: MappingDraft, rows: CsvRows): CsvMappingInput {
  const cells = headerCells(rows, d.headerLine);
  const ref = (i: number): string | number => {
    if (d.headerLine === 0) return i;
    const text = cells[i] ?? '';
    const unique = text !== '' && cells.filter((c) => norm(c) === norm(text)).length === 1;
    return unique ? text : i;
  };
  const opt = (i: number): string | number | undefined => (i === NONE ? undefined : ref(i));
  const m: CsvMappingInput = {
    date: ref(d.date),
    description: d.description.filter((i) => i !== NONE).map(ref),
    dateFormat: d.dateFormat,
    headerRow: d.headerLine,
  };
  if (d.amountMode === 'one') {
    const a = opt(d.amount);
    if (a !== undefined) m.amount = a;
  } else {
    const pi = opt(d.paidIn);
    const po = opt(d.paidOut);
    if (pi !== undefined) m.paidIn = pi;
    if (po !== undefined) m.paidOut = po;
  }
  const r = opt(d.reference);
  const b = opt(d.balance);
  const id = opt(d.id);
  if (r !== undefined) m.reference = r;
  if (b !== undefined) m.balance = b;
  if (id !== undefined) m.id = id;
  if (d.invertAmount) m.invertAmount = true;
  return m;
}
