/**
 * Student and Postgraduate Loan deductions through payroll (non-cumulative, period by period).
 *
 * - Threshold for the period: the plan's annual threshold x weeks / 52 for week-based pay, or / 12
 *   for monthly, truncated to the penny (e.g. Plan 1 2025-26 £26,065: £501.25 a week, £2,172.08 a
 *   month; Postgraduate £403.84 a week, as quoted by payroll bureaux). Derived (D): check against
 *   HMRC's published per-period figures each year.
 * - Deduction: 9% (Plans 1, 2, 4, 5) or 6% (Postgraduate) of the earnings above the threshold,
 *   rounded DOWN to whole pounds.
 * - Earnings are the employee's earnings for Class 1 NI in the period (not taxable pay).
 * - An employee with more than one undergraduate plan repays 9% once, above the LOWEST of their
 *   plans' thresholds; a Postgraduate Loan is repaid alongside at 6% above its own threshold.
 * - Plan 5 is not collected through payroll in 2025-26 (threshold null): no deduction.
 */
import { pence, ZERO } from '../../shared/money';
import type { Pence } from '../../shared/money';
import { applyBpsFloor, floorToPounds, mulDivFloor } from './arithmetic';
import { PayrollInputError, weeksInPeriod } from './calendar';
import type { PayFrequency, StudentLoanPlan, TaxYearTable } from './types';

export const UNDERGRADUATE_PLANS = ['plan1', 'plan2', 'plan4', 'plan5'] as const;

/** The plan's threshold for one pay period, or null if the plan is not collected that year. */
export function studentLoanThreshold(year: TaxYearTable, plan: StudentLoanPlan, frequency: PayFrequency): Pence | null {
  const annual = year.studentLoans.annualThresholds[plan];
  if (annual === null) return null;
  const weeks = weeksInPeriod(frequency);
  return weeks === null ? mulDivFloor(annual, 1, 12) : mulDivFloor(annual, weeks, 52);
}

export interface StudentLoanInput {
  readonly year: TaxYearTable;
  readonly frequency: PayFrequency;
  /** Plans on the employee's SL1/PGL1 notice, P45 or starter checklist (any order, no repeats needed). */
  readonly plans: readonly StudentLoanPlan[];
  /** Earnings for Class 1 NI this period. */
  readonly earnings: Pence;
}

export interface StudentLoanLine {
  readonly plan: StudentLoanPlan;
  readonly threshold: Pence;
  readonly deduction: Pence;
}

export interface StudentLoanResult {
  /** The undergraduate deduction (at most one line), then the postgraduate one if held. */
  readonly lines: readonly StudentLoanLine[];
  readonly total: Pence;
}

function deductionAbove(earnings: Pence, threshold: Pence, rate: number): Pence {
  if (earnings <= threshold) return ZERO;
  return floorToPounds(applyBpsFloor(pence(earnings - threshold), rate));
}

export function calculateStudentLoans(input: StudentLoanInput): StudentLoanResult {
  const { year, frequency, earnings } = input;
  if (!Number.isSafeInteger(earnings) || earnings < 0) throw new PayrollInputError('Earnings must be whole pence, not negative');
  const lines: StudentLoanLine[] = [];

  let lowest: { plan: StudentLoanPlan; threshold: Pence } | null = null;
  for (const plan of UNDERGRADUATE_PLANS) {
    if (!input.plans.includes(plan)) continue;
    const threshold = studentLoanThreshold(year, plan, frequency);
    if (threshold === null) continue;
    if (lowest === null || threshold < lowest.threshold) lowest = { plan, threshold };
  }
  if (lowest !== null) {
    lines.push({
      plan: lowest.plan,
      threshold: lowest.threshold,
      deduction: deductionAbove(earnings, lowest.threshold, year.studentLoans.undergraduateRate),
    });
  }
  if (input.plans.includes('postgraduate')) {
    const threshold = studentLoanThreshold(year, 'postgraduate', frequency);
    if (threshold !== null) {
      lines.push({
        plan: 'postgraduate',
        threshold,
        deduction: deductionAbove(earnings, threshold, year.studentLoans.postgraduateRate),
      });
    }
  }
  return { lines, total: pence(lines.reduce((s, l) => s + l.deduction, 0)) };
}
