/**
 * Class 1 National Insurance for one payment (non-director employees: each pay period stands on its
 * own, there is no cumulation). Uses HMRC's published per-frequency thresholds (PAYROLL.md: never
 * annual / 52 on the fly) and rounds each band on its own: look at the third decimal of the band's
 * contribution in pounds, 5 or less rounds down, 6 or more rounds up.
 *
 * Employee: main rate (8%, 1.85%, 2% or 0% by category) on earnings above PT up to UEL, plus the
 * above-UEL rate (2%; 0% for C, K, S) on earnings above UEL — two bands, rounded separately.
 * Employer: 0% up to the category's zero-rate limit (ST; UST for M and Z; AUST for H; VUST for V;
 * FUST for F, I, L, S; IZUST for D, E, K, N) and the employer rate (15% from 6 April 2025) on
 * everything above it — one band.
 */
import { pence, ZERO } from '../../shared/money';
import type { Pence } from '../../shared/money';
import { applyBpsNiRounding, bandPortion, minPence } from './arithmetic';
import { PayrollInputError } from './calendar';
import { NI_CATEGORIES } from './types';
import type { NiCategory, NiThresholdName, PayFrequency, TaxYearTable } from './types';

export interface NiInput {
  readonly year: TaxYearTable;
  readonly category: NiCategory;
  readonly frequency: PayFrequency;
  /** Earnings for Class 1 NI in this pay period (gross pay, after salary sacrifice). */
  readonly grossPay: Pence;
}

export interface NiResult {
  readonly category: NiCategory;
  readonly employee: Pence;
  readonly employer: Pence;
  /** RTI band figures: earnings at LEL (the LEL itself once pay reaches it, else 0). */
  readonly earningsAtLel: Pence;
  /** Earnings above LEL up to PT. */
  readonly earningsLelToPt: Pence;
  /** Earnings above PT up to UEL. */
  readonly earningsPtToUel: Pence;
  /** Earnings above UEL. */
  readonly earningsAboveUel: Pence;
  /** Thresholds used, for display and audit. */
  readonly thresholds: {
    readonly lel: Pence;
    readonly pt: Pence;
    readonly uel: Pence;
    readonly employerZeroRateUpTo: NiThresholdName;
    readonly employerThreshold: Pence;
  };
}

export function isNiCategory(s: string): s is NiCategory {
  return (NI_CATEGORIES as readonly string[]).includes(s);
}

export function niThreshold(year: TaxYearTable, name: NiThresholdName, frequency: PayFrequency): Pence {
  return year.ni.thresholds[name][frequency];
}

export function calculateNi(input: NiInput): NiResult {
  const { year, category, frequency, grossPay } = input;
  if (!isNiCategory(category)) throw new PayrollInputError(`"${String(category)}" is not an NI category letter`);
  if (!Number.isSafeInteger(grossPay) || grossPay < 0) {
    throw new PayrollInputError('Pay for NI must be whole pence and not negative');
  }
  const rule = year.ni.categories[category];
  const lel = niThreshold(year, 'LEL', frequency);
  const pt = niThreshold(year, 'PT', frequency);
  const uel = niThreshold(year, 'UEL', frequency);
  const employerThreshold = niThreshold(year, rule.employerZeroRateUpTo, frequency);

  const ptToUel = bandPortion(grossPay, pt, uel);
  const aboveUel = bandPortion(grossPay, uel, null);
  const employee = pence(
    applyBpsNiRounding(ptToUel, rule.employeeMainRate) + applyBpsNiRounding(aboveUel, rule.employeeAboveUelRate),
  );
  const employer = applyBpsNiRounding(bandPortion(grossPay, employerThreshold, null), year.ni.employerRate);

  return {
    category,
    employee,
    employer,
    earningsAtLel: grossPay >= lel ? lel : ZERO,
    earningsLelToPt: bandPortion(grossPay, lel, pt),
    earningsPtToUel: ptToUel,
    earningsAboveUel: aboveUel,
    thresholds: { lel, pt, uel, employerZeroRateUpTo: rule.employerZeroRateUpTo, employerThreshold },
  };
}

export interface EmploymentAllowanceClaim {
  /** Allowance set against this employer NI. */
  readonly claimed: Pence;
  /** Employer NI still to pay after the allowance. */
  readonly employerNiPayable: Pence;
  /** Allowance left for later periods of the tax year. */
  readonly allowanceRemaining: Pence;
}

/**
 * Set Employment Allowance against employer Class 1 NI (for one employee's payment or a whole
 * pay run's total). The allowance is used up period by period across the tax year until it runs
 * out: pass in what remains (at the start of the year, `year.employmentAllowance.amount`) and
 * carry `allowanceRemaining` forward. Eligibility (e.g. care and support workers for an individual
 * employer) is the caller's decision.
 */
export function claimEmploymentAllowance(employerNi: Pence, allowanceRemaining: Pence): EmploymentAllowanceClaim {
  if (!Number.isSafeInteger(employerNi) || !Number.isSafeInteger(allowanceRemaining) || allowanceRemaining < 0) {
    throw new PayrollInputError('Employment Allowance figures must be whole pence, allowance not negative');
  }
  const claimed = employerNi > 0 ? minPence(employerNi, allowanceRemaining) : ZERO;
  return {
    claimed,
    employerNiPayable: pence(employerNi - claimed),
    allowanceRemaining: pence(allowanceRemaining - claimed),
  };
}
