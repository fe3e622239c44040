/**
 * Every row of HMRC's 2025-26 PAYE test data (168 rows: rest of UK, Scotland, Wales; weekly and
 * monthly; cumulative and week 1/month 1). HMRC accepts ±£0.01; we require an exact match and
 * every row meets it, so no tolerance is applied.
 * Six Scottish monthly rows (Gen_cumul_mthly/4, /8, Gen_W1M1_mthly/3, /4, K_cumul_mthly/1, /2) are
 * 1p below what exact rational arithmetic gives; they match exactly because taxOnBands uses the
 * fixed-point rule described there (limits to £0.0001, band tax to £0.00001). Without it they would
 * be the only rows relying on HMRC's ±1p tolerance.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pence } from '../../../shared/money';
import { calculatePaye } from '../../../main/payroll/paye';
import { TAX_YEAR_2025_26 } from '../../../main/payroll/tax-years';
import { poundsToPence } from './fixture-money';

const Row = z.object({
  id: z.string(),
  taxYear: z.literal('2025-26'),
  region: z.enum(['rUK', 'Scotland', 'Wales']),
  frequency: z.enum(['weekly', 'monthly']),
  period: z.number().int().min(1),
  taxCode: z.string(),
  basis: z.enum(['cumulative', 'week1month1']),
  grossPayThisPeriod: z.number(),
  taxablePayToDate: z.number(),
  expectedTaxThisPeriod: z.number(),
  expectedTaxToDate: z.number(),
  taxPaidToDateBeforeThisPeriod: z.number(),
  source: z.string(),
});

const file = path.resolve(__dirname, '../../fixtures/hmrc/hmrc_tax_test_data_2025_26.json');
const rows = z.array(Row).parse(JSON.parse(fs.readFileSync(file, 'utf8')));

describe('HMRC 2025-26 PAYE test data', () => {
  it('has all 168 rows', () => {
    expect(rows).toHaveLength(168);
  });

  it.each(rows.map((r) => [r.id, r] as const))('%s', (_id, row) => {
    const thisPeriod = poundsToPence(row.grossPayThisPeriod);
    const toDate = poundsToPence(row.taxablePayToDate);
    const result = calculatePaye({
      year: TAX_YEAR_2025_26,
      taxCode: row.taxCode,
      frequency: row.frequency,
      period: row.period,
      taxablePayThisPeriod: thisPeriod,
      taxablePayToDateBefore: pence(toDate - thisPeriod),
      taxPaidToDateBefore: poundsToPence(row.taxPaidToDateBeforeThisPeriod),
      week1Month1: row.basis === 'week1month1',
    });
    const expectedRegion = row.region === 'rUK' ? 'rUK' : row.region === 'Scotland' ? 'scotland' : 'wales';
    // NT carries no prefix, so the Scottish/Welsh NT rows are read as rest-of-UK codes: no tax either way.
    if (result.code.kind !== 'nt') expect(result.region).toBe(expectedRegion);
    expect(result.basis).toBe(row.basis);
    expect({ thisPeriod: result.taxThisPeriod, toDate: result.taxToDate }).toEqual({
      thisPeriod: poundsToPence(row.expectedTaxThisPeriod),
      toDate: poundsToPence(row.expectedTaxToDate),
    });
  });
});
