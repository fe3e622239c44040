/**
 * Expected receipts and matching (pure). A schedule (amount, cadence, first date, optional end)
 * produces due dates; recorded receipts are matched to them in date order, each to the earliest
 * unmatched due date within the matching window. What is left over tells the story: a due date
 * with no receipt after the grace days is missing; a receipt matched after the grace days is late;
 * less than expected is short; a receipt that matches nothing while an equal receipt already
 * matched a nearby due date is a possible duplicate.
 */
import { addDays, addMonths, daysBetween, fromDayNumber, monthsBetween, toDayNumber } from '../../shared/dates';
import type { Cadence } from '../../shared/domain';

export interface ScheduleLike {
  id: number;
  amount: number;
  cadence: Cadence;
  firstDate: string;
  endDate: string | null;
}

export interface ReceivedItem {
  entryId: number;
  date: string;
  amount: number;
}

export type DueStatus = 'received' | 'late' | 'short' | 'missing' | 'upcoming';

export interface DueItem {
  scheduleId: number;
  dueDate: string;
  expected: number;
  received: ReceivedItem | null;
  late: boolean;
  short: boolean;
  status: DueStatus;
}

export interface MatchResult {
  due: DueItem[];
  duplicates: Array<{ receipt: ReceivedItem; duplicateOf: ReceivedItem; dueDate: string }>;
  unscheduled: ReceivedItem[];
}

/** Days before a due date within which an early receipt is taken to be for it. */
export function matchWindowDays(c: Cadence): number {
  return c === 'weekly' ? 3 : 14;
}

/**
 * Days after a due date within which a receipt is taken to be for it (when that due date is still
 * unmatched: receipts go to the earliest due date they fit). Weekly schedules look further back
 * than forward: with 3 days each side and 3 grace days a weekly receipt could never be late, and a
 * receipt 4 days late was taken as an early one for the next week (the previous week then showed as
 * missing and next week's receipt as a duplicate).
 */
export function lateWindowDays(c: Cadence): number {
  return c === 'weekly' ? 6 : 14;
}

/** Whether a receipt dated `date` falls in the matching window of `dueDate`. */
function inWindow(dueDate: string, date: string, c: Cadence): boolean {
  const d = daysBetween(dueDate, date);
  return d >= -matchWindowDays(c) && d <= lateWindowDays(c);
}

/** Receipts this many days after the due date are on time; after that they are late. */
export const GRACE_DAYS = 3;

/** Due dates of a schedule from `from` to `to` inclusive. */
export function dueDates(s: ScheduleLike, from: string, to: string): string[] {
  const out: string[] = [];
  const last = s.endDate && s.endDate < to ? s.endDate : to;
  if (s.cadence === 'monthly') {
    for (let k = Math.max(0, monthsBetween(s.firstDate, from) - 1); ; k++) {
      const d = addMonths(s.firstDate, k);
      if (d > last) break;
      if (d >= from) out.push(d);
    }
    return out;
  }
  const step = s.cadence === 'weekly' ? 7 : 28;
  const first = toDayNumber(s.firstDate);
  const lo = toDayNumber(from);
  const hi = toDayNumber(last);
  for (let n = lo > first ? first + Math.ceil((lo - first) / step) * step : first; n <= hi; n += step) out.push(fromDayNumber(n));
  return out;
}

/** How many due dates a schedule has from its start up to and including `to`. */
export function countDue(s: ScheduleLike, to: string): number {
  const last = s.endDate && s.endDate < to ? s.endDate : to;
  if (last < s.firstDate) return 0;
  if (s.cadence === 'monthly') {
    const diff = monthsBetween(s.firstDate, last);
    return addMonths(s.firstDate, diff) <= last ? diff + 1 : diff;
  }
  const step = s.cadence === 'weekly' ? 7 : 28;
  return Math.floor(daysBetween(s.firstDate, last) / step) + 1;
}

/**
 * Match receipts to the schedule's due dates between `from` and `asOf` (plus the next due date,
 * shown as upcoming). Receipts must be for this schedule's source and client.
 */
export function matchReceipts(s: ScheduleLike, receipts: readonly ReceivedItem[], from: string, asOf: string): MatchResult {
  // Look one whole period ahead so the next due date always shows as upcoming.
  const period = s.cadence === 'weekly' ? 7 : s.cadence === 'four-weekly' ? 28 : 31;
  const dates = dueDates(s, from, addDays(asOf, period));
  const due: DueItem[] = dates.map((d) => ({ scheduleId: s.id, dueDate: d, expected: s.amount, received: null, late: false, short: false, status: 'upcoming' }));
  const sorted = [...receipts].filter((r) => r.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryId - b.entryId));
  const unplaced: ReceivedItem[] = [];
  for (const r of sorted) {
    const slot = due.find((d) => d.received === null && inWindow(d.dueDate, r.date, s.cadence));
    if (slot) slot.received = r;
    else unplaced.push(r);
  }
  // A receipt that fits no window first clears the oldest unpaid due date before it (a late
  // payment catching up, up to three periods back); only then can it be a duplicate.
  const catchUpDays = 3 * (s.cadence === 'weekly' ? 7 : s.cadence === 'four-weekly' ? 28 : 31);
  const leftovers: ReceivedItem[] = [];
  for (const r of unplaced) {
    const slot = due.find((d) => d.received === null && d.dueDate < r.date && daysBetween(d.dueDate, r.date) <= catchUpDays);
    if (slot) slot.received = r;
    else leftovers.push(r);
  }
  for (const d of due) {
    if (d.received) {
      d.late = daysBetween(d.dueDate, d.received.date) > GRACE_DAYS;
      d.short = d.received.amount < d.expected;
      d.status = d.short ? 'short' : d.late ? 'late' : 'received';
    } else {
      d.status = daysBetween(d.dueDate, asOf) > GRACE_DAYS ? 'missing' : 'upcoming';
    }
  }
  // Keep only one upcoming item (the next due date) after asOf.
  const firstFuture = due.findIndex((d) => d.dueDate > asOf);
  const trimmed = firstFuture === -1 ? due : due.slice(0, firstFuture + 1);
  const duplicates: MatchResult['duplicates'] = [];
  const unscheduled: ReceivedItem[] = [];
  for (const r of leftovers) {
    const twin = trimmed.find((d) => d.received && d.received.amount === r.amount && inWindow(d.dueDate, r.date, s.cadence));
    if (twin && twin.received) duplicates.push({ receipt: r, duplicateOf: twin.received, dueDate: twin.dueDate });
    else unscheduled.push(r);
  }
  return { due: trimmed, duplicates, unscheduled };
}
