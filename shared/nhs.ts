/**
 * NHS numbers: 10 digits, the last a modulus 11 check digit. Weights 10..2 on the first nine
 * digits; check = 11 − (sum mod 11); 11 becomes 0; 10 means the number is invalid.
 * Source: NHS Data Dictionary, "NHS Number" (check digit algorithm).
 */
export function normaliseNhsNumber(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** The check digit for the first nine digits, or null when there is none (10, or not nine digits). */
export function nhsCheckDigit(nineDigits: string): number | null {
  if (!/^\d{9}$/.test(nineDigits)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidNhsNumber(text: string): boolean {
  const s = normaliseNhsNumber(text);
  if (!/^\d{10}$/.test(s)) return false;
  const c = nhsCheckDigit(s.slice(0, 9));
  return c !== null && c === Number(s[9]);
}

/** "943 476 5919" */
export function formatNhsNumber(text: string): string {
  const s = normaliseNhsNumber(text);
  return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`;
}
