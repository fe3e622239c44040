/**
 * Contract methods for pay runs: one employer's payroll for one pay period, worked out by the
 * payroll engine from the employer's approved timesheets, approved by the employer (two different
 * trustees for an Independent User Trust), posted to the client's ledger as one journal entry and,
 * if wrong, reversed through the journal (never edited). Money is integer pence.
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { Id } from './contract-money';
import { AuthMethod } from './domain';
import { PayFrequency } from './contract-payroll';

const Name = z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters');
const Reason = z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(500, 'At most 500 characters');

export const PAY_RUN_STATUSES = ['draft', 'approved', 'posted', 'reversed'] as const;
export const PayRunStatus = z.enum(PAY_RUN_STATUSES);

export const PayRunDraft = z.object({ clientId: Id, periodStart: IsoDate, periodEnd: IsoDate, payDate: IsoDate }).strict();

export const PayRunApproval = z.object({ by: Name, method: AuthMethod.default('written'), at: IsoDate.optional() }).strict();
export const PayRunApprove = z
  .object({ id: Id, approvals: z.array(PayRunApproval).min(1, 'Record who approved the pay run').max(5, 'At most 5 approvals') })
  .strict();

export const PayRunReverse = z.object({ id: Id, reason: Reason }).strict();

/** The figures of one line that a review compares with the PA's last posted run. */
export const PayFigures = z.object({
  gross: z.number().int(),
  tax: z.number().int(),
  employeeNi: z.number().int(),
  employerNi: z.number().int(),
  studentLoan: z.number().int(),
  postgraduateLoan: z.number().int(),
  employeePension: z.number().int(),
  employerPension: z.number().int(),
  net: z.number().int(),
});
export type PayFigures = z.infer<typeof PayFigures>;

export const PayRunLine = PayFigures.extend({
  paId: Id,
  paName: z.string(),
  timesheetIds: z.array(Id),
  taxCode: z.string(),
  taxBasis: z.enum(['cumulative', 'week1month1']),
  niCategory: z.string(),
  /** Year to date before this run, from the PA's earlier posted runs in the same tax year. */
  taxablePayBefore: z.number().int(),
  taxPaidBefore: z.number().int(),
  /** Pay that tax was worked out on: gross less net-pay pension contributions (gross on lines from before these fields). */
  taxablePay: z.number().int(),
  /** Holiday paid in this run (hundredths of an hour) and its pay (pence, included in gross). */
  holidayHours: z.number().int(),
  holidayPay: z.number().int(),
  /** The automatic-enrolment worker category on the pay date (null on lines from before it was kept). */
  pensionCategory: z.string().nullable(),
  /** Qualifying earnings the engine worked pension contributions on (pence). */
  qualifyingEarnings: z.number().int(),
  /** For review: the PA's last posted run before this one (another run), and this line less it. */
  previousRunId: Id.nullable(),
  difference: PayFigures.nullable(),
});
export type PayRunLine = z.infer<typeof PayRunLine>;

export const PayRun = z.object({
  id: Id,
  clientId: Id,
  periodStart: z.string(),
  periodEnd: z.string(),
  payDate: z.string(),
  frequency: PayFrequency,
  taxYear: z.string(),
  taxPeriod: z.number().int(),
  status: PayRunStatus,
  /** How pension and holiday were worked out, PAs to enrol, and anything left out. */
  notes: z.string(),
  lines: z.array(PayRunLine),
  totals: PayFigures,
  approvals: z.array(z.object({ by: z.string(), method: AuthMethod, at: z.string() })),
  approvedAt: z.string().nullable(),
  entryId: Id.nullable(),
  postedAt: z.string().nullable(),
  reversalEntryId: Id.nullable(),
  reversedReason: z.string().nullable(),
  reversedAt: z.string().nullable(),
  /**
   * Employment Allowance set against this run's employer NI when it was posted (0 before posting,
   * or when the employer does not claim it or the year's allowance is used up). The journal's
   * employer NI expense and PAYE/NI liability are net of it.
   */
  employmentAllowance: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PayRun = z.infer<typeof PayRun>;

export const payrunsContract = {
  'payrun.draft': { input: PayRunDraft, output: PayRun, writes: true },
  'payrun.get': { input: z.object({ id: Id }).strict(), output: PayRun, writes: false },
  'payrun.list': { input: z.object({ clientId: Id }).strict(), output: z.array(PayRun), writes: false },
  'payrun.approve': { input: PayRunApprove, output: PayRun, writes: true },
  'payrun.post': { input: z.object({ id: Id }).strict(), output: PayRun, writes: true },
  'payrun.reverse': { input: PayRunReverse, output: PayRun, writes: true },
} as const;
