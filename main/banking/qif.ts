/**
 * QIF (Quicken Interchange Format) bank and card statements. The file opens with a type line
 * (!Type:Bank, !Type:CCard, !Type:Cash, !Type:Oth A, !Type:Oth L); each record is a run of lines,
 * one field a line, its code the first character, ended by a line holding ^:
 *   D date   T / U amount (signed, paid in positive)   P payee   M memo   N number (cheque no.)
 * Other codes (L category, C cleared, A address, S/E/$ split lines) are read past. Dates are
 * day first unless `dateOrder: 'mdy'` (US Quicken: 03/12'26 is 12 March 2026).
 */
import { parseBankAmount } from './amounts';
import { parseQifDate } from './dates';
import { MAX_ERRORS, type BankLine, type BodyResult, type DateOrder, type ParseError, type SkipNote } from './types';

const BANK_TYPES = new Set(['bank', 'ccard', 'cash', 'oth a', 'oth l']);

export function looksLikeQif(text: string): boolean {
  return /^\s*!(type|account|option|clear)/i.test(text.slice(0, 256));
}

interface Pending {
  start: number;
  fields: Map<string, { value: string; line: number }>;
}

export function parseQif(text: string, dateOrder: DateOrder = 'dmy'): BodyResult {
  const rows = text.split(/\r\n|\n|\r/);
  const errors: ParseError[] = [];
  const lines: BankLine[] = [];
  const skipped: SkipNote[] = [];
  let typed = false;
  let inAccountBlock = false;
  let current: Pending | null = null;

  const finish = (rec: Pending): void => {
    const f = rec.fields;
    const d = f.get('D');
    const t = f.get('T') ?? f.get('U');
    if (f.size === 0) return;
    let date: string | null = null;
    let amount: number | null = null;
    if (!d || d.value === '') errors.push({ line: rec.start, column: 'D', code: 'missing_date', message: 'the record has no D (date) line' });
    else {
      const p = parseQifDate(d.value, dateOrder);
      if (p.ok) date = p.iso;
      else errors.push({ line: d.line, column: 'D', code: 'bad_date', message: p.message });
    }
    if (!t || t.value === '') errors.push({ line: rec.start, column: 'T', code: 'missing_amount', message: 'the record has no T (amount) line' });
    else {
      const a = parseBankAmount(t.value);
      if (a.ok) amount = a.pence;
      else errors.push({ line: t.line, column: f.has('T') ? 'T' : 'U', code: 'bad_amount', message: a.message });
      const u = f.get('U');
      if (a.ok && f.has('T') && u && u.value !== '') {
        const b = parseBankAmount(u.value);
        if (!b.ok || b.pence !== a.pence) errors.push({ line: u.line, column: 'U', code: 'bad_amount', message: `the U amount "${u.value}" does not match the T amount "${t.value}"` });
      }
    }
    if (date !== null && amount !== null && errors.length === 0) {
      const payee = f.get('P')?.value ?? '';
      const memo = f.get('M')?.value ?? '';
      const description = (payee && memo && memo !== payee ? `${payee} ${memo}` : payee || memo).replace(/\s+/g, ' ');
      const num = f.get('N')?.value ?? '';
      lines.push({ date, amount, description, reference: num === '' ? null : num, bankTransactionId: null, runningBalance: null, sourceLine: rec.start });
    }
  };

  for (let i = 0; i < rows.length; i++) {
    if (errors.length >= MAX_ERRORS) {
      errors.push({ line: i + 1, column: null, code: 'too_many_errors', message: `stopped after ${MAX_ERRORS} errors` });
      break;
    }
    const lineNo = i + 1;
    const raw = (rows[i] as string).replace(/^\ufeff/, '');
    const row = raw.trim();
    if (row === '') continue;
    if (row.startsWith('!')) {
      const header = row.slice(1).toLowerCase();
      if (header.startsWith('type:')) {
        const kind = header.slice(5).trim();
        if (!BANK_TYPES.has(kind)) {
          return { ok: false, errors: [{ line: lineNo, column: null, code: 'unsupported_qif_type', message: `"${row}" is not a bank statement (expected !Type:Bank, !Type:CCard, !Type:Cash or !Type:Oth A/L)` }] };
        }
        if (typed) {
          return { ok: false, errors: [{ line: lineNo, column: null, code: 'bad_qif', message: 'a second !Type section: import one account at a time' }] };
        }
        typed = true;
        inAccountBlock = false;
      } else if (header.startsWith('account')) {
        inAccountBlock = true;
        skipped.push({ line: lineNo, reason: 'QIF account header', text: row });
      } else if (header.startsWith('option') || header.startsWith('clear')) {
        skipped.push({ line: lineNo, reason: 'QIF option line', text: row });
      } else {
        return { ok: false, errors: [{ line: lineNo, column: null, code: 'bad_qif', message: `unknown QIF header "${row}"` }] };
      }
      continue;
    }
    if (inAccountBlock) {
      if (row === '^') inAccountBlock = false;
      continue;
    }
    if (!typed) {
      return { ok: false, errors: [{ line: lineNo, column: null, code: 'bad_qif', message: 'the file does not start with a !Type: line' }] };
    }
    if (row === '^') {
      if (current) finish(current);
      else skipped.push({ line: lineNo, reason: 'an empty QIF record', text: row });
      current = null;
      continue;
    }
    const code = row[0] as string;
    if (!/^[A-Za-z$%]$/.test(code)) {
      errors.push({ line: lineNo, column: null, code: 'bad_qif', message: `"${row.slice(0, 40)}" is not a QIF field line` });
      continue;
    }
    if (!current) current = { start: lineNo, fields: new Map() };
    const key = code.toUpperCase();
    if (current.fields.has(key) && 'DTUPNM'.includes(key)) {
      // Two dates or amounts in one record: a ^ is missing, and a transaction would be lost.
      errors.push({ line: lineNo, column: key, code: 'bad_qif', message: `a second ${key} line in one record (started on line ${current.start}): is a ^ missing?` });
      current = null;
      continue;
    }
    if (!current.fields.has(key)) current.fields.set(key, { value: raw.trim().slice(1).trim(), line: lineNo });
  }
  if (current && current.fields.size > 0 && errors.length < MAX_ERRORS) {
    // The last record of a file is often not followed by ^; a record that is complete counts.
    finish(current);
  }
  if (!typed && errors.length === 0) errors.push({ line: 1, column: null, code: 'bad_qif', message: 'the file has no !Type: line' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, lines, skipped };
}
