/**
 * calculateCases: the case → result function behind `steward payroll calc`. HMRC's own 2025-26 rows
 * (every PAYE row and every NIC row in test/fixtures/hmrc) go through it as cases and must come out
 * exact; hand-worked 2026-27 cases cover a refund, week 1/month 1, week 53, Scottish and Welsh codes
 * and the K-code limit; and each kind of bad case gives an error in its own place while the cases
 * around it still compute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calculateCases, taxYearById } from '../../../main/payroll/calc';
import type { CaseFrequency, PayrollCaseOutcome } from '../../../main/payroll/calc';
import { TAX_YEAR_2025_26, TAX_YEAR_2026_27 } from '../../../main/payroll/tax-years';
import { NI_CATEGORIES } from '../../../main/payroll/types';
import { poundsToPence } from './fixture-money';

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/hmrc', name), 'utf8'));

const TaxRow = z.object({
  id: z.string(),
  taxYear: z.literal('2025-26'),
  frequency: z.enum(['weekly', 'monthly']),
  period: z.number().int().min(1),
  taxCode: z.string(),
  basis: z.enum(['cumulative', 'week1month1']),
  grossPayThisPeriod: z.number(),
  taxablePayToDate: z.number(),
  expectedTaxThisPeriod: z.number(),
  taxPaidToDateBeforeThisPeriod: z.number(),
});
const NicRow = z.object({
  id: z.string(),
  taxYear: z.literal('2025-26'),
  frequency: z.enum(['Weekly', 'Fortnightly', 'FourWeekly', 'Monthly']),
  niCategory: z.enum(NI_CATEGORIES),
  grossPay: z.number(),
  expectedEmployeeNI: z.number(),
  expectedEmployerNI: z.number(),
});

const taxRows = z.array(TaxRow).parse(fixture('hmrc_tax_test_data_2025_26.json'));
const nicRows = z.array(NicRow).parse(fixture('hmrc_nic_test_data_2025_26.json'));

const NIC_FREQUENCY: Record<z.infer<typeof NicRow>['frequency'], CaseFrequency> = {
  Weekly: 'weekly',
  Fortnightly: 'fortnightly',
  FourWeekly: 'four-weekly',
  Monthly: 'monthly',
};

/** A good 2026-27 case: monthly, month 1, 1257L, £3,000, category A. */
const BASE = {
  taxYear: '2026-27',
  frequency: 'monthly',
  period: 1,
  taxCode: '1257L',
  basis: 'cumulative',
  grossPay: 300000,
  previousTaxablePay: 0,
  previousTax: 0,
  niCategory: 'A',
} as const;
/*
 * Its result by hand: free pay month 1 = (1257 x 10 + 9) / 12 = £1,048.25 (rounded up);
 * taxable £3,000 - £1,048.25 = £1,951.75 -> £1,951; 20% = £390.20.
 * Employee NI: (£3,000 - PT £1,048) x 8% = £156.16. Employer: (£3,000 - ST £417) x 15% = £387.45.
 */
const BASE_RESULT = { tax: 39020, employeeNI: 15616, employerNI: 38745 };

function one(c: object): PayrollCaseOutcome {
  const [r] = calculateCases([c]);
  if (r === undefined) throw new Error('no result');
  return r;
}

function errorOf(r: PayrollCaseOutcome | undefined): { code: string; message: string } {
  if (r === undefined || !('error' in r)) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.error;
}

describe('taxYearById', () => {
  it('finds the table by its label, not by a date', () => {
    expect(taxYearById('2025-26')).toBe(TAX_YEAR_2025_26);
    expect(taxYearById('2026-27')).toBe(TAX_YEAR_2026_27);
    expect(taxYearById('2024-25')).toBeUndefined();
    expect(taxYearById('2026-04-06')).toBeUndefined();
  });
});

describe('HMRC 2025-26 test data through calculateCases', () => {
  it('reproduces all 168 PAYE rows, in one batch, in order', () => {
    expect(taxRows).toHaveLength(168);
    const cases = taxRows.map((row) => {
      const thisPeriod = poundsToPence(row.grossPayThisPeriod);
      return {
        taxYear: row.taxYear,
        frequency: row.frequency,
        period: row.period,
        taxCode: row.taxCode,
        basis: row.basis,
        grossPay: thisPeriod,
        previousTaxablePay: poundsToPence(row.taxablePayToDate) - thisPeriod,
        previousTax: poundsToPence(row.taxPaidToDateBeforeThisPeriod),
        niCategory: 'A',
      };
    });
    const got = calculateCases(cases).map((r, i) => ({ id: taxRows[i]?.id, tax: 'tax' in r ? r.tax : r }));
    expect(got).toEqual(taxRows.map((row) => ({ id: row.id, tax: poundsToPence(row.expectedTaxThisPeriod) })));
  });

  it('reproduces all 896 NIC rows (employee and employer), in one batch, in order', () => {
    expect(nicRows).toHaveLength(896);
    const cases = nicRows.map((row) => ({
      taxYear: row.taxYear,
      frequency: NIC_FREQUENCY[row.frequency],
      // NI is per period, not cumulative: the period does not change it (4 rows carry period 0).
      period: 1,
      taxCode: '1257L',
      basis: 'cumulative',
      grossPay: poundsToPence(row.grossPay),
      previousTaxablePay: 0,
      previousTax: 0,
      niCategory: row.niCategory,
    }));
    const got = calculateCases(cases).map((r, i) =>
      'error' in r ? { id: nicRows[i]?.id, error: r.error } : { id: nicRows[i]?.id, employee: r.employeeNI, employer: r.employerNI },
    );
    expect(got).toEqual(
      nicRows.map((row) => ({
        id: row.id,
        employee: poundsToPence(row.expectedEmployeeNI),
        employer: poundsToPence(row.expectedEmployerNI),
      })),
    );
  });
});

describe('2026-27 cases worked by hand', () => {
  it('a plain month 1 case', () => {
    expect(calculateCases([BASE])).toEqual([BASE_RESULT]);
  });

  it('a refund on the cumulative basis is negative tax', () => {
    // Month 2, nothing paid this month; £6,000 earlier, £1,000 tax already deducted.
    // Free pay to date 2 x £1,048.25 = £2,096.50; taxable £3,903.50 -> £3,903; band limit to date
    // £37,700 x 2 / 12 = £6,283.33, so all at 20%: £780.60 due. £780.60 - £1,000 = -£219.40.
    const r = one({ ...BASE, period: 2, grossPay: 0, previousTaxablePay: 600000, previousTax: 100000 });
    expect(r).toEqual({ tax: -21940, employeeNI: 0, employerNI: 0 });
  });

  it('week 1/month 1 ignores the previous figures and never refunds', () => {
    const cumulative = one({ ...BASE, period: 6, previousTaxablePay: 1500000, previousTax: 0 });
    const w1m1 = one({ ...BASE, period: 6, basis: 'week1month1', previousTaxablePay: 1500000, previousTax: 0 });
    expect(w1m1).toEqual(BASE_RESULT); // month 1 figures, whatever the month
    expect(cumulative).not.toEqual(BASE_RESULT);
    // The code's own M1 marker does the same on a "cumulative" case.
    expect(one({ ...BASE, period: 6, taxCode: '1257L M1', previousTaxablePay: 1500000 })).toEqual(BASE_RESULT);
    // Would be a refund cumulatively; on month 1 it is nil.
    expect(one({ ...BASE, period: 2, basis: 'week1month1', grossPay: 0, previousTaxablePay: 600000, previousTax: 100000 })).toEqual({
      tax: 0,
      employeeNI: 0,
      employerNI: 0,
    });
  });

  it('week 53 (weekly) and week 56 (four-weekly) are worked on a week 1 basis', () => {
    // Weekly free pay: 1257 = 2 x 500 + 257; (257 x 10 + 9) / 52 = £49.60 (up) + 2 x £96.16 = £241.92.
    // £1,000 - £241.92 -> £758; basic band £37,700 / 52 = £725 at 20% = £145.00, £33 at 40% = £13.20: £158.20.
    const week1 = one({ ...BASE, frequency: 'weekly', grossPay: 100000, basis: 'week1month1' });
    const week53 = one({ ...BASE, frequency: 'weekly', period: 53, grossPay: 100000, previousTaxablePay: 5200000, previousTax: 700000 });
    expect(week53).toEqual(week1);
    expect('tax' in week53 && week53.tax).toBe(15820);
    const fourWeekly1 = one({ ...BASE, frequency: 'four-weekly', period: 4, grossPay: 400000, basis: 'week1month1' });
    const week56 = one({ ...BASE, frequency: 'four-weekly', period: 56, grossPay: 400000, previousTaxablePay: 5200000, previousTax: 700000 });
    expect(week56).toEqual(fourWeekly1);
  });

  it('Scottish (S) and Welsh (C) codes use their own bands', () => {
    // S1257L on £1,951 taxable in month 1: starter 19% to £330.5833 (3967 / 12, to £0.0001) = £62.81082;
    // basic 20% to £1,413 = £216.48334; intermediate 21% on £538 = £112.98; total £392.27 (truncated).
    expect(one({ ...BASE, taxCode: 'S1257L' })).toEqual({ ...BASE_RESULT, tax: 39227 });
    // Wales has the rest-of-UK rates in 2026-27.
    expect(one({ ...BASE, taxCode: 'C1257L' })).toEqual(BASE_RESULT);
    // Flat-rate codes: SD1 42% and CBR 20% of whole-pound pay.
    expect(one({ ...BASE, taxCode: 'SD1' })).toEqual({ ...BASE_RESULT, tax: 126000 });
    expect(one({ ...BASE, taxCode: 'CBR' })).toEqual({ ...BASE_RESULT, tax: 60000 });
  });

  it('a K code cannot take more than half of the period pay', () => {
    // K500 month 1: additional pay (500 x 10 + 9) / 12 = £417.42 (up); £100 + £417.42 -> £517;
    // 20% = £103.40, but the limit is 50% of £100 = £50.00.
    expect(one({ ...BASE, taxCode: 'K500', grossPay: 10000 })).toEqual({ tax: 5000, employeeNI: 0, employerNI: 0 });
    // Enough pay and the limit does not bite: £3,000 + £417.42 -> £3,417; basic band £37,700 / 12 =
    // £3,141.6666 at 20% = £628.33332, the other £275.3334 at 40% = £110.13336: £738.46 (truncated).
    expect(one({ ...BASE, taxCode: 'K500' })).toEqual({ ...BASE_RESULT, tax: 73846 });
  });

  it('is deterministic and leaves the input alone', () => {
    const input = [BASE, { ...BASE, taxCode: 'S1257L' }];
    const snapshot = JSON.stringify(input);
    expect(calculateCases(input)).toEqual(calculateCases(input));
    expect(JSON.stringify(input)).toBe(snapshot);
  });
});

describe('bad cases give an error in their place; the others still compute', () => {
  const BAD: readonly [string, unknown, RegExp][] = [
    ['unknown tax year', { ...BASE, taxYear: '2024-25' }, /^cases\[\d+\]\.taxYear: "2024-25" is not a tax year/],
    ['tax year as a date', { ...BASE, taxYear: '2026-04-06' }, /^cases\[\d+\]\.taxYear: /],
    ['unknown frequency', { ...BASE, frequency: 'fourWeekly' }, /^cases\[\d+\]\.frequency: "fourWeekly" is not a pay frequency/],
    ['period 0', { ...BASE, period: 0 }, /^cases\[\d+\]\.period: 0 is not a tax period/],
    ['month 13', { ...BASE, period: 13 }, /^cases\[\d+\]\.period: 13 is not a tax month \(1 to 12\)$/],
    ['weekly week 54', { ...BASE, frequency: 'weekly', period: 54 }, /^cases\[\d+\]\.period: 54 is not a tax week .*1 to 53/],
    ['fortnightly week 55', { ...BASE, frequency: 'fortnightly', period: 55 }, /^cases\[\d+\]\.period: 55 .*1 to 54/],
    ['four-weekly week 57', { ...BASE, frequency: 'four-weekly', period: 57 }, /^cases\[\d+\]\.period: 57 is not a tax period/],
    ['fractional period', { ...BASE, period: 1.5 }, /^cases\[\d+\]\.period: 1.5 is not a whole/],
    ['fractional pence', { ...BASE, grossPay: 1234.5 }, /^cases\[\d+\]\.grossPay: 1234.5 is not a whole number of pence/],
    ['pounds as a string', { ...BASE, grossPay: '3000.00' }, /^cases\[\d+\]\.grossPay: "3000.00" is not a number of pence/],
    ['negative gross pay', { ...BASE, grossPay: -1 }, /^cases\[\d+\]\.grossPay: -1 is negative/],
    ['negative previous tax', { ...BASE, previousTax: -100 }, /^cases\[\d+\]\.previousTax: -100 is negative/],
    ['huge amount', { ...BASE, previousTaxablePay: 1e16 }, /^cases\[\d+\]\.previousTaxablePay: /],
    ['bad tax code', { ...BASE, taxCode: '12X7L' }, /^cases\[\d+\]\.taxCode: "12X7L" is not a tax code/],
    ['K0', { ...BASE, taxCode: 'K0' }, /^cases\[\d+\]\.taxCode: "K0" is not a tax code: a K code needs a number above 0$/],
    ['D2 without S', { ...BASE, taxCode: 'D2' }, /^cases\[\d+\]\.taxCode: "D2" is not a tax code: D2 and D3 exist only/],
    ['bad NI letter', { ...BASE, niCategory: 'X' }, /^cases\[\d+\]\.niCategory: "X" is not an NI category letter/],
    ['lower-case NI letter', { ...BASE, niCategory: 'a' }, /^cases\[\d+\]\.niCategory: "a" is not an NI category letter/],
    ['unknown basis', { ...BASE, basis: 'week1' }, /^cases\[\d+\]\.basis: "week1" is not a basis/],
    ['extra field', { ...BASE, studentLoan: 'plan2' }, /^cases\[\d+\]: unknown field "studentLoan"/],
    ['missing field', { ...BASE, niCategory: undefined }, /^cases\[\d+\]\.niCategory: is required$/],
    ['not an object', 'case', /^cases\[\d+\]: a case must be a JSON object, got "case"$/],
    ['null', null, /^cases\[\d+\]: a case must be a JSON object, got null$/],
    ['an array', [BASE], /^cases\[\d+\]: a case must be a JSON object, got an array$/],
  ];

  it.each(BAD)('%s', (_name, bad, message) => {
    const r = calculateCases([BASE, bad, { ...BASE, taxCode: 'S1257L' }]);
    expect(r).toHaveLength(3);
    expect(r[0]).toEqual(BASE_RESULT);
    const e = errorOf(r[1]);
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(message);
    expect(e.message.startsWith('cases[1]')).toBe(true);
    expect(r[2]).toEqual({ ...BASE_RESULT, tax: 39227 });
  });

  it('names every bad field of a case, once each', () => {
    const e = errorOf(one({ ...BASE, taxCode: 'ZZ', niCategory: 'Q', grossPay: 1.5, extra: true }));
    expect(e.message.split('; ').map((m) => m.split(':')[0])).toEqual([
      'cases[0].taxCode',
      'cases[0].grossPay',
      'cases[0].niCategory',
      'cases[0]',
    ]);
  });

  it('an empty batch gives an empty result', () => {
    expect(calculateCases([])).toEqual([]);
  });
});
