/**
 * PAYE cases the HMRC data does not cover: fortnightly and four-weekly periods, week 53/54,
 * the K-code regulatory limit biting, week 1 basis never refunding, 0T. Expected values are worked
 * by hand in the comments, from PAYROLL.md's rules and the 2025-26 figures.
 */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../shared/money';
import { calculatePaye, freePayPerUnit } from '../../../main/payroll/paye';
import { TAX_YEAR_2025_26 } from '../../../main/payroll/tax-years';
import { PayrollInputError } from '../../../main/payroll/calendar';

const gbp = parseAmount;
const year = TAX_YEAR_2025_26;

describe('free pay per week / month', () => {
  it.each([
    // 1257: q = 2 lots of 500, r = 257: (2579)/52 = 49.596 -> 49.60 up; + 2 x 96.16 = 241.92
    [1257, 'week', '241.92'],
    // (2579)/12 = 214.9167 -> 214.92 up; + 2 x 416.67 = 1048.26
    [1257, 'month', '1048.26'],
    // 45: (459)/12 = 38.25 exactly
    [45, 'month', '38.25'],
    // 1: (19)/52 = 0.3654 -> 0.37 up
    [1, 'week', '0.37'],
    // 500: r = 0 -> r = 500, q = 0: (5009)/52 = 96.3269 -> 96.33 up
    [500, 'week', '96.33'],
    // 1000: r = 500, q = 1: 96.33 + 96.16 = 192.49
    [1000, 'week', '192.49'],
    // 0 (0T): nothing
    [0, 'month', '0.00'],
  ] as const)('%i a %s = £%s', (n, unit, expected) => {
    expect(freePayPerUnit(n, unit)).toBe(gbp(expected));
  });
});

describe('period conventions', () => {
  it('fortnightly is worked by the tax week of the pay day (cumulative)', () => {
    // Pay day in week 2: free pay 241.92 x 2 = 483.84; 1000 - 483.84 = 516.16 -> £516;
    // basic band to date 37700 x 2 / 52 = 1450; 516 x 20% = 103.20.
    const first = calculatePaye({
      year, taxCode: '1257L', frequency: 'fortnightly', period: 2,
      taxablePayThisPeriod: gbp('1000'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0'),
    });
    expect(first.taxThisPeriod).toBe(gbp('103.20'));
    // Week 4: pay to date 2000; free pay 967.68; 1032.32 -> £1032 x 20% = 206.40 due; less 103.20 paid.
    const second = calculatePaye({
      year, taxCode: '1257L', frequency: 'fortnightly', period: 4,
      taxablePayThisPeriod: gbp('1000'), taxablePayToDateBefore: gbp('1000'), taxPaidToDateBefore: gbp('103.20'),
    });
    expect(second.taxDue).toBe(gbp('206.40'));
    expect(second.taxThisPeriod).toBe(gbp('103.20'));
    expect(second.taxToDate).toBe(gbp('206.40'));
  });

  it('four-weekly on a week 1 basis uses 4 weeks of free pay and bands', () => {
    // Free pay 241.92 x 4 = 967.68; 2000 - 967.68 = 1032.32 -> £1032; band 37700 x 4 / 52 = 2900;
    // 1032 x 20% = 206.40.
    const r = calculatePaye({
      year, taxCode: '1257L W1', frequency: 'fourWeekly', period: 8,
      taxablePayThisPeriod: gbp('2000'), taxablePayToDateBefore: gbp('2000'), taxPaidToDateBefore: gbp('206.40'),
    });
    expect(r.basis).toBe('week1month1');
    expect(r.freePay).toBe(gbp('967.68'));
    expect(r.taxThisPeriod).toBe(gbp('206.40'));
  });

  it('four-weekly cumulative: higher rate once pay to date passes the scaled band', () => {
    // Week 4, pay 5000: free pay 967.68; 4032.32 -> £4032; basic band 2900 x 20% = 580;
    // (4032 - 2900) = 1132 x 40% = 452.80; total 1032.80.
    const r = calculatePaye({
      year, taxCode: '1257L', frequency: 'fourWeekly', period: 4,
      taxablePayThisPeriod: gbp('5000'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0'),
    });
    expect(r.taxThisPeriod).toBe(gbp('1032.80'));
  });

  it('week 53 is worked on a week 1 basis whatever the code says', () => {
    // Free pay 241.92; 500 - 241.92 = 258.08 -> £258 x 20% = 51.60. Pay and tax to date ignored.
    const r = calculatePaye({
      year, taxCode: '1257L', frequency: 'weekly', period: 53,
      taxablePayThisPeriod: gbp('500'), taxablePayToDateBefore: gbp('26000'), taxPaidToDateBefore: gbp('2683.20'),
    });
    expect(r.basis).toBe('week1month1');
    expect(r.taxThisPeriod).toBe(gbp('51.60'));
    expect(r.taxToDate).toBe(gbp('2734.80'));
  });

  it('fortnightly week 54 uses two weeks of free pay and bands on a week 1 basis', () => {
    // Free pay 483.84; 1000 - 483.84 = 516.16 -> £516 x 20% = 103.20.
    const r = calculatePaye({
      year, taxCode: '1257L', frequency: 'fortnightly', period: 54,
      taxablePayThisPeriod: gbp('1000'), taxablePayToDateBefore: gbp('26000'), taxPaidToDateBefore: gbp('2683.20'),
    });
    expect(r.basis).toBe('week1month1');
    expect(r.taxThisPeriod).toBe(gbp('103.20'));
  });

  it('refuses impossible period numbers', () => {
    const base = { year, taxCode: '1257L', taxablePayThisPeriod: gbp('1'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0') };
    expect(() => calculatePaye({ ...base, frequency: 'monthly', period: 13 })).toThrow(PayrollInputError);
    expect(() => calculatePaye({ ...base, frequency: 'weekly', period: 0 })).toThrow(PayrollInputError);
    expect(() => calculatePaye({ ...base, frequency: 'weekly', period: 54 })).toThrow(PayrollInputError);
    expect(() => calculatePaye({ ...base, frequency: 'fourWeekly', period: 56 })).not.toThrow();
  });
});

describe('K codes and the 50% regulatory limit', () => {
  it('caps tax at half the period pay and catches up next period (cumulative)', () => {
    // K1000 monthly: r = 500, q = 1: (5009)/12 = 417.4167 -> 417.42 up; + 416.67 = 834.09 additional pay.
    // Month 1, pay 300: 300 + 834.09 = 1134.09 -> £1134 x 20% = 226.80; limit 50% x 300 = 150.00.
    const m1 = calculatePaye({
      year, taxCode: 'K1000', frequency: 'monthly', period: 1,
      taxablePayThisPeriod: gbp('300'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0'),
    });
    expect(m1.additionalPay).toBe(gbp('834.09'));
    expect(m1.taxDue).toBe(gbp('226.80'));
    expect(m1.taxThisPeriod).toBe(gbp('150.00'));
    expect(m1.regulatoryLimitApplied).toBe(true);
    expect(m1.taxNotDeducted).toBe(gbp('76.80'));
    // Month 2, pay 2000: to date 2300 + 2 x 834.09 = 3968.18 -> £3968 x 20% = 793.60 (band 6283.33);
    // less 150.00 paid = 643.60, under the limit of 1000.
    const m2 = calculatePaye({
      year, taxCode: 'K1000', frequency: 'monthly', period: 2,
      taxablePayThisPeriod: gbp('2000'), taxablePayToDateBefore: gbp('300'), taxPaidToDateBefore: gbp('150'),
    });
    expect(m2.taxThisPeriod).toBe(gbp('643.60'));
    expect(m2.regulatoryLimitApplied).toBe(false);
  });

  it('halves odd pence downwards', () => {
    // SK100 W1 weekly: (1009)/52 = 19.4038 -> 19.41; 10.01 + 19.41 = 29.42 -> £29;
    // Scottish starter 29 x 19% = 5.51; limit 50% x 10.01 = 5.005 -> 5.00.
    const r = calculatePaye({
      year, taxCode: 'SK100 W1', frequency: 'weekly', period: 3,
      taxablePayThisPeriod: gbp('10.01'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0'),
    });
    expect(r.taxDue).toBe(gbp('5.51'));
    expect(r.taxThisPeriod).toBe(gbp('5.00'));
  });
});

describe('other codes and bases', () => {
  it('week 1 basis never refunds', () => {
    // 1257L M1, month 5, pay 500 < free pay 1048.26: taxable 0, tax 0 — no refund of the 300 paid.
    const r = calculatePaye({
      year, taxCode: '1257L M1', frequency: 'monthly', period: 5,
      taxablePayThisPeriod: gbp('500'), taxablePayToDateBefore: gbp('4000'), taxPaidToDateBefore: gbp('300'),
    });
    expect(r.taxThisPeriod).toBe(gbp('0'));
    expect(r.taxToDate).toBe(gbp('300'));
  });

  it('0T taxes everything through the bands', () => {
    // No free pay: 1000.99 -> £1000 x 20% = 200.00.
    const r = calculatePaye({
      year, taxCode: '0T', frequency: 'monthly', period: 1,
      taxablePayThisPeriod: gbp('1000.99'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0'),
    });
    expect(r.taxThisPeriod).toBe(gbp('200.00'));
  });

  it('the caller can force week 1/month 1', () => {
    // 1257L with week1Month1: month 6, pay 2000: 2000 - 1048.26 = 951.74 -> £951 x 20% = 190.20.
    const r = calculatePaye({
      year, taxCode: '1257L', frequency: 'monthly', period: 6, week1Month1: true,
      taxablePayThisPeriod: gbp('2000'), taxablePayToDateBefore: gbp('10000'), taxPaidToDateBefore: gbp('1141.20'),
    });
    expect(r.taxThisPeriod).toBe(gbp('190.20'));
  });

  it('a Welsh D1 code uses the Welsh additional rate', () => {
    // CD1 weekly 200.55 -> £200 x 45% = 90.00.
    const r = calculatePaye({
      year, taxCode: 'CD1', frequency: 'weekly', period: 10,
      taxablePayThisPeriod: gbp('200.55'), taxablePayToDateBefore: gbp('0'), taxPaidToDateBefore: gbp('0'),
    });
    expect(r.region).toBe('wales');
    expect(r.taxThisPeriod).toBe(gbp('90.00'));
  });
});
