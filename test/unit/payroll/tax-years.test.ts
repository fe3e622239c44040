/**
 * Tax-year tables, date helpers and a handful of 2026-27 worked cases from the published figures.
 */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../shared/money';
import { TAX_YEARS, TAX_YEAR_2026_27, taxYearFor } from '../../../main/payroll/tax-years';
import { PayrollInputError, parseDate, taxMonthFor, taxPeriodFor, taxWeekFor, weekdayOf } from '../../../main/payroll/calendar';
import { calculatePaye } from '../../../main/payroll/paye';
import { calculateNi } from '../../../main/payroll/ni';
import type { PerFrequency, TaxYearTable } from '../../../main/payroll/types';

const gbp = parseAmount;

describe('taxYearFor', () => {
  it.each([
    ['2025-04-06', '2025-26'],
    ['2026-04-05', '2025-26'],
    ['2026-04-06', '2026-27'],
    ['2027-04-05', '2026-27'],
  ])('%s -> %s', (date, id) => {
    expect(taxYearFor(date).id).toBe(id);
  });

  it('refuses dates outside the years held, and bad dates', () => {
    expect(() => taxYearFor('2025-04-05')).toThrow(PayrollInputError);
    expect(() => taxYearFor('2027-04-06')).toThrow(PayrollInputError);
    expect(() => taxYearFor('2026-02-29')).toThrow(PayrollInputError);
    expect(() => parseDate('6/4/2025')).toThrow(PayrollInputError);
  });
});

describe('every table', () => {
  const all: readonly TaxYearTable[] = TAX_YEARS;
  it.each(all.map((t) => [t.id, t] as const))('%s: sourced blocks, whole pence, sane thresholds', (_id, t) => {
    for (const block of [t.incomeTax, t.ni, t.employmentAllowance, t.autoEnrolment, t.minimumWage, t.ssp, t.familyPay, t.studentLoans, t.holiday]) {
      expect(block.source.length).toBeGreaterThan(10);
      expect(['C', 'T', 'S', 'D']).toContain(block.confidence);
    }
    const walk = (v: unknown): void => {
      if (typeof v === 'number') expect(Number.isSafeInteger(v)).toBe(true);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(t);
    const th = t.ni.thresholds;
    for (const f of ['weekly', 'fortnightly', 'fourWeekly', 'monthly'] as const satisfies readonly (keyof PerFrequency)[]) {
      expect(th.ST[f]).toBeLessThan(th.PT[f]);
      expect(th.LEL[f]).toBeLessThan(th.PT[f]);
      expect(th.PT[f]).toBeLessThan(th.UEL[f]);
    }
    expect(taxYearFor(t.start).id).toBe(t.id);
    expect(taxYearFor(t.end).id).toBe(t.id);
  });

  it('keeps HMRC per-period figures rather than annual / 52', () => {
    // Four-weekly PT is £967 (12570 x 4 / 52 = 966.92); fortnightly ST £193 (5000 / 26 = 192.31).
    expect(TAX_YEAR_2026_27.ni.thresholds.PT.fourWeekly).toBe(gbp('967'));
    expect(TAX_YEAR_2026_27.ni.thresholds.ST.fortnightly).toBe(gbp('193'));
  });
});

describe('tax weeks and months', () => {
  it.each([
    ['2025-04-06', 1, 1],
    ['2025-04-12', 1, 1],
    ['2025-04-13', 2, 1],
    ['2025-05-05', 5, 1],
    ['2025-05-06', 5, 2],
    ['2026-01-05', 40, 9],
    ['2026-03-06', 48, 12],
    ['2026-04-04', 52, 12],
    ['2026-04-05', 53, 12],
    // 2023-24 contains 29 Feb 2024, so 4 April 2024 is already week 53.
    ['2024-04-04', 53, 12],
  ])('%s: week %i, month %i', (date, week, month) => {
    expect(taxWeekFor(date)).toBe(week);
    expect(taxMonthFor(date)).toBe(month);
  });

  it('fortnightly and four-weekly periods are the tax week of the pay day', () => {
    expect(taxPeriodFor('2025-04-18', 'fortnightly')).toBe(2);
    expect(taxPeriodFor('2025-05-02', 'fourWeekly')).toBe(4);
    expect(taxPeriodFor('2025-05-02', 'monthly')).toBe(1);
  });

  it('weekdays', () => {
    expect(weekdayOf('2025-06-01')).toBe(0); // Sunday
    expect(weekdayOf('2026-04-06')).toBe(1); // Monday
  });
});

describe('2026-27 worked cases', () => {
  const year = TAX_YEAR_2026_27;

  it('1257L monthly, month 1', () => {
    // 2000 - 1048.26 = 951.74 -> £951 x 20% = 190.20.
    const r = calculatePaye({ year, taxCode: '1257L', frequency: 'monthly', period: 1, taxablePayThisPeriod: gbp('2000'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0') });
    expect(r.taxThisPeriod).toBe(gbp('190.20'));
  });

  it('S1257L monthly, month 1, on the 2026-27 Scottish bands', () => {
    // 3000 - 1048.26 = 1951.74 -> £1951. Month limits: starter 3967/12 = 330.5833;
    // basic to 16956/12 = 1413.00; intermediate to 31092/12 = 2591.
    // 330.5833 x 19% = 62.8108; (1413 - 330.5833) = 1082.4167 x 20% = 216.4833;
    // (1951 - 1413) = 538 x 21% = 112.98. Total 392.2741 -> 392.27.
    const r = calculatePaye({ year, taxCode: 'S1257L', frequency: 'monthly', period: 1, taxablePayThisPeriod: gbp('3000'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0') });
    expect(r.taxThisPeriod).toBe(gbp('392.27'));
  });

  it('S1257L weekly, week 1', () => {
    // 600 - 241.92 = 358.08 -> £358. Week limits: starter 3967/52 = 76.2885; basic to
    // 16956/52 = 326.0769. 76.2885 x 19% = 14.4948; 249.7885 x 20% = 49.9577;
    // (358 - 326.0769) = 31.9231 x 21% = 6.7038. Total 71.1563 -> 71.15.
    const r = calculatePaye({ year, taxCode: 'S1257L', frequency: 'weekly', period: 1, taxablePayThisPeriod: gbp('600'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0') });
    expect(r.taxThisPeriod).toBe(gbp('71.15'));
  });

  it('NI category A monthly on the 2026-27 LEL', () => {
    // Employee (2000 - 1048) = 952 x 8% = 76.16; employer (2000 - 417) = 1583 x 15% = 237.45;
    // at LEL 559; LEL to PT 1048 - 559 = 489.
    const r = calculateNi({ year, category: 'A', frequency: 'monthly', grossPay: gbp('2000') });
    expect(r).toMatchObject({ employee: gbp('76.16'), employer: gbp('237.45'), earningsAtLel: gbp('559'), earningsLelToPt: gbp('489') });
  });

  it('NI weekly just over the 2026-27 LEL', () => {
    // 130 >= LEL 129: at LEL 129, LEL to PT 1; employee 0; employer (130 - 96) x 15% = 5.10.
    const r = calculateNi({ year, category: 'A', frequency: 'weekly', grossPay: gbp('130') });
    expect(r).toMatchObject({ employee: 0, employer: gbp('5.10'), earningsAtLel: gbp('129'), earningsLelToPt: gbp('1') });
  });
});
