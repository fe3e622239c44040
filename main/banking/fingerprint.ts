/**
 * De-duplication keys for bank lines.
 *
 * - The bank's own id, when the statement gives one: key = 'id:' + id.
 * - Otherwise: 'fp1:' + SHA-256 of date | amount | normalised description | running balance (or
 *   empty) | occurrence, where `occurrence` counts earlier lines in the same statement with the
 *   same date, amount, normalised description and running balance (0 for the first).
 *
 * So two genuinely identical payments on one day in one statement get different keys (occurrence
 * 0 and 1; with a running balance they differ already), while importing the same statement again,
 * or an overlapping one, produces the same keys for the lines they share.
 *
 * The limit: with no running balance and no bank id, if a statement holds only the second of two
 * identical same-day payments (an overlapping statement that starts part-way through that day),
 * that payment is counted as occurrence 0 and taken for the first one already imported.
 */
import { createHash } from 'node:crypto';
import type { BankLine } from './types';

export type FingerprintInput = Pick<BankLine, 'date' | 'amount' | 'description' | 'runningBalance' | 'bankTransactionId'>;

/** Upper case, accents kept, anything not a letter or digit folded to one space. */
export function normaliseDescription(s: string): string {
  return s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function identity(line: FingerprintInput): string {
  return `${line.date}|${line.amount}|${normaliseDescription(line.description)}|${line.runningBalance ?? ''}`;
}

export function fingerprint(line: FingerprintInput, occurrence: number): string {
  if (line.bankTransactionId !== null && line.bankTransactionId.trim() !== '') return `id:${line.bankTransactionId.trim()}`;
  const hash = createHash('sha256').update(`${identity(line)}|${occurrence}`, 'utf8').digest('hex');
  return `fp1:${hash}`;
}

/** Keys for a whole statement, in order, counting occurrences of identical lines. */
export function fingerprintAll(lines: readonly FingerprintInput[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    if (line.bankTransactionId !== null && line.bankTransactionId.trim() !== '') return fingerprint(line, 0);
    const key = identity(line);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return fingerprint(line, n);
  });
}
