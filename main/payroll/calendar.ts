/**
 * Dates and pay periods. Dates are 'YYYY-MM-DD' strings passed in by the caller; the engine never
 * reads a clock. Day arithmetic uses Date.UTC on whole days only (integers, no time zones).
 */
import type { PayFrequency } from './types';

export class PayrollInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayrollInputError';
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

/** Parse a 'YYYY-MM-DD' date, refusing impossible dates such as 2025-02-30. */
export function parseDate(text: string): CalendarDate {
  const m = DATE_RE.exec(text);
  if (!m) throw new PayrollInputError(`"${text}" is not a date: write it as YYYY-MM-DD`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new PayrollInputError(`"${text}" is not a real date`);
  }
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Whole days since 1970-01-01 for a date string. */
export function dayNumber(text: string): number {
  const d = parseDate(text);
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** Date string for a day number from {@link dayNumber}. */
export function dateFromDayNumber(n: number): string {
  const dt = new Date(n * 86_400_000);
  const y = dt.getUTCFullYear().toString().padStart(4, '0');
  const mo = (dt.getUTCMonth() + 1).toString().padStart(2, '0');
  const da = dt.getUTCDate().toString().padStart(2, '0');
  return `${y}-${mo}-${da}`;
}

export function addDays(text: string, days: number): string {
  return dateFromDayNumber(dayNumber(text) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(text: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(text) + 4) % 7) + 7) % 7;
}

/** The calendar year in which the tax year containing `date` starts (tax years start 6 April). */
export function taxYearStartYear(date: string): number {
  const d = parseDate(date);
  const beforeSixthApril = d.month < 4 || (d.month === 4 && d.day < 6);
  return beforeSixthApril ? d.year - 1 : d.year;
}

/** "2025-26" style label of the tax year containing `date`. */
export function taxYearLabel(date: string): string {
  const y = taxYearStartYear(date);
  return `${y}-${((y + 1) % 100).toString().padStart(2, '0')}`;
}

/**
 * Tax week of a date: week 1 is 6-12 April; 5 April (and 4 April in a tax year containing
 * 29 February) fall in week 53.
 */
export function taxWeekFor(date: string): number {
  const start = `${taxYearStartYear(date)}-04-06`;
  return Math.floor((dayNumber(date) - dayNumber(start)) / 7) + 1;
}

/** Tax month of a date: month 1 is 6 April to 5 May, month 12 is 6 March to 5 April. */
export function taxMonthFor(date: string): number {
  const d = parseDate(date);
  const shifted = d.month - 4 - (d.day < 6 ? 1 : 0);
  return (((shifted % 12) + 12) % 12) + 1;
}

/** Weeks in one pay period for week-based frequencies; null for monthly. */
export function weeksInPeriod(frequency: PayFrequency): 1 | 2 | 4 | null {
  switch (frequency) {
    case 'weekly':
      return 1;
    case 'fortnightly':
      return 2;
    case 'fourWeekly':
      return 4;
    case 'monthly':
      return null;
  }
}

/**
 * The tax period number the engine expects for a payment on `payDate`:
 * week-based frequencies use the tax week of the pay date (HMRC's convention: fortnightly and
 * four-weekly payrolls are worked by the week number in which the pay day falls), monthly uses the
 * tax month. A fortnightly or four-weekly payroll whose extra pay day falls in week 53 should pass
 * 54 or 56 (see {@link isExtraPeriod}); the caller knows its pay cycle, the date alone does not.
 */
export function taxPeriodFor(payDate: string, frequency: PayFrequency): number {
  return frequency === 'monthly' ? taxMonthFor(payDate) : taxWeekFor(payDate);
}

/** Largest valid period number for a frequency (week 53 weekly, 54 fortnightly, 56 four-weekly). */
export function maxPeriod(frequency: PayFrequency): number {
  switch (frequency) {
    case 'weekly':
      return 53;
    case 'fortnightly':
      return 54;
    case 'fourWeekly':
      return 56;
    case 'monthly':
      return 12;
  }
}

/** True for the "week 53" payment (week 53, 54 or 56): always worked on a week 1 basis. */
export function isExtraPeriod(frequency: PayFrequency, period: number): boolean {
  return frequency !== 'monthly' && period > 52;
}

export function assertPeriod(frequency: PayFrequency, period: number): void {
  if (!Number.isInteger(period) || period < 1 || period > maxPeriod(frequency)) {
    throw new PayrollInputError(
      `Tax period ${period} is not valid for ${frequency} pay (1 to ${maxPeriod(frequency)}; ` +
        (frequency === 'monthly' ? 'tax month' : 'tax week of the pay day') + ')',
    );
  }
}
