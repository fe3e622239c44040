/**
 * The money rules (pure): weeks held, each funder's surplus rule from DOMAIN.md, the low-balance
 * rule. Figures are worked by hand at £500 a week of funding.
 */
import { describe, expect, it } from 'vitest';
import { lowBalanceCheck, surplusCheck, surplusRuleText, weeksHeld, type Liabilities } from '../../../main/ledger/rules';
import { DEFAULT_FUNDER_RULES, FunderRules, weeklyEquivalent } from '../../../shared/domain';

const WEEKLY = 50_000; // £500.00 a week
const NONE: Liabilities = { unpaid: 0, holidayAccrued: 0, redundancyReserve: 0 };
const OWED: Liabilities = { unpaid: 120_000, holidayAccrued: 40_000, redundancyReserve: 25_000 };
const noDeductions = { deductUnpaidLiabilities: false, deductAccruedHolidayPay: false, deductRedundancyReserve: false };

/** The published rules from DOMAIN.md, as funder settings. */
const ST_HELENS = FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...noDeductions, surplusThresholdWeeks: 8, contingencyWeeks: 0 });
const BIRMINGHAM = FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...noDeductions, surplusThresholdWeeks: 6, contingencyWeeks: 1 });
const DURHAM = FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...noDeductions, deductUnpaidLiabilities: true, surplusThresholdWeeks: 0, contingencyWeeks: 2 });
const HARROW = FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...noDeductions, surplusThresholdWeeks: 4, contingencyWeeks: 2 });

describe('weeksHeld', () => {
  it('balance over weekly funding, to one decimal place', () => {
    expect(weeksHeld(250_000, WEEKLY)).toBe(5);
    expect(weeksHeld(123_456, WEEKLY)).toBe(2.5); // 2.469
    expect(weeksHeld(122_499, WEEKLY)).toBe(2.4); // 2.44998
    expect(weeksHeld(122_500, WEEKLY)).toBe(2.5); // 2.45, half up
    expect(weeksHeld(1, 3)).toBe(0.3);
    expect(weeksHeld(0, WEEKLY)).toBe(0);
  });

  it('below zero mirrors above zero (halves away from zero, never -0)', () => {
    expect(weeksHeld(-122_500, WEEKLY)).toBe(-2.5);
    expect(weeksHeld(-122_499, WEEKLY)).toBe(-2.4);
    expect(weeksHeld(-75_000, WEEKLY)).toBe(-1.5);
    expect(Object.is(weeksHeld(-10, WEEKLY), 0)).toBe(true);
  });

  it('is null without funding', () => {
    expect(weeksHeld(100_000, 0)).toBeNull();
    expect(weeksHeld(100_000, -5)).toBeNull();
  });
});

describe('surplus rules per funder (DOMAIN.md)', () => {
  it('St Helens: reclaim above 8 weeks of funding; liabilities not deducted', () => {
    const r = surplusCheck({ balance: 450_000, weeklyFunding: WEEKLY, rules: ST_HELENS, liabilities: OWED });
    expect(r).toMatchObject({ allowance: 400_000, contingency: 0, threshold: 400_000, deductions: 0, countable: 450_000, surplus: 50_000 });
    expect(r.rule).toBe("Surplus = balance, above 8 weeks of funding plus 0 weeks' contingency.");
    expect(surplusCheck({ balance: 400_000, weeklyFunding: WEEKLY, rules: ST_HELENS, liabilities: NONE }).surplus).toBe(0);
    expect(surplusCheck({ balance: 400_001, weeklyFunding: WEEKLY, rules: ST_HELENS, liabilities: NONE }).surplus).toBe(1);
  });

  it('Birmingham: 6 weeks plus 1 week contingency', () => {
    const r = surplusCheck({ balance: 450_000, weeklyFunding: WEEKLY, rules: BIRMINGHAM, liabilities: OWED });
    expect(r).toMatchObject({ allowance: 300_000, contingency: 50_000, threshold: 350_000, deductions: 0, countable: 450_000, surplus: 100_000 });
    expect(r.rule).toBe("Surplus = balance, above 6 weeks of funding plus 1 weeks' contingency.");
  });

  it('Durham: balance − unpaid wages and invoices − contingency (holiday pay not deducted)', () => {
    const r = surplusCheck({ balance: 450_000, weeklyFunding: WEEKLY, rules: DURHAM, liabilities: OWED });
    expect(r).toMatchObject({ allowance: 0, contingency: 100_000, threshold: 100_000, deductions: 120_000, countable: 330_000, surplus: 230_000 });
    expect(r.rule).toBe("Surplus = balance less unpaid wages and invoices, above 0 weeks of funding plus 2 weeks' contingency.");
    expect(r.figures).toEqual([
      { label: 'Balance', pence: 450_000, text: null },
      { label: 'Less unpaid wages and invoices', pence: 120_000, text: null },
      { label: 'Balance counted', pence: 330_000, text: null },
      { label: 'Weekly funding', pence: 50_000, text: null },
      { label: 'Allowed: 0 weeks', pence: 0, text: null },
      { label: 'Contingency: 2 weeks', pence: 100_000, text: null },
      { label: 'Surplus', pence: 230_000, text: null },
    ]);
  });

  it('Harrow: at most 4 weeks plus the agreed contingency', () => {
    expect(surplusCheck({ balance: 310_000, weeklyFunding: WEEKLY, rules: HARROW, liabilities: OWED }).surplus).toBe(10_000);
    expect(surplusCheck({ balance: 300_000, weeklyFunding: WEEKLY, rules: HARROW, liabilities: OWED }).surplus).toBe(0);
    expect(surplusCheck({ balance: 250_000, weeklyFunding: WEEKLY, rules: HARROW, liabilities: OWED }).surplus).toBe(0);
  });

  it('the defaults: 8 weeks + 2 contingency, unpaid liabilities and accrued holiday pay deducted', () => {
    const r = surplusCheck({ balance: 700_000, weeklyFunding: WEEKLY, rules: DEFAULT_FUNDER_RULES, liabilities: OWED });
    expect(r).toMatchObject({ threshold: 500_000, deductions: 160_000, countable: 540_000, surplus: 40_000 });
    expect(r.rule).toBe("Surplus = balance less unpaid wages and invoices, accrued holiday pay, above 8 weeks of funding plus 2 weeks' contingency.");
    expect(r.figures.map((f) => f.label)).toEqual([
      'Balance',
      'Less unpaid wages and invoices',
      'Less accrued holiday pay',
      'Balance counted',
      'Weekly funding',
      'Allowed: 8 weeks',
      'Contingency: 2 weeks',
      'Surplus',
    ]);
  });

  it('each liability is deducted only when the rule says so', () => {
    const base = { ...DEFAULT_FUNDER_RULES, ...noDeductions };
    const at = (patch: Partial<FunderRules>) => surplusCheck({ balance: 700_000, weeklyFunding: WEEKLY, rules: { ...base, ...patch }, liabilities: OWED });
    expect(at({}).deductions).toBe(0);
    expect(at({ deductUnpaidLiabilities: true }).deductions).toBe(120_000);
    expect(at({ deductAccruedHolidayPay: true }).deductions).toBe(40_000);
    expect(at({ deductRedundancyReserve: true }).deductions).toBe(25_000);
    const all = at({ deductUnpaidLiabilities: true, deductAccruedHolidayPay: true, deductRedundancyReserve: true });
    expect(all).toMatchObject({ deductions: 185_000, countable: 515_000, surplus: 15_000 });
    expect(all.rule).toBe("Surplus = balance less unpaid wages and invoices, accrued holiday pay, the redundancy reserve, above 8 weeks of funding plus 2 weeks' contingency.");
  });

  it('never negative, and no surplus without funding', () => {
    expect(surplusCheck({ balance: 50_000, weeklyFunding: WEEKLY, rules: DURHAM, liabilities: OWED })).toMatchObject({ countable: -70_000, surplus: 0 });
    expect(surplusCheck({ balance: 9_000_000, weeklyFunding: 0, rules: ST_HELENS, liabilities: NONE }).surplus).toBe(0);
  });

  it('works from the weekly equivalent of 4-weekly and monthly funding', () => {
    // Durham paying £2,000 every 4 weeks = £500 a week; monthly £2,166.67 = £500.00 a week (×12/52).
    expect(weeklyEquivalent(200_000, 'four-weekly')).toBe(WEEKLY);
    expect(weeklyEquivalent(216_667, 'monthly')).toBe(WEEKLY);
    expect(surplusCheck({ balance: 450_000, weeklyFunding: weeklyEquivalent(216_667, 'monthly'), rules: DURHAM, liabilities: OWED }).surplus).toBe(230_000);
  });

  it('surplusRuleText names no deductions when there are none', () => {
    expect(surplusRuleText(HARROW)).toBe("Surplus = balance, above 4 weeks of funding plus 2 weeks' contingency.");
  });
});

describe('lowBalanceCheck', () => {
  it('low when below what is owed now plus 4 weeks of spending', () => {
    const r = lowBalanceCheck({ balance: 100_000, unpaid: 20_000, weeklySpend: 25_000, spendWeeks: 13, expectedIn: 0 });
    expect(r).toMatchObject({ low: true, commitments: 120_000, shortfall: 20_000 });
    expect(r.figures).toEqual([
      { label: 'Balance', pence: 100_000, text: null },
      { label: 'Funding and contributions due in the next 4 weeks', pence: 0, text: null },
      { label: 'Owed now (wages, PAYE/NI, pension, invoices)', pence: 20_000, text: null },
      { label: 'Average weekly spending (last 13 weeks)', pence: 25_000, text: null },
      { label: 'Next 4 weeks of commitments', pence: 120_000, text: null },
      { label: 'Shortfall', pence: null, text: '£200.00' },
    ]);
    expect(r.rule).toContain('average of the last 13 weeks');
  });

  it('not low at exactly the commitments, nor with no commitments at all', () => {
    expect(lowBalanceCheck({ balance: 120_000, unpaid: 20_000, weeklySpend: 25_000, spendWeeks: 13, expectedIn: 0 })).toMatchObject({ low: false, shortfall: 0 });
    expect(lowBalanceCheck({ balance: 119_999, unpaid: 20_000, weeklySpend: 25_000, spendWeeks: 13, expectedIn: 0 })).toMatchObject({ low: true, shortfall: 1 });
    const none = lowBalanceCheck({ balance: 0, unpaid: 0, weeklySpend: 0, spendWeeks: 13, expectedIn: 0 });
    expect(none).toMatchObject({ low: false, commitments: 0, shortfall: 0 });
    expect(none.figures.at(-1)).toEqual({ label: 'Shortfall', pence: null, text: 'none' });
  });

  it('counts funding due in the next 4 weeks towards what is available', () => {
    // £1,000 now + £200 due = £1,200: exactly covers £200 owed + 4 × £250.
    expect(lowBalanceCheck({ balance: 100_000, unpaid: 20_000, weeklySpend: 25_000, spendWeeks: 13, expectedIn: 20_000 })).toMatchObject({ low: false, shortfall: 0 });
    const r = lowBalanceCheck({ balance: 100_000, unpaid: 20_000, weeklySpend: 25_000, spendWeeks: 13, expectedIn: 19_999 });
    expect(r).toMatchObject({ low: true, commitments: 120_000, shortfall: 1 });
    expect(r.figures[1]).toEqual({ label: 'Funding and contributions due in the next 4 weeks', pence: 19_999, text: null });
    expect(r.rule).toContain('plus funding due in the next 4 weeks');
  });
});
