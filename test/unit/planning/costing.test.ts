/** The costing rule (main/planning/costing.ts): exact pence, half-up rounding, holiday weeks, plan-year dates. */
import { describe, expect, it } from 'vitest';
import { annualCost, lineCosts, planYear, planYearCost, weeklyCost } from '../../../main/planning/costing';

const base = { holidayWeeks: 0, startDate: null, endDate: null } as const;

describe('plan line costing', () => {
  it('weekly units run 52 weeks less holiday weeks: 15 h × £15.00 = £11,700.00 a year, £225.00 a week', () => {
    expect(annualCost({ ...base, quantity: 1500, unit: 'hours-per-week', rate: 1500 })).toBe(1_170_000);
    expect(weeklyCost(1_170_000)).toBe(22_500);
    // 5.6 weeks of PA holiday not covered: 15 × 15.00 × 46.4 = £10,440.00; weekly = 1,044,000 / 52 = 20,076.92 → 20,077
    const l = lineCosts({ ...base, quantity: 1500, unit: 'hours-per-week', rate: 1500, holidayWeeks: 560 }, '2026-04-06', null);
    expect(l).toEqual({ annualCost: 1_044_000, weeklyCost: 20_077, planYearCost: 1_044_000 });
  });

  it('monthly units × 12, yearly units and one-off × 1, quantities in hundredths', () => {
    expect(annualCost({ ...base, quantity: 200, unit: 'sessions-per-month', rate: 4500 })).toBe(108_000); // 2 × £45 × 12
    expect(annualCost({ ...base, quantity: 1400, unit: 'nights-per-year', rate: 12_000 })).toBe(168_000); // 14 nights × £120
    expect(annualCost({ ...base, quantity: 100, unit: 'one-off', rate: 89_900 })).toBe(89_900);
    expect(annualCost({ ...base, quantity: 250, unit: 'sessions-per-week', rate: 3000 })).toBe(390_000); // 2.5 × £30 × 52
  });

  it('rounds half up, once, at each stated step', () => {
    expect(annualCost({ ...base, quantity: 50, unit: 'hours-per-year', rate: 1 })).toBe(1); // 0.5p → 1p
    expect(annualCost({ ...base, quantity: 49, unit: 'hours-per-year', rate: 1 })).toBe(0); // 0.49p → 0p
    expect(weeklyCost(26)).toBe(1); // 0.5p → 1p
    expect(weeklyCost(25)).toBe(0);
    // 3.33 h × £10.01 × 52 = £1,733.3316 → £1,733.33
    expect(annualCost({ ...base, quantity: 333, unit: 'hours-per-week', rate: 1001 })).toBe(173_333);
  });

  it('the plan year counts each line’s dates; a one-off counts only inside the year', () => {
    expect(planYear('2026-04-06', null)).toEqual({ start: '2026-04-06', end: '2027-04-05', days: 365 });
    expect(planYear('2027-04-06', null).days).toBe(366); // includes 29 February 2028
    const l = { ...base, quantity: 1000, unit: 'hours-per-week' as const, rate: 1000, startDate: '2026-10-05' };
    // annual £5,200.00; runs 5 Oct 2026 – 5 Apr 2027 = 183 of 365 days → 520,000 × 183 / 365 = 260,712.33 → 260,712
    expect(planYearCost(l, '2026-04-06', null)).toBe(260_712);
    expect(planYearCost({ ...l, startDate: null, endDate: '2026-04-05' }, '2026-04-06', null)).toBe(0); // ended before the plan
    expect(planYearCost({ ...base, quantity: 100, unit: 'one-off', rate: 5000, startDate: '2027-05-01' }, '2026-04-06', null)).toBe(0);
    expect(planYearCost({ ...base, quantity: 100, unit: 'one-off', rate: 5000, startDate: '2026-05-01' }, '2026-04-06', null)).toBe(5000);
    // A plan that ends early caps the year: 6 Apr – 5 Jul 2026 = 91 days of 365.
    expect(planYearCost({ ...base, quantity: 1000, unit: 'hours-per-week', rate: 1000 }, '2026-04-06', '2026-07-05')).toBe(129_644); // 520,000 × 91 / 365 = 129,643.8
  });
});
