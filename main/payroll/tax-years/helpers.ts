import { pence } from '../../../shared/money';
import type { Pence } from '../../../shared/money';
import type { PerFrequency } from '../types';

/** Whole pounds to pence. Refuses fractions: write odd amounts as pence(…) instead. */
export function gbp(pounds: number): Pence {
  if (!Number.isSafeInteger(pounds)) throw new RangeError(`gbp() takes whole pounds, got ${pounds}`);
  return pence(pounds * 100);
}

/** A per-frequency threshold given in whole pounds, exactly as HMRC publishes it. */
export function perFrequency(
  weekly: number,
  fortnightly: number,
  fourWeekly: number,
  monthly: number,
  annual: number,
): PerFrequency {
  return {
    weekly: gbp(weekly),
    fortnightly: gbp(fortnightly),
    fourWeekly: gbp(fourWeekly),
    monthly: gbp(monthly),
    annual: gbp(annual),
  };
}
