/**
 * Xero and Sage journal CSVs parsed back: the columns exactly as documented (docs/exports.md), one
 * row per journal line in the period, every entry balanced in the file, amounts with two decimals,
 * the client on every row, and the totals per client and account equal to the ledger (computed
 * here from journal_lines through the documented mapping). Text that Excel would run as a formula
 * is defused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_CHART } from '../../../../shared/domain';
import { exportFileName, writeExport } from '../../../../main/reports/exports';
import { NOMINAL, SAGE_COLUMNS, XERO_COLUMNS, nominalOf } from '../../../../main/reports/exports/csv';
import { csvText } from '../../../../main/reports/exports/text';
import { tempDir } from '../../../fixtures/temp';
import { reportsWorld, TODAY, type ReportsWorld } from '../fixture';
import { code4, filesIn, ledgerSums, lineCount, parseCsv, toPence } from './helpers';

let w: ReportsWorld;
const meta = { organisationName: 'Riverside Support Brokers', generatedOn: TODAY };
const from = '2026-04-01';
const to = '2026-07-31';

beforeAll(async () => {
  w = await reportsWorld();
}, 60_000);
afterAll(() => w.close());

async function csv(kind: 'xero' | 'sage'): Promise<string[][]> {
  const dir = tempDir();
  const name = exportFileName({ kind, from, to }, TODAY);
  expect(name).toBe(`${kind}-journal-${from}-to-${to}.csv`);
  await writeExport(w.db(), meta, { kind, from, to }, path.join(dir, name), {});
  expect(filesIn(dir)).toEqual([name]);
  return parseCsv(fs.readFileSync(path.join(dir, name), 'utf8'));
}

/** The ledger's sums per client code and nominal code (through the documented mapping). */
function expectedByNominal(): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of ledgerSums(w.db(), from, to)) {
    const [c, code] = k.split('|') as [string, string];
    const key = `${code4(Number(c))}|${nominalOf(code).code}`;
    out.set(key, (out.get(key) ?? 0) + v);
  }
  for (const [k, v] of out) if (v === 0) out.delete(k);
  return out;
}

describe('the account mapping', () => {
  it('maps every account of the client chart to its own nominal code', () => {
    const codes = CLIENT_CHART.map((a) => NOMINAL[a.code]?.code);
    expect(codes.every((c) => c !== undefined && /^\d{4}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(CLIENT_CHART.length);
    expect(nominalOf('nonsense').code).toBe('9998');
  });
});

describe('Xero manual journal CSV', () => {
  it('has the documented columns, one row per line, balanced journals and the ledger totals', async () => {
    const rows = await csv('xero');
    expect(rows[0]).toEqual([...XERO_COLUMNS]);
    const body = rows.slice(1);
    expect(body.length).toBe(lineCount(w.db(), from, to));
    expect(body.every((r) => r.length === XERO_COLUMNS.length)).toBe(true);
    const journals = new Map<string, number>();
    const sums = new Map<string, number>();
    for (const r of body) {
      const [narration, date, , account, tax, amount, tn1, to1] = r as [string, string, string, string, string, string, string, string];
      expect(date).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(tax).toBe('No VAT');
      expect(amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(tn1).toBe('Client');
      expect(to1).toMatch(/^C\d{4} /);
      expect(narration).toMatch(/^Steward entry \d+ - C\d{4} /);
      const key = `${narration}|${date}`;
      journals.set(key, (journals.get(key) ?? 0) + toPence(amount));
      const sk = `${to1.slice(0, 5)}|${account}`;
      sums.set(sk, (sums.get(sk) ?? 0) + toPence(amount));
    }
    // Xero makes one journal of the rows with the same narration and date: each must balance.
    expect(journals.size).toBe((w.db().prepare('SELECT COUNT(*) AS n FROM journal_entries WHERE date >= ? AND date <= ?').get(from, to) as { n: number }).n);
    for (const [k, v] of journals) expect([k, v]).toEqual([k, 0]);
    for (const [k, v] of sums) if (v === 0) sums.delete(k);
    expect(sums).toEqual(expectedByNominal());
    expect(body.some((r) => r[7] === `${code4(w.zoe.id)} Zoë Ní Bhriain`)).toBe(true);
  });
});

describe('Sage 50 audit trail CSV', () => {
  it('has the documented columns, JD/JC lines, balanced references and the ledger totals', async () => {
    const rows = await csv('sage');
    expect(rows[0]).toEqual([...SAGE_COLUMNS]);
    const body = rows.slice(1);
    expect(body.length).toBe(lineCount(w.db(), from, to));
    const refs = new Map<string, number>();
    const sums = new Map<string, number>();
    for (const r of body) {
      expect(r.length).toBe(SAGE_COLUMNS.length);
      const [type, accountRef, nominal, dept, date, ref, details, net, taxCode, taxAmount, , extra] = r as string[] as [string, string, string, string, string, string, string, string, string, string, string, string];
      expect(['JD', 'JC']).toContain(type);
      expect(accountRef).toBe('');
      expect(dept).toBe('0');
      expect(date).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(ref).toMatch(/^ST\d+$/);
      expect(ref.length).toBeLessThanOrEqual(30);
      expect(details.length).toBeLessThanOrEqual(60);
      expect(details.startsWith(`${extra} `)).toBe(true);
      expect(net).toMatch(/^\d+\.\d{2}$/);
      expect(taxCode).toBe('T9');
      expect(taxAmount).toBe('0.00');
      const signed = (type === 'JD' ? 1 : -1) * toPence(net);
      refs.set(ref, (refs.get(ref) ?? 0) + signed);
      const sk = `${extra}|${nominal}`;
      sums.set(sk, (sums.get(sk) ?? 0) + signed);
    }
    for (const [k, v] of refs) expect([k, v]).toEqual([k, 0]);
    for (const [k, v] of sums) if (v === 0) sums.delete(k);
    expect(sums).toEqual(expectedByNominal());
  });
});

describe('CSV text', () => {
  it('quotes commas and quotes, and defuses formulas', () => {
    expect(csvText('a, "b"')).toBe('"a, ""b"""');
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvText('+44 1234')).toBe("'+44 1234");
    expect(csvText('line\nbreak')).toBe('line break');
  });
});
