/**
 * Small helpers for the year-end and HMRC screens: tax years ("2026-27") from dates, the tax
 * months' words, and which tax years a PA has posted pay in (the years a P60 can be made for).
 */
import type { PayRun } from '../../../shared/contract-payruns';
import type { HmrcMonth } from '../../../shared/contract-payroll-ops';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The tax year (6 April to 5 April) a YYYY-MM-DD date falls in, like "2026-27". */
export function taxYearOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const start = m < 4 || (m === 4 && d < 6) ? y - 1 : y;
  return `${start}-${pad2((start + 1) % 100)}`;
}

/** The tax year `back` years before `taxYear`. */
export function earlierTaxYear(taxYear: string, back = 1): string {
  const start = Number(taxYear.slice(0, 4)) - back;
  return `${start}-${pad2((start + 1) % 100)}`;
}

/** Tax years offered by the year-end screens: this one (by the app's clock) and the one before, plus any with posted runs; newest first. */
export function taxYearChoices(today: string, extra: string[] = []): string[] {
  const current = taxYearOf(today);
  return [...new Set([current, earlierTaxYear(current), ...extra])].sort().reverse();
}

const MONTHS = ['April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'January', 'February', 'March'];

/** "6 April – 5 May": tax month n runs from the 6th of one month to the 5th of the next. */
export function taxMonthRange(n: number): string {
  return `6 ${MONTHS[n - 1]} \u2013 5 ${MONTHS[n % 12]}`;
}

/** The tax years in which this PA has pay on a posted run, newest first. */
export function p60YearsFor(paId: number, runs: PayRun[]): string[] {
  const years = new Set(runs.filter((r) => r.status === 'posted' && r.lines.some((l) => l.paId === paId)).map((r) => r.taxYear));
  return [...years].sort().reverse();
}

/** What is still owed to HMRC for a tax month (never below zero). */
export function outstandingOf(m: Pick<HmrcMonth, 'due' | 'paid'>): number {
  return Math.max(0, m.due - m.paid);
}

/** Overdue: something is still owed and the due date (the 22nd after the month) has passed by the app's clock. */
export function isOverdue(m: Pick<HmrcMonth, 'due' | 'paid' | 'dueDate'>, today: string | null): boolean {
  return today !== null && outstandingOf(m) > 0 && m.dueDate < today;
}

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "6 Feb – 5 Mar 2026" for two YYYY-MM-DD dates (the year shown once when both share it). */
export function shortRange(start: string, end: string): string {
  const f = (d: string, withYear: boolean): string => `${Number(d.slice(8, 10))} ${SHORT[Number(d.slice(5, 7)) - 1]}${withYear ? ` ${d.slice(0, 4)}` : ''}`;
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  return `${f(start, !sameYear)} \u2013 ${f(end, true)}`;
}
