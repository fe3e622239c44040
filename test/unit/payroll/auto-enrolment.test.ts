/**
 * Auto-enrolment assessment with TPR's 2025-26 per-period thresholds
 * (monthly: lower 520, trigger 833, upper 4189; weekly: 120, 192, 967).
 */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../shared/money';
import { ageOn, assessAutoEnrolment } from '../../../main/payroll/auto-enrolment';
import { TAX_YEAR_2025_26 } from '../../../main/payroll/tax-years';

const gbp = parseAmount;
const year = TAX_YEAR_2025_26;

describe('assessAutoEnrolment', () => {
  it('eligible jobholder: contributions on qualifying earnings', () => {
    // QE = 1500 - 520 = 980; employer 3% = 29.40; total 8% = 78.40; employee 49.00.
    const r = assessAutoEnrolment({ year, frequency: 'monthly', earnings: gbp('1500'), age: 30, reachedStatePensionAge: false });
    expect(r).toMatchObject({
      category: 'eligible-jobholder', mustEnrol: true, qualifyingEarnings: gbp('980'),
      employerContribution: gbp('29.40'), totalContribution: gbp('78.40'), employeeContribution: gbp('49.00'),
    });
  });

  it('non-eligible jobholder between the lower limit and the trigger', () => {
    // QE = 700 - 520 = 180; employer 5.40; total 14.40; employee 9.00.
    const r = assessAutoEnrolment({ year, frequency: 'monthly', earnings: gbp('700'), age: 30, reachedStatePensionAge: false });
    expect(r).toMatchObject({ category: 'non-eligible-jobholder', mustEnrol: false, employerContribution: gbp('5.40'), employeeContribution: gbp('9.00') });
  });

  it('entitled worker at exactly the lower limit (must be MORE than)', () => {
    const r = assessAutoEnrolment({ year, frequency: 'monthly', earnings: gbp('520'), age: 30, reachedStatePensionAge: false });
    expect(r).toMatchObject({ category: 'entitled-worker', employerMustContribute: false, totalContribution: 0 });
  });

  it('trigger is "more than": £192.00 a week is not enough, £192.01 is', () => {
    const at = assessAutoEnrolment({ year, frequency: 'weekly', earnings: gbp('192.00'), age: 40, reachedStatePensionAge: false });
    const over = assessAutoEnrolment({ year, frequency: 'weekly', earnings: gbp('192.01'), age: 40, reachedStatePensionAge: false });
    expect(at.category).toBe('non-eligible-jobholder');
    expect(over.category).toBe('eligible-jobholder');
  });

  it('under 22 or over State Pension age above the trigger: non-eligible', () => {
    // QE = 300 - 120 = 180; employer 3% = 5.40; total 8% = 14.40.
    const young = assessAutoEnrolment({ year, frequency: 'weekly', earnings: gbp('300'), age: 20, reachedStatePensionAge: false });
    expect(young).toMatchObject({ category: 'non-eligible-jobholder', employerContribution: gbp('5.40'), totalContribution: gbp('14.40') });
    const older = assessAutoEnrolment({ year, frequency: 'monthly', earnings: gbp('2000'), age: 67, reachedStatePensionAge: true });
    expect(older.category).toBe('non-eligible-jobholder');
  });

  it('75 and over, or under 16: outside scope', () => {
    expect(assessAutoEnrolment({ year, frequency: 'monthly', earnings: gbp('2000'), age: 75, reachedStatePensionAge: true }).category).toBe('outside-scope');
    expect(assessAutoEnrolment({ year, frequency: 'monthly', earnings: gbp('2000'), age: 15, reachedStatePensionAge: false }).category).toBe('outside-scope');
  });

  it('qualifying earnings stop at the upper limit', () => {
    // QE = 967 - 120 = 847; employer 25.41; total 67.76; employee 42.35.
    const r = assessAutoEnrolment({ year, frequency: 'weekly', earnings: gbp('1000'), age: 40, reachedStatePensionAge: false });
    expect(r).toMatchObject({ qualifyingEarnings: gbp('847'), employerContribution: gbp('25.41'), totalContribution: gbp('67.76'), employeeContribution: gbp('42.35') });
  });

  it('minimum contributions round up to the penny', () => {
    // QE = 200.10 - 120 = 80.10; 3% = 2.403 -> 2.41; 8% = 6.408 -> 6.41; employee 4.00.
    const r = assessAutoEnrolment({ year, frequency: 'weekly', earnings: gbp('200.10'), age: 40, reachedStatePensionAge: false });
    expect(r).toMatchObject({ employerContribution: gbp('2.41'), totalContribution: gbp('6.41'), employeeContribution: gbp('4.00') });
  });

  it('scheme rates above the minimum', () => {
    // QE 980 (monthly 1500): employer 5% = 49.00; total 10% = 98.00; employee 49.00.
    const r = assessAutoEnrolment({ year, frequency: 'monthly', earnings: gbp('1500'), age: 30, reachedStatePensionAge: false, employerRate: 500, totalRate: 1000 });
    expect(r).toMatchObject({ employerContribution: gbp('49.00'), totalContribution: gbp('98.00'), employeeContribution: gbp('49.00') });
  });
});

describe('ageOn', () => {
  it.each([
    ['2000-06-15', '2025-06-14', 24],
    ['2000-06-15', '2025-06-15', 25],
    ['2000-02-29', '2021-02-28', 20],
    ['2000-02-29', '2021-03-01', 21],
  ])('born %s, on %s: %i', (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });
});
