import { parseAmount } from '../../../shared/money';
import type { Pence } from '../../../shared/money';

/**
 * Pounds given as a JSON number (e.g. 1156.25) to integer pence, by its shortest decimal text
 * (String(x) is exact for decimals with up to 15 significant digits) and digit parsing — never
 * Math.round(x * 100).
 */
export function poundsToPence(x: number): Pence {
  const text = String(x);
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) throw new Error(`Fixture amount ${text} is not pounds and pence`);
  return parseAmount(text);
}
