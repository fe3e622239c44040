/**
 * PAYE income tax for one payment, by HMRC's exact-percentage method (PAYROLL.md):
 *
 * - Free pay for a suffix code n: if n > 500, split off q lots of 500 leaving r (r = 0 becomes
 *   r = 500 with one lot fewer). The remainder's value is (r x 10 + 9) / 52 a week or / 12 a month,
 *   rounded UP to the penny; each lot of 500 adds a fixed £96.16 a week or £416.67 a month.
 *   Cumulative: the weekly/monthly figure times the tax week/month number; week 1/month 1: times
 *   the weeks in the pay period (1, 2 or 4) or 1 month. 0T gives no free pay.
 * - K codes: the same computation gives additional pay, added to pay.
 * - Taxable pay (to date, or for the period on week 1/month 1) is rounded DOWN to whole pounds.
 * - Band limits to date are annual band x n / 52 (or / 12); tax is truncated to the penny (see
 *   taxOnBands for the fixed-point detail that reproduces HMRC's figures exactly).
 * - BR, D0, D1 and their S/C forms tax all taxable pay (rounded down to whole pounds) at one rate.
 * - Cumulative: tax this period = tax due to date - tax paid to date; negative is a refund.
 *   Week 1/month 1: tax on this period's pay alone, never a refund.
 * - K codes: tax in a period may not exceed 50% of that period's pay (the regulatory limit).
 * - Week 53 (and week 54 fortnightly / week 56 four-weekly) is always worked on a week 1 basis.
 * - The personal allowance taper is not applied here: HMRC does that through the tax code.
 */
import { pence, ZERO } from '../../shared/money';
import type { Pence } from '../../shared/money';
import { BPS_DENOMINATOR, ceilDivBig, floorDivBig, floorToPounds, mulDivFloor } from './arithmetic';
import type { BasisPoints } from './arithmetic';
import { assertPeriod, isExtraPeriod, PayrollInputError, weeksInPeriod } from './calendar';
import { parseTaxCode } from './tax-code';
import type { TaxCode } from './tax-code';
import type { PayFrequency, TaxBand, TaxRegion, TaxYearTable } from './types';

/** Fixed free pay for each complete 500 of a code over 500 (HMRC pay adjustment tables). */
export const FREE_PAY_PER_500 = { week: pence(9616), month: pence(41667) } as const;

export type PayeBasis = 'cumulative' | 'week1month1';

export interface PayeInput {
  readonly year: TaxYearTable;
  /** A code string ("1257L", "SK585", "BR W1") or an already-parsed code. */
  readonly taxCode: string | TaxCode;
  readonly frequency: PayFrequency;
  /**
   * Tax week of the pay day for weekly, fortnightly and four-weekly pay (1..52, or 53 / 54 / 56 for
   * the extra "week 53" payment); tax month (1..12) for monthly pay.
   */
  readonly period: number;
  /** Pay subject to tax in this period (after net-pay pension contributions etc.). */
  readonly taxablePayThisPeriod: Pence;
  /** Taxable pay in earlier periods of this tax year (including previous employment from a P45, when used). */
  readonly taxablePayToDateBefore: Pence;
  /** Tax deducted in earlier periods of this tax year (same scope as taxablePayToDateBefore). */
  readonly taxPaidToDateBefore: Pence;
  /** Force week 1/month 1 even if the code has no W1/M1/X marker. */
  readonly week1Month1?: boolean;
}

export interface PayeResult {
  readonly code: TaxCode;
  readonly region: TaxRegion;
  readonly basis: PayeBasis;
  /** Pay the calculation is based on: pay to date (cumulative) or this period's pay (week 1/month 1). */
  readonly payForCalculation: Pence;
  /** Free pay set against payForCalculation (0 for K, flat-rate and NT codes). */
  readonly freePay: Pence;
  /** K-code additional pay added to payForCalculation (0 otherwise). */
  readonly additionalPay: Pence;
  /** Taxable pay rounded down to whole pounds (never negative), in pence. */
  readonly taxablePay: Pence;
  /** Tax due on taxablePay: to date (cumulative) or for the period (week 1/month 1). */
  readonly taxDue: Pence;
  /** Tax to deduct this period; negative is a refund (cumulative basis only). */
  readonly taxThisPeriod: Pence;
  /** taxPaidToDateBefore + taxThisPeriod. */
  readonly taxToDate: Pence;
  /** True when the 50% regulatory limit reduced this period's tax (K codes). */
  readonly regulatoryLimitApplied: boolean;
  /** Tax left undeducted because of the regulatory limit (carries forward on a cumulative basis). */
  readonly taxNotDeducted: Pence;
}

/**
 * Free pay (suffix codes) or additional pay (K codes) for ONE week or ONE month, for code number n.
 */
export function freePayPerUnit(n: number, unit: 'week' | 'month'): Pence {
  if (!Number.isSafeInteger(n) || n < 0) throw new PayrollInputError(`Tax code number must be a whole number, got ${n}`);
  if (n === 0) return ZERO;
  let lots = Math.floor(n / 500);
  let remainder = n % 500;
  if (remainder === 0) {
    remainder = 500;
    lots -= 1;
  }
  const divisor = unit === 'week' ? 52n : 12n;
  // (r x 10 + 9) pounds = (r x 10 + 9) x 100 pence; divided by 52 or 12, rounded up to the penny.
  const remainderValue = ceilDivBig(BigInt(remainder * 10 + 9) * 100n, divisor);
  return pence(Number(remainderValue) + lots * FREE_PAY_PER_500[unit]);
}

/** Periods in the year used for band limits and the multiplier for a period on the chosen basis. */
function periodScale(frequency: PayFrequency, period: number, basis: PayeBasis): { n: number; of: 52 | 12; unit: 'week' | 'month' } {
  const weeks = weeksInPeriod(frequency);
  if (weeks === null) return { n: basis === 'cumulative' ? period : 1, of: 12, unit: 'month' };
  return { n: basis === 'cumulative' ? period : weeks, of: 52, unit: 'week' };
}

/**
 * Tax on whole-pound taxable pay through the region's bands.
 *
 * Band limits to date are the cumulative annual limit x n / of (PAYROLL.md: "not rounded"). HMRC's
 * own figures are, however, produced with finite precision, and six Scottish monthly rows of the
 * 2025-26 test data (where the exact answer lands on a whole penny) come out 1p lower than exact
 * arithmetic gives. The rule that reproduces all 168 rows, and the one used here, is fixed-point:
 * - each cumulative band limit is truncated to £0.0001 (a hundredth of a penny);
 * - each band's tax is truncated to £0.00001 (a thousandth of a penny);
 * - the sum is truncated to the penny.
 * (Limits to 3 dp with band tax to 4 dp, or 5 dp with 6 dp, fit the data equally; the limits'
 * truncation never moves an answer by more than a fraction of a penny from exact arithmetic.)
 */
export function taxOnBands(taxable: Pence, bands: readonly TaxBand[], n: number, of: number): Pence {
  if (taxable <= 0) return ZERO;
  // Units: hundredths of a penny for pay and limits, thousandths of a penny for tax.
  const pay = BigInt(taxable) * 100n;
  let cumulativeAnnual = 0n; // pence
  let lower = 0n;
  let taxMilli = 0n;
  for (const band of bands) {
    let upper: bigint | null = null;
    if (band.width !== null) {
      cumulativeAnnual += BigInt(band.width);
      upper = floorDivBig(cumulativeAnnual * BigInt(n) * 100n, BigInt(of));
    }
    const top = upper === null || pay < upper ? pay : upper;
    if (top > lower) taxMilli += floorDivBig((top - lower) * BigInt(band.rate), 1000n);
    if (upper === null || pay <= upper) break;
    lower = upper;
  }
  return pence(Number(floorDivBig(taxMilli, 1000n)));
}

function flatRate(year: TaxYearTable, code: TaxCode & { kind: 'flat' }): BasisPoints {
  const rate = year.incomeTax.flatRateCodes[code.code];
  if (rate === undefined) throw new PayrollInputError(`Tax code ${code.code} has no rate in tax year ${year.id}`);
  return rate;
}

export function calculatePaye(input: PayeInput): PayeResult {
  const { year, frequency, period } = input;
  assertPeriod(frequency, period);
  for (const [name, v] of [
    ['taxablePayThisPeriod', input.taxablePayThisPeriod],
    ['taxablePayToDateBefore', input.taxablePayToDateBefore],
    ['taxPaidToDateBefore', input.taxPaidToDateBefore],
  ] as const) {
    if (!Number.isSafeInteger(v)) throw new PayrollInputError(`${name} must be whole pence`);
  }
  const code = typeof input.taxCode === 'string' ? parseTaxCode(input.taxCode) : input.taxCode;
  const basis: PayeBasis =
    code.week1Month1 || input.week1Month1 === true || isExtraPeriod(frequency, period) ? 'week1month1' : 'cumulative';
  const { n, of, unit } = periodScale(frequency, period, basis);

  const payForCalculation =
    basis === 'cumulative'
      ? pence(input.taxablePayToDateBefore + input.taxablePayThisPeriod)
      : input.taxablePayThisPeriod;

  let freePay = ZERO;
  let additionalPay = ZERO;
  if (code.kind === 'allowance') freePay = pence(freePayPerUnit(code.allowance, unit) * n);
  if (code.kind === 'k') additionalPay = pence(freePayPerUnit(code.addition, unit) * n);

  const beforeRounding = pence(payForCalculation - freePay + additionalPay);
  const taxablePay = beforeRounding > 0 ? floorToPounds(beforeRounding) : ZERO;

  let taxDue: Pence;
  switch (code.kind) {
    case 'nt':
      taxDue = ZERO;
      break;
    case 'flat':
      taxDue = mulDivFloor(taxablePay, flatRate(year, code), BPS_DENOMINATOR);
      break;
    case 'allowance':
    case 'k':
      taxDue = taxOnBands(taxablePay, year.incomeTax.bands[code.region], n, of);
      break;
  }

  let taxThisPeriod = basis === 'cumulative' ? pence(taxDue - input.taxPaidToDateBefore) : taxDue;
  let regulatoryLimitApplied = false;
  let taxNotDeducted = ZERO;
  if (code.kind === 'k') {
    const limit = mulDivFloor(Math.max(input.taxablePayThisPeriod, 0), year.incomeTax.regulatoryLimit, BPS_DENOMINATOR);
    if (taxThisPeriod > limit) {
      taxNotDeducted = pence(taxThisPeriod - limit);
      taxThisPeriod = limit;
      regulatoryLimitApplied = true;
    }
  }

  return {
    code,
    region: code.region,
    basis,
    payForCalculation,
    freePay,
    additionalPay,
    taxablePay,
    taxDue,
    taxThisPeriod,
    taxToDate: pence(input.taxPaidToDateBefore + taxThisPeriod),
    regulatoryLimitApplied,
    taxNotDeducted,
  };
}
