/**
 * Council monitoring returns (issue 6, point 3) on the shared reports fixture: the figures checked
 * by hand and against the journal (independently of the report code), the PDF read back with
 * pdftotext, the workbook read back with exceljs, the evidence pack read back with jszip (every
 * file present, the manifest's sha256s true), batches through the job writer, and every kind of
 * bad input refused with nothing written.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { metaOf, type OutputMeta } from '../../../../main/payroll/outputs/common';
import { runJobWriter, waitForJob } from '../../../../main/reports/jobs';
import { buildReturnData, makeEvidencePack, makeReturnPdf, makeReturnXlsx } from '../../../../main/reports/return';
import { StewardError } from '../../../../shared/errors';
import { formatPence } from '../../../../shared/money';
import { tempDir } from '../../../fixtures/temp';
import { bankMovements, bankShareAt, PERIODS, RECEIPT_PNG_BASE64, reportsWorld, TODAY, type ReportsWorld } from '../fixture';

let w: ReportsWorld;
let meta: OutputMeta;
/** Periods used below: the first two council periods (with the pay run) and the third (reversal, unpaid contribution). */
const P12 = { from: PERIODS.p1.from, to: PERIODS.p2.to };
const P3 = PERIODS.p3;

beforeAll(async () => {
  w = await reportsWorld();
  // Evidence the fixture does not record: the employer's liability insurance (lapsed on 20 May)
  // and the PA's DBS check (3 years old on 10 May 2026; the funder's rule is 3 years).
  await w.call('employer.set', { clientId: w.zoe.id, employersLiabilityInsurer: 'Acme Mutual', employersLiabilityRenewalDate: '2026-05-20' });
  await w.call('pa.update', { id: w.pa.id, patch: { dbsCheckDate: '2023-05-10' } });
  meta = metaOf(w.db(), TODAY);
}, 120_000);

afterAll(() => w?.close());

/** Expense lines per account code in the period, straight from the journal. */
function ledgerSpending(clientId: number, from: string, to: string): Map<string, number> {
  const rows = w
    .db()
    .prepare(
      `SELECT a.code, SUM(l.amount) AS t FROM journal_lines l JOIN accounts a ON a.id = l.account_id
        WHERE a.client_id = ? AND a.type = 'expense' AND l.date BETWEEN ? AND ? GROUP BY a.code`,
    )
    .all(clientId, from, to) as Array<{ code: string; t: number }>;
  return new Map(rows.map((r) => [r.code, r.t]));
}

function pdfText(data: Buffer): string {
  const file = path.join(tempDir(), 'r.pdf');
  fs.writeFileSync(file, data);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.replace(/[ \t]+/g, ' ');
}

const sha = (b: Buffer | Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');

describe('return figures', () => {
  it('funding streams: weekly and yearly by the rule, expected and received in the period', () => {
    const d = buildReturnData(w.db(), w.zoe.id, P12.from, P12.to, TODAY);
    expect(d.clientName).toBe('Zoë Ní Bhriain');
    expect(d.councilRef).toBe('SHC-1001');
    expect(d.funder?.name).toBe('St Helens Council');
    expect(d.period).toEqual({ from: '2026-04-06', to: '2026-05-31', days: 56 });
    expect(d.funding.streams).toHaveLength(1);
    // £4,000.00 every 4 weeks: weekly £1,000.00, yearly 13 × £4,000.00; due 6 Apr and 4 May.
    expect(d.funding.streams[0]).toMatchObject({ funderName: 'St Helens Council', cadence: 'four-weekly', amount: 400_000, weekly: 100_000, yearly: 5_200_000, dueInPeriod: 2, expectedInPeriod: 800_000, receivedInPeriod: 800_000 });
    expect(d.funding).toMatchObject({ weekly: 100_000, yearly: 5_200_000, expectedInPeriod: 800_000, receivedInPeriod: 800_000 });
    // Monthly £500.00: weekly = £500.00 × 12 ÷ 52 = £115.3846… → £115.38; yearly = 12 × £500.00 = £6,000.00 (as the award letter says, not £115.38 × 52).
    const b = buildReturnData(w.db(), w.beatrix.id, '2026-04-01', '2026-06-30', TODAY);
    expect(b.funding.streams[0]).toMatchObject({ cadence: 'monthly', amount: 50_000, weekly: 11_538, yearly: 600_000, dueInPeriod: 3, expectedInPeriod: 150_000, receivedInPeriod: 150_000 });
  });

  it('the contribution: assessed and received in the period, arrears at its end', () => {
    const a = buildReturnData(w.db(), w.zoe.id, P12.from, P12.to, TODAY);
    // £80.00 every 4 weeks: £20.00 a week, £1,040.00 a year; due 6 Apr and 4 May, both paid.
    expect(a.contribution).toMatchObject({ weekly: 2_000, yearly: 104_000, assessedInPeriod: 16_000, receivedInPeriod: 16_000, arrears: 0 });
    // 1–28 June: £80.00 due on 1 June, nothing paid: £80.00 in arrears at 28 June.
    const b = buildReturnData(w.db(), w.zoe.id, P3.from, P3.to, TODAY);
    expect(b.contribution).toMatchObject({ assessedInPeriod: 8_000, receivedInPeriod: 0, assessedToDate: 24_000, receivedToDate: 16_000, arrears: 8_000 });
  });

  it('spending by category adds up to the ledger, payroll included, a reversed payment netted', () => {
    // The last period starts and ends on payment days: both ends of a period count.
    for (const p of [P12, P3, PERIODS.p4, { from: '2026-04-30', to: '2026-05-31' }]) {
      const d = buildReturnData(w.db(), w.zoe.id, p.from, p.to, TODAY);
      const ledger = ledgerSpending(w.zoe.id, p.from, p.to);
      for (const l of d.spending.lines) expect(l.amount, `${l.code} ${p.from}`).toBe(ledger.get(l.code) ?? 0);
      expect(d.spending.total).toBe([...ledger.values()].reduce((s, v) => s + v, 0));
    }
    expect(buildReturnData(w.db(), w.zoe.id, '2026-04-30', '2026-05-31', TODAY).spending.lines.find((l) => l.category === 'agency')!.amount).toBe(45_000 + 47_000);
    const d = buildReturnData(w.db(), w.zoe.id, P12.from, P12.to, TODAY);
    const cat = (c: string): number => d.spending.lines.find((l) => l.category === c)!.amount;
    // Hand-checked: the pay run's gross and employer costs, agency INV-1001 + INV-1002, art group, riser chair.
    expect(cat('pa-wages')).toBe(w.payRun.totals.gross);
    expect(cat('employer-ni')).toBe(w.payRun.totals.employerNi);
    expect(cat('pension')).toBe(w.payRun.totals.employerPension);
    expect(cat('agency')).toBe(45_000 + 47_000);
    expect(cat('activities')).toBe(3_000);
    expect(cat('equipment')).toBe(58_000);
    // June: hydrotherapy £50.00; the mistaken agency payment and its reversal cancel out.
    const june = buildReturnData(w.db(), w.zoe.id, P3.from, P3.to, TODAY);
    expect(june.spending.lines.find((l) => l.category === 'agency')!.amount).toBe(0);
    expect(june.spending.lines.find((l) => l.category === 'therapies')!.amount).toBe(5_000);
    expect(june.spending.total).toBe(5_000);
  });

  it('balance: closing = opening + receipts − paid out, against the journal', () => {
    for (const [client, p] of [[w.zoe.id, P12], [w.zoe.id, P3], [w.tomasz.id, PERIODS.p4], [w.beatrix.id, { from: '2026-06-01', to: '2026-07-31' }]] as const) {
      const d = buildReturnData(w.db(), client, p.from, p.to, TODAY);
      const moves = bankMovements(w.db(), client, p.from, p.to);
      const opening = bankShareAt(w.db(), client, new Date(Date.parse(`${p.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
      expect(d.balance.opening).toBe(opening);
      expect(d.balance.closing).toBe(bankShareAt(w.db(), client, p.to));
      const sum = (f: (m: (typeof moves)[number]) => boolean): number => moves.filter(f).reduce((s, m) => s + m.amount, 0);
      expect(d.balance.receipts.council).toBe(sum((m) => m.kind === 'receipt' && m.source === 'council'));
      expect(d.balance.receipts.contribution).toBe(sum((m) => m.kind === 'receipt' && m.source === 'contribution'));
      expect(d.balance.receipts.other).toBe(sum((m) => m.kind === 'receipt' && m.source === 'other'));
      expect(d.balance.paidOut).toBe(-sum((m) => m.kind !== 'receipt'));
      expect(d.balance.closing).toBe(d.balance.opening + d.balance.receipts.total - d.balance.paidOut);
    }
    const d = buildReturnData(w.db(), w.zoe.id, P12.from, P12.to, TODAY);
    expect(d.balance.receipts).toEqual({ council: 800_000, contribution: 16_000, other: 2_500, total: 818_500 });
  });

  it('surplus under the funder’s rule at the end of the period', () => {
    const d = buildReturnData(w.db(), w.zoe.id, PERIODS.p4.from, PERIODS.p4.to, TODAY);
    // Weekly funding £1,000.00 council + £20.00 contribution; 8 weeks allowed + 2 weeks' contingency.
    expect(d.surplus.weeklyFunding).toBe(102_000);
    expect(d.surplus.threshold).toBe(10 * 102_000);
    const closing = bankShareAt(w.db(), w.zoe.id, PERIODS.p4.to);
    expect(d.surplus.balance).toBe(closing);
    expect(d.surplus.surplus).toBe(Math.max(0, d.surplus.countable - 1_020_000));
    // By 26 July Zoë holds more than 10 weeks of funding: a surplus under the rule.
    expect(d.surplus.surplus).toBeGreaterThan(0);
    expect(d.surplus.figures.at(-1)).toEqual({ label: 'Surplus', pence: d.surplus.surplus, text: null });
    expect(d.surplus.countable).toBe(closing - d.balance.unpaidClosing);
    expect(d.surplus.rule).toBe("Surplus = balance less unpaid wages and invoices, accrued holiday pay, above 8 weeks of funding plus 2 weeks' contingency.");
    expect(d.surplus.figures.map((f) => f.label)).toContain('Contingency: 2 weeks');
  });

  it('evidence list: held, missing, expired and not held by Steward, honestly', () => {
    const d = buildReturnData(w.db(), w.zoe.id, P12.from, P12.to, TODAY);
    const by = (k: string) => d.evidence.filter((e) => e.key === k);
    expect(by('bank-statements')[0]).toMatchObject({ status: 'missing', count: 0 });
    expect(by('payroll')[0]).toMatchObject({ status: 'held', count: 1 });
    expect(by('payroll')[0]!.detail).toContain(`run ${w.payRun.id} paid ${w.payRun.payDate}`);
    expect(by('hmrc-pension')[0]).toMatchObject({ status: 'held' });
    expect(by('timesheets')[0]).toMatchObject({ status: 'held', count: 1 });
    expect(by('holiday')[0]).toMatchObject({ status: 'missing' });
    expect(by('el-insurance')[0]).toMatchObject({ status: 'expired' });
    expect(by('el-insurance')[0]!.detail).toContain('Acme Mutual');
    // DBS of 10 May 2023 is older than 3 years at 31 May 2026, not yet at 3 May 2026.
    expect(by('dbs')[0]).toMatchObject({ item: 'DBS check: Siân Jones', status: 'expired' });
    expect(buildReturnData(w.db(), w.zoe.id, PERIODS.p1.from, PERIODS.p1.to, TODAY).evidence.find((e) => e.key === 'dbs')).toMatchObject({ status: 'held' });
    // Invoices: the riser chair has its receipt; the agency and art group payments do not.
    expect(by('invoices')[0]).toMatchObject({ status: 'missing', count: 1 });
    expect(by('invoices')[0]!.detail).toMatch(/3 of 4 payments have no invoice or receipt attached/);
    expect(by('contracts')[0]).toMatchObject({ status: 'not-kept' });
    expect(by('contracts')[0]!.detail).toMatch(/^Not held by Steward/);
    expect(d.attachments).toEqual([expect.objectContaining({ id: w.attachmentId, entryId: w.entries.equipment, filename: 'riser-chair-receipt.png', sha256: sha(Buffer.from(RECEIPT_PNG_BASE64, 'base64')) })]);
    // Tomasz employs nobody: payroll items are not applicable, not "missing".
    const t = buildReturnData(w.db(), w.tomasz.id, PERIODS.p4.from, PERIODS.p4.to, TODAY);
    for (const k of ['payroll', 'hmrc-pension', 'timesheets', 'holiday', 'el-insurance', 'dbs']) expect(t.evidence.find((e) => e.key === k)?.status, k).toBe('not-applicable');
  });

  it('unknown client → NOT_FOUND; no activity → VALIDATION NO_ACTIVITY', () => {
    expect(() => buildReturnData(w.db(), 9999, P12.from, P12.to, TODAY)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    let err: unknown;
    try {
      buildReturnData(w.db(), w.edmund.id, P12.from, P12.to, TODAY);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StewardError);
    expect((err as StewardError).code).toBe('VALIDATION');
    expect((err as StewardError).details).toMatchObject({ reason: 'NO_ACTIVITY' });
    expect((err as StewardError).message).toContain('Edmund Quiet has no money recorded up to 2026-05-31');
  });
});

describe('return PDF', () => {
  it('prints the figures; its totals tie out to the ledger', () => {
    const f = makeReturnPdf(w.db(), meta, { clientId: w.zoe.id, ...P12 });
    expect(f.fileName).toBe(`return-zoe-ni-bhriain-${w.zoe.id}-2026-04-06-to-2026-05-31.pdf`);
    const t = pdfText(f.data);
    const spent = [...ledgerSpending(w.zoe.id, P12.from, P12.to).values()].reduce((s, v) => s + v, 0);
    expect(t).toContain(`Total spending ${formatPence(spent)}`);
    expect(t).toContain(`Closing balance on 31 May 2026 ${formatPence(bankShareAt(w.db(), w.zoe.id, P12.to))}`);
    expect(t).toContain('Council funding £1,000.00 £52,000.00 £8,000.00 £8,000.00');
    expect(t).toContain('Opening balance on 6 April 2026 £0.00');
    expect(t).toContain(`PA wages expense:pa-wages ${formatPence(w.payRun.totals.gross)}`);
    expect(t).toContain('Zoë Ní Bhriain');
    expect(t).toContain('Riverside Support Brokers');
    expect(t).toMatch(/Page 1 of 2/);
    expect(t).toContain('Not held by');
    expect(t).toContain('riser-chair-receipt.png');
  });
});

describe('return workbook', () => {
  it('sheets, £ formats, frozen header rows, autofilters and SUM totals with their results', async () => {
    const f = await makeReturnXlsx(w.db(), meta, { clientId: w.zoe.id, ...P12 });
    expect(f.fileName).toBe(`return-zoe-ni-bhriain-${w.zoe.id}-2026-04-06-to-2026-05-31.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Funding', 'Spending', 'Evidence']);
    for (const s of wb.worksheets) {
      expect(s.views[0], s.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.getRow(1).font?.bold, s.name).toBe(true);
    }
    const sp = wb.getWorksheet('Spending')!;
    expect(sp.autoFilter).toBeTruthy();
    const total = sp.getRow(14);
    expect(total.getCell(1).value).toBe('Total');
    const v = total.getCell(3).value as { formula: string; result: number };
    expect(v.formula).toBe('SUM(C2:C13)');
    const spent = [...ledgerSpending(w.zoe.id, P12.from, P12.to).values()].reduce((s, x) => s + x, 0);
    expect(v.result).toBe(spent / 100);
    let rows = 0;
    for (let r = 2; r <= 13; r++) rows += Math.round((sp.getRow(r).getCell(3).value as number) * 100);
    expect(rows).toBe(spent);
    expect(sp.getColumn(3).numFmt).toBe('"£"#,##0.00;[Red]-"£"#,##0.00');
    expect(sp.getRow(5).getCell(3).numFmt).toBe('"£"#,##0.00;[Red]-"£"#,##0.00');
    const fu = wb.getWorksheet('Funding')!;
    expect(fu.autoFilter).toBeTruthy();
    const ft = fu.getRow(fu.rowCount);
    expect(ft.getCell(1).value).toBe('Total council funding');
    expect(ft.getCell(10).value).toEqual({ formula: 'SUM(J2:J3)', result: 8000 });
    expect(ft.getCell(11).value).toEqual({ formula: 'SUM(K2:K3)', result: 8000 });
    expect(fu.getRow(2).getCell(7).value).toBe(1000);
    expect(fu.getRow(2).getCell(8).value).toBe(52000);
    const su = wb.getWorksheet('Summary')!;
    const closingRow = su.getColumn(1).values.findIndex((x) => x === 'Closing balance');
    const c = su.getRow(closingRow).getCell(3).value as { formula: string; result: number };
    expect(c.formula).toMatch(/^C\d+\+C\d+\+C\d+\+C\d+-C\d+$/);
    expect(c.result).toBe(bankShareAt(w.db(), w.zoe.id, P12.to) / 100);
    const ev = wb.getWorksheet('Evidence')!;
    expect(ev.getColumn(1).values).toContain('Contracts (employment and suppliers)');
    expect(ev.getColumn(2).values).toContain('Not held by Steward');
  });
});

describe('evidence pack', () => {
  it('holds the return, the statement, payroll summary, payslip and attachments; the manifest’s sha256s are true', async () => {
    const f = await makeEvidencePack(w.db(), meta, { clientId: w.zoe.id, ...P12 });
    expect(f.fileName).toBe(`evidence-zoe-ni-bhriain-${w.zoe.id}-2026-04-06-to-2026-05-31.zip`);
    expect(f.mime).toBe('application/zip');
    const zip = await JSZip.loadAsync(f.data);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
    const base = `zoe-ni-bhriain-${w.zoe.id}-2026-04-06-to-2026-05-31`;
    expect(names).toEqual(
      [
        'MANIFEST.csv',
        `evidence/2026-05-12-entry-${w.entries.equipment}-${w.attachmentId}-riser-chair-receipt.png`,
        `payroll/payrun-${w.payRun.id}-zoe-ni-bhriain-${w.payRun.payDate}.pdf`,
        `payroll/payslips/payslip-sian-jones-${w.payRun.payDate}.pdf`,
        `return-${base}.pdf`,
        `return-${base}.xlsx`,
        `statement-${base}.pdf`,
      ].sort(),
    );
    const manifest = (await zip.file('MANIFEST.csv')!.async('string')).trim().split('\r\n');
    expect(manifest[0]).toBe('path,bytes,sha256,description');
    const listed = new Map(manifest.slice(1).map((l) => { const [p, bytes, h] = l.split(','); return [p!, { bytes: Number(bytes), h: h! }]; }));
    expect([...listed.keys()].sort()).toEqual(names.filter((n) => n !== 'MANIFEST.csv').sort());
    for (const n of listed.keys()) {
      const data = await zip.file(n)!.async('nodebuffer');
      expect(sha(data), n).toBe(listed.get(n)!.h);
      expect(data.length, n).toBe(listed.get(n)!.bytes);
    }
    const png = await zip.file(`evidence/2026-05-12-entry-${w.entries.equipment}-${w.attachmentId}-riser-chair-receipt.png`)!.async('nodebuffer');
    expect(png.equals(Buffer.from(RECEIPT_PNG_BASE64, 'base64'))).toBe(true);
    const statement = pdfText(await zip.file(`statement-${base}.pdf`)!.async('nodebuffer'));
    expect(statement).toContain('Zoë Ní Bhriain');
    const slip = pdfText(await zip.file(`payroll/payslips/payslip-sian-jones-${w.payRun.payDate}.pdf`)!.async('nodebuffer'));
    expect(slip).toContain(formatPence(w.payRun.totals.net));
    const ret = await zip.file(`return-${base}.pdf`)!.async('nodebuffer');
    expect(ret.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Every entry carries the generation day, so the pack lists the same dates each time.
    for (const n of names) expect(zip.files[n]!.date.getUTCFullYear(), n).toBe(2026);
  });

  it('is the same bytes when made twice with a fixed clock', async () => {
    // exceljs stamps the workbook's own zip entries with the wall clock; with the clock fixed
    // (as the app's api clock is in tests) the whole pack is byte-for-byte the same.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-08-01T09:00:00Z'));
      const a = await makeEvidencePack(w.db(), meta, { clientId: w.zoe.id, ...P12 });
      vi.setSystemTime(new Date('2026-08-01T09:00:00Z'));
      const b = await makeEvidencePack(w.db(), meta, { clientId: w.zoe.id, ...P12 });
      expect(sha(a.data)).toBe(sha(b.data));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('writeReturns (report.run jobs)', () => {
  it('writes the three files per client; a client with no activity is listed and the rest go on', async () => {
    const dir = tempDir();
    const progress: Array<[number, number]> = [];
    const seen: string[] = [];
    const r = await runJobWriter(w.db(), meta, { kind: 'returns', clients: { clientIds: [w.zoe.id, w.edmund.id, w.tomasz.id] }, ...PERIODS.p4 }, dir, {
      onProgress: (d, t) => progress.push([d, t]),
      onFile: (f) => seen.push(f.fileName),
    });
    expect(r.cancelled).toBe(false);
    expect(r.failures).toEqual([expect.objectContaining({ clientId: w.edmund.id, clientName: 'Edmund Quiet', code: 'VALIDATION' })]);
    const written = fs.readdirSync(dir).sort();
    const per = (slug: string, id: number): string[] => ['return', 'return', 'evidence'].map((k, i) => `${k}-${slug}-${id}-2026-06-29-to-2026-07-26.${['pdf', 'xlsx', 'zip'][i]}`);
    expect(written).toEqual([...per('tomasz-nowak', w.tomasz.id), ...per('zoe-ni-bhriain', w.zoe.id)].sort());
    expect(seen.sort()).toEqual(written);
    expect(r.files.map((f) => f.fileName).sort()).toEqual(written);
    for (const f of r.files) expect(fs.statSync(f.path).size).toBe(f.bytes);
    expect(progress.at(-1)).toEqual([3, 3]);
    // The pack streamed to disk is a whole zip with a true manifest.
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, per('zoe-ni-bhriain', w.zoe.id)[2]!)));
    expect(zip.file('MANIFEST.csv')).not.toBeNull();
  });

  it('runs as a report.run job through the api: progress per client, the files listed', async () => {
    const dir = tempDir();
    const started = await w.call<{ jobId: string; state: string; unit: string }>('report.run', { job: { kind: 'returns', clients: { clientIds: [w.tomasz.id, w.edmund.id] }, ...PERIODS.p4 }, dir });
    expect(started).toMatchObject({ state: 'running', unit: 'clients' });
    const s = await waitForJob(started.jobId);
    expect(s).toMatchObject({ state: 'done', done: 2, total: 2, error: null });
    expect(s.failures).toEqual([expect.objectContaining({ clientName: 'Edmund Quiet', code: 'VALIDATION' })]);
    expect(s.files.map((f) => f.fileName).sort()).toEqual(fs.readdirSync(dir).sort());
    expect(s.files).toHaveLength(3);
  });

  it('stops between clients when cancelled', async () => {
    const dir = tempDir();
    let files = 0;
    const r = await runJobWriter(w.db(), meta, { kind: 'returns', clients: { clientIds: [w.zoe.id, w.tomasz.id] }, ...PERIODS.p4 }, dir, { onFile: () => (files += 1), isCancelled: () => files >= 3 });
    expect(r.cancelled).toBe(true);
    expect(fs.readdirSync(dir)).toHaveLength(3);
    expect(fs.readdirSync(dir).every((n) => !n.endsWith('.part'))).toBe(true);
  });

  it('a folder that cannot be written is an IO_ERROR and nothing is written', async () => {
    const parent = tempDir();
    const blocker = path.join(parent, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    await expect(runJobWriter(w.db(), meta, { kind: 'returns', clients: { clientIds: [w.zoe.id] }, ...PERIODS.p4 }, path.join(blocker, 'out'), {})).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(fs.readdirSync(parent)).toEqual(['not-a-folder']);
  });
});

describe('bad input through the api dispatcher', () => {
  it('end before start, unknown client and no activity are refused; the ledger is unchanged', async () => {
    const before = w.counts();
    const e1 = await w.fail('report.file', { kind: 'evidence-pack', clientId: w.zoe.id, from: '2026-05-31', to: '2026-04-06' });
    expect(e1.code).toBe('VALIDATION');
    expect(e1.message).toMatch(/ends before it starts/);
    const e2 = await w.fail('report.file', { kind: 'return-pdf', clientId: 9999, ...P12 });
    expect(e2.code).toBe('NOT_FOUND');
    const e3 = await w.fail('report.return.data', { clientId: w.edmund.id, ...P12 });
    expect(e3).toMatchObject({ code: 'VALIDATION', details: expect.objectContaining({ reason: 'NO_ACTIVITY' }) });
    const ok = await w.call<{ clientId: number; balance: { closing: number } }>('report.return.data', { clientId: w.zoe.id, ...P12 });
    expect(ok.balance.closing).toBe(bankShareAt(w.db(), w.zoe.id, P12.to));
    expect(w.counts()).toEqual(before);
  });
});

describe('long returns and a full disk', () => {
  it('many attached files run onto more pages with repeated headings, nothing outside the page; pack names stay unique', async () => {
    // 45 client documents added today (1 August), two of them with the same file name.
    for (let i = 0; i < 45; i++) {
      await w.call('attachment.add', { clientId: w.beatrix.id, filename: i < 2 ? 'care plan review.png' : `respite invoice ${String(i).padStart(2, '0')} from Seaview House.png`, dataBase64: RECEIPT_PNG_BASE64 });
    }
    const req = { clientId: w.beatrix.id, from: '2026-07-01', to: '2026-08-01' };
    const f = makeReturnPdf(w.db(), meta, req);
    const file = path.join(tempDir(), 'long.pdf');
    fs.writeFileSync(file, f.data);
    const t = pdfText(f.data);
    const pages = Number(/Page 1 of (\d+)/.exec(t)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(t).toContain('Files attached in the ledger (continued)');
    expect(t.match(/File What it evidences Size/g)!.length).toBeGreaterThanOrEqual(2);
    // pdftotext -bbox: every word lies inside the A4 page less a small margin.
    const bbox = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).stdout;
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
    expect(words.length).toBeGreaterThan(100);
    for (const [x0, y0, x1, y1] of words) {
      expect(x0).toBeGreaterThanOrEqual(30);
      expect(x1).toBeLessThanOrEqual(595.28 - 30);
      expect(y0).toBeGreaterThanOrEqual(30);
      expect(y1).toBeLessThanOrEqual(841.89 - 30);
    }
    const zip = await JSZip.loadAsync((await makeEvidencePack(w.db(), meta, req)).data);
    const evidence = Object.keys(zip.files).filter((n) => n.startsWith('evidence/'));
    expect(evidence).toHaveLength(45);
    expect(new Set(evidence).size).toBe(45);
    expect(evidence.filter((n) => n.endsWith('care_plan_review.png'))).toHaveLength(2);
    expect(evidence.every((n) => /^evidence\/2026-08-01-client-\d+-[^ ]+$/.test(n))).toBe(true);
  });

  it('a full disk stops the batch with IO_ERROR; finished files stay whole, no temporary file is left', async () => {
    const dir = tempDir();
    const real = fs.writeSync;
    let calls = 0;
    // writeFileAtomic writes the PDF and the workbook with fs.writeSync: the third such write
    // (the second client's PDF) finds the disk full.
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(((...args: Parameters<typeof fs.writeSync>) => {
      calls += 1;
      if (calls === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return (real as (...a: Parameters<typeof fs.writeSync>) => number)(...args);
    }) as typeof fs.writeSync);
    const seen: string[] = [];
    try {
      await expect(runJobWriter(w.db(), meta, { kind: 'returns', clients: { clientIds: [w.tomasz.id, w.zoe.id] }, ...PERIODS.p4 }, dir, { onFile: (f) => seen.push(f.path) })).rejects.toMatchObject({
        code: 'IO_ERROR',
        message: expect.stringMatching(/^The disk is full: return-zoe-ni-bhriain-.*\.pdf could not be finished/),
      });
    } finally {
      spy.mockRestore();
    }
    const left = fs.readdirSync(dir).sort();
    expect(left.some((n) => n.endsWith('.part'))).toBe(false);
    expect(left.some((n) => n.startsWith('return-zoe') && n.endsWith('.pdf'))).toBe(false);
    // Tomasz's three files were finished and are whole; so is Zoë's pack, made before the failure.
    expect(left.filter((n) => n.includes('tomasz'))).toHaveLength(3);
    expect(seen.map((p) => path.basename(p)).sort()).toEqual(left);
    for (const n of left.filter((x) => x.endsWith('.zip'))) expect((await JSZip.loadAsync(fs.readFileSync(path.join(dir, n)))).file('MANIFEST.csv')).not.toBeNull();
  });
});
