/**
 * payroll.hmrcDue through the api: per employer per tax month from POSTED runs, with Employment
 * Allowance running out part-way through the year, a reversed run not counting, and payments to
 * liability:paye-ni allocated oldest month first.
 *
 * Hand-worked figures for £10,000 a month, 2026-27, category A, with a postgraduate loan
 * (thresholds from main/payroll/tax-years/2026-27.ts):
 * - employer NI: 15% × (£10,000 − ST £417) = £1,437.45
 * - employee NI: 8% × (UEL £4,189 − PT £1,048) + 2% × (£10,000 − £4,189) = £251.28 + £116.22 = £367.50
 * - postgraduate loan: 6% × (£10,000 − £1,750) = £495.00
 * - Employment Allowance £10,500: months 1–7 take £1,437.45 each (£10,062.15), month 8 the last
 *   £437.85, month 9 nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HmrcMonth } from '../../../shared/contract-payroll-ops';
import type { PayRun } from '../../../shared/contract-payruns';
import { ops, type Ops } from './ops-fixture';

let o: Ops;
afterEach(() => o?.close());

const ER = 143_745;
const EE = 36_750;
const PGL = 49_500;

const MONTHS = ['04', '05', '06', '07', '08', '09', '10', '11', '12', '01'];

async function tenMonths(employmentAllowance: boolean) {
  o = await ops();
  const c = await o.employer('Ada Lovelace', { employmentAllowance, accountsOfficeReference: '123PX00123456' });
  const pa = await o.pa(c.id, 'Grace Hopper', 'JG103759A', { standardRate: 5000, postgraduateLoan: true });
  const runs: PayRun[] = [];
  for (let n = 1; n <= 10; n++) {
    const mm = MONTHS[n - 1]!;
    const y = n <= 9 ? 2026 : 2027;
    await o.sheet(pa.id, `${y}-${mm}-${n === 1 ? '06' : '01'}`, `${y}-${mm}-28`, 20, 1000); // 20 × 10 h × £50 = £10,000
    runs.push(await o.postPeriod(c.id, n));
  }
  return { c, runs };
}

describe('payroll.hmrcDue', () => {
  it('sets Employment Allowance against employer NI until it runs out, and leaves out a reversed run', async () => {
    const { c, runs } = await tenMonths(true);
    for (const r of runs) expect(r.totals).toMatchObject({ gross: 1_000_000, employerNi: ER, employeeNi: EE, postgraduateLoan: PGL, studentLoan: 0 });
    o.env.clock.set('2027-02-01T09:00:00.000Z');
    await o.env.call('payrun.reverse', { id: runs[9]!.id, reason: 'Paid in error: Grace was on leave' });

    const months = await o.env.call<HmrcMonth[]>('payroll.hmrcDue', { taxYear: '2026-27', clientId: c.id });
    expect(months.map((m) => m.taxMonth)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(months.map((m) => m.employmentAllowanceUsed)).toEqual([ER, ER, ER, ER, ER, ER, ER, 43_785, 0]);
    expect(months.reduce((s, m) => s + m.employmentAllowanceUsed, 0)).toBe(1_050_000);
    months.forEach((m, i) => {
      const tax = runs[i]!.totals.tax;
      expect(m).toMatchObject({ clientId: c.id, clientName: 'Ada Lovelace', taxYear: '2026-27', tax, employeeNi: EE, employerNi: ER, studentLoans: PGL, paid: 0 });
      expect(m.due).toBe(tax + EE + ER - m.employmentAllowanceUsed + PGL);
    });
    expect(months[0]).toMatchObject({ monthStart: '2026-04-06', monthEnd: '2026-05-05', dueDate: '2026-05-22' });
    expect(months[8]).toMatchObject({ taxMonth: 9, monthStart: '2026-12-06', monthEnd: '2027-01-05', dueDate: '2027-01-22', due: runs[8]!.totals.tax + EE + ER + PGL });
  });

  it('posts each run net of the allowance it takes, so the PAYE/NI owed in the ledger equals what HMRC is due', async () => {
    const { c, runs } = await tenMonths(true);
    // Runs 1–7 take £1,437.45 each, run 8 the last £437.85, runs 9 and 10 nothing (stored on the run when posted).
    expect(runs.map((r) => r.employmentAllowance)).toEqual([ER, ER, ER, ER, ER, ER, ER, 43_785, 0, 0]);
    const entry = await o.env.call<{ lines: Array<{ accountCode: string; amount: number }>; memo: string }>('entry.get', { id: runs[7]!.entryId! });
    const line = (code: string) => entry.lines.filter((l) => l.accountCode === code).reduce((s, l) => s + l.amount, 0);
    expect(line('expense:employer-ni')).toBe(ER - 43_785);
    expect(line('liability:paye-ni')).toBe(-(runs[7]!.totals.tax + EE + ER - 43_785 + PGL));
    expect(entry.memo).toContain('Employment Allowance £437.85');
    const months = await o.env.call<HmrcMonth[]>('payroll.hmrcDue', { taxYear: '2026-27', clientId: c.id });
    const owed = await o.env.call<{ payeNi: number }>('payroll.liabilities', { clientId: c.id, asOf: '2027-02-28' });
    expect(owed.payeNi).toBe(months.reduce((s, m) => s + m.due, 0));
    // Reversing a run gives its allowance back: the next run posted takes it.
    o.env.clock.set('2027-02-01T09:00:00.000Z');
    await o.env.call('payrun.reverse', { id: runs[6]!.id, reason: 'Paid in error: Grace was on leave' });
    expect((await o.env.call<HmrcMonth[]>('payroll.hmrcDue', { taxYear: '2026-27', clientId: c.id })).reduce((s, m) => s + m.employmentAllowanceUsed, 0)).toBe(
      1_050_000 - ER,
    );
  });

  it('allocates payments to PAYE/NI oldest month first', async () => {
    const { c, runs } = await tenMonths(false);
    await o.fund(c.id, '2026-04-06', 2_000_000);
    const due1 = runs[0]!.totals.tax + EE + ER + PGL;
    await o.env.call('payroll.payLiability', { clientId: c.id, liability: 'paye-ni', amount: due1 + 10_000, date: '2026-06-01', payeeName: 'HMRC', authorisations: [{ by: 'Ada Lovelace' }] });
    const months = await o.env.call<HmrcMonth[]>('payroll.hmrcDue', { taxYear: '2026-27', clientId: c.id });
    expect(months).toHaveLength(10);
    expect(months.map((m) => m.employmentAllowanceUsed)).toEqual(Array(10).fill(0));
    expect(months[0]).toMatchObject({ due: due1, paid: due1 });
    expect(months[1]!.paid).toBe(10_000);
    expect(months.slice(2).every((m) => m.paid === 0)).toBe(true);
    // Another tax year has no months; all employers are listed without clientId.
    expect(await o.env.call('payroll.hmrcDue', { taxYear: '2025-26', clientId: c.id })).toEqual([]);
    expect((await o.env.call<HmrcMonth[]>('payroll.hmrcDue', { taxYear: '2026-27' })).length).toBe(10);
  });

  it('refuses an unknown client, a client who is not an employer and a malformed tax year', async () => {
    o = await ops();
    const notEmployer = await o.env.call<{ id: number }>('client.create', { name: 'Bob Smith', funderIds: [o.funder.id], startDate: '2026-04-06', dateOfBirth: '1980-05-01' });
    expect(await o.fail('payroll.hmrcDue', { taxYear: '2026-27', clientId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await o.fail('payroll.hmrcDue', { taxYear: '2026-27', clientId: notEmployer.id })).toMatchObject({ code: 'VALIDATION', where: 'clientId' });
    expect(await o.fail('payroll.hmrcDue', { taxYear: '2026/27' })).toMatchObject({ code: 'VALIDATION', where: 'taxYear' });
  });
});
