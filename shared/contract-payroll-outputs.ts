/**
 * Contract methods for payroll outputs: payslips, pay-run summaries, pension schedules, P60, P45 and
 * Full Payment Submission data. All are reads: nothing in the ledger changes. Files travel as
 * base64 with a file name and MIME type (`FileOut`). Money is integer pence in JSON; files print
 * pounds. See docs/payroll.md, "Outputs".
 */
import { z } from 'zod';
import { Id } from './contract-money';
import { HolidayBalance, PayFrequency } from './contract-payroll';
import { PayRunStatus } from './contract-payruns';

const Int = z.number().int();

export const FileOut = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
  bytes: Int,
});
export type FileOut = z.infer<typeof FileOut>;

export const TaxYearId = z.string().regex(/^\d{4}-\d{2}$/, 'Write the tax year like 2026-27');

export const RunPa = z.object({ runId: Id, paId: Id }).strict();


export const YearToDateOut = z.object({
  gross: Int,
  taxablePay: Int,
  tax: Int,
  employeeNi: Int,
  studentLoan: Int,
  postgraduateLoan: Int,
  employeePension: Int,
  employerPension: Int,
  net: Int,
});

export const Payslip = z.object({
  runId: Id,
  paId: Id,
  status: PayRunStatus,
  /** True when this run is not posted yet: its figures (and the year to date) may still change. */
  provisional: z.boolean(),
  organisationName: z.string(),
  employer: z.object({ clientId: Id, name: z.string(), payeReference: z.string().nullable() }),
  employee: z.object({
    name: z.string(),
    niNumber: z.string().nullable(),
    taxCode: z.string(),
    taxBasis: z.enum(['cumulative', 'week1month1']),
    niCategory: z.string(),
    /** The PA's id in Steward, which is their payroll id on FPS returns. */
    payrollId: z.string(),
  }),
  period: z.object({ start: z.string(), end: z.string(), payDate: z.string(), taxYear: z.string(), taxPeriod: Int, frequency: PayFrequency }),
  /** Pay by rate type from the run's timesheets (hours in hundredths, rate in pence an hour), then holiday pay. */
  payments: z.array(z.object({ label: z.string(), hours: Int.nullable(), rate: Int.nullable(), amount: Int })),
  /** Income tax (negative is a refund), employee NI, loans, employee pension. */
  deductions: z.array(z.object({ label: z.string(), amount: Int })),
  gross: Int,
  taxablePay: Int,
  totalDeductions: Int,
  net: Int,
  /** What the employer pays on top of gross pay; not deducted from the PA. */
  employerCosts: z.object({ employerNi: Int, employerPension: Int, total: Int }),
  yearToDate: YearToDateOut,
  pension: z.object({ scheme: z.string(), category: z.string().nullable(), employee: Int, employer: Int }),
  /** From holidayBalance on the pay date (leave year 1 April – 31 March); hours in hundredths. */
  holiday: HolidayBalance.nullable(),
  notes: z.array(z.string()),
});
export type Payslip = z.infer<typeof Payslip>;

export const PensionScheduleInput = z
  .object({
    taxYear: TaxYearId,
    taxMonth: z.number().int('The tax month is a whole number 1 to 12').min(1, 'The tax month is 1 (6 April – 5 May) to 12').max(12, 'The tax month is 1 to 12 (6 March – 5 April)').optional(),
    provider: z.string().trim().min(1, 'Name the provider, or leave it out for all').max(200).optional(),
  })
  .strict();

export const FpsInput = z.object({ runId: Id, format: z.enum(['csv', 'json'], { error: 'The format is "csv" or "json"' }) }).strict();

export const payrollOutputsContract = {
  'payslip.get': { input: RunPa, output: Payslip, writes: false },
  'payslip.pdf': { input: RunPa, output: FileOut, writes: false },
  'payrun.summaryPdf': { input: z.object({ runId: Id }).strict(), output: FileOut, writes: false },
  'payrun.summaryXlsx': { input: z.object({ runId: Id }).strict(), output: FileOut, writes: false },
  'pension.schedule': { input: PensionScheduleInput, output: FileOut, writes: false },
  'p60.pdf': { input: z.object({ paId: Id, taxYear: TaxYearId }).strict(), output: FileOut, writes: false },
  'p45.pdf': { input: z.object({ paId: Id }).strict(), output: FileOut, writes: false },
  'fps.export': { input: FpsInput, output: FileOut, writes: false },
} as const;
