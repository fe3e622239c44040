/**
 * Pay periods by number (pure: no database, no clock). A broker says "period 3 of 2026-27" and
 * this works out the dates the pay run covers and the day the PAs are paid.
 *
 * - weekly: period n is tax week n: 6 April + 7(n−1) days, 7 days long (n = 1..53).
 * - fortnightly: period n is tax weeks 2n−1 and 2n (n = 1..27).
 * - four-weekly: period n is tax weeks 4n−3 to 4n (n = 1..14).
 * - monthly: period n is a calendar month, 1 = April … 12 = March.
 *
 * The extra period at the end of a week-based year (weekly 53, fortnightly 27, four-weekly 14)
 * holds only the day or two left over after 52 weeks (5 April, and 4 April too when the tax year
 * has a 29 February). It is cut at the tax year's end so that it never overlaps week 1 of the
 * next year, and it exists only when the employer's pay weekday falls on one of those days (the
 * HMRC "week 53" payment; see shared/reference/PAYROLL.md).
 *
 * Pay day, by the employer's payDay rule:
 * - a weekday: the last such weekday in the period (for weekly pay, that weekday in the week);
 * - a day of the month (1–28): that day of the period's month;
 * - 'last-working-day': the last Monday–Friday of the month. Bank holidays are NOT taken into
 *   account (Steward holds no bank-holiday calendar yet), only weekends.
 *
 * A run is taxed in the tax year of its pay date (HMRC: pay is taxed when it is paid), so a
 * monthly employer paying on the 1st–5th pays April's run on a date in the previous tax year.
 */
import { StewardError } from '../../shared/errors';
import type { Employer } from '../../shared/contract-payroll';
import { addDays, daysInMonth, parseDate, PayrollInputError, taxYearLabel, weekdayOf } from './calendar';

export interface PayPeriod {
  periodStart: string;
  periodEnd: string;
  payDate: string;
}

type Frequency = Employer['payFrequency'];
type PayDayRule = Employer['payDay'];

const WEEKS: Record<Exclude<Frequency, 'monthly'>, number> = { weekly: 1, fortnightly: 2, 'four-weekly': 4 };

/** The highest period number for a frequency (the extra end-of-year period included). */
export function maxPeriodNumber(frequency: Frequency): number {
  return frequency === 'monthly' ? 12 : Math.ceil(53 / WEEKS[frequency]);
}

function invalid(message: string, where: string): StewardError {
  return new StewardError('VALIDATION', message, { where });
}

const TAX_YEAR_RE = /^(\d{4})-(\d{2})$/;

/** The first calendar year of a '2026-27' style tax year id; VALIDATION (where 'taxYear') if malformed. */
export function taxYearStartYear(taxYearId: string): number {
  const m = TAX_YEAR_RE.exec(taxYearId);
  const y = m ? Number(m[1]) : NaN;
  if (!m || (y + 1) % 100 !== Number(m[2]) || y < 1990 || y > 2199) {
    throw invalid(`"${taxYearId}" is not a tax year: write it like 2026-27 (the year it starts, a dash, and the last two digits of the next year).`, 'taxYear');
  }
  return y;
}

/** First and last day of a tax year: 6 April to 5 April. */
export function taxYearBounds(taxYearId: string): { start: string; end: string } {
  const y = taxYearStartYear(taxYearId);
  return { start: `${y}-04-06`, end: `${y + 1}-04-05` };
}

const WEEKDAY_NUMBER: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

const pad = (n: number): string => String(n).padStart(2, '0');

/** The dates a period covers, without the pay date. VALIDATION (where 'period') for a number out of range. */
export function periodRange(frequency: Frequency, taxYearId: string, n: number): { periodStart: string; periodEnd: string } {
  const { start, end } = taxYearBounds(taxYearId);
  const max = maxPeriodNumber(frequency);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    const what = frequency === 'monthly' ? '1 (April) to 12 (March)' : `1 to ${max}`;
    throw invalid(`Period ${n} is not a ${frequency} pay period: choose ${what}.`, 'period');
  }
  if (frequency === 'monthly') {
    const y = taxYearStartYear(taxYearId);
    const month = ((n + 2) % 12) + 1; // 1 → April (4) … 9 → December (12), 10 → January (1)
    const year = n <= 9 ? y : y + 1;
    return { periodStart: `${year}-${pad(month)}-01`, periodEnd: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` };
  }
  const weeks = WEEKS[frequency];
  const periodStart = addDays(start, 7 * weeks * (n - 1));
  const fullEnd = addDays(periodStart, 7 * weeks - 1);
  return { periodStart, periodEnd: fullEnd > end ? end : fullEnd };
}

/** The last Monday–Friday of a month (weekends only; no bank holidays). */
function lastWorkingDay(year: number, month: number): string {
  let d = `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
  while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d = addDays(d, -1);
  return d;
}

/** The pay date inside a period by the pay-day rule, or null when no pay day falls in it. */
export function payDateIn(frequency: Frequency, payDay: PayDayRule, periodStart: string, periodEnd: string): string | null {
  if (frequency === 'monthly') {
    const { year, month } = parseDate(periodStart);
    if (payDay === 'last-working-day') return lastWorkingDay(year, month);
    if (typeof payDay === 'number') return `${year}-${pad(month)}-${pad(payDay)}`;
    throw invalid(`A monthly payroll pays on a day of the month (1–28) or "last-working-day", not "${payDay}". Change the employer's pay day.`, 'payDay');
  }
  const want = typeof payDay === 'string' ? WEEKDAY_NUMBER[payDay] : undefined;
  if (want === undefined) throw invalid(`A ${frequency} payroll pays on a weekday such as "friday", not "${String(payDay)}". Change the employer's pay day.`, 'payDay');
  let d = periodEnd;
  while (d >= periodStart) {
    if (weekdayOf(d) === want) return d;
    d = addDays(d, -1);
  }
  return null;
}

/**
 * Period n of a tax year for an employer: its first and last day and its pay date.
 * VALIDATION naming 'taxYear' or 'period' (or 'payDay' for a pay-day rule that does not fit).
 */
export function payPeriod(employer: Pick<Employer, 'payFrequency' | 'payDay'>, taxYearId: string, n: number): PayPeriod {
  const range = periodRange(employer.payFrequency, taxYearId, n);
  const payDate = payDateIn(employer.payFrequency, employer.payDay, range.periodStart, range.periodEnd);
  if (payDate === null) {
    throw invalid(
      `There is no ${employer.payFrequency} period ${n} in ${taxYearId} for a ${String(employer.payDay)} pay day: after 52 weeks only ${range.periodStart === range.periodEnd ? range.periodStart : `${range.periodStart} to ${range.periodEnd}`} is left, and no pay day falls in it. Period ${n - 1} is the last of the year.`,
      'period',
    );
  }
  return { ...range, payDate };
}

/**
 * The tax year and period number whose dates contain `date` (for "this period" reminders).
 * For a week-based payroll the date's tax week decides; the extra end-of-year days belong to the
 * extra period (which may have no pay day: payPeriod then refuses it).
 */
export function periodContaining(frequency: Frequency, date: string): { taxYear: string; period: number } {
  try {
    parseDate(date);
  } catch (e) {
    if (e instanceof PayrollInputError) throw invalid(e.message, 'asOf');
    throw e;
  }
  if (frequency === 'monthly') {
    // Calendar months: 1–5 April belong to April, period 1 of the tax year starting that April.
    const { year, month } = parseDate(date);
    const y = month >= 4 ? year : year - 1;
    return { taxYear: `${y}-${pad((y + 1) % 100)}`, period: ((month + 8) % 12) + 1 };
  }
  const taxYear = taxYearLabel(date);
  const start = taxYearBounds(taxYear).start;
  const days = Math.round((Date.UTC(...ymd(date)) - Date.UTC(...ymd(start))) / 86_400_000);
  return { taxYear, period: Math.floor(days / (7 * WEEKS[frequency])) + 1 };
}

function ymd(d: string): [number, number, number] {
  const p = parseDate(d);
  return [p.year, p.month - 1, p.day];
}
