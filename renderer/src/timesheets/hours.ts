/**
 * The small pure pieces of the timesheet grid: reading what is typed in a cell, pricing a line the
 * way the server does, the employer's current pay period, and which days are bank holidays.
 * Hours are integer hundredths of an hour (750 = 7.5 h); money is integer pence.
 */
import type { PayFrequency } from '../../../shared/contract-payroll';
import type { RateType } from '../../../shared/contract-timesheets';
import { MAX_HOURS_A_DAY } from '../../../shared/contract-timesheets';
import { addDays, daysBetween, toDayNumber } from '../../../shared/dates';

export type CellRead = { ok: true; hours: number } | { ok: false; message: string };

const DECIMAL = /^(\d{1,2})?(?:[.,](\d{1,2}))?$/;
const CLOCK = /^(\d{1,2})\s*(?::|h)\s*(\d{1,2})?\s*(?:m|min|mins)?$/i;

/**
 * Read one cell. Accepts "7.5", "7,5", "7.25", "7:30", "7h30", "7h" and "30m"-free forms; empty
 * (or 0) is no hours. Minutes become hundredths rounded to the nearest hundredth (7:20 → 7.33):
 * hours are kept in hundredths everywhere in Steward.
 */
export function readCell(text: string): CellRead {
  const t = text.trim();
  if (t === '') return { ok: true, hours: 0 };
  if (/^-/.test(t)) return { ok: false, message: 'Hours cannot be negative. Leave the cell empty for no hours.' };
  let hours: number | null = null;
  const clock = CLOCK.exec(t);
  if (clock) {
    const h = Number(clock[1]);
    const m = Number(clock[2] ?? '0');
    if (m >= 60) return { ok: false, message: `${m} minutes is not a time: write 7:30 or 7h30 (minutes 0 to 59).` };
    hours = h * 100 + Math.floor((m * 100 * 2 + 60) / 120); // m/60 of an hour, to the nearest hundredth, half up
  } else {
    const dec = DECIMAL.exec(t);
    if (dec && (dec[1] !== undefined || dec[2] !== undefined)) {
      hours = Number(dec[1] ?? '0') * 100 + Number((dec[2] ?? '').padEnd(2, '0'));
    }
  }
  if (hours === null) return { ok: false, message: `"${t}" is not a number of hours: write 7.5, 7:30 or 7h30.` };
  if (hours > MAX_HOURS_A_DAY) return { ok: false, message: 'More than 24 hours in one day.' };
  return { ok: true, hours };
}

/** 750 → "7.5", 725 → "7.25", 800 → "8". */
export function hoursText(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const whole = Math.trunc(abs / 100);
  const frac = (abs % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${sign}${frac ? `${whole}.${frac}` : whole}`;
}

/** hours/100 × rate, rounded half up to the penny: the same sum as main/payroll/timesheets.ts linePay. */
export function linePay(hours: number, rate: number): number {
  return Math.floor((hours * rate + 50) / 100);
}

export const RATE_LABEL: Record<RateType, string> = {
  standard: 'Standard',
  weekend: 'Weekend',
  night: 'Night',
  'sleep-in': 'Sleep-in',
  'bank-holiday': 'Bank holiday',
};

/**
 * Bank holidays in England and Wales, 2025 to 2027. Source: gov.uk/bank-holidays (the
 * england-and-wales list, including substitute days). Used only to mark days in the grid; the
 * broker still chooses the rate type.
 */
export const BANK_HOLIDAYS: ReadonlyMap<string, string> = new Map([
  ['2025-01-01', "New Year's Day"],
  ['2025-04-18', 'Good Friday'],
  ['2025-04-21', 'Easter Monday'],
  ['2025-05-05', 'Early May bank holiday'],
  ['2025-05-26', 'Spring bank holiday'],
  ['2025-08-25', 'Summer bank holiday'],
  ['2025-12-25', 'Christmas Day'],
  ['2025-12-26', 'Boxing Day'],
  ['2026-01-01', "New Year's Day"],
  ['2026-04-03', 'Good Friday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-04', 'Early May bank holiday'],
  ['2026-05-25', 'Spring bank holiday'],
  ['2026-08-31', 'Summer bank holiday'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-28', 'Boxing Day (substitute day)'],
  ['2027-01-01', "New Year's Day"],
  ['2027-03-26', 'Good Friday'],
  ['2027-03-29', 'Easter Monday'],
  ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'],
  ['2027-08-30', 'Summer bank holiday'],
  ['2027-12-27', 'Christmas Day (substitute day)'],
  ['2027-12-28', 'Boxing Day (substitute day)'],
]);

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(iso: string): number {
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

export function isWeekend(iso: string): boolean {
  const d = weekday(iso);
  return d === 0 || d === 6;
}

/** "2026-04-07" → "Tue 7 Apr". */
export function dayLabel(iso: string): string {
  const [, m, d] = iso.split('-');
  return `${WEEKDAY[weekday(iso)]} ${Number(d)} ${MONTH[Number(m) - 1]}`;
}

/** Every date from start to end inclusive (at most 62 days: longer periods are refused). */
export function daysOf(start: string, end: string): string[] {
  const n = daysBetween(start, end);
  if (n < 0 || n > 61) return [];
  return Array.from({ length: n + 1 }, (_, i) => addDays(start, i));
}

/**
 * The pay period containing `today`, by the rule in docs/payroll.md: week-based periods count tax
 * weeks from 6 April (weekly = 1 week, fortnightly = 2, four-weekly = 4; the last one stops at the
 * end of the tax year); monthly periods are calendar months.
 */
export function currentPeriod(frequency: PayFrequency, today: string): { start: string; end: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (frequency === 'monthly') {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    return { start, end: addDays(next, -1) };
  }
  const yearStart = today >= `${y}-04-06` ? `${y}-04-06` : `${y - 1}-04-06`;
  const nextYear = `${Number(yearStart.slice(0, 4)) + 1}-04-06`;
  const length = frequency === 'weekly' ? 7 : frequency === 'fortnightly' ? 14 : 28;
  const index = Math.floor(daysBetween(yearStart, today) / length);
  const start = addDays(yearStart, index * length);
  const end = addDays(start, length - 1);
  return { start, end: end >= nextYear ? addDays(nextYear, -1) : end };
}
