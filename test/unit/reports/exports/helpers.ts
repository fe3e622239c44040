/**
 * What the export tests share: the ledger's own figures computed here straight from journal_lines
 * (independent of the export code), a small RFC 4180 CSV reader, and the list of files in a folder
 * (to show nothing was left under a final or temporary name).
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Sum of lines per client and account code with from <= date <= to (signed pence). */
export function ledgerSums(db: Database, from: string, to: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT a.client_id AS c, a.code, SUM(l.amount) AS t FROM journal_lines l JOIN accounts a ON a.id = l.account_id
        WHERE l.date >= ? AND l.date <= ? GROUP BY a.client_id, a.code`,
    )
    .all(from, to) as Array<{ c: number; code: string; t: number }>;
  return new Map(rows.filter((r) => r.t !== 0).map((r) => [`${r.c}|${r.code}`, r.t]));
}

export function lineCount(db: Database, from: string, to: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM journal_lines WHERE date >= ? AND date <= ?').get(from, to) as { n: number }).n;
}

/** Parse CSV text (quoted fields, doubled quotes, CRLF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      // end of row on the \n
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Pounds "1234.56" / "-5.00" → pence, exactly (no floating point). */
export function toPence(s: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not an amount with two decimals: "${s}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

export const code4 = (id: number): string => `C${String(id).padStart(4, '0')}`;
