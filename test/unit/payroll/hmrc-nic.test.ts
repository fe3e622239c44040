/**
 * Every row of HMRC's NIC test data v1.1 for 2025-26 (896 rows: 16 category letters x weekly,
 * fortnightly, four-weekly, monthly, each threshold ±1p). Exact to the penny, including the RTI
 * band figures (earnings at LEL, LEL to PT, PT to UEL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calculateNi } from '../../../main/payroll/ni';
import { TAX_YEAR_2025_26 } from '../../../main/payroll/tax-years';
import { NI_CATEGORIES } from '../../../main/payroll/types';
import type { PayFrequency } from '../../../main/payroll/types';
import { poundsToPence } from './fixture-money';

const Row = z.object({
  id: z.string(),
  taxYear: z.literal('2025-26'),
  frequency: z.enum(['Weekly', 'Fortnightly', 'FourWeekly', 'Monthly']),
  // NI is not cumulative for employees; 4 rows carry period 0 (transcription artefact, see SOURCE.md).
  period: z.number().int(),
  niCategory: z.enum(NI_CATEGORIES),
  grossPay: z.number(),
  expectedEmployeeNI: z.number(),
  expectedEmployerNI: z.number(),
  earningsAtLEL: z.number(),
  earningsLELtoPT: z.number(),
  earningsPTtoUEL: z.number(),
  source: z.string(),
});

const FREQUENCY: Record<z.infer<typeof Row>['frequency'], PayFrequency> = {
  Weekly: 'weekly',
  Fortnightly: 'fortnightly',
  FourWeekly: 'fourWeekly',
  Monthly: 'monthly',
};

const file = path.resolve(__dirname, '../../fixtures/hmrc/hmrc_nic_test_data_2025_26.json');
const rows = z.array(Row).parse(JSON.parse(fs.readFileSync(file, 'utf8')));

describe('HMRC 2025-26 NIC test data v1.1', () => {
  it('has all 896 rows', () => {
    expect(rows).toHaveLength(896);
  });

  it.each(rows.map((r) => [r.id, r] as const))('%s', (_id, row) => {
    const result = calculateNi({
      year: TAX_YEAR_2025_26,
      category: row.niCategory,
      frequency: FREQUENCY[row.frequency],
      grossPay: poundsToPence(row.grossPay),
    });
    expect({
      employee: result.employee,
      employer: result.employer,
      atLel: result.earningsAtLel,
      lelToPt: result.earningsLelToPt,
      ptToUel: result.earningsPtToUel,
    }).toEqual({
      employee: poundsToPence(row.expectedEmployeeNI),
      employer: poundsToPence(row.expectedEmployerNI),
      atLel: poundsToPence(row.earningsAtLEL),
      lelToPt: poundsToPence(row.earningsLELtoPT),
      ptToUel: poundsToPence(row.earningsPTtoUEL),
    });
  });
});
