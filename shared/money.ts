/**
 * Money is integer pence, end to end. This module is the one place where text becomes pence and
 * pence become text. No floating point is used on the way: parsing works on the digits.
 */
declare const penceBrand: unique symbol;
export type Pence = number & { readonly [penceBrand]: true };

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** Wrap a number known to be whole pence; throws if it is not a safe integer. */
export function pence(n: number): Pence {
  if (!Number.isSafeInteger(n)) throw new MoneyError(`Not a whole number of pence: ${n}`);
  return n as Pence;
}

export const ZERO = 0 as Pence;

export function addPence(...xs: readonly Pence[]): Pence {
  let total = 0;
  for (const x of xs) total += x;
  return pence(total);
}

export function subPence(a: Pence, b: Pence): Pence {
  return pence(a - b);
}

export function negPence(a: Pence): Pence {
  return pence(a === 0 ? 0 : -a);
}

const AMOUNT_RE = /^(-)?£?(-)?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$/;

/**
 * Parse an amount typed by a person or given on a command line: "1234.56", "£1,234.56", "-£5",
 * "(12.50)" for a negative. At most two decimal places; anything else is refused with a message.
 */
export function parseAmount(text: string): Pence {
  let s = text.trim().replace(/\s+/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  const m = AMOUNT_RE.exec(s);
  if (!m || (m[3] === undefined && m[4] === undefined)) {
    throw new MoneyError(`"${text}" is not an amount of money: write it like 1234.56 or £1,234.56`);
  }
  if (m[1] && m[2]) throw new MoneyError(`"${text}" has two minus signs`);
  if (m[1] || m[2]) negative = !negative;
  const whole = (m[3] ?? '0').replace(/,/g, '');
  const frac = (m[4] ?? '').padEnd(2, '0');
  const digits = whole.replace(/^0+(?=\d)/, '') + frac;
  if (digits.length > 15) throw new MoneyError(`"${text}" is too large an amount`);
  const value = Number.parseInt(digits, 10);
  return pence(negative ? -value : value);
}

/** "£1,234.56", negatives as "-£1,234.56". */
export function formatPence(p: Pence | number, opts: { symbol?: boolean } = {}): string {
  const n = pence(p);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const pounds = Math.trunc(abs / 100);
  const pp = abs % 100;
  const withCommas = pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${opts.symbol === false ? '' : '£'}${withCommas}.${pp.toString().padStart(2, '0')}`;
}

/** Plain decimal for files (CSV, journals): "1234.56", "-5.00". */
export function penceToDecimal(p: Pence | number): string {
  return formatPence(p, { symbol: false }).replace(/,/g, '');
}
