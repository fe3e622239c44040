/** FPS data export: CSV and JSON, checked against the run lines, the year to date and the NI bands. */
import { afterEach, describe, expect, it } from 'vitest';
import { penceToDecimal } from '../../../../shared/money';
import type { FileOut } from '../../../../shared/contract-payroll-outputs';
import { FPS_FIELDS, hoursBand, splitName } from '../../../../main/payroll/outputs/fps';
import { parseCsv } from '../../../../main/payroll/outputs/csv';
import { niThreshold } from '../../../../main/payroll/ni';
import { taxYearFor } from '../../../../main/payroll/tax-years';
import { counts, fail, GRACE, world, type World } from './fixture';

let w: World | undefined;
afterEach(() => {
  w?.env.ctx.session.ledger?.close();
  if (w) w.env.ctx.session.ledger = null;
  w = undefined;
});

const text = (f: FileOut) => Buffer.from(f.base64, 'base64').toString('utf8');

describe('fps.export', () => {
  it('CSV: one row per PA with this period and year-to-date figures', async () => {
    w = await world({ postJune: true });
    const { env, grace, alan, may, june } = w;
    const f = await env.call<FileOut>('fps.export', { runId: june.id, format: 'csv' });
    expect(f).toMatchObject({ fileName: `fps-data-ada-lovelace-${june.payDate}-run-${june.id}.csv`, mime: 'text/csv' });
    const rows = parseCsv(text(f));
    expect(rows[0]).toEqual([...FPS_FIELDS]);
    expect(rows).toHaveLength(1 + june.lines.length);
    const rec = (paId: number) => Object.fromEntries(FPS_FIELDS.map((k, i) => [k, rows.find((r) => r[2] === String(paId))![i]!])) as Record<(typeof FPS_FIELDS)[number], string>;
    const g = rec(grace.id);
    const jl = june.lines.find((l) => l.paId === grace.id)!;
    const ml = may.lines.find((l) => l.paId === grace.id)!;
    expect(g).toMatchObject({
      employerPayeReference: '123/AB45678',
      accountsOfficeReference: '123PX00123456',
      fullName: 'Grace Hopper',
      forename: 'Grace',
      surname: 'Hopper',
      niNumber: GRACE.niNumber,
      dateOfBirth: GRACE.dateOfBirth,
      gender: '',
      addressLine1: '1 Harbour Row',
      addressLine2: 'Portsmouth',
      addressLine3: 'PO1 2AB',
      startDate: GRACE.startDate,
      leavingDate: '',
      payDate: june.payDate,
      payFrequency: 'M1',
      taxWeekNumber: '',
      taxMonthNumber: String(june.taxPeriod),
      taxCode: jl.taxCode,
      week1Month1: 'false',
      taxablePayThisPeriod: penceToDecimal(jl.taxablePay),
      taxDeductedThisPeriod: penceToDecimal(jl.tax),
      taxablePayToDate: penceToDecimal(ml.taxablePay + jl.taxablePay),
      taxDeductedToDate: penceToDecimal(ml.tax + jl.tax),
      studentLoanThisPeriod: penceToDecimal(jl.studentLoan),
      studentLoanToDate: penceToDecimal(ml.studentLoan + jl.studentLoan),
      // The employer's scheme is relief at source: the employee's contribution is not under net pay.
      pensionUnderNetPayThisPeriod: '0.00',
      pensionNotUnderNetPayThisPeriod: penceToDecimal(jl.employeePension),
      niCategory: 'A',
      grossEarningsForNicsThisPeriod: penceToDecimal(jl.gross),
      grossEarningsForNicsToDate: penceToDecimal(ml.gross + jl.gross),
      employeeNicsThisPeriod: penceToDecimal(jl.employeeNi),
      employeeNicsToDate: penceToDecimal(ml.employeeNi + jl.employeeNi),
      employerNicsThisPeriod: penceToDecimal(jl.employerNi),
      employerNicsToDate: penceToDecimal(ml.employerNi + jl.employerNi),
      provisional: 'false',
    });
    // Bands from the monthly thresholds (Grace is above PT, below UEL in both months).
    const year = taxYearFor(june.payDate);
    const lel = niThreshold(year, 'LEL', 'monthly');
    const pt = niThreshold(year, 'PT', 'monthly');
    expect([g.earningsAtLelThisPeriod, g.earningsLelToPtThisPeriod, g.earningsPtToUelThisPeriod]).toEqual([penceToDecimal(lel), penceToDecimal(pt - lel), penceToDecimal(jl.gross - pt)]);
    expect(g.earningsPtToUelToDate).toBe(penceToDecimal(ml.gross - pt + (jl.gross - pt)));
    // Hours: June 22 × 10 h + 3 × 7 h = 241 h in the month = 55.6 h a week → D; Alan 8 × 4.5 h = 36 h a month = 8.3 h a week → A.
    expect(g.hoursWorkedBand).toBe('D');
    expect(rec(alan.id).hoursWorkedBand).toBe('A');
    expect(rec(alan.id)).toMatchObject({ forename: 'Alan Mathison', surname: 'Turing', addressLine1: '' });
  });

  it('JSON: the same records, a notice that Steward does not submit, provisional for a draft', async () => {
    w = await world();
    const { env, grace, june } = w;
    const before = counts(env);
    const f = await env.call<FileOut>('fps.export', { runId: june.id, format: 'json' });
    expect(f.mime).toBe('application/json');
    const body = JSON.parse(text(f)) as { notice: string; payRun: { id: number; status: string }; employees: Array<Record<string, string>> };
    expect(body.notice).toContain('does not submit to HMRC');
    expect(body.payRun).toMatchObject({ id: june.id, status: 'draft' });
    expect(body.employees).toHaveLength(june.lines.length);
    const g = body.employees.find((e) => e['payrollId'] === String(grace.id))!;
    expect(Object.keys(g)).toEqual([...FPS_FIELDS]);
    expect(g['provisional']).toBe('true');
    const jl = june.lines.find((l) => l.paId === grace.id)!;
    const ml = w.may.lines.find((l) => l.paId === grace.id)!;
    expect(g['taxDeductedToDate']).toBe(penceToDecimal(ml.tax + jl.tax));
    // The CSV carries the same values.
    const rows = parseCsv(text(await env.call<FileOut>('fps.export', { runId: june.id, format: 'csv' })));
    const row = rows.find((r) => r[2] === String(grace.id))!;
    expect(row).toEqual(FPS_FIELDS.map((k) => g[k]));
    expect(counts(env)).toEqual(before);
  });

  it('shows the leaving date when it falls in the period', async () => {
    w = await world();
    await w.env.call('pa.leave', { id: w.alan.id, leavingDate: '2026-06-20' });
    const rows = parseCsv(text(await w.env.call<FileOut>('fps.export', { runId: w.june.id, format: 'csv' })));
    const i = FPS_FIELDS.indexOf('leavingDate');
    expect(rows.find((r) => r[2] === String(w!.alan.id))![i]).toBe('2026-06-20');
    expect(rows.find((r) => r[2] === String(w!.grace.id))![i]).toBe('');
  });

  it('refuses an unknown run and a bad format', async () => {
    w = await world();
    expect(await fail(w.env, 'fps.export', { runId: 77, format: 'csv' })).toMatchObject({ code: 'NOT_FOUND', where: 'runId' });
    expect(await fail(w.env, 'fps.export', { runId: w.may.id, format: 'xml' })).toMatchObject({ code: 'VALIDATION', where: 'format' });
  });
});

describe('FPS helpers', () => {
  it('hours bands per week: A < 16, B < 24, C < 30, D 30+, E none', () => {
    expect(hoursBand(0, 'weekly')).toBe('E');
    expect(hoursBand(1599, 'weekly')).toBe('A');
    expect(hoursBand(1600, 'weekly')).toBe('B');
    expect(hoursBand(2399, 'weekly')).toBe('B');
    expect(hoursBand(2400, 'weekly')).toBe('C');
    expect(hoursBand(3000, 'weekly')).toBe('D');
    expect(hoursBand(5998, 'fortnightly')).toBe('C'); // 29.99 a week
    expect(hoursBand(6000, 'fortnightly')).toBe('D');
    expect(hoursBand(6400, 'four-weekly')).toBe('B'); // 16 a week
    // Monthly: 130 h × 12 / 52 = 30 a week → D; 129.99 h → 29.99… → C.
    expect(hoursBand(13000, 'monthly')).toBe('D');
    expect(hoursBand(12999, 'monthly')).toBe('C');
  });

  it('splits names on the last word', () => {
    expect(splitName('Grace Hopper')).toEqual({ forename: 'Grace', surname: 'Hopper' });
    expect(splitName('  Ada   King  Lovelace ')).toEqual({ forename: 'Ada King', surname: 'Lovelace' });
    expect(splitName('Cher')).toEqual({ forename: '', surname: 'Cher' });
  });
});
