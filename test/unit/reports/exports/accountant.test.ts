/**
 * The accountant pack, read back with exceljs: the sheets, the trial balance totals (debits =
 * credits) and formulas with their results, every journal line in the period on the Journal sheet
 * with per-client sums equal to the ledger (computed here from journal_lines), reversals marked,
 * the payroll lines with their pay run, client balances equal to the bank share, the pooled check
 * difference 0, £ formats, frozen headers and autofilters. Progress is reported in journal lines;
 * a cancel mid-export (directly and through a report job) leaves no file at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../../shared/dates';
import { accountBalances } from '../../../../main/ledger/balances';
import { writeExport } from '../../../../main/reports/exports';
import { DATE_FMT, GBP, HEADER_ROW, SHEETS } from '../../../../main/reports/exports/accountant';
import { PACING } from '../../../../main/reports/exports/read';
import { startJob, cancelJob, waitForJob } from '../../../../main/reports/jobs';
import { tempDir } from '../../../fixtures/temp';
import { bankShareAt, reportsWorld, TODAY, type ReportsWorld } from '../fixture';
import { code4, filesIn, ledgerSums, lineCount } from './helpers';

let w: ReportsWorld;
const meta = { organisationName: 'Riverside Support Brokers', generatedOn: TODAY };

beforeAll(async () => {
  w = await reportsWorld();
}, 60_000);
afterAll(() => w.close());

/**
 * Pence from a cell value. exceljs's reader drops a formula result of 0 (it is in the file: the
 * "every formula has its result" test reads the XML), so a formula without one counts as 0 here.
 */
const pence = (v: unknown): number => {
  const n =
    typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'formula' in v ? Number((v as { result?: unknown }).result ?? 0) : NaN;
  return Math.round(n * 100);
};

/** The data rows of a sheet: from below the header to before the first row whose column `labelCol` says "Total". */
function dataRows(ws: ExcelJS.Worksheet, labelCol: number): ExcelJS.Row[] {
  const out: ExcelJS.Row[] = [];
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(labelCol).value === 'Total') break;
    out.push(row);
  }
  return out;
}

function totalRow(ws: ExcelJS.Worksheet, labelCol: number): ExcelJS.Row {
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(labelCol).value === 'Total') return ws.getRow(r);
  throw new Error(`no Total row on ${ws.name}`);
}

async function pack(from: string, to: string): Promise<{ wb: ExcelJS.Workbook; progress: Array<[number, number]>; file: string }> {
  const dir = tempDir();
  const progress: Array<[number, number]> = [];
  const finalPath = path.join(dir, `accountant-pack-${from}-to-${to}.xlsx`);
  const f = await writeExport(w.db(), meta, { kind: 'accountant', from, to }, finalPath, { onProgress: (d, t) => progress.push([d, t]) });
  expect(f.fileName).toBe(path.basename(finalPath));
  expect(filesIn(dir)).toEqual([path.basename(finalPath)]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(finalPath);
  return { wb, progress, file: finalPath };
}

describe('accountant pack', () => {
  const from = '2026-04-01';
  const to = '2026-07-31';

  it('has the six sheets, each with a frozen header, an autofilter and £ formats', async () => {
    const { wb } = await pack(from, to);
    expect(wb.worksheets.map((s) => s.name)).toEqual([...SHEETS]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${HEADER_ROW}:[A-Z]+\\d+$`));
      expect(ws.getRow(HEADER_ROW).getCell(1).font?.bold).toBe(true);
      expect(ws.getRow(1).getCell(1).value).toBeTruthy();
      for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(8);
    }
    const tb = wb.getWorksheet('Trial balance')!;
    expect(tb.getRow(HEADER_ROW + 1).getCell(5).numFmt).toBe(GBP);
    const j = wb.getWorksheet('Journal')!;
    expect(j.getRow(HEADER_ROW + 1).getCell(1).numFmt).toBe(DATE_FMT);
    expect(j.getRow(HEADER_ROW + 1).getCell(1).value).toBeInstanceOf(Date);
  });

  it('trial balance: debits equal credits, totals are SUM formulas with their results, and match the ledger', async () => {
    const { wb } = await pack(from, to);
    const tb = wb.getWorksheet('Trial balance')!;
    const rows = dataRows(tb, 2);
    const t = totalRow(tb, 2);
    const first = HEADER_ROW + 1;
    const last = first + rows.length - 1;
    for (const [col, L] of [[4, 'D'], [5, 'E'], [6, 'F'], [7, 'G']] as const) {
      const v = t.getCell(col).value as { formula: string; result: number };
      expect(v.formula).toBe(`SUM(${L}${first}:${L}${last})`);
      expect(pence(v)).toBe(rows.reduce((s, r) => s + pence(r.getCell(col).value), 0));
    }
    const debits = pence(t.getCell(5).value);
    const credits = pence(t.getCell(6).value);
    expect(debits).toBeGreaterThan(0);
    expect(debits).toBe(credits);
    expect(pence(t.getCell(4).value)).toBe(0);
    expect(pence(t.getCell(7).value)).toBe(0);
    const check = tb.getRow(t.number + 1).getCell(5).value as { formula: string; result: number };
    expect(check.formula).toBe(`E${t.number}-F${t.number}`);
    expect(pence(check)).toBe(0);
    // Independently: debits in the period = sum of positive lines.
    const d = (w.db().prepare('SELECT SUM(amount) AS s FROM journal_lines WHERE amount > 0 AND date >= ? AND date <= ?').get(from, to) as { s: number }).s;
    expect(debits).toBe(d);
    // Closing balance by account code = the ledger's balance at `to` over all clients.
    const bank = rows.find((r) => r.getCell(1).value === 'bank')!;
    const bankAll = (w.db().prepare(`SELECT SUM(l.amount) AS s FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.code = 'bank' AND l.date <= ?`).get(to) as { s: number }).s;
    expect(pence(bank.getCell(7).value)).toBe(bankAll);

    // By client: every client's every account closes at its ledger balance at `to`, and the
    // debits total is the same as on the consolidated sheet.
    const bc = wb.getWorksheet('Trial balance by client')!;
    const got = new Map<string, number>();
    for (const r of dataRows(bc, 2)) {
      const closing = pence(r.getCell(8).value);
      expect(closing).toBe(pence(r.getCell(5).value) + pence(r.getCell(6).value) - pence(r.getCell(7).value));
      if (closing !== 0) got.set(`${String(r.getCell(1).value)}|${String(r.getCell(3).value)}`, closing);
    }
    const want = new Map<string, number>();
    for (const c of [w.zoe, w.tomasz, w.beatrix, w.edmund]) for (const a of accountBalances(w.db(), c.id, to)) if (a.balance !== 0) want.set(`${code4(c.id)}|${a.code}`, a.balance);
    expect(got).toEqual(want);
    expect(pence(totalRow(bc, 2).getCell(6).value)).toBe(debits);
  });

  it('journal: every line of the period, per-client sums equal the ledger, reversals marked', async () => {
    const { wb, progress } = await pack(from, to);
    const j = wb.getWorksheet('Journal')!;
    const rows = dataRows(j, 4);
    const n = lineCount(w.db(), from, to);
    expect(n).toBeGreaterThan(20);
    expect(rows.length).toBe(n);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress[0]).toEqual([0, progress.at(-1)![1]]);
    const sums = new Map<string, number>();
    const codes = new Map([w.zoe, w.tomasz, w.beatrix, w.edmund].map((c) => [code4(c.id), c.id]));
    for (const r of rows) {
      const key = `${codes.get(String(r.getCell(3).value))}|${String(r.getCell(5).value)}`;
      const amount = pence(r.getCell(7).value ?? 0) - pence(r.getCell(8).value ?? 0);
      sums.set(key, (sums.get(key) ?? 0) + amount);
    }
    for (const [k, v] of sums) if (v === 0) sums.delete(k);
    expect(sums).toEqual(ledgerSums(w.db(), from, to));
    // The mistaken payment and its reversal are both there, each pointing at the other.
    const rev = rows.filter((r) => r.getCell(2).value === w.entries.mistakenReversal);
    expect(rev.length).toBeGreaterThanOrEqual(2);
    expect(rev.every((r) => r.getCell(11).value === 'Reversal' && r.getCell(13).value === `Reverses entry ${w.entries.mistaken}`)).toBe(true);
    const orig = rows.filter((r) => r.getCell(2).value === w.entries.mistaken);
    expect(orig.length).toBeGreaterThanOrEqual(2);
    expect(orig.every((r) => r.getCell(13).value === `Reversed by entry ${w.entries.mistakenReversal}`)).toBe(true);
    // Totals row: SUM formulas, debits = credits.
    const t = totalRow(j, 4);
    const dv = t.getCell(7).value as { formula: string; result: number };
    expect(dv.formula).toBe(`SUM(G${HEADER_ROW + 1}:G${HEADER_ROW + n})`);
    expect(pence(dv)).toBe(pence(t.getCell(8).value));
  });

  it('payroll journal: the payroll entries lines with their pay run', async () => {
    const { wb } = await pack(from, to);
    const p = wb.getWorksheet('Payroll journal')!;
    const rows = dataRows(p, 4);
    const n = (w.db().prepare(`SELECT COUNT(*) AS n FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE e.kind = 'payroll' AND e.date >= ? AND e.date <= ?`).get(from, to) as { n: number }).n;
    expect(n).toBeGreaterThan(0);
    expect(rows.length).toBe(n);
    expect(rows.every((r) => String(r.getCell(5).value).startsWith(`Pay run ${w.payRun.id}:`))).toBe(true);
    expect(rows.every((r) => r.getCell(12).value === 'Payroll')).toBe(true);
    const t = totalRow(p, 4);
    expect(pence(t.getCell(8).value)).toBe(pence(t.getCell(9).value));
  });

  it('client balances and the pooled account check agree with the ledger', async () => {
    const from2 = '2026-05-01';
    const to2 = '2026-06-30';
    const { wb } = await pack(from2, to2);
    const cb = wb.getWorksheet('Client balances')!;
    const rows = dataRows(cb, 2);
    expect(rows.length).toBe(4);
    for (const c of [w.zoe, w.tomasz, w.beatrix, w.edmund]) {
      const r = rows.find((x) => x.getCell(1).value === code4(c.id))!;
      expect(r.getCell(2).value).toBe(c.name);
      expect(pence(r.getCell(4).value)).toBe(bankShareAt(w.db(), c.id, addDays(from2, -1)));
      const closing = r.getCell(7).value as { formula: string; result: number };
      expect(closing.formula).toBe(`D${r.number}+E${r.number}-F${r.number}`);
      expect(pence(closing)).toBe(bankShareAt(w.db(), c.id, to2));
      expect(pence(r.getCell(4).value) + pence(r.getCell(5).value) - pence(r.getCell(6).value)).toBe(pence(closing));
    }
    expect(pence(rows[0]!.getCell(4).value)).not.toBe(0);
    const t = totalRow(cb, 2);
    expect(pence(t.getCell(7).value)).toBe([w.zoe, w.tomasz, w.beatrix, w.edmund].reduce((s, c) => s + bankShareAt(w.db(), c.id, to2), 0));

    const pc = wb.getWorksheet('Pooled account check')!;
    const prow: ExcelJS.Row[] = [];
    for (let r = HEADER_ROW + 1; r <= pc.rowCount; r++) if (pc.getRow(r).getCell(1).value) prow.push(pc.getRow(r));
    const pooled = prow.find((r) => r.getCell(1).value === w.pooled.name)!;
    expect(pooled.getCell(2).value).toBe('Pooled');
    expect(pooled.getCell(3).value).toBe(3);
    const shares = [w.tomasz, w.beatrix, w.edmund].reduce((s, c) => s + bankShareAt(w.db(), c.id, to2), 0);
    expect(pence(pooled.getCell(4).value)).toBe(shares);
    expect(pence(pooled.getCell(5).value)).toBe(shares);
    const diff = pooled.getCell(6).value as { formula: string; result: number };
    expect(diff.formula).toBe(`D${pooled.number}-E${pooled.number}`);
    expect(pence(diff)).toBe(0);
    expect(prow.some((r) => r.getCell(2).value === 'Dedicated')).toBe(true);
    for (const r of prow) expect(pence(r.getCell(6).value)).toBe(0);
  });

  it('the pooled check is not a sum compared with itself: it shows a ledger changed outside Steward', async () => {
    const t = await reportsWorld();
    try {
      const db = t.db();
      // Change one of Tomasz's bank lines (and its other side, so the entry still balances) behind
      // the triggers' back: the lines now disagree with the bank amount kept on the entry.
      const line = db
        .prepare(`SELECT l.entry_id AS e, l.seq AS s FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.client_id = ? AND a.code = 'bank' ORDER BY l.entry_id LIMIT 1`)
        .get(t.tomasz.id) as { e: number; s: number };
      const other = db.prepare('SELECT seq AS s FROM journal_lines WHERE entry_id = ? AND seq <> ? LIMIT 1').get(line.e, line.s) as { s: number };
      db.exec('DROP TRIGGER journal_lines_no_update');
      db.prepare('UPDATE journal_lines SET amount = amount + 1234 WHERE entry_id = ? AND seq = ?').run(line.e, line.s);
      db.prepare('UPDATE journal_lines SET amount = amount - 1234 WHERE entry_id = ? AND seq = ?').run(line.e, other.s);
      const dir = tempDir();
      const f = await writeExport(db, meta, { kind: 'accountant', from: '2026-04-01', to: '2026-07-31' }, path.join(dir, 'pack.xlsx'), {});
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f.path);
      const pc = wb.getWorksheet('Pooled account check')!;
      let pooled: ExcelJS.Row | undefined;
      for (let r = HEADER_ROW + 1; r <= pc.rowCount; r++) if (pc.getRow(r).getCell(1).value === t.pooled.name) pooled = pc.getRow(r);
      expect(pence(pooled!.getCell(6).value)).toBe(1234);
    } finally {
      t.close();
    }
  }, 60_000);

  it('every formula in the file carries its result (so readers that do not calculate show the value)', async () => {
    const { file } = await pack(from, to);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    let formulas = 0;
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      const cells = xml.match(/<c [^>]*>(?:(?!<\/c>).)*<f>(?:(?!<\/c>).)*<\/c>/g) ?? [];
      formulas += cells.length;
      for (const c of cells) expect(c).toMatch(/<\/f><v>-?[0-9.]+<\/v>/);
    }
    expect(formulas).toBeGreaterThan(10);
  });

  it('a cancel mid-export leaves no file under the final name and no temporary file', async () => {
    const dir = tempDir();
    const finalPath = path.join(dir, 'pack.xlsx');
    PACING.every = 5;
    let calls = 0;
    try {
      await expect(
        writeExport(w.db(), meta, { kind: 'accountant', from, to }, finalPath, {
          onProgress: () => calls++,
          isCancelled: () => calls >= 3,
        }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/cancelled/) });
    } finally {
      PACING.every = 5000;
    }
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(filesIn(dir)).toEqual([]);
  });

  it('a report job cancelled at once ends "cancelled" with no file', async () => {
    const dir = tempDir();
    const st = startJob(() => w.db(), meta, { kind: 'accountant', from, to }, dir, () => '2026-08-01T09:00:00.000Z');
    cancelJob(st.jobId);
    const done = await waitForJob(st.jobId);
    expect(done.state).toBe('cancelled');
    expect(done.files).toEqual([]);
    expect(filesIn(dir)).toEqual([]);
  });

  it('a report job runs to the end and lists its one file', async () => {
    const dir = tempDir();
    const st = startJob(() => w.db(), meta, { kind: 'accountant', from, to }, dir, () => '2026-08-01T09:00:00.000Z');
    const done = await waitForJob(st.jobId);
    expect(done.state).toBe('done');
    expect(done.files.map((f) => f.fileName)).toEqual([`accountant-pack-${from}-to-${to}.xlsx`]);
    expect(done.total).toBeGreaterThan(0);
    expect(filesIn(dir)).toEqual([`accountant-pack-${from}-to-${to}.xlsx`]);
  });
});
