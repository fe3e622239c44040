/**
 * Statutory Sick Pay for one spell of sickness.
 *
 * Rules are taken day by day from the tax year in which each sick day falls, so a spell running
 * over 6 April 2026 changes rules on that day:
 * - 2025-26: average weekly earnings (AWE) must reach the lower earnings limit (£125); the first 3
 *   qualifying days of a period of incapacity for work (PIW) are waiting days; £118.75 a week.
 * - from 6 April 2026 (Employment Rights Act 2025): no earnings limit, no waiting days; the weekly
 *   rate is the lower of £123.25 and 80% of AWE.
 * - A PIW needs at least 4 consecutive days of sickness (working or not) unless it links to an
 *   earlier PIW (the caller decides linking: spells separated by 8 weeks or less).
 * - SSP is paid for qualifying days (QDs: the days the employer and employee agree are working
 *   days). The amount for a week (Sunday to Saturday) is weekly rate x paid QDs / QDs in that
 *   week, rounded UP to the penny, as in HMRC's SSP daily-rate tables.
 * Not enforced here: the 28-week maximum, linked-PIW bookkeeping across spells, the employee's
 * notification and evidence rules, exclusions (e.g. within a maternity pay period).
 */
import { pence, ZERO } from '../../shared/money';
import type { Pence } from '../../shared/money';
import { ceilDivBig } from './arithmetic';
import { addDays, dayNumber, PayrollInputError, weekdayOf } from './calendar';
import { taxYearFor } from './tax-years';
import type { TaxYearTable } from './types';

export interface SspInput {
  readonly averageWeeklyEarnings: Pence;
  /** Qualifying days as weekday numbers, 0 = Sunday ... 6 = Saturday. At least one. */
  readonly qualifyingDays: readonly number[];
  /** First and last day of sickness, inclusive, consecutive calendar days. */
  readonly firstSickDay: string;
  readonly lastSickDay: string;
  /** This spell links to an earlier PIW: it counts as a PIW however short, and waiting days already served carry over. */
  readonly linkedPiw?: { readonly waitingDaysAlreadyServed: number };
  /** Figures for a date; defaults to taxYearFor. */
  readonly tableFor?: (date: string) => TaxYearTable;
}

export interface SspWeek {
  /** The Sunday starting the SSP week. */
  readonly weekStart: string;
  readonly taxYear: string;
  readonly qualifyingDaysInWeek: number;
  readonly waitingDays: number;
  readonly paidDays: number;
  readonly amount: Pence;
}

export type SspRefusal = 'not-a-piw' | 'earnings-below-lel';

export interface SspResult {
  readonly weeks: readonly SspWeek[];
  readonly total: Pence;
  readonly waitingDaysServed: number;
  /** Days with no SSP for a reason other than waiting days (per day, first reason met). */
  readonly refusals: readonly { readonly date: string; readonly reason: SspRefusal }[];
}

export function calculateSsp(input: SspInput): SspResult {
  const tableFor = input.tableFor ?? taxYearFor;
  const qds = new Set(input.qualifyingDays);
  if (qds.size === 0 || [...qds].some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw new PayrollInputError('Qualifying days must be weekday numbers 0 (Sunday) to 6 (Saturday), at least one');
  }
  const awe = input.averageWeeklyEarnings;
  if (!Number.isSafeInteger(awe) || awe < 0) throw new PayrollInputError('Average weekly earnings must be whole pence');
  const first = dayNumber(input.firstSickDay);
  const last = dayNumber(input.lastSickDay);
  if (last < first) throw new PayrollInputError('The last sick day is before the first');

  const spellDays = last - first + 1;
  const refusals: { date: string; reason: SspRefusal }[] = [];
  let waitingServed = input.linkedPiw?.waitingDaysAlreadyServed ?? 0;

  interface Bucket { weekStart: string; taxYear: string; table: TaxYearTable; waiting: number; paid: number }
  const buckets = new Map<string, Bucket>();

  for (let i = 0; i < spellDays; i++) {
    const date = addDays(input.firstSickDay, i);
    const table = tableFor(date);
    const rules = table.ssp;
    const weekday = weekdayOf(date);
    const weekStart = addDays(date, -weekday);
    const key = `${weekStart}|${table.id}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { weekStart, taxYear: table.id, table, waiting: 0, paid: 0 };
      buckets.set(key, bucket);
    }
    if (!qds.has(weekday)) continue;
    if (input.linkedPiw === undefined && spellDays < rules.piwMinDays) {
      refusals.push({ date, reason: 'not-a-piw' });
      continue;
    }
    if (rules.lowerEarningsLimitWeekly !== null && awe < rules.lowerEarningsLimitWeekly) {
      refusals.push({ date, reason: 'earnings-below-lel' });
      continue;
    }
    if (waitingServed < rules.waitingDays) {
      waitingServed += 1;
      bucket.waiting += 1;
      continue;
    }
    bucket.paid += 1;
  }

  const weeks: SspWeek[] = [];
  for (const b of buckets.values()) {
    const qdsInWeek = qds.size; // the pattern repeats weekly
    weeks.push({
      weekStart: b.weekStart,
      taxYear: b.taxYear,
      qualifyingDaysInWeek: qdsInWeek,
      waitingDays: b.waiting,
      paidDays: b.paid,
      amount: sspAmount(b.table, awe, b.paid, qdsInWeek),
    });
  }
  weeks.sort((a, b) => (a.weekStart < b.weekStart ? -1 : a.weekStart > b.weekStart ? 1 : a.taxYear < b.taxYear ? -1 : 1));
  return {
    weeks,
    total: pence(weeks.reduce((s, w) => s + w.amount, 0)),
    waitingDaysServed: waitingServed,
    refusals,
  };
}

/**
 * SSP for `paidDays` qualifying days in a week with `qualifyingDaysInWeek` QDs:
 * weekly rate x paidDays / QDs, rounded up to the penny. From 2026-27 the weekly rate is the lower
 * of the flat rate and the percentage of AWE (kept exact until the final rounding).
 */
export function sspAmount(table: TaxYearTable, averageWeeklyEarnings: Pence, paidDays: number, qualifyingDaysInWeek: number): Pence {
  if (paidDays === 0) return ZERO;
  if (!Number.isInteger(paidDays) || !Number.isInteger(qualifyingDaysInWeek) || paidDays < 0 || paidDays > qualifyingDaysInWeek) {
    throw new PayrollInputError('Paid days must be a whole number no more than the qualifying days in the week');
  }
  const { weeklyRate, percentOfAwe } = table.ssp;
  // Weekly rate as a fraction rateNum / rateDen pence.
  let rateNum = BigInt(weeklyRate) * 10000n;
  const rateDen = 10000n;
  if (percentOfAwe !== null) {
    const aweShare = BigInt(averageWeeklyEarnings) * BigInt(percentOfAwe);
    if (aweShare < rateNum) rateNum = aweShare;
  }
  return pence(Number(ceilDivBig(rateNum * BigInt(paidDays), rateDen * BigInt(qualifyingDaysInWeek))));
}
