/** The PA on-cost calculator: each component in pence, and agreement with a real pay run for the same PA and pay. */
import { afterEach, describe, expect, it } from 'vitest';
import { calculateOncost, grossPerPeriod } from '../../../main/planning/oncost';
import { OncostInput, type OncostResult } from '../../../shared/contract-planning';
import type { PayRun } from '../../../shared/contract-payruns';
import type { Pa } from '../../../shared/contract-payroll';
import type { Timesheet } from '../../../shared/contract-timesheets';
import { addClient } from '../../fixtures/money';
import { planning, type Planning } from './fixture';

const calc = (i: Record<string, unknown>) => calculateOncost(OncostInput.parse(i));
const byKey = (r: OncostResult) => Object.fromEntries(r.components.map((c) => [c.key, c]));

describe('on-cost calculator (pure)', () => {
  it('£15.00 an hour, 15 hours a week, paid weekly in 2026-27: every component and the totals', () => {
    const r = calc({ hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: '2026-04-10', elInsuranceAnnual: 6000, payrollFeePerPeriod: 500 });
    expect(r.taxYear).toBe('2026-27');
    expect(r.grossPerWeek).toBe(22_500);
    const c = byKey(r);
    expect(c['holiday-pay']).toMatchObject({ perWeek: 2716, perHour: 181 }); // 22,500 × 5.6 / 46.4 = 2,715.5 → 2,716; 1,500 × 56 / 464 = 181.03
    expect(c['employer-ni']).toMatchObject({ perPeriod: 1935, perWeek: 1935, perHour: 129 }); // 15% × (£225 − £96 secondary threshold)
    expect(c.pension).toMatchObject({ perPeriod: 315, perWeek: 315, perHour: 21 }); // 3% × (£225 − £120 lower limit)
    expect(c['el-insurance']).toMatchObject({ perWeek: 115, perHour: 8 }); // £60 / 52 = 115.38; 115 / 15 h = 7.67
    expect(c['payroll-fee']).toMatchObject({ perPeriod: 500, perWeek: 500, perHour: 33 });
    expect(r).toMatchObject({ onCostPerWeek: 5581, onCostPerHour: 372, totalPerWeek: 28_081, totalPerHour: 1872 });
    expect(r.figures).toMatchObject({ employerNiRate: 1500, secondaryThresholdPerPeriod: 9600, pensionEmployerRate: 300 });
  });

  it('12.07% for irregular hours, none, not enrolled, and a higher employer pension rate', () => {
    expect(byKey(calc({ hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: '2026-04-10', holidayScheme: 'accrual' }))['holiday-pay']).toMatchObject({ perWeek: 2716, perHour: 181 }); // 22,500 × 12.07% = 2,715.75
    expect(byKey(calc({ hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: '2026-04-10', holidayScheme: 'none' }))['holiday-pay']).toBeUndefined();
    expect(byKey(calc({ hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: '2026-04-10', pensionEnrolled: false })).pension).toMatchObject({ perWeek: 0, perHour: 0 });
    expect(byKey(calc({ hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: '2026-04-10', employerPensionRate: 500 })).pension).toMatchObject({ perPeriod: 525 }); // 5% × £105
  });

  it('works per pay period then converts to weekly: monthly pay of 12 hours a week', () => {
    expect(grossPerPeriod(1500, 1200, 'monthly')).toBe(78_000); // 12 h × 52 / 12 = 52 h × £15
    expect(grossPerPeriod(1500, 1200, 'fortnightly')).toBe(36_000);
    expect(grossPerPeriod(1500, 1200, 'four-weekly')).toBe(72_000);
    const r = calc({ hourly: 1500, hoursPerWeek: 1200, frequency: 'monthly', date: '2026-05-28' });
    const ni = byKey(r)['employer-ni']!;
    expect(ni.perPeriod).toBe(Math.round(((78_000 - r.figures.secondaryThresholdPerPeriod) * 15) / 100));
    expect(ni.perWeek).toBe(Math.floor((ni.perPeriod! * 12 * 2 + 52) / 104)); // × 12 / 52, half up
  });

  it('a date without payroll figures is refused naming the date', () => {
    expect(() => calc({ hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: '2030-04-10' })).toThrow(/No payroll figures for tax year 2030-31/);
    expect(() => OncostInput.parse({ hourly: 100_001, hoursPerWeek: 1500, frequency: 'weekly', date: '2026-04-10' })).toThrow(/£1,000 an hour/);
    expect(() => OncostInput.parse({ hourly: 1500, hoursPerWeek: 16_801, frequency: 'weekly', date: '2026-04-10' })).toThrow(/168 hours/);
  });
});

describe('on-cost agrees with the payroll engine (a real pay run)', () => {
  let t: Planning;
  afterEach(() => t?.close());

  async function sheet(paId: number, periodStart: string, periodEnd: string, days: number, hours: number) {
    const start = Date.parse(`${periodStart}T00:00:00Z`);
    const lines = Array.from({ length: days }, (_, i) => ({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), rateType: 'standard', hours }));
    const ts = await t.call<Timesheet>('timesheet.create', { paId, periodStart, periodEnd, lines });
    await t.call('timesheet.approve', { id: ts.id, approvals: [{ by: 'Ada Lovelace' }] });
  }

  it('weekly: employer NI and pension for 15 hours at £15.00 equal the pay run’s', async () => {
    t = await planning();
    await sheet(t.pa.id, '2026-04-06', '2026-04-12', 5, 300);
    const run = await t.call<PayRun>('payrun.draftPeriod', { clientId: t.client.id, taxYear: '2026-27', period: 1 });
    const line = run.lines[0]!;
    expect(line.gross).toBe(22_500);
    const oc = await t.call<OncostResult>('oncost.calculate', { hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: run.payDate });
    expect(oc.grossPerPeriod).toBe(line.gross);
    expect(byKey(oc)['employer-ni']!.perPeriod).toBe(line.employerNi);
    expect(byKey(oc).pension!.perPeriod).toBe(line.employerPension);
    expect(line.employerNi).toBeGreaterThan(0);
    expect(line.employerPension).toBeGreaterThan(0);
  });

  it('monthly: 12 hours a week (52 hours in the month) at £15.00', async () => {
    t = await planning();
    const c = await addClient(t.env, t.funderId, { name: 'Monthly Employer' });
    await t.call('employer.set', { clientId: c.id, payFrequency: 'monthly', payDay: 28, pensionSchemeName: 'NEST', pensionBasis: 'net-pay', pensionEmployerRate: 400, pensionTotalRate: 800 });
    const pa = await t.call<Pa>('pa.create', { clientId: c.id, name: 'Linus Pauling', niNumber: 'AB123456C', dateOfBirth: '1980-02-02', startDate: '2026-04-06', taxCode: '1257L', pensionStatus: 'eligible', standardRate: 1500, contractedHours: 1200 });
    await sheet(pa.id, '2026-04-06', '2026-04-18', 13, 400);
    const run = await t.call<PayRun>('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-27', period: 1 });
    const line = run.lines[0]!;
    const oc = await t.call<OncostResult>('oncost.calculate', { hourly: 1500, hoursPerWeek: 1200, frequency: 'monthly', date: run.payDate, employerPensionRate: 400 });
    expect(line.gross).toBe(78_000);
    expect(oc.grossPerPeriod).toBe(line.gross);
    expect(byKey(oc)['employer-ni']!.perPeriod).toBe(line.employerNi);
    expect(byKey(oc).pension!.perPeriod).toBe(line.employerPension);
    expect(line.employerPension).toBeGreaterThan(0);
  });
});
