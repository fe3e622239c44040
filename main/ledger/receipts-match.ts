/**
 * Expected receipts and matching (pure). A schedule (amount, cadence, first date, optional end)
 * produces due dates; recorded receipts are matched to them in date order, each to the earliest
 * unmatched due date within the matching window. What is left over tells the story: a due date
 * with no receipt after the grace days is missing; a receipt matched after the grace days is late;
 * less than expected is short; a receipt that matches nothing while an equal receipt already
 * matched a nearby due date is a possible duplicate.
 */
import { addDays, addMonths, daysBetween } from '../../shared/dates';
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

/** Days either side of a due date within which a receipt is taken to be for it. */
export function matchWindowDays(c: Cadence): number {
  return c === 'weekly' ? 3 : 14;
}

/** Receipts this many days after the due date are on time; after that they are late. */
export const GRACE_DAYS = 3;

/** Due dates of a schedule from `from` to `to` inclusive. */
export function dueDates(s: ScheduleLike, from: string, to: string): string[] {
  const out: string[] = [];
  const last = s.endDate && s.endDate < to ? s.endDate : to;
  if (s.cadence === 'monthly') {
    for (let k = 0; ; k++) {
      const d = addMonths(s.firstDate, k);
      if (d > last) break;
      if (d >= from) out.push(d);
    }
    return out;
  }
  const step = s.cadence === 'weekly' ? 7 : 28;
  let k = from > s.firstDate ? Math.floor(daysBetween(s.firstDate, from) / step) : 0;
  for (; ; k++) {
    const d = addDays(s.firstDate, k * step);
    if (d > last) break;
    if (d >= from) out.push(d);
  }
  return out;
}

/** How many due dates a schedule has from its start up to and including `to`. */
export function countDue(s: ScheduleLike, to: string): number {
  const last = s.endDate && s.endDate < to ? s.endDate : to;
  if (last < s.firstDate) return 0;
  if (s.cadence === 'monthly') {
    let n = 0;
    while (addMonths(s.firstDate, n) <= last) n++;
    return n;
  }
  const step = s.cadence === 'weekly' ? 7 : 28;
  return Math.floor(daysBetween(s.firstDate, last) / step) + 1;
}

/**
 * Match receipts to the schedule's due dates between `from` and `asOf` (plus the next due date,
 * shown as upcoming). Receipts must be for this schedule's source and client.
 */
export function matchReceipts(s: ScheduleLike, receipts: readonly ReceivedItem[], from: string, asOf: string): MatchResult {
  const window = matchWindowDays(s.cadence);
  const dates = dueDates(s, from, addDays(asOf, window));
  const due: DueItem[] = dates.map((d) => ({ scheduleId: s.id, dueDate: d, expected: s.amount, received: null, late: false, short: false, status: 'upcoming' }));
  const sorted = [...receipts].filter((r) => r.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryId - b.entryId));
  const leftovers: ReceivedItem[] = [];
  for (const r of sorted) {
    const slot = due.find((d) => d.received === null && Math.abs(daysBetween(d.dueDate, r.date)) <= window);
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
    const twin = trimmed.find((d) => d.received && d.received.amount === r.amount && Math.abs(daysBetween(d.dueDate, r.date)) <= window);
    if (twin && twin.received) duplicates.push({ receipt: r, duplicateOf: twin.received, dueDate: twin.dueDate });
    else unscheduled.push(r);
  }
  return { due: trimmed, duplicates, unscheduled };
}
