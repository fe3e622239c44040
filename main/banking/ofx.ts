/**
 * OFX 1.x (SGML: leaf elements have no closing tag) and OFX 2.x (XML) statements, and Quicken's
 * QFX (OFX with Intuit extras). Each <STMTTRN> becomes a bank line: DTPOSTED (date as written),
 * TRNAMT (signed, paid in positive), FITID (the bank's id), NAME and MEMO (description),
 * CHECKNUM or REFNUM (reference). TRNTYPE is read but the sign always comes from TRNAMT.
 *
 * Strict where a broken file would otherwise lose lines: the file must close </OFX>, every
 * <STMTTRN> must close, and a file holding more than one account's statement is refused.
 */
import { parseBankAmount } from './amounts';
import { parseOfxDate } from './dates';
import { LineIndex } from './lines';
import { MAX_ERRORS, type BankLine, type BodyResult, type ParseError } from './types';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,6});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

interface Field {
  value: string;
  offset: number;
}

/** Leaf values inside one aggregate: the first occurrence of each tag wins. */
function readFields(block: string, base: number): Map<string, Field> {
  const out = new Map<string, Field>();
  const re = /<([A-Za-z][A-Za-z0-9_.]*)>([^<]*)/g;
  for (let m = re.exec(block); m !== null; m = re.exec(block)) {
    const tag = (m[1] as string).toUpperCase();
    if (!out.has(tag)) out.set(tag, { value: decodeEntities((m[2] as string).trim()), offset: base + m.index });
  }
  return out;
}

export function looksLikeOfx(text: string): boolean {
  const head = text.slice(0, 4096);
  return /OFXHEADER/i.test(head) || /<OFX>/i.test(head) || /<\?OFX/i.test(head);
}

export function parseOfx(text: string): BodyResult {
  const idx = new LineIndex(text);
  const fail = (line: number, column: string | null, message: string): BodyResult => ({ ok: false, errors: [{ line, column, code: 'bad_ofx', message }] });
  // Comments out of the way (offsets kept: replaced by spaces of the same length).
  const body = text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\r\n]/g, ' '));
  // Case-insensitive search without toUpperCase (which can change the length of the text).
  const find = (tag: string, from: number): number => {
    const re = new RegExp(tag.replace(/[/?]/g, '\\$&'), 'gi');
    re.lastIndex = from;
    const m = re.exec(body);
    return m ? m.index : -1;
  };
  const findLast = (tag: string): number => {
    const re = new RegExp(tag.replace(/[/?]/g, '\\$&'), 'gi');
    let last = -1;
    for (let m = re.exec(body); m !== null; m = re.exec(body)) last = m.index;
    return last;
  };
  const count = (tag: string): number => body.match(new RegExp(tag, 'gi'))?.length ?? 0;
  const open = find('<OFX>', 0);
  if (open < 0) return fail(1, null, 'no <OFX> element: this is not an OFX or QFX file');
  const close = findLast('</OFX>');
  if (close < open) return fail(idx.lineOf(text.length), null, 'the file ends before </OFX>: it is cut short');
  const accounts = count('<STMTRS>') + count('<CCSTMTRS>');
  if (accounts > 1) return fail(1, null, `the file holds ${accounts} statements: import one account at a time`);

  const lines: BankLine[] = [];
  const errors: ParseError[] = [];
  let blocksWithAmount = 0;
  let at = find('<STMTTRN>', open);
  while (at >= 0 && at < close) {
    const line = idx.lineOf(at);
    if (errors.length >= MAX_ERRORS) {
      errors.push({ line, column: null, code: 'too_many_errors', message: `stopped after ${MAX_ERRORS} errors` });
      break;
    }
    const end = find('</STMTTRN>', at);
    const next = find('<STMTTRN>', at + 9);
    if (end < 0 || end > close || (next >= 0 && next < end)) {
      errors.push({ line, column: 'STMTTRN', code: 'bad_ofx', message: 'a <STMTTRN> transaction is not closed by </STMTTRN>' });
      break;
    }
    const fields = readFields(body.slice(at + 9, end), at + 9);
    const lineOf = (tag: string): number => {
      const f = fields.get(tag);
      return f ? idx.lineOf(f.offset) : line;
    };
    const dt = fields.get('DTPOSTED');
    const amt = fields.get('TRNAMT');
    if (amt) blocksWithAmount++;
    let date: string | null = null;
    let amount: number | null = null;
    if (!dt || dt.value === '') {
      errors.push({ line, column: 'DTPOSTED', code: 'missing_date', message: 'the transaction has no DTPOSTED date' });
    } else {
      const d = parseOfxDate(dt.value);
      if (d.ok) date = d.iso;
      else errors.push({ line: lineOf('DTPOSTED'), column: 'DTPOSTED', code: 'bad_date', message: d.message });
    }
    if (!amt || amt.value === '') {
      errors.push({ line, column: 'TRNAMT', code: 'missing_amount', message: 'the transaction has no TRNAMT amount' });
    } else if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(amt.value)) {
      errors.push({ line: lineOf('TRNAMT'), column: 'TRNAMT', code: 'bad_amount', message: `"${amt.value}" is not an OFX amount (like -12.50)` });
    } else {
      const a = parseBankAmount(amt.value, { decimalComma: true });
      if (a.ok) amount = a.pence;
      else errors.push({ line: lineOf('TRNAMT'), column: 'TRNAMT', code: 'bad_amount', message: a.message });
    }
    if (date !== null && amount !== null && errors.length === 0) {
      const name = fields.get('NAME')?.value ?? '';
      const memo = fields.get('MEMO')?.value ?? '';
      const description = (name && memo && memo !== name ? `${name} ${memo}` : name || memo).replace(/\s+/g, ' ');
      const ref = fields.get('CHECKNUM')?.value || fields.get('REFNUM')?.value || '';
      const fitid = fields.get('FITID')?.value ?? '';
      lines.push({ date, amount, description, reference: ref === '' ? null : ref, bankTransactionId: fitid === '' ? null : fitid, runningBalance: null, sourceLine: line });
    }
    at = next;
  }
  if (errors.length === 0) {
    // Every amount must belong to a transaction: a damaged opening tag would otherwise drop one.
    const opens = count('<STMTTRN>');
    const closes = count('</STMTTRN>');
    // Amounts in the transaction list only (a pending list, <BANKTRANLISTP>, may hold others).
    const listOpen = find('<BANKTRANLIST>', open);
    const listClose = listOpen < 0 ? -1 : find('</BANKTRANLIST>', listOpen);
    const list = listOpen < 0 ? body : body.slice(listOpen, listClose < 0 ? close : listClose);
    const amounts = list.match(/<TRNAMT>/gi)?.length ?? 0;
    if (opens !== closes || amounts !== blocksWithAmount) {
      errors.push({ line: 1, column: 'STMTTRN', code: 'bad_ofx', message: `the file is damaged: ${opens} <STMTTRN>, ${closes} </STMTTRN> and ${amounts} <TRNAMT> do not match up` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, lines, skipped: [] };
}
