/**
 * Money as banks write it, to signed integer pence, working on the digits (no floating point):
 * "1234.56", "£1,234.56", "-12.00", "£-12.00", "-£12.00", "(12.00)" (negative), "12.00 CR",
 * "12.00 DR" / "12.00 OD" (negative), "12.00-" (trailing minus), "+12", ".5", "GBP 12.00".
 * At most two decimal places (more only if the extra digits are zeros, "12.500").
 */

export type AmountParse = { ok: true; pence: number } | { ok: false; message: string };

export interface AmountOptions {
  /** Accept a decimal comma when there is no point ("-12,50"): OFX files from some banks. */
  decimalComma?: boolean;
}

const MINUS = /[-\u2212\u2013]/; // hyphen-minus, minus sign, en dash (Excel exports)
const BODY = /^(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?|\.(\d+))$/;

const MAX_WHOLE_DIGITS = 13; // < 2^53 pence with room to spare

// The common case, read without the general machinery below: "-1234.56", "£1,234.56", "12.00".
const FAST = /^(-?)£?(\d{1,3}(?:,\d{3})+|\d{1,13})\.(\d\d)$/;

export function parseBankAmount(text: string, options: AmountOptions = {}): AmountParse {
  const fast = FAST.exec(text);
  if (fast) {
    const whole = fast[2] as string;
    const digits = whole.includes(',') ? whole.replace(/,/g, '') : whole;
    if (digits.length <= MAX_WHOLE_DIGITS) {
      const pence = Number(digits) * 100 + Number(fast[3]);
      return { ok: true, pence: fast[1] === '-' && pence !== 0 ? -pence : pence };
    }
  }
  const original = text.trim();
  let s = original.replace(/[\s\u00a0]+/g, '');
  if (s === '') return { ok: false, message: 'the amount is empty' };
  const bad = (why: string): AmountParse => ({ ok: false, message: `"${original}" is not an amount${why ? `: ${why}` : ''}` });
  // Spaces are allowed around a sign, £ or CR/DR, never inside the number itself.
  if (/[\d.,][\s\u00a0]+[\d.,]/.test(original)) return bad('a space inside the number');

  let negative = false;
  let marker = false; // CR/DR/OD or brackets already set the sign
  const suffix = /(CR|DR|OD)$/i.exec(s);
  if (suffix) {
    negative = suffix[1]?.toUpperCase() !== 'CR';
    marker = true;
    s = s.slice(0, -2);
  }
  if (s.startsWith('(') && s.endsWith(')')) {
    if (marker) return bad('brackets and CR/DR together');
    negative = true;
    marker = true;
    s = s.slice(1, -1);
  }
  let signs = 0;
  const takeSign = (ch: string | undefined): boolean => {
    if (ch === '+') {
      signs++;
      return true;
    }
    if (ch !== undefined && MINUS.test(ch)) {
      signs++;
      negative = !negative;
      return true;
    }
    return false;
  };
  if (takeSign(s[0])) s = s.slice(1);
  if (s.startsWith('£')) s = s.slice(1);
  else if (/^GBP/i.test(s)) s = s.slice(3);
  if (takeSign(s[0])) s = s.slice(1);
  if (s.length > 1 && takeSign(s[s.length - 1])) s = s.slice(0, -1);
  if (signs > 1) return bad('more than one sign');
  if (signs > 0 && marker) return bad('a sign as well as brackets or CR/DR');

  if (options.decimalComma && !s.includes('.') && /^\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  const m = BODY.exec(s);
  if (!m) return bad('write it like 1234.56, £1,234.56, -12.00 or (12.00)');
  const whole = (m[1] ?? '0').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  let frac = m[2] ?? m[3] ?? '';
  if (m[1] !== undefined && m[2] === '') return bad('nothing after the decimal point');
  if (frac.length > 2) {
    if (/[^0]/.test(frac.slice(2))) return bad('more than two decimal places');
    frac = frac.slice(0, 2);
  }
  if (whole.length > MAX_WHOLE_DIGITS) return bad('too large');
  const pence = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return { ok: true, pence: negative && pence !== 0 ? -pence : pence };
}

/** Plain pounds-and-pence text for integer pence, no £ or separators: -1235 → "-12.35". */
export function penceToText(p: number): string {
  const neg = p < 0;
  const a = Math.abs(p);
  const whole = Math.floor(a / 100);
  const frac = a % 100;
  return `${neg ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}
