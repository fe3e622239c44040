/** Payslips: data and PDF checked against the pay run's own figures and the timesheets. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatPence } from '../../../../shared/money';
import type { FileOut, Payslip } from '../../../../shared/contract-payroll-outputs';
import type { PayRun } from '../../../../shared/contract-payruns';
import { payslipPdf } from '../../../../main/payroll/outputs/payslip';
import { counts, fail, JUNE, MAY, ORG, pdfPages, pdfText, saveFile, squeeze, world, type World } from './fixture';

let w: World | undefined;
afterEach(() => {
  w?.env.ctx.session.ledger?.close();
  if (w) w.env.ctx.session.ledger = null;
  w = undefined;
});

/** Hours and pay per rate type from the PA's timesheets in a period, worked out from the timesheet lines. */
function fromSheets(world: World, paId: number, periodStart: string): Map<string, { hours: number; pay: number }> {
  const out = new Map<string, { hours: number; pay: number }>();
  for (const t of world.sheets.filter((s) => s.paId === paId && s.periodStart === periodStart)) {
    for (const l of t.lines) {
      const cur = out.get(l.rateType) ?? { hours: 0, pay: 0 };
      out.set(l.rateType, { hours: cur.hours + l.hours, pay: cur.pay + l.pay });
    }
  }
  return out;
}

describe('payslip.get', () => {
  it('carries the run line exactly, payments from the timesheets, and a cumulative year to date', async () => {
    w = await world({ postJune: true });
    const { env, grace, may, june } = w;
    const line = june.lines.find((l) => l.paId === grace.id)!;
    const mayLine = may.lines.find((l) => l.paId === grace.id)!;
    const p = await env.call<Payslip>('payslip.get', { runId: june.id, paId: grace.id });

    expect(p).toMatchObject({ runId: june.id, paId: grace.id, status: 'posted', provisional: false, organisationName: ORG, gross: line.gross, net: line.net });
    expect(p.employer).toEqual({ clientId: w.clientId, name: 'Ada Lovelace', payeReference: '123/AB45678' });
    expect(p.employee).toMatchObject({ name: 'Grace Hopper', niNumber: 'JG103759A', taxCode: line.taxCode, niCategory: 'A', payrollId: String(grace.id) });
    expect(p.period).toEqual({ start: JUNE.periodStart, end: JUNE.periodEnd, payDate: JUNE.payDate, taxYear: june.taxYear, taxPeriod: june.taxPeriod, frequency: 'monthly' });

    // Payments: one row per rate type, hours and pay equal to the timesheet lines' sums; they add to gross.
    const sheets = fromSheets(w, grace.id, JUNE.periodStart);
    expect(p.payments.map((x) => [x.label, x.hours, x.amount])).toEqual([
      ['Standard hours', sheets.get('standard')!.hours, sheets.get('standard')!.pay],
      ['Weekend hours', sheets.get('weekend')!.hours, sheets.get('weekend')!.pay],
    ]);
    expect(p.payments.map((x) => x.rate)).toEqual([grace.standardRate, grace.weekendRate]);
    expect(p.payments.reduce((s, x) => s + x.amount, 0)).toBe(line.gross);

    // Deductions: tax, NI, student loan, pension; they add to gross − net.
    expect(p.deductions).toEqual([
      { label: 'Income tax', amount: line.tax },
      { label: 'National Insurance', amount: line.employeeNi },
      { label: 'Student loan', amount: line.studentLoan },
      { label: 'Pension (your contribution)', amount: line.employeePension },
    ]);
    expect(line.studentLoan).toBeGreaterThan(0);
    expect(p.totalDeductions).toBe(line.gross - line.net);
    expect(p.employerCosts).toEqual({ employerNi: line.employerNi, employerPension: line.employerPension, total: line.employerNi + line.employerPension });
    expect(p.pension).toMatchObject({ scheme: 'NEST', employee: 4700, employer: 3525 });

    // Year to date = May + June (both posted).
    expect(p.yearToDate).toMatchObject({
      gross: mayLine.gross + line.gross,
      tax: mayLine.tax + line.tax,
      employeeNi: mayLine.employeeNi + line.employeeNi,
      studentLoan: mayLine.studentLoan + line.studentLoan,
      employeePension: mayLine.employeePension + line.employeePension,
      employerPension: mayLine.employerPension + line.employerPension,
      net: mayLine.net + line.net,
    });
    // Holiday: the PA's balance on the pay date, as holiday.balance gives it.
    expect(p.holiday).toEqual(await env.call('holiday.balance', { paId: grace.id, asOf: JUNE.payDate }));
    expect(p.holiday!.entitlementHours).toBeGreaterThan(0);
    // May's payslip does not include June.
    const mp = await env.call<Payslip>('payslip.get', { runId: may.id, paId: grace.id });
    expect(mp.yearToDate.gross).toBe(mayLine.gross);
  });

  it('a draft run gives a provisional payslip whose year to date includes it', async () => {
    w = await world();
    const { env, grace, may, june } = w;
    expect(june.status).toBe('draft');
    const p = await env.call<Payslip>('payslip.get', { runId: june.id, paId: grace.id });
    const line = june.lines.find((l) => l.paId === grace.id)!;
    const mayLine = may.lines.find((l) => l.paId === grace.id)!;
    expect(p.provisional).toBe(true);
    expect(p.yearToDate.gross).toBe(mayLine.gross + line.gross);
    expect(p.notes.join(' ')).toMatch(/Provisional: this pay run is draft/);
  });

  it('a reversed run still gives its payslip, marked reversed and not provisional', async () => {
    w = await world({ postJune: true });
    const { env, grace, june } = w;
    await env.call('payrun.reverse', { id: june.id, reason: 'Wrong hours keyed' });
    const p = await env.call<Payslip>('payslip.get', { runId: june.id, paId: grace.id });
    expect(p).toMatchObject({ status: 'reversed', provisional: false });
    expect(p.notes.join(' ')).toContain('reversed (Wrong hours keyed)');
    // May's payslip is unchanged by June's reversal.
    const mp = await env.call<Payslip>('payslip.get', { runId: w.may.id, paId: grace.id });
    expect(mp.yearToDate.gross).toBe(w.may.lines.find((l) => l.paId === grace.id)!.gross);
  });

  it('refuses an unknown run, an unknown PA and a PA not in the run, writing nothing', async () => {
    w = await world();
    const { env, grace, may } = w;
    const before = counts(env);
    expect(await fail(env, 'payslip.get', { runId: 999, paId: grace.id })).toMatchObject({ code: 'NOT_FOUND', where: 'runId' });
    expect(await fail(env, 'payslip.pdf', { runId: may.id, paId: 999 })).toMatchObject({ code: 'NOT_FOUND', where: 'paId' });
    // A third PA who is not in May's run.
    const other = await env.call<{ id: number }>('pa.create', { clientId: w.clientId, name: 'Mary Somerville', dateOfBirth: '1990-01-01', startDate: '2026-04-06', taxCode: '1257L', pensionStatus: 'eligible', standardRate: 1300, contractedHours: 1000 });
    const after = counts(env);
    const e = await fail(env, 'payslip.get', { runId: may.id, paId: other.id });
    expect(e).toMatchObject({ code: 'NOT_FOUND', where: 'paId' });
    expect(e.message).toContain('Grace Hopper');
    expect(await fail(env, 'payslip.get', { runId: 'x', paId: 1 })).toMatchObject({ code: 'VALIDATION', where: 'runId' });
    expect(counts(env)).toEqual(after);
    expect(after.runs).toBe(before.runs);
  });
});

describe('payslip.pdf', () => {
  it('is one A4 page showing the names, tax code, NI letter, net pay and year to date', async () => {
    w = await world({ postJune: true });
    const { env, grace, june } = w;
    const line = june.lines.find((l) => l.paId === grace.id)!;
    const before = counts(env);
    const f = await env.call<FileOut>('payslip.pdf', { runId: june.id, paId: grace.id });
    expect(counts(env)).toEqual(before); // a read: nothing written, not even audit
    expect(f).toMatchObject({ fileName: `payslip-grace-hopper-${JUNE.payDate}.pdf`, mime: 'application/pdf' });
    const bytes = Buffer.from(f.base64, 'base64');
    expect(bytes.length).toBe(f.bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = saveFile(f);
    expect(pdfPages(file)).toBe(1);
    const text = squeeze(pdfText(file));
    expect(text).toContain(ORG);
    expect(text).toContain('Grace Hopper');
    expect(text).toContain('123/AB45678');
    expect(text).toContain('JG103759A');
    expect(text).toMatch(new RegExp(`Tax code ${line.taxCode}`));
    expect(text).toMatch(/NI category letter A/);
    expect(text).toMatch(new RegExp(`Net pay ${formatPence(line.net).replace(/[$.]/g, '\\$&')}`));
    expect(text).toContain(`Gross pay ${formatPence(line.gross)}`);
    expect(text).toContain(`Income tax ${formatPence(line.tax)}`);
    expect(text).toContain(`Employer NI ${formatPence(line.employerNi)}`);
    expect(text).toContain('Generated by Steward on 6 April 2026');
    const hol = await env.call<{ balanceHours: number }>('holiday.balance', { paId: grace.id, asOf: JUNE.payDate });
    expect(text).toContain(`Balance ${(hol.balanceHours / 100).toFixed(2)}`);
    expect(text).not.toContain('Page 1 of');
    expect(text).not.toContain('provisional');
  });

  it('payslipPdf (for the benchmark) is synchronous and equals the api file apart from the generation date default', async () => {
    w = await world({ postJune: true });
    const { env, alan, june } = w;
    const db = env.ctx.session.ledger!.db;
    const buf = payslipPdf(db, june.id, alan.id, { generatedOn: '2026-04-06' });
    expect(Buffer.isBuffer(buf)).toBe(true);
    const f = await env.call<FileOut>('payslip.pdf', { runId: june.id, paId: alan.id });
    expect(buf.equals(Buffer.from(f.base64, 'base64'))).toBe(true);
    const dflt = payslipPdf(db, june.id, alan.id);
    expect(squeeze(pdfText(saveFile({ ...f, base64: dflt.toString('base64') })))).toContain('Generated by Steward on 26 June 2026');
  });

  it('stays on one page with every rate type, holiday pay, both loans, pension and all the notes', async () => {
    w = await world();
    const { env } = w;
    const pa = await env.call<{ id: number }>('pa.create', {
      clientId: w.clientId, name: 'Katherine Coleman Goble Johnson', niNumber: 'CE123456D', dateOfBirth: '1992-08-26', startDate: '2026-04-06',
      taxCode: '1257L W1', pensionStatus: 'eligible', standardRate: 1300, weekendRate: 1500, nightRate: 1450, sleepInRate: 1221, bankHolidayRate: 2025,
      contractedHours: 3750, studentLoanPlans: ['plan1'], postgraduateLoan: true,
    });
    const JULY = { periodStart: '2026-07-01', periodEnd: '2026-07-31', payDate: '2026-07-28' };
    const types = ['standard', 'weekend', 'night', 'sleep-in', 'bank-holiday'];
    const lines = Array.from({ length: 25 }, (_, i) => ({ date: `2026-07-${String(i + 1).padStart(2, '0')}`, rateType: types[i % 5]!, hours: 1000 }));
    const t = await env.call<{ id: number }>('timesheet.create', { paId: pa.id, periodStart: JULY.periodStart, periodEnd: JULY.periodEnd, lines });
    await env.call('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace' }] });
    await env.call('holiday.add', { paId: pa.id, date: '2026-07-30', hours: 750 });
    const run = await env.call<PayRun>('payrun.draft', { clientId: w.clientId, ...JULY });
    const line = run.lines.find((l) => l.paId === pa.id)!;
    expect(line.holidayPay).toBeGreaterThan(0);
    const p = await env.call<Payslip>('payslip.get', { runId: run.id, paId: pa.id });
    expect(p.payments.map((x) => x.label)).toEqual(['Standard hours', 'Weekend hours', 'Night hours', 'Sleep-in hours', 'Bank holiday hours', 'Holiday pay']);
    expect(p.payments.find((x) => x.label === 'Holiday pay')).toMatchObject({ hours: 750, amount: line.holidayPay });
    expect(p.payments.reduce((s, x) => s + x.amount, 0)).toBe(line.gross);
    expect(p.deductions.map((d) => d.label)).toContain('Postgraduate loan');
    expect(p.notes.length).toBeGreaterThanOrEqual(2);
    const f = saveFile(await env.call<FileOut>('payslip.pdf', { runId: run.id, paId: pa.id }));
    expect(pdfPages(f)).toBe(1);
    const text = squeeze(pdfText(f));
    expect(text).toContain('Katherine Coleman Goble Johnson');
    expect(text).toContain('(week 1 / month 1)');
    expect(text).toContain(`Holiday pay 7.50`);
    expect(text).toContain(`Net pay ${formatPence(line.net)}`);
  });

  it('marks a draft run provisional on the page', async () => {
    w = await world();
    const f = await w.env.call<FileOut>('payslip.pdf', { runId: w.june.id, paId: w.grace.id });
    const text = squeeze(pdfText(saveFile(f)));
    expect(text).toContain('Payslip (provisional)');
    expect(text).toContain('Year to date (2026-27), provisional');
  });

  it('works for every PA of a run (MAY: both PAs)', async () => {
    w = await world();
    const run: PayRun = w.may;
    expect(run.lines).toHaveLength(2);
    for (const l of run.lines) {
      const text = squeeze(pdfText(saveFile(await w.env.call<FileOut>('payslip.pdf', { runId: run.id, paId: l.paId }))));
      expect(text).toContain(l.paName);
      expect(text).toContain(formatPence(l.net));
      expect(text).toContain(MAY.payDate.slice(0, 4));
    }
  });
});
