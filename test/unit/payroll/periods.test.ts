/**
 * Pay periods by number (main/payroll/periods.ts): every frequency, pay-day rules, week 53 (and its
 * fortnightly / four-weekly equivalents), leap years, and bad period numbers and tax years.
 * Weekdays used: 6 April 2026 is a Monday, 5 April 2027 a Monday; 6 April 2027 a Tuesday,
 * 4 April 2028 a Tuesday and 5 April 2028 a Wednesday (2027-28 holds 29 February 2028).
 */
import { describe, expect, it } from 'vitest';
import { payPeriod, periodContaining, periodRange } from '../../../main/payroll/periods';
import { StewardError } from '../../../shared/errors';

const weekly = (payDay: string) => ({ payFrequency: 'weekly' as const, payDay: payDay as 'friday' });
const fortnightly = (payDay: string) => ({ payFrequency: 'fortnightly' as const, payDay: payDay as 'friday' });
const fourWeekly = (payDay: string) => ({ payFrequency: 'four-weekly' as const, payDay: payDay as 'friday' });
const monthly = (payDay: number | 'last-working-day') => ({ payFrequency: 'monthly' as const, payDay });

function err(fn: () => unknown): StewardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StewardError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('weekly', () => {
  it('period n is tax week n, paid on that weekday in the week', () => {
    expect(payPeriod(weekly('friday'), '2026-27', 1)).toEqual({ periodStart: '2026-04-06', periodEnd: '2026-04-12', payDate: '2026-04-10' });
    expect(payPeriod(weekly('monday'), '2026-27', 1)).toEqual({ periodStart: '2026-04-06', periodEnd: '2026-04-12', payDate: '2026-04-06' });
    expect(payPeriod(weekly('sunday'), '2026-27', 2)).toEqual({ periodStart: '2026-04-13', periodEnd: '2026-04-19', payDate: '2026-04-19' });
    // Week 52: 6 April + 357 days.
    expect(payPeriod(weekly('friday'), '2026-27', 52)).toEqual({ periodStart: '2027-03-29', periodEnd: '2027-04-04', payDate: '2027-04-02' });
  });

  it('week 53 is the day left over (5 April) and exists only for a pay day that falls on it', () => {
    expect(payPeriod(weekly('monday'), '2026-27', 53)).toEqual({ periodStart: '2027-04-05', periodEnd: '2027-04-05', payDate: '2027-04-05' });
    const e = err(() => payPeriod(weekly('friday'), '2026-27', 53));
    expect(e.code).toBe('VALIDATION');
    expect(e.where).toBe('period');
    expect(e.message).toMatch(/no weekly period 53 in 2026-27/);
  });

  it('in a tax year with 29 February week 53 is two days, 4 and 5 April', () => {
    expect(payPeriod(weekly('tuesday'), '2027-28', 53)).toEqual({ periodStart: '2028-04-04', periodEnd: '2028-04-05', payDate: '2028-04-04' });
    expect(payPeriod(weekly('wednesday'), '2027-28', 53)).toEqual({ periodStart: '2028-04-04', periodEnd: '2028-04-05', payDate: '2028-04-05' });
    expect(err(() => payPeriod(weekly('monday'), '2027-28', 53)).where).toBe('period');
  });
});

describe('fortnightly and four-weekly', () => {
  it('fortnight n is tax weeks 2n−1 and 2n, paid on the last such weekday', () => {
    expect(payPeriod(fortnightly('friday'), '2026-27', 1)).toEqual({ periodStart: '2026-04-06', periodEnd: '2026-04-19', payDate: '2026-04-17' });
    expect(payPeriod(fortnightly('monday'), '2026-27', 2)).toEqual({ periodStart: '2026-04-20', periodEnd: '2026-05-03', payDate: '2026-04-27' });
    expect(payPeriod(fortnightly('friday'), '2026-27', 26)).toEqual({ periodStart: '2027-03-22', periodEnd: '2027-04-04', payDate: '2027-04-02' });
    expect(payPeriod(fortnightly('monday'), '2026-27', 27)).toEqual({ periodStart: '2027-04-05', periodEnd: '2027-04-05', payDate: '2027-04-05' });
    expect(err(() => payPeriod(fortnightly('friday'), '2026-27', 27)).where).toBe('period');
  });

  it('four-week period n is tax weeks 4n−3 to 4n', () => {
    expect(payPeriod(fourWeekly('thursday'), '2026-27', 1)).toEqual({ periodStart: '2026-04-06', periodEnd: '2026-05-03', payDate: '2026-04-30' });
    expect(payPeriod(fourWeekly('friday'), '2026-27', 13)).toEqual({ periodStart: '2027-03-08', periodEnd: '2027-04-04', payDate: '2027-04-02' });
    expect(payPeriod(fourWeekly('wednesday'), '2027-28', 14)).toEqual({ periodStart: '2028-04-04', periodEnd: '2028-04-05', payDate: '2028-04-05' });
  });
});

describe('monthly', () => {
  it('period 1 is April and 12 is March; a day of the month is that day', () => {
    expect(payPeriod(monthly(28), '2026-27', 1)).toEqual({ periodStart: '2026-04-01', periodEnd: '2026-04-30', payDate: '2026-04-28' });
    expect(payPeriod(monthly(15), '2026-27', 9)).toEqual({ periodStart: '2026-12-01', periodEnd: '2026-12-31', payDate: '2026-12-15' });
    expect(payPeriod(monthly(1), '2026-27', 10)).toEqual({ periodStart: '2027-01-01', periodEnd: '2027-01-31', payDate: '2027-01-01' });
    expect(payPeriod(monthly(28), '2026-27', 12)).toEqual({ periodStart: '2027-03-01', periodEnd: '2027-03-31', payDate: '2027-03-28' });
  });

  it('last working day skips weekends (31 May 2026 is a Sunday, 28 Feb 2027 a Sunday)', () => {
    expect(payPeriod(monthly('last-working-day'), '2026-27', 1).payDate).toBe('2026-04-30');
    expect(payPeriod(monthly('last-working-day'), '2026-27', 2).payDate).toBe('2026-05-29');
    expect(payPeriod(monthly('last-working-day'), '2026-27', 11)).toEqual({ periodStart: '2027-02-01', periodEnd: '2027-02-28', payDate: '2027-02-26' });
  });

  it('February in a leap year ends on the 29th', () => {
    expect(payPeriod(monthly('last-working-day'), '2027-28', 11)).toEqual({ periodStart: '2028-02-01', periodEnd: '2028-02-29', payDate: '2028-02-29' });
  });
});

describe('bad input', () => {
  it.each([
    ['weekly', 0],
    ['weekly', 54],
    ['weekly', 60],
    ['fortnightly', 28],
    ['four-weekly', 15],
    ['monthly', 13],
    ['monthly', 0],
    ['monthly', 1.5],
  ] as const)('%s period %s is refused naming "period"', (f, n) => {
    const e = err(() => periodRange(f, '2026-27', n));
    expect(e.code).toBe('VALIDATION');
    expect(e.where).toBe('period');
  });

  it.each(['2026-28', '2026', '26-27', '2026/27'])('tax year %s is refused naming "taxYear"', (y) => {
    const e = err(() => payPeriod(monthly(28), y, 1));
    expect(e.code).toBe('VALIDATION');
    expect(e.where).toBe('taxYear');
  });

  it('a pay-day rule that does not fit the frequency names "payDay"', () => {
    expect(err(() => payPeriod(monthly('friday' as never), '2026-27', 1)).where).toBe('payDay');
    expect(err(() => payPeriod({ payFrequency: 'weekly', payDay: 28 }, '2026-27', 1)).where).toBe('payDay');
  });
});

describe('periodContaining', () => {
  it('finds the tax year and period of a date', () => {
    expect(periodContaining('monthly', '2026-04-03')).toEqual({ taxYear: '2026-27', period: 1 });
    expect(periodContaining('monthly', '2027-03-31')).toEqual({ taxYear: '2026-27', period: 12 });
    expect(periodContaining('weekly', '2026-04-05')).toEqual({ taxYear: '2025-26', period: 53 });
    expect(periodContaining('weekly', '2026-04-12')).toEqual({ taxYear: '2026-27', period: 1 });
    expect(periodContaining('fortnightly', '2026-04-20')).toEqual({ taxYear: '2026-27', period: 2 });
    expect(periodContaining('four-weekly', '2027-04-05')).toEqual({ taxYear: '2026-27', period: 14 });
  });
});
