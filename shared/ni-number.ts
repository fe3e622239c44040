/**
 * National Insurance numbers: two prefix letters, six digits, a suffix letter A–D
 * ("AB 12 34 56 C"). Spaces are allowed when typed and removed when stored.
 *
 * Source: HMRC National Insurance Manual NIM39110 ("National Insurance numbers: format"):
 * - D, F, I, Q, U and V are not used as the first or second letter of the prefix;
 * - O is not used as the second letter;
 * - the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated;
 * - the suffix is A, B, C or D.
 * This checks the format only: it cannot tell whether HMRC actually issued the number.
 */

const NOT_ALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NEVER_USED = 'DFIQUV';

/** Upper-case, without spaces: "ab 12 34 56 c" → "AB123456C". */
export function normaliseNiNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** What is wrong with an NI number, in words a person can act on; null when the format is right. */
export function niNumberProblem(text: string): string | null {
  const s = normaliseNiNumber(text);
  const example = 'for example AB 12 34 56 C';
  if (!/^[A-Z]{2}\d{6}[A-Z]$/.test(s)) {
    return `An NI number is two letters, six digits and a letter A–D (${example})`;
  }
  const first = s[0]!;
  const second = s[1]!;
  const prefix = s.slice(0, 2);
  if (NEVER_USED.includes(first) || NEVER_USED.includes(second)) {
    return `${prefix} is not a valid NI number prefix: D, F, I, Q, U and V are never used in the first two letters`;
  }
  if (second === 'O') return `${prefix} is not a valid NI number prefix: O is never the second letter`;
  if (NOT_ALLOCATED.has(prefix)) return `${prefix} is not a valid NI number prefix: HMRC does not allocate BG, GB, KN, NK, NT, TN or ZZ`;
  if (!'ABCD'.includes(s[8]!)) return `The last letter of an NI number is A, B, C or D, not ${s[8]!}`;
  return null;
}

export function isValidNiNumber(text: string): boolean {
  return niNumberProblem(text) === null;
}

/** "AB 12 34 56 C" */
export function formatNiNumber(text: string): string {
  const s = normaliseNiNumber(text);
  return `${s.slice(0, 2)} ${s.slice(2, 4)} ${s.slice(4, 6)} ${s.slice(6, 8)} ${s.slice(8)}`;
}
