import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../shared/money';
import { smpWeeklyAmount } from '../../../main/payroll/smp';
import { holidayAccrualMinutes, rolledUpHolidayPay } from '../../../main/payroll/holiday';
import { checkMinimumWage, minimumHourlyRate } from '../../../main/payroll/minimum-wage';
import { TAX_YEAR_2025_26, TAX_YEAR_2026_27 } from '../../../main/payroll/tax-years';

const gbp = parseAmount;

describe('SMP', () => {
  it.each([
    // 2025-26 flat rate 187.18, LEL 125.
    ['2025-26', '400', 1, '360.00'], // 90% x 400
    ['2025-26', '400', 7, '187.18'], // lower of 360 and 187.18
    ['2025-26', '200', 7, '180.00'], // lower of 180 and 187.18
    ['2025-26', '333.33', 3, '300.00'], // 90% = 299.997 -> 300.00 (rounded up)
    ['2025-26', '124.99', 1, '0'], // below the earnings threshold
    ['2025-26', '400', 40, '0'], // SMP runs 39 weeks
    // 2026-27 flat rate 194.32.
    ['2026-27', '300', 1, '270.00'],
    ['2026-27', '300', 7, '194.32'],
  ] as const)('%s AWE £%s week %i = £%s', (y, awe, week, expected) => {
    const year = y === '2025-26' ? TAX_YEAR_2025_26 : TAX_YEAR_2026_27;
    expect(smpWeeklyAmount(year, gbp(awe), week)).toBe(gbp(expected));
  });
});

describe('holiday accrual 12.07%', () => {
  it('accrues in minutes, rounded up', () => {
    // 600 minutes x 12.07% = 72.42 -> 73 minutes; 1000 x 12.07% = 120.7 -> 121.
    expect(holidayAccrualMinutes(TAX_YEAR_2025_26, 600)).toBe(73);
    expect(holidayAccrualMinutes(TAX_YEAR_2025_26, 1000)).toBe(121);
    expect(holidayAccrualMinutes(TAX_YEAR_2025_26, 0)).toBe(0);
  });

  it('rolled-up holiday pay, rounded up to the penny', () => {
    // 500.00 x 12.07% = 60.35; 123.45 x 12.07% = 14.900415 -> 14.91.
    expect(rolledUpHolidayPay(TAX_YEAR_2025_26, gbp('500'))).toBe(gbp('60.35'));
    expect(rolledUpHolidayPay(TAX_YEAR_2026_27, gbp('123.45'))).toBe(gbp('14.91'));
  });
});

describe('minimum wage', () => {
  it('rates by age and year', () => {
    expect(minimumHourlyRate(TAX_YEAR_2025_26, 25)).toBe(gbp('12.21'));
    expect(minimumHourlyRate(TAX_YEAR_2025_26, 20)).toBe(gbp('10.00'));
    expect(minimumHourlyRate(TAX_YEAR_2025_26, 17)).toBe(gbp('7.55'));
    expect(minimumHourlyRate(TAX_YEAR_2026_27, 21)).toBe(gbp('12.71'));
    expect(minimumHourlyRate(TAX_YEAR_2026_27, 19)).toBe(gbp('10.85'));
    expect(minimumHourlyRate(TAX_YEAR_2026_27, 30, true)).toBe(gbp('8.00'));
  });

  it('checks pay against time worked', () => {
    // 40 hours x 12.21 = 488.40 required; 480 paid: £8.40 short.
    expect(checkMinimumWage(gbp('480'), 40 * 60, gbp('12.21'))).toEqual({ required: gbp('488.40'), shortfall: gbp('8.40'), ok: false });
    // 90 minutes x 12.71 / 60 = 19.065 -> 19.07 required.
    expect(checkMinimumWage(gbp('19.07'), 90, gbp('12.71')).ok).toBe(true);
  });
});
