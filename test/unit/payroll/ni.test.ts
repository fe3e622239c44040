/**
 * NI cases beyond the HMRC threshold rows, and Employment Allowance. Expected values by hand
 * from the 2025-26 per-frequency thresholds (weekly ST 96, PT 242, UEL 967; monthly ST 417,
 * PT 1048, UEL 4189).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount, pence } from '../../../shared/money';
import type { Pence } from '../../../shared/money';
import { applyBpsNiRounding } from '../../../main/payroll/arithmetic';
import { calculateNi, claimEmploymentAllowance } from '../../../main/payroll/ni';
import { TAX_YEAR_2025_26 } from '../../../main/payroll/tax-years';
import { NI_CATEGORIES } from '../../../main/payroll/types';

const gbp = parseAmount;
const year = TAX_YEAR_2025_26;

describe('NI band rounding (third decimal: 5 or less down, 6 or more up)', () => {
  it.each([
    [7, 800, 0], // 7p x 8% = 0.56p = £0.0056: third decimal 5 -> down
    [8, 800, 1], // 0.64p = £0.0064: third decimal 6 -> up
    [5, 1500, 1], // 0.75p: 7 -> up
    [3, 1500, 0], // 0.45p: 4 -> down
    [33333, 1500, 5000], // 4999.95p = £49.9995: third decimal 9 -> up to £50.00
    [3370, 185, 62], // 62.345p = £0.62345: third decimal 3 -> £0.62
    [3381, 185, 62], // 62.5485p = £0.625485: third decimal 5 -> £0.62 (ordinary rounding would give £0.63)
    [3384, 185, 63], // 62.604p = £0.62604: third decimal 6 -> £0.63
  ])('%ip at %ibp -> %ip', (amount, rate, expected) => {
    expect(applyBpsNiRounding(pence(amount), rate)).toBe(expected);
  });
});

describe('Class 1 NI worked cases (2025-26)', () => {
  it('category A weekly above the UEL: two employee bands, one employer band', () => {
    // Employee: (967 - 242) = 725 x 8% = 58.00; (1200 - 967) = 233 x 2% = 4.66; total 62.66.
    // Employer: (1200 - 96) = 1104 x 15% = 165.60.
    const r = calculateNi({ year, category: 'A', frequency: 'weekly', grossPay: gbp('1200') });
    expect(r.employee).toBe(gbp('62.66'));
    expect(r.employer).toBe(gbp('165.60'));
    expect(r.earningsAboveUel).toBe(gbp('233'));
  });

  it('category M monthly: employer nothing up to UST', () => {
    // Employee: (4189 - 1048) = 3141 x 8% = 251.28; (5000 - 4189) = 811 x 2% = 16.22; 267.50.
    // Employer: (5000 - 4189) = 811 x 15% = 121.65.
    const r = calculateNi({ year, category: 'M', frequency: 'monthly', grossPay: gbp('5000') });
    expect(r.employee).toBe(gbp('267.50'));
    expect(r.employer).toBe(gbp('121.65'));
  });

  it('category C (over State Pension age): no employee NI', () => {
    // Employer: (3000 - 417) = 2583 x 15% = 387.45.
    const r = calculateNi({ year, category: 'C', frequency: 'monthly', grossPay: gbp('3000') });
    expect(r.employee).toBe(gbp('0'));
    expect(r.employer).toBe(gbp('387.45'));
  });

  it('category B fortnightly reduced rate', () => {
    // Employee: (1000 - 484) = 516 x 1.85% = 9.546 -> 9.55 (third decimal 6 up).
    // Employer: (1000 - 193) = 807 x 15% = 121.05.
    const r = calculateNi({ year, category: 'B', frequency: 'fortnightly', grossPay: gbp('1000') });
    expect(r.employee).toBe(gbp('9.55'));
    expect(r.employer).toBe(gbp('121.05'));
  });

  it('employee and employer NI never fall as pay rises (every category and frequency)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NI_CATEGORIES),
        fc.constantFrom('weekly', 'fortnightly', 'fourWeekly', 'monthly' as const),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (category, frequency, a, extra) => {
          const lo = calculateNi({ year, category, frequency, grossPay: pence(a) });
          const hi = calculateNi({ year, category, frequency, grossPay: pence(a + extra) });
          return hi.employee >= lo.employee && hi.employer >= lo.employer && lo.employee >= 0 && lo.employer >= 0;
        },
      ),
    );
  });
});

describe('Employment Allowance', () => {
  it('is set against employer NI until it runs out', () => {
    // £950 employer NI a month against £10,500: 11 months use 11 x 950 = 10,450, leaving £50;
    // month 12 uses the £50 and £900 is payable.
    let remaining: Pence = year.employmentAllowance.amount;
    const payable: Pence[] = [];
    for (let m = 1; m <= 12; m++) {
      const c = claimEmploymentAllowance(gbp('950'), remaining);
      remaining = c.allowanceRemaining;
      payable.push(c.employerNiPayable);
    }
    expect(payable.slice(0, 11).every((p) => p === 0)).toBe(true);
    expect(payable[11]).toBe(gbp('900'));
    expect(remaining).toBe(gbp('0'));
  });

  it('claims nothing against a negative adjustment', () => {
    const c = claimEmploymentAllowance(gbp('-20'), gbp('100'));
    expect(c).toEqual({ claimed: 0, employerNiPayable: gbp('-20'), allowanceRemaining: gbp('100') });
  });
});
