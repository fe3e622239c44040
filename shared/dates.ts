/**
 * Calendar dates as ISO strings ("2026-04-06"). Dates in Steward are days, not instants: no time
 * zone ever moves a payment to another day. Arithmetic works on UTC midnight.
 */
import { z } from 'zod';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A real calendar day written YYYY-MM-DD, between 1900 and 2199. */
export const IsoDate = z
  .string()
  .trim()
  .refine(isIsoDate, 'Write the date as YYYY-MM-DD (for example 2026-04-06)')
  .refine((s) => s >= '1900-01-01' && s <= '2199-12-31', 'The date is out of range');

const DAY_MS = 86_400_000;

export function toDayNumber(iso: string): number {
  // Hot path (alert scans walk thousands of due dates): slice rather than a regex.
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) throw new RangeError(`Not a date: ${iso}`);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) throw new RangeError(`Not a date: ${iso}`);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Whole calendar months from a's month to b's month (day of month ignored). */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Add calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const m = ISO_RE.exec(iso);
  if (!m) throw new RangeError(`Not a date: ${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1 + months;
  const day = Number(m[3]);
  const ty = y + Math.floor(mo / 12);
  const tm = ((mo % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ty, tm, Math.min(day, last))).toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

const UK_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day of an instant in the UK (Europe/London), as YYYY-MM-DD: the app's clock gives
 * instants, the ledger uses days, and its users' "today" is the UK day. (In UTC, from midnight to
 * 1 am during British Summer Time "today" would still be yesterday.)
 */
export function dayOf(d: Date): string {
  const parts = UK_DAY.formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole years between a date of birth and a day. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** For print: "2026-05-28" → "28 May 2026" (anything else is returned as it is). */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}
