/**
 * Student loan deductions: 9% (6% postgraduate) of earnings above the period threshold, rounded
 * down to whole pounds. Thresholds: annual x weeks / 52 or / 12, truncated to the penny.
 */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../shared/money';
import { calculateStudentLoans, studentLoanThreshold } from '../../../main/payroll/student-loans';
import { TAX_YEAR_2025_26, TAX_YEAR_2026_27 } from '../../../main/payroll/tax-years';

const gbp = parseAmount;
const year = TAX_YEAR_2025_26;

describe('per-period thresholds 2025-26', () => {
  it.each([
    ['plan1', 'weekly', '501.25'], // 26065 / 52 = 501.25 (HMRC publishes £501.25)
    ['plan1', 'monthly', '2172.08'], // 26065 / 12 = 2172.0833 -> 2172.08 (HMRC publishes £2,172.08)
    ['plan2', 'monthly', '2372.50'], // 28470 / 12
    ['plan4', 'fortnightly', '1259.42'], // 32745 x 2 / 52 = 1259.4230
    ['postgraduate', 'fourWeekly', '1615.38'], // 21000 x 4 / 52 = 1615.3846
    ['postgraduate', 'weekly', '403.84'], // 21000 / 52 = 403.846
  ] as const)('%s %s = £%s', (plan, frequency, expected) => {
    expect(studentLoanThreshold(year, plan, frequency)).toBe(gbp(expected));
  });

  it('Plan 5 is not collected in 2025-26', () => {
    expect(studentLoanThreshold(year, 'plan5', 'monthly')).toBeNull();
    expect(calculateStudentLoans({ year, frequency: 'monthly', plans: ['plan5'], earnings: gbp('5000') }).total).toBe(0);
  });
});

describe('deductions 2025-26', () => {
  it.each([
    // (2500 - 2172.08) = 327.92 x 9% = 29.5128 -> £29
    ['plan1', 'monthly', '2500', '29'],
    // (600 - 547.50) = 52.50 x 9% = 4.725 -> £4
    ['plan2', 'weekly', '600', '4'],
    // (1500 - 1259.42) = 240.58 x 9% = 21.6522 -> £21
    ['plan4', 'fortnightly', '1500', '21'],
    // (2000 - 1615.38) = 384.62 x 6% = 23.0772 -> £23
    ['postgraduate', 'fourWeekly', '2000', '23'],
    // exactly at the threshold: nothing
    ['plan2', 'monthly', '2372.50', '0'],
    // (2383.61 - 2372.50) = 11.11 x 9% = 0.9999 -> £0
    ['plan2', 'monthly', '2383.61', '0'],
    // (2383.62 - 2372.50) = 11.12 x 9% = 1.0008 -> £1
    ['plan2', 'monthly', '2383.62', '1'],
  ] as const)('%s %s on £%s = £%s', (plan, frequency, earnings, expected) => {
    const r = calculateStudentLoans({ year, frequency, plans: [plan], earnings: gbp(earnings) });
    expect(r.total).toBe(gbp(expected));
  });

  it('two undergraduate plans repay once above the lower threshold, postgraduate alongside', () => {
    // Plan 1 + Plan 2 -> Plan 1 threshold 2172.08: (3000 - 2172.08) = 827.92 x 9% = 74.5128 -> £74.
    // Postgraduate: (3000 - 1750) = 1250 x 6% = 75.00 -> £75. Total £149.
    const r = calculateStudentLoans({ year, frequency: 'monthly', plans: ['plan2', 'postgraduate', 'plan1'], earnings: gbp('3000') });
    expect(r.lines).toEqual([
      { plan: 'plan1', threshold: gbp('2172.08'), deduction: gbp('74') },
      { plan: 'postgraduate', threshold: gbp('1750'), deduction: gbp('75') },
    ]);
    expect(r.total).toBe(gbp('149'));
  });
});

describe('2026-27', () => {
  it('Plan 5 is collected from April 2026', () => {
    // 25000 / 12 = 2083.333 -> 2083.33; (3000 - 2083.33) = 916.67 x 9% = 82.5003 -> £82.
    const r = calculateStudentLoans({ year: TAX_YEAR_2026_27, frequency: 'monthly', plans: ['plan5'], earnings: gbp('3000') });
    expect(r.lines[0]?.threshold).toBe(gbp('2083.33'));
    expect(r.total).toBe(gbp('82'));
  });

  it('Plan 2 weekly on the 2026-27 threshold', () => {
    // 29385 / 52 = 565.096 -> 565.09; (700 - 565.09) = 134.91 x 9% = 12.1419 -> £12.
    const r = calculateStudentLoans({ year: TAX_YEAR_2026_27, frequency: 'weekly', plans: ['plan2'], earnings: gbp('700') });
    expect(r.total).toBe(gbp('12'));
  });
});
