/** Pay-run summary PDF and Excel workbook, checked against the run's lines and totals. */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { formatPence } from '../../../../shared/money';
import type { FileOut } from '../../../../shared/contract-payroll-outputs';
import { counts, fail, ORG, pdfText, saveFile, squeeze, world, type World } from './fixture';

let w: World | undefined;
afterEach(() => {
  w?.env.ctx.session.ledger?.close();
  if (w) w.env.ctx.session.ledger = null;
  w = undefined;
});

describe('payrun.summaryPdf', () => {
  it('lists every PA with their figures, the totals, the HMRC and pension amounts and the posting', async () => {
    w = await world();
    const { env, may } = w;
    const f = await env.call<FileOut>('payrun.summaryPdf', { runId: may.id });
    expect(f.fileName).toBe(`payrun-${may.id}-ada-lovelace-${may.payDate}.pdf`);
    expect(f.mime).toBe('application/pdf');
    const text = squeeze(pdfText(saveFile(f)));
    expect(text).toContain(ORG);
    expect(text).toContain('Pay run summary: Ada Lovelace');
    for (const l of may.lines) {
      expect(text).toContain(l.paName);
      expect(text).toContain(formatPence(l.net));
      expect(text).toContain(formatPence(l.gross));
    }
    const t = may.totals;
    expect(text).toMatch(new RegExp(`Totals ${formatPence(t.gross).replace('$', '\\$')} ${formatPence(t.tax)}`));
    const hmrc = t.tax + t.employeeNi + t.employerNi + t.studentLoan + t.postgraduateLoan;
    expect(text).toContain(`Due to HMRC ${formatPence(hmrc)}`);
    expect(text).toContain(`Due to the pension provider ${formatPence(t.employeePension + t.employerPension)}`);
    expect(text).toContain(`journal entry ${may.entryId}`);
    expect(text).toContain('approved by Ada Lovelace (email');
    expect(text).toContain('Status posted');
  });

  it('refuses an unknown run without writing', async () => {
    w = await world();
    const before = counts(w.env);
    expect(await fail(w.env, 'payrun.summaryPdf', { runId: 404 })).toMatchObject({ code: 'NOT_FOUND', where: 'runId' });
    expect(await fail(w.env, 'payrun.summaryXlsx', { runId: 404 })).toMatchObject({ code: 'NOT_FOUND', where: 'runId' });
    expect(counts(w.env)).toEqual(before);
  });
});

describe('payrun.summaryXlsx', () => {
  it('has a header row, frozen panes, one row per PA in pounds, and a totals row that sums', async () => {
    w = await world({ postJune: true });
    const { env, june } = w;
    const f = await env.call<FileOut>('payrun.summaryXlsx', { runId: june.id });
    expect(f.fileName).toBe(`payrun-${june.id}-ada-lovelace-${june.payDate}.xlsx`);
    expect(f.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Pay run')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['PA', 'PA id', 'NI category', 'Tax code', 'Gross', 'Tax', 'Employee NI', 'Employer NI', 'Loans', 'Pension (employee)', 'Pension (employer)', 'Net pay']);
    const keys = ['gross', 'tax', 'employeeNi', 'employerNi', 'loans', 'employeePension', 'employerPension', 'net'] as const;
    const val = (l: (typeof june.lines)[number] | typeof june.totals, k: (typeof keys)[number]) => (k === 'loans' ? l.studentLoan + l.postgraduateLoan : l[k]);
    june.lines.forEach((l, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(l.paName);
      expect(row.getCell(2).value).toBe(l.paId);
      keys.forEach((k, j) => {
        const cell = row.getCell(5 + j);
        expect(typeof cell.value).toBe('number');
        expect(Math.round((cell.value as number) * 100)).toBe(val(l, k));
      });
    });
    const totals = ws.getRow(june.lines.length + 2);
    expect(totals.getCell(1).value).toBe('Totals');
    keys.forEach((k, j) => {
      const col = 5 + j;
      const sum = june.lines.reduce((s, _l, i) => s + Math.round((ws.getRow(i + 2).getCell(col).value as number) * 100), 0);
      expect(Math.round((totals.getCell(col).value as number) * 100)).toBe(sum);
      expect(sum).toBe(val(june.totals, k));
      expect(ws.getColumn(col).numFmt).toContain('£');
    });
    const info = wb.getWorksheet('Run')!;
    const pairs = new Map<string, unknown>();
    info.eachRow((r, n) => {
      if (n > 1) pairs.set(String(r.getCell(1).value), r.getCell(2).value);
    });
    const t = june.totals;
    expect(Math.round((pairs.get('Due to HMRC') as number) * 100)).toBe(t.tax + t.employeeNi + t.employerNi + t.studentLoan + t.postgraduateLoan);
    expect(pairs.get('Journal entry')).toBe(june.entryId);
    expect(pairs.get('Status')).toBe('posted');
    expect(pairs.get('PAYE reference')).toBe('123/AB45678');
  });
});
