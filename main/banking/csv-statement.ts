/**
 * A CSV statement, given a column mapping, to bank lines: all or nothing.
 *
 * Rows are read in order after the header (found by the mapped column names, after any preamble).
 * Each data row is one of:
 *   - blank (every cell empty): left out silently;
 *   - a transaction: its date cell parses. Every other mapped cell must then parse too, or it is
 *     an error naming the line and column;
 *   - a failed transaction (error): the date cell looks like a date but is not one (31/02/2026),
 *     or the row has an amount but its date is missing or unreadable;
 *   - not a transaction (skipped with a note): a summary line ("Closing balance", "Total" in the
 *     date column, or in any column when the date is empty), a repeated header, or a row with
 *     neither a date nor an amount.
 */
import { parseBankAmount } from './amounts';
import { tokenizeCsv, type CsvRecord } from './csv';
import { looksLikeDate, parseDate } from './dates';
import { checkMapping, namedColumns, normaliseHeader, PRESET_NAMES, PRESETS, type PresetName } from './mapping';
import { MAX_ERRORS, type BankLine, type BodyResult, type ColumnRef, type CsvMapping, type ParseError, type SkipNote } from './types';

const SUMMARY = /\b(balance|total|totals|brought forward|carried forward|b\/f|c\/f|closing|opening|end of statement|statement period|transactions? count)\b/i;
const DATE_HEADER = /^(transaction |posting |posted |value |txn )?date$/;

function isBlank(rec: CsvRecord): boolean {
  for (const f of rec.fields) if (f.trim() !== '') return false;
  return true;
}

function snippet(rec: CsvRecord): string {
  const t = rec.fields.join(',');
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
}

interface Resolved {
  index: number;
  label: string;
}

/** Find the header row: the first record that holds every named column of the mapping. */
function findHeader(records: CsvRecord[], names: string[], limit = records.length): number {
  const wanted = names.map(normaliseHeader);
  for (let r = 0; r < Math.min(records.length, limit); r++) {
    const rec = records[r] as CsvRecord;
    if (rec.fields.length < wanted.length) continue;
    const cells = new Set(rec.fields.map(normaliseHeader));
    if (wanted.every((w) => cells.has(w))) return r;
  }
  return -1;
}

/** Recognise a preset from the header row (the one naming the most columns wins). */
export function detectPresetFromRecords(records: CsvRecord[]): PresetName | null {
  let best: PresetName | null = null;
  let bestCount = 0;
  for (const name of PRESET_NAMES) {
    const m: CsvMapping = PRESETS[name].mapping;
    if (m.headerRow === 0) continue;
    const names = namedColumns(m);
    if (names.length <= bestCount) continue;
    if (findHeader(records, names, 50) >= 0) {
      best = name;
      bestCount = names.length;
    }
  }
  return best;
}

export function parseCsvStatement(text: string, mapping: CsvMapping, preset?: string): BodyResult {
  const problems = checkMapping(mapping);
  if (problems.length > 0) {
    return { ok: false, errors: problems.map((message) => ({ line: 0, column: null, code: 'bad_mapping' as const, message })) };
  }
  const tok = tokenizeCsv(text, mapping.delimiter ?? ',');
  if (!tok.ok) return { ok: false, errors: [{ line: tok.line, column: null, code: 'bad_csv', message: tok.message }] };
  const records = tok.records;
  if (records.every(isBlank)) {
    return { ok: false, errors: [{ line: 1, column: null, code: 'empty_file', message: 'the file has no rows' }] };
  }

  const names = namedColumns(mapping);
  let headerIdx = -1; // index into records; -1 = no header
  if (mapping.headerRow !== undefined && mapping.headerRow > 0) {
    headerIdx = records.findIndex((r) => r.line === mapping.headerRow);
    if (headerIdx < 0) {
      return { ok: false, errors: [{ line: mapping.headerRow, column: null, code: 'header_not_found', message: `there is no row starting on line ${mapping.headerRow}` }] };
    }
  } else if (mapping.headerRow === undefined && names.length > 0) {
    headerIdx = findHeader(records, names);
    if (headerIdx < 0) {
      const quoted = names.map((n) => `"${n}"`).join(', ');
      return { ok: false, errors: [{ line: 1, column: null, code: 'header_not_found', message: `no row has all the mapped columns ${quoted}: check the mapping or the preset` }] };
    }
  }

  const header = headerIdx >= 0 ? (records[headerIdx] as CsvRecord) : null;
  const headerCells = header ? header.fields.map(normaliseHeader) : [];
  const errors: ParseError[] = [];
  const resolve = (ref: ColumnRef): Resolved | null => {
    if (typeof ref === 'number') {
      if (header && ref >= header.fields.length) {
        errors.push({ line: header.line, column: `column ${ref + 1}`, code: 'missing_column', message: `the header has only ${header.fields.length} columns, so there is no column ${ref + 1}` });
        return null;
      }
      return { index: ref, label: header ? (header.fields[ref] as string).trim() || `column ${ref + 1}` : `column ${ref + 1}` };
    }
    if (!header) return null; // checkMapping refuses names without a header
    const i = headerCells.indexOf(normaliseHeader(ref));
    if (i < 0) {
      errors.push({ line: header.line, column: ref, code: 'missing_column', message: `the header row has no column "${ref}"` });
      return null;
    }
    return { index: i, label: (header.fields[i] as string).trim() };
  };
  const opt = (ref: ColumnRef | undefined): Resolved | null | undefined => (ref === undefined ? undefined : resolve(ref));

  const dateCol = resolve(mapping.date);
  const amountCol = opt(mapping.amount);
  const inCol = opt(mapping.paidIn);
  const outCol = opt(mapping.paidOut);
  const balanceCol = opt(mapping.balance);
  const refCol = opt(mapping.reference);
  const idCol = opt(mapping.id);
  const descCols = mapping.description.map(resolve);
  if (errors.length > 0 || !dateCol || amountCol === null || inCol === null || outCol === null || balanceCol === null || refCol === null || idCol === null || descCols.some((d) => d === null)) {
    return { ok: false, errors };
  }
  const descs = descCols as Resolved[];
  const amountCols = [amountCol, inCol, outCol].filter((c): c is Resolved => c !== undefined);
  const dateFormat = mapping.dateFormat ?? 'auto';

  const lines: BankLine[] = [];
  const skipped: SkipNote[] = [];
  const cell = (rec: CsvRecord, c: Resolved | undefined): string => (c ? (rec.fields[c.index] ?? '').trim() : '');

  for (let r = 0; r < headerIdx; r++) {
    const rec = records[r] as CsvRecord;
    if (!isBlank(rec)) skipped.push({ line: rec.line, reason: 'preamble before the header row', text: snippet(rec) });
  }

  // Width check: a row with more filled cells than the header (two rows run together when a line
  // break is lost) or a transaction row too short to hold every mapped column is an error, so a
  // damaged file can never lose a row silently. Empty extra cells (trailing commas) are fine.
  const needed = Math.max(...[dateCol, ...amountCols, balanceCol, refCol, idCol, ...descs].map((c) => (c ? c.index + 1 : 0)));
  let width = header ? header.fields.length : -1;
  // A row must reach the header's last non-empty cell (a header that swallowed a data row, when a
  // line break is lost, is then far wider than the rows under it).
  let headerFilled = 0;
  if (header) {
    for (let i = 0; i < header.fields.length; i++) if ((header.fields[i] as string).trim() !== '') headerFilled = i + 1;
  }

  for (let r = headerIdx + 1; r < records.length; r++) {
    if (errors.length >= MAX_ERRORS) {
      errors.push({ line: (records[r] as CsvRecord).line, column: null, code: 'too_many_errors', message: `stopped after ${MAX_ERRORS} errors` });
      break;
    }
    const rec = records[r] as CsvRecord;
    if (isBlank(rec)) continue;
    const line = rec.line;
    const dateText = cell(rec, dateCol);
    const date = parseDate(dateText, dateFormat);
    if (!date.ok) {
      const anyAmount = amountCols.some((c) => cell(rec, c) !== '');
      if (dateText !== '' && looksLikeDate(dateText)) {
        errors.push({ line, column: dateCol.label, code: 'bad_date', message: date.message });
      } else if (DATE_HEADER.test(normaliseHeader(dateText))) {
        skipped.push({ line, reason: 'a repeated header row', text: snippet(rec) });
      } else if (SUMMARY.test(dateText) || (dateText === '' && rec.fields.some((f) => SUMMARY.test(f)))) {
        skipped.push({ line, reason: 'a summary line, not a transaction', text: snippet(rec) });
      } else if (anyAmount && dateText !== '') {
        errors.push({ line, column: dateCol.label, code: 'bad_date', message: date.message });
      } else if (anyAmount) {
        errors.push({ line, column: dateCol.label, code: 'missing_date', message: 'this row has an amount but no date' });
      } else {
        skipped.push({ line, reason: 'no date and no amount: not a transaction', text: snippet(rec) });
      }
      continue;
    }

    if (width < 0) width = rec.fields.length; // no header: the first transaction row sets the width
    const extra = rec.fields.slice(Math.max(width, needed)).some((f) => f.trim() !== '');
    const minimum = Math.max(needed, headerFilled);
    if (extra || rec.fields.length < minimum) {
      errors.push({
        line,
        column: null,
        code: 'bad_csv',
        message: extra
          ? `this row has ${rec.fields.length} columns but the header has ${width}: is a line break or a quote missing?`
          : `this row has only ${rec.fields.length} columns but ${header ? `the header (line ${header.line}) has ${headerFilled}` : `the mapping needs ${needed}`}: is a line break missing?`,
      });
      continue;
    }

    let amount: number | null = null;
    if (amountCol) {
      const t = cell(rec, amountCol);
      if (t === '') {
        errors.push({ line, column: amountCol.label, code: 'missing_amount', message: 'the amount is empty' });
      } else {
        const a = parseBankAmount(t);
        if (a.ok) amount = mapping.invertAmount ? -a.pence : a.pence;
        else errors.push({ line, column: amountCol.label, code: 'bad_amount', message: a.message });
      }
    } else {
      const tIn = cell(rec, inCol);
      const tOut = cell(rec, outCol);
      const aIn = tIn === '' ? null : parseBankAmount(tIn);
      const aOut = tOut === '' ? null : parseBankAmount(tOut);
      if (aIn && !aIn.ok && inCol) errors.push({ line, column: inCol.label, code: 'bad_amount', message: aIn.message });
      if (aOut && !aOut.ok && outCol) errors.push({ line, column: outCol.label, code: 'bad_amount', message: aOut.message });
      if ((!aIn || aIn.ok) && (!aOut || aOut.ok)) {
        const vIn = aIn && aIn.ok ? aIn.pence : null;
        const vOut = aOut && aOut.ok ? aOut.pence : null;
        if (vIn === null && vOut === null) {
          const label = [inCol?.label, outCol?.label].filter(Boolean).join(' / ');
          errors.push({ line, column: inCol?.label ?? outCol?.label ?? null, code: 'missing_amount', message: `no amount in ${label}` });
        } else if (vIn !== null && vOut !== null && vIn !== 0 && vOut !== 0) {
          errors.push({ line, column: `${inCol?.label ?? ''} / ${outCol?.label ?? ''}`, code: 'both_amounts', message: `both "${tIn}" paid in and "${tOut}" paid out on one row` });
        } else {
          const sIn = vIn ?? 0;
          const sOut = vOut === null ? 0 : -Math.abs(vOut);
          amount = sIn !== 0 ? sIn : sOut;
          if (mapping.invertAmount) amount = -amount;
          if (amount === 0) amount = 0; // no negative zero
        }
      }
    }

    let runningBalance: number | null = null;
    if (balanceCol) {
      const t = cell(rec, balanceCol);
      if (t !== '') {
        const b = parseBankAmount(t);
        if (b.ok) runningBalance = b.pence;
        else errors.push({ line, column: balanceCol.label, code: 'bad_balance', message: b.message });
      }
    }
    if (amount === null || errors.length > 0) continue; // keep collecting errors; no lines will be returned

    const description = descs
      .map((d) => cell(rec, d).replace(/\s+/g, ' '))
      .filter((s) => s !== '')
      .join(' ');
    const ref = cell(rec, refCol);
    const id = cell(rec, idCol);
    lines.push({
      date: date.iso,
      amount,
      description,
      reference: ref === '' ? null : ref.replace(/\s+/g, ' '),
      bankTransactionId: id === '' ? null : id,
      runningBalance,
      sourceLine: line,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return preset === undefined ? { ok: true, lines, skipped } : { ok: true, lines, skipped, preset };
}

/** The first records of a file (about 200 lines), enough to recognise a header. */
export function headRecords(text: string, delimiter = ','): CsvRecord[] {
  let cut = -1;
  for (let k = 0, at = 0; k < 200; k++) {
    at = text.indexOf('\n', at);
    if (at < 0) break;
    cut = at;
    at++;
  }
  const head = cut < 0 || cut === text.length - 1 ? text : text.slice(0, cut + 1);
  const tok = tokenizeCsv(head, delimiter);
  if (tok.ok) return tok.records;
  const full = head === text ? tok : tokenizeCsv(text, delimiter);
  return full.ok ? full.records.slice(0, 200) : [];
}
