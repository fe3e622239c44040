/**
 * Exact integer arithmetic for the payroll engine. Money is integer pence ({@link Pence}); rates
 * are integer basis points (1 bp = 0.01%, so 20% = 2000). Products such as pence x bps x periods
 * are done in BigInt so no intermediate ever loses precision, and every rounding step is explicit
 * and named after the rule it implements.
 */
import { pence } from '../../shared/money';
import type { Pence } from '../../shared/money';

/** A rate in basis points: 10000 = 100%, 2000 = 20%, 185 = 1.85%. Always an integer. */
export type BasisPoints = number;

export const BPS_DENOMINATOR = 10000;

function toBig(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer, got ${n}`);
  return BigInt(n);
}

function fromBig(n: bigint): Pence {
  const v = Number(n);
  return pence(v);
}

/** floor(a / b) for BigInt with b > 0 (BigInt division truncates toward zero). */
export function floorDivBig(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** ceil(a / b) for BigInt with b > 0. */
export function ceilDivBig(a: bigint, b: bigint): bigint {
  return -floorDivBig(-a, b);
}

/** floor(amount x numerator / denominator), in pence. */
export function mulDivFloor(amount: number, numerator: number, denominator: number): Pence {
  return fromBig(floorDivBig(toBig(amount, 'amount') * toBig(numerator, 'numerator'), toBig(denominator, 'denominator')));
}

/** ceil(amount x numerator / denominator), in pence. */
export function mulDivCeil(amount: number, numerator: number, denominator: number): Pence {
  return fromBig(ceilDivBig(toBig(amount, 'amount') * toBig(numerator, 'numerator'), toBig(denominator, 'denominator')));
}

/** Half-up (away from zero for the positive amounts the engine uses) rounding of amount x n / d. */
export function mulDivRoundHalfUp(amount: number, numerator: number, denominator: number): Pence {
  const d = toBig(denominator, 'denominator');
  return fromBig(floorDivBig(2n * toBig(amount, 'amount') * toBig(numerator, 'numerator') + d, 2n * d));
}

/** Rate applied to an amount in pence, rounded down to the penny. */
export function applyBpsFloor(amount: Pence, rate: BasisPoints): Pence {
  return mulDivFloor(amount, rate, BPS_DENOMINATOR);
}

/** Rate applied to an amount in pence, rounded up to the penny. */
export function applyBpsCeil(amount: Pence, rate: BasisPoints): Pence {
  return mulDivCeil(amount, rate, BPS_DENOMINATOR);
}

/**
 * National Insurance rounding for one band (PAYROLL.md): work out the band's contribution in pounds,
 * look only at the third decimal place (tenths of a penny; anything beyond it is ignored): 5 or
 * less rounds down, 6 or more rounds up. So £0.0056 -> £0.00 and £0.0060 -> £0.01.
 * `amount` must be non-negative.
 */
export function applyBpsNiRounding(amount: Pence, rate: BasisPoints): Pence {
  if (amount < 0) throw new RangeError('NI band earnings cannot be negative');
  // amount x rate / 10000 pence; x10 for tenths of a penny => amount x rate / 1000.
  const tenths = floorDivBig(toBig(amount, 'amount') * toBig(rate, 'rate'), 1000n);
  const whole = tenths / 10n;
  const thirdDecimal = tenths % 10n;
  return fromBig(thirdDecimal >= 6n ? whole + 1n : whole);
}

/** Round pence down to whole pounds (toward minus infinity), result still in pence. */
export function floorToPounds(amount: Pence): Pence {
  return fromBig(floorDivBig(toBig(amount, 'amount'), 100n) * 100n);
}

export function minPence(a: Pence, b: Pence): Pence {
  return a <= b ? a : b;
}

export function maxPence(a: Pence, b: Pence): Pence {
  return a >= b ? a : b;
}

/** max(0, min(value, upper) - lower): the part of `value` that lies in the band (lower, upper]. */
export function bandPortion(value: Pence, lower: Pence, upper: Pence | null): Pence {
  const top = upper === null ? value : minPence(value, upper);
  return top > lower ? pence(top - lower) : pence(0);
}
