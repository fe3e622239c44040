/**
 * Holiday taken, holiday balances, holiday pay and pension contributions in pay runs, through the
 * api on a real encrypted ledger. Every expected figure is worked by hand in a comment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api';
import { calculateNi, calculatePaye, taxPeriodFor, taxYearFor } from '../../../main/payroll';
import { holidayBalance, leaveYearOf } from '../../../main/payroll/holiday-taken';
import { reachedStatePensionAge, statePensionAgeDate } from '../../../main/payroll/state-pension-age';
import type { Method } from '../../../shared/contract';
import type { Employer, HolidayBalance, HolidayTaken, Pa } from '../../../shared/contract-payroll';
import type { PayRun } from '../../../shared/contract-payruns';
import type { Timesheet } from '../../../shared/contract-timesheets';
import type { ErrorBody } from '../../../shared/errors';
import { pence } from '../../../shared/money';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder } from '../../fixtures/money';

let env: TestEnv;
afterEach(() => {
  if (!env) return;
  env.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

const PA = {
  name: 'Grace Hopper',
  niNumber: 'JG103759A',
  dateOfBirth: '1990-12-09',
  startDate: '2026-04-06',
  taxCode: '1257L',
  pensionStatus: 'eligible',
  standardRate: 1350,
  contractedHours: 3750,
};

async function setup(employer: Record<string, unknown> = {}, pa: Record<string, unknown> = {}): Promise<{ clientId: number; pa: Pa; employer: Employer }> {
  env = await openTestLedger();
  const funder = await addFunder(env);
  const client = await addClient(env, funder.id);
  const e = await env.call<Employer>('employer.set', { clientId: client.id, payFrequency: 'monthly', payDay: 28, ...employer });
  const p = await env.call<Pa>('pa.create', { clientId: client.id, ...PA, ...pa });
  return { clientId: client.id, pa: p, employer: e };
}

/** An approved timesheet: `days` lines from the period's first day, `hours` hundredths each, standard rate. */
async function sheet(paId: number, periodStart: string, periodEnd: string, days: number, hours: number): Promise<Timesheet> {
  const lines = Array.from({ length: days }, (_, i) => ({ date: `${periodStart.slice(0, 8)}${String(Number(periodStart.slice(8)) + i).padStart(2, '0')}`, rateType: 'standard', hours }));
  const t = await env.call<Timesheet>('timesheet.create', { paId, periodStart, periodEnd, lines });
  return env.call<Timesheet>('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace' }] });
}

async function fail(method: Method, input: unknown): Promise<ErrorBody> {
  const r = await dispatch(env.ctx, method, input);
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

function db() {
  return env.ctx.session.ledger!.db;
}

function counts(): Record<string, number> {
  const n = (t: string) => (db().prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { holiday: n('holiday_taken'), runs: n('pay_runs'), lines: n('pay_run_lines'), employers: n('employers'), audit: n('audit_log') };
}

describe('holiday taken and balances', () => {
  it('leave years run 1 April to 31 March', () => {
    expect(leaveYearOf('2026-04-01')).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(leaveYearOf('2027-03-31')).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(leaveYearOf('2026-01-15')).toEqual({ start: '2025-04-01', end: '2026-03-31' });
  });

  it('pro-rata: a part-year starter, holiday recorded, listed, removed, and a leaver', async () => {
    const { pa } = await setup();
    // Leave year 2026-04-01..2027-03-31 = 365 days (February 2027 has 28).
    // Full year: 5.6 weeks × 37.5 h = 210 h = 21000 hundredths.
    // Employed from 2026-04-06: 6 April..31 March = 365 − 5 = 360 days.
    // Entitlement = ceil(21000 × 360 / 365) = ceil(20712.33) = 20713.
    // Accrued by 2026-06-30: 6 April..30 June = 25 + 31 + 30 = 86 days; floor(21000 × 86 / 365) = floor(4947.95) = 4947.
    const b0 = await env.call<HolidayBalance>('holiday.balance', { paId: pa.id, asOf: '2026-06-30' });
    expect(b0).toEqual({ paId: pa.id, scheme: 'pro-rata', leaveYearStart: '2026-04-01', leaveYearEnd: '2027-03-31', entitlementHours: 20713, accruedHours: 4947, takenHours: 0, balanceHours: 20713 });

    const h1 = await env.call<HolidayTaken>('holiday.add', { paId: pa.id, date: '2026-06-15', hours: 750, note: 'Day off' });
    expect(h1).toMatchObject({ paId: pa.id, date: '2026-06-15', hours: 750, note: 'Day off', payRunId: null });
    const h2 = await env.call<HolidayTaken>('holiday.add', { paId: pa.id, date: '2026-05-11', hours: 375 });
    expect((await env.call<HolidayTaken[]>('holiday.list', { paId: pa.id })).map((h) => h.id)).toEqual([h2.id, h1.id]);
    // Taken up to 2026-06-30: 750 + 375 = 1125; balance 20713 − 1125 = 19588. On 2026-05-31 only the 375.
    expect(await env.call<HolidayBalance>('holiday.balance', { paId: pa.id, asOf: '2026-06-30' })).toMatchObject({ takenHours: 1125, balanceHours: 19588 });
    expect(await env.call<HolidayBalance>('holiday.balance', { paId: pa.id, asOf: '2026-05-31' })).toMatchObject({ takenHours: 375, balanceHours: 20338 });
    await env.call('holiday.remove', { id: h2.id });
    expect(await env.call<HolidayBalance>('holiday.balance', { paId: pa.id, asOf: '2026-06-30' })).toMatchObject({ takenHours: 750, balanceHours: 19963 });

    // She leaves on 2026-09-30: employed 6 April..30 September = 25 + 31 + 30 + 31 + 31 + 30 = 178 days.
    // Entitlement = ceil(21000 × 178 / 365) = ceil(10241.10) = 10242; after leaving, accrued = entitlement.
    await env.call('pa.leave', { id: pa.id, leavingDate: '2026-09-30' });
    const left = holidayBalance(db(), pa.id, '2026-10-15');
    expect(left).toMatchObject({ entitlementHours: 10242, accruedHours: 10242, takenHours: 750, balanceHours: 9492 });
    // Mid-year, before leaving: 6 April..31 July = 25 + 31 + 30 + 31 = 117 days: floor(21000 × 117 / 365) = floor(6731.5) = 6731.
    expect(holidayBalance(db(), pa.id, '2026-07-31')).toMatchObject({ entitlementHours: 10242, accruedHours: 6731 });
  });

  it('accrual: 12.07% of approved hours per timesheet, rounded up to the hundredth, up to asOf', async () => {
    const { pa } = await setup({}, { holidayScheme: 'accrual', contractedHours: 0 });
    await sheet(pa.id, '2026-05-01', '2026-05-31', 10, 800); // 10 × 8 h = 8000 hundredths
    await sheet(pa.id, '2026-06-01', '2026-06-30', 5, 750); // 5 × 7.5 h = 3750 hundredths
    const draft = await env.call<Timesheet>('timesheet.create', { paId: pa.id, periodStart: '2026-07-01', periodEnd: '2026-07-31', lines: [{ date: '2026-07-01', rateType: 'standard', hours: 1000 }] });
    expect(draft.status).not.toBe('approved');
    // May: ceil(8000 × 1207 / 10000) = ceil(965.6) = 966. June: ceil(3750 × 0.1207) = ceil(452.625) = 453.
    // The July draft does not count. By 31 May: 966; by 30 June: 966 + 453 = 1419.
    expect(await env.call<HolidayBalance>('holiday.balance', { paId: pa.id, asOf: '2026-05-31' })).toMatchObject({ scheme: 'accrual', entitlementHours: 966, accruedHours: 966, balanceHours: 966 });
    // Only lines dated up to asOf: by 3 June, May + 3 June lines → May 966 + ceil(3 × 750 × 0.1207) = ceil(271.575) = 272 → 1238.
    expect(await env.call<HolidayBalance>('holiday.balance', { paId: pa.id, asOf: '2026-06-03' })).toMatchObject({ accruedHours: 1238 });
    await env.call('holiday.add', { paId: pa.id, date: '2026-06-20', hours: 400 });
    expect(await env.call<HolidayBalance>('holiday.balance', { paId: pa.id, asOf: '2026-07-31' })).toEqual({
      paId: pa.id, scheme: 'accrual', leaveYearStart: '2026-04-01', leaveYearEnd: '2027-03-31', entitlementHours: 1419, accruedHours: 1419, takenHours: 400, balanceHours: 1019,
    });
    // 1019 left: 1020 is refused, naming hours.
    const before = counts();
    const over = await fail('holiday.add', { paId: pa.id, date: '2026-07-02', hours: 1020 });
    expect(over).toMatchObject({ code: 'VALIDATION', where: 'hours' });
    expect(over.message).toContain('10.19 hours');
    expect(counts()).toEqual(before);
  });

  it('bad holiday input: clear errors naming the field, nothing written', async () => {
    const { pa } = await setup();
    await env.call('pa.leave', { id: pa.id, leavingDate: '2026-06-30' });
    const before = counts();
    expect(await fail('holiday.add', { paId: pa.id, date: '2026-06-01', hours: -750 })).toMatchObject({ code: 'VALIDATION', where: 'hours' });
    expect(await fail('holiday.add', { paId: pa.id, date: '2026-06-01', hours: 0 })).toMatchObject({ code: 'VALIDATION', where: 'hours' });
    expect(await fail('holiday.add', { paId: pa.id, date: '2026-06-01', hours: 2401 })).toMatchObject({ code: 'VALIDATION', where: 'hours' });
    expect(await fail('holiday.add', { paId: pa.id, date: '2026-06-01', hours: 7.5 })).toMatchObject({ code: 'VALIDATION', where: 'hours' });
    const leaver = await fail('holiday.add', { paId: pa.id, date: '2026-07-01', hours: 750 });
    expect(leaver).toMatchObject({ code: 'VALIDATION', where: 'date' });
    expect(leaver.message).toContain('left on 2026-06-30');
    expect(await fail('holiday.add', { paId: pa.id, date: '2026-04-05', hours: 750 })).toMatchObject({ code: 'VALIDATION', where: 'date' });
    expect(await fail('holiday.add', { paId: pa.id, date: '2026-13-01', hours: 750 })).toMatchObject({ code: 'VALIDATION', where: 'date' });
    expect(counts()).toEqual(before);
    // Employed 6 April..30 June = 86 days: entitlement ceil(21000 × 86 / 365) = ceil(4947.95) = 4948 hundredths.
    // 2400 + 2400 = 4800 recorded leaves 148: 149 is refused, 148 fits exactly.
    await env.call('holiday.add', { paId: pa.id, date: '2026-06-01', hours: 2400 });
    await env.call('holiday.add', { paId: pa.id, date: '2026-06-02', hours: 2400 });
    const mid = counts();
    expect(await fail('holiday.add', { paId: pa.id, date: '2026-06-03', hours: 149 })).toMatchObject({ code: 'VALIDATION', where: 'hours' });
    expect(counts()).toEqual(mid);
    await env.call('holiday.add', { paId: pa.id, date: '2026-06-03', hours: 148 });
    expect(holidayBalance(db(), pa.id, '2026-06-30')).toMatchObject({ entitlementHours: 4948, takenHours: 4948, balanceHours: 0 });
    expect(await fail('holiday.remove', { id: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await fail('holiday.balance', { paId: 999, asOf: '2026-06-30' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

function engineTax(taxable: number, payDate: string, frequency: 'monthly' | 'weekly'): number {
  const year = taxYearFor(payDate);
  return calculatePaye({ year, taxCode: '1257L', frequency, period: taxPeriodFor(payDate, frequency), taxablePayThisPeriod: pence(taxable), taxablePayToDateBefore: pence(0), taxPaidToDateBefore: pence(0) }).taxThisPeriod;
}

function engineNi(gross: number, payDate: string, frequency: 'monthly' | 'weekly'): { employee: number; employer: number } {
  return calculateNi({ year: taxYearFor(payDate), category: 'A', frequency, grossPay: pence(gross) });
}

const MAY = { periodStart: '2026-05-01', periodEnd: '2026-05-31', payDate: '2026-05-28' };
const WEEK = { periodStart: '2026-05-04', periodEnd: '2026-05-10', payDate: '2026-05-08' };
const NEST = { pensionSchemeName: 'NEST', pensionProvider: 'National Employment Savings Trust' };

describe('State Pension age', () => {
  it('66 before 6 April 1960, monthly steps to 67 by 6 March 1961, clamped to the month end', () => {
    expect(statePensionAgeDate('1955-01-01')).toBe('2021-01-01'); // 66
    expect(statePensionAgeDate('1960-04-05')).toBe('2026-04-05'); // 66
    expect(statePensionAgeDate('1960-04-06')).toBe('2026-05-06'); // 66 y 1 m
    expect(statePensionAgeDate('1960-05-05')).toBe('2026-06-05'); // still the first bracket: 66 y 1 m
    expect(statePensionAgeDate('1960-05-06')).toBe('2026-07-06'); // 66 y 2 m
    expect(statePensionAgeDate('1961-01-31')).toBe('2027-11-30'); // 6 Jan–5 Feb 1961: 66 y 10 m; 31 Nov → 30 Nov
    expect(statePensionAgeDate('1961-03-05')).toBe('2028-02-05'); // 66 y 11 m
    expect(statePensionAgeDate('1961-03-06')).toBe('2028-03-06'); // 67
    expect(statePensionAgeDate('1990-12-09')).toBe('2057-12-09'); // 67
    expect(reachedStatePensionAge('1960-04-06', '2026-05-05')).toBe(false);
    expect(reachedStatePensionAge('1960-04-06', '2026-05-06')).toBe(true);
  });
});

describe('pension contributions in pay runs', () => {
  it('monthly, net pay: 3% and 8% of qualifying earnings, the employee share taken before tax', async () => {
    const { clientId, pa } = await setup({ ...NEST, pensionBasis: 'net-pay' });
    const t = await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 22, 900);
    // Gross: 22 × 9 h × £13.50 = £2,673.00 = 267300. Monthly band 2026-27: lower £520, upper £4,189.
    // Qualifying earnings = 267300 − 52000 = 215300. Employer 3% = 6459; total 8% = 17224; employee 17224 − 6459 = 10765.
    // Net pay: taxable pay = 267300 − 10765 = 256535; NI on the full gross.
    expect(t.grossPay).toBe(267300);
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    const l = run.lines[0]!;
    const ni = engineNi(267300, MAY.payDate, 'monthly');
    expect(l).toMatchObject({ gross: 267300, qualifyingEarnings: 215300, employerPension: 6459, employeePension: 10765, taxablePay: 256535, pensionCategory: 'eligible-jobholder', employeeNi: ni.employee, employerNi: ni.employer });
    expect(l.tax).toBe(engineTax(256535, MAY.payDate, 'monthly'));
    expect(l.tax).toBeLessThan(engineTax(267300, MAY.payDate, 'monthly'));
    expect(l.net).toBe(267300 - l.tax - ni.employee - 10765);
    expect(run.notes).toContain('Pension: contributions to NEST at 3% from the employer and 8% in total');
    expect(run.notes).toContain('net pay arrangement');
    // Posting puts both contributions on the pension liability; the next month's year to date is taxable pay, not gross.
    await env.call('payrun.approve', { id: run.id, approvals: [{ by: 'Ada Lovelace' }] });
    const posted = await env.call<PayRun>('payrun.post', { id: run.id });
    const rows = db().prepare('SELECT a.code, l.amount FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.entry_id = ?').all(posted.entryId) as Array<{ code: string; amount: number }>;
    const lines = Object.fromEntries(rows.map((r) => [r.code, r.amount]));
    expect(lines).toMatchObject({ 'expense:pension': 6459, 'liability:pension': -(6459 + 10765), 'liability:net-wages': -l.net });
    await sheet(pa.id, '2026-06-01', '2026-06-30', 10, 800);
    const june = await env.call<PayRun>('payrun.draft', { clientId, periodStart: '2026-06-01', periodEnd: '2026-06-30', payDate: '2026-06-26' });
    expect(june.lines[0]).toMatchObject({ taxablePayBefore: 256535, taxPaidBefore: l.tax });
  });

  it('monthly, relief at source: the PA pays 80% of their share (rounded up), taxable pay is gross', async () => {
    const { clientId, pa } = await setup({ ...NEST, pensionBasis: 'relief-at-source' });
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 21, 730);
    // Gross: 21 lines × (7.3 h × £13.50 = £98.55) = 206955. Qualifying earnings = 206955 − 52000 = 154955.
    // Employer 3%: 4648.65 → 4649 (up). Total 8%: 12396.4 → 12397 (up). Employee gross share 12397 − 4649 = 7748.
    // Relief at source: the PA pays 80%: 6198.4 → 6199 (up); the scheme claims the rest from HMRC.
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    const l = run.lines[0]!;
    expect(l).toMatchObject({ gross: 206955, qualifyingEarnings: 154955, employerPension: 4649, employeePension: 6199, taxablePay: 206955 });
    expect(l.tax).toBe(engineTax(206955, MAY.payDate, 'monthly'));
    expect(l.net).toBe(206955 - l.tax - l.employeeNi - 6199);
    expect(run.notes).toContain('relief at source');
  });

  it('weekly, net pay, at the statutory minimum; and relief at source with employer rates above it', async () => {
    const { clientId, pa } = await setup({ ...NEST, pensionBasis: 'net-pay', payFrequency: 'weekly', payDay: 'friday' });
    await sheet(pa.id, WEEK.periodStart, WEEK.periodEnd, 5, 800);
    // Gross: 5 × 8 h × £13.50 = £540 = 54000. Weekly band: lower £120, upper £967. Qualifying 54000 − 12000 = 42000.
    // Employer 3% = 1260; total 8% = 3360; employee 2100; taxable 54000 − 2100 = 51900.
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...WEEK });
    expect(run.lines[0]).toMatchObject({ gross: 54000, qualifyingEarnings: 42000, employerPension: 1260, employeePension: 2100, taxablePay: 51900 });
    expect(run.lines[0]!.tax).toBe(engineTax(51900, WEEK.payDate, 'weekly'));

    // Employer 5%, total 10%, relief at source: employer 2100; total 4200; employee share 2100; the PA pays 80% = 1680.
    await env.call('employer.set', { clientId, pensionBasis: 'relief-at-source', pensionEmployerRate: 500, pensionTotalRate: 1000 });
    const again = await env.call<PayRun>('payrun.draft', { clientId, ...WEEK });
    expect(again.lines[0]).toMatchObject({ employerPension: 2100, employeePension: 1680, taxablePay: 54000 });
    expect(again.lines[0]!.net).toBe(54000 - again.lines[0]!.tax - again.lines[0]!.employeeNi - 1680);
    expect(again.notes).toContain('at 5% from the employer and 10% in total');
  });

  it('opted-out, entitled and past-State-Pension-age PAs; an unenrolled eligible jobholder gets a note', async () => {
    const { clientId, pa } = await setup({ ...NEST, pensionBasis: 'net-pay' }, { pensionStatus: 'opted-out' });
    const low = await env.call<Pa>('pa.create', { clientId, ...PA, name: 'Ann Low', niNumber: null, pensionStatus: 'opted-in' });
    const notYet = await env.call<Pa>('pa.create', { clientId, ...PA, name: 'Ben New', niNumber: null, pensionStatus: 'non-eligible' });
    const older = await env.call<Pa>('pa.create', { clientId, ...PA, name: 'Cy Older', niNumber: null, dateOfBirth: '1959-01-01', pensionStatus: 'opted-in' });
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 20, 800); // 20 × 8 × 13.50 = 216000
    await sheet(low.id, MAY.periodStart, MAY.periodEnd, 4, 800); // 4 × 8 × 13.50 = 43200: not above the £520 lower limit
    await sheet(notYet.id, MAY.periodStart, MAY.periodEnd, 20, 800); // 216000: above the £833 trigger
    await sheet(older.id, MAY.periodStart, MAY.periodEnd, 20, 800); // 216000, aged 67, past State Pension age (2025-01-01)
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    const by = Object.fromEntries(run.lines.map((l) => [l.paName, l]));
    // Opted out: no contributions, though she is an eligible jobholder; no enrolment note.
    expect(by['Grace Hopper']).toMatchObject({ pensionCategory: 'eligible-jobholder', employeePension: 0, employerPension: 0, taxablePay: 216000, qualifyingEarnings: 216000 - 52000 });
    // Opted in but earning no more than the lower limit: entitled worker, nothing to pay.
    expect(by['Ann Low']).toMatchObject({ pensionCategory: 'entitled-worker', qualifyingEarnings: 0, employeePension: 0, employerPension: 0 });
    // Non-eligible on record but now an eligible jobholder: nothing deducted until enrolled, and a note.
    expect(by['Ben New']).toMatchObject({ pensionCategory: 'eligible-jobholder', employeePension: 0, employerPension: 0 });
    expect(run.notes).toContain('Ben New is now an eligible jobholder: enrol them (automatic enrolment duty)');
    expect(run.notes).not.toContain('Grace Hopper is now');
    // Past State Pension age: a non-eligible jobholder; opted in, so contributions on 164000: 3% = 4920, 8% = 13120, employee 8200.
    expect(by['Cy Older']).toMatchObject({ pensionCategory: 'non-eligible-jobholder', qualifyingEarnings: 164000, employerPension: 4920, employeePension: 8200, taxablePay: 216000 - 8200 });
    expect(run.notes).toContain('for 2 of 4 PA(s)');
  });

  it('no scheme: nothing deducted whatever the status, and the note says so', async () => {
    const { clientId, pa } = await setup();
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 20, 800);
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    expect(run.lines[0]).toMatchObject({ pensionCategory: 'eligible-jobholder', employeePension: 0, employerPension: 0, taxablePay: 216000 });
    expect(run.notes).toContain('no workplace pension scheme is recorded');
  });

  it('pension rates: defaults 300/800; out of range or employer above total is VALIDATION naming the field, nothing written', async () => {
    const { clientId, employer } = await setup();
    expect(employer).toMatchObject({ pensionEmployerRate: 300, pensionTotalRate: 800 });
    const before = counts();
    expect(await fail('employer.set', { clientId, pensionEmployerRate: -1 })).toMatchObject({ code: 'VALIDATION', where: 'pensionEmployerRate' });
    expect(await fail('employer.set', { clientId, pensionTotalRate: 10001 })).toMatchObject({ code: 'VALIDATION', where: 'pensionTotalRate' });
    expect(await fail('employer.set', { clientId, pensionTotalRate: 2.5 })).toMatchObject({ code: 'VALIDATION', where: 'pensionTotalRate' });
    expect(await fail('employer.set', { clientId, pensionEmployerRate: 900 })).toMatchObject({ code: 'VALIDATION', where: 'pensionEmployerRate' });
    const low = await fail('employer.set', { clientId, pensionTotalRate: 200 });
    expect(low).toMatchObject({ code: 'VALIDATION', where: 'pensionTotalRate' });
    expect(low.message).toContain('above the total rate');
    expect(counts()).toEqual(before);
    expect(() => db().prepare('UPDATE employers SET pension_employer_rate = 900').run()).toThrow(/employer pension rate is above the total/);
    const ok = await env.call<Employer>('employer.set', { clientId, pensionEmployerRate: 1000, pensionTotalRate: 1500 });
    expect(ok).toMatchObject({ pensionEmployerRate: 1000, pensionTotalRate: 1500 });
  });
});

describe('holiday pay in pay runs', () => {
  it('pays unpaid holiday at the standard rate, marks it paid on post and frees it on reverse', async () => {
    const { clientId, pa } = await setup();
    const other = await env.call<Pa>('pa.create', { clientId, ...PA, name: 'Ann Away', niNumber: null, standardRate: 1400 });
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 10, 800); // 10 × 8 × 13.50 = 108000
    const h1 = await env.call<HolidayTaken>('holiday.add', { paId: pa.id, date: '2026-05-20', hours: 750 });
    const late = await env.call<HolidayTaken>('holiday.add', { paId: pa.id, date: '2026-04-20', hours: 300 });
    const future = await env.call<HolidayTaken>('holiday.add', { paId: pa.id, date: '2026-06-02', hours: 800 });
    const h2 = await env.call<HolidayTaken>('holiday.add', { paId: other.id, date: '2026-05-05', hours: 1000 }); // no timesheet: holiday only
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    const by = Object.fromEntries(run.lines.map((l) => [l.paName, l]));
    // Grace: 7.5 h in May + 3 h from April (recorded after April was paid) = 10.5 h × £13.50 = £141.75; June's 8 h wait.
    expect(by['Grace Hopper']).toMatchObject({ holidayHours: 1050, holidayPay: 14175, gross: 108000 + 14175 });
    // Ann: 10 h × £14.00 = £140, no timesheets.
    expect(by['Ann Away']).toMatchObject({ holidayHours: 1000, holidayPay: 14000, gross: 14000, timesheetIds: [] });
    expect(run.notes).toContain("Holiday: 20.50 hours paid at each PA's standard hourly rate");
    expect(run.notes).toContain('52 weeks');
    expect(run.notes).toContain('3.00 of those hours were taken before this period');

    await env.call('payrun.approve', { id: run.id, approvals: [{ by: 'Ada Lovelace' }] });
    // While an approved run pays it, the entry cannot be removed.
    expect(await fail('holiday.remove', { id: h1.id })).toMatchObject({ code: 'CONFLICT' });
    await env.call('payrun.post', { id: run.id });
    const paid = await env.call<HolidayTaken[]>('holiday.list', { paId: pa.id });
    expect(paid.map((h) => [h.id, h.payRunId])).toEqual([
      [late.id, run.id],
      [h1.id, run.id],
      [future.id, null],
    ]);
    expect((await env.call<HolidayTaken[]>('holiday.list', { paId: other.id }))[0]!.payRunId).toBe(run.id);
    const before = counts();
    const conflict = await fail('holiday.remove', { id: h2.id });
    expect(conflict).toMatchObject({ code: 'CONFLICT', where: 'id' });
    expect(conflict.message).toContain(`paid in pay run ${run.id}`);
    expect(counts()).toEqual(before);
    expect(() => db().prepare('DELETE FROM holiday_taken WHERE id = ?').run(h2.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('UPDATE holiday_taken SET hours = 1 WHERE id = ?').run(h1.id)).toThrow(/IMMUTABLE/);

    await env.call('payrun.reverse', { id: run.id, reason: 'Wrong holiday dates' });
    const freed = await env.call<HolidayTaken[]>('holiday.list', { paId: pa.id });
    expect(freed.every((h) => h.payRunId === null)).toBe(true);
    const trail = db().prepare("SELECT action, entity_id FROM audit_log WHERE entity = 'holiday' AND action IN ('paid','unpaid') ORDER BY id").all() as Array<{ action: string; entity_id: string }>;
    expect(trail.map((r) => r.action)).toEqual(['paid', 'paid', 'paid', 'unpaid', 'unpaid', 'unpaid']);
    // Drafting May again pays the freed holiday again; an unpaid entry can now be removed.
    const redo = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    expect(redo.lines.find((l) => l.paId === pa.id)).toMatchObject({ holidayHours: 1050, holidayPay: 14175 });
    await env.call('holiday.remove', { id: future.id });
  });

  it('a leaver with unpaid holiday is left out of a later run with a note; with no one else it is refused', async () => {
    const { clientId, pa } = await setup();
    const stay = await env.call<Pa>('pa.create', { clientId, ...PA, name: 'Ann Stays', niNumber: null });
    await env.call('holiday.add', { paId: pa.id, date: '2026-05-20', hours: 750 });
    await env.call('pa.leave', { id: pa.id, leavingDate: '2026-05-31' });
    const JUNE = { periodStart: '2026-06-01', periodEnd: '2026-06-30', payDate: '2026-06-26' };
    const before = counts();
    const none = await fail('payrun.draft', { clientId, ...JUNE });
    expect(none).toMatchObject({ code: 'VALIDATION', where: 'periodStart' });
    expect(none.message).toContain('Grace Hopper left on 2026-05-31 with 7.50 hours of holiday recorded but not paid');
    expect(counts()).toEqual(before);
    await sheet(stay.id, JUNE.periodStart, JUNE.periodEnd, 5, 800);
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...JUNE });
    expect(run.lines.map((l) => l.paName)).toEqual(['Ann Stays']);
    expect(run.notes).toContain('Grace Hopper left on 2026-05-31');
  });

  it('a draft whose holiday entry was removed cannot be approved until drafted again', async () => {
    const { clientId, pa } = await setup();
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 10, 800);
    const h = await env.call<HolidayTaken>('holiday.add', { paId: pa.id, date: '2026-05-20', hours: 750 });
    const run = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    await env.call('holiday.remove', { id: h.id });
    const before = counts();
    const stale = await fail('payrun.approve', { id: run.id, approvals: [{ by: 'Ada Lovelace' }] });
    expect(stale).toMatchObject({ code: 'CONFLICT' });
    expect(stale.message).toContain(`Holiday entry ${h.id}`);
    expect(counts()).toEqual(before);
    const redo = await env.call<PayRun>('payrun.draft', { clientId, ...MAY });
    expect(redo.lines[0]).toMatchObject({ holidayHours: 0, holidayPay: 0, gross: 108000 });
    expect((await env.call<PayRun>('payrun.approve', { id: redo.id, approvals: [{ by: 'Ada Lovelace' }] })).status).toBe('approved');
  });
});
