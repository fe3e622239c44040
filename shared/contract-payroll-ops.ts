/**
 * Contract methods for running payroll across employers: pay periods by number, "run all due",
 * paying payroll liabilities out, what is due to HMRC each tax month, and payroll reminders.
 * Money is integer pence. The rules are in docs/payroll.md ("Pay periods by number" onwards).
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { Authorisation, Id, PenceAmount } from './contract-money';
import { PayFrequency } from './contract-payroll';
import { PayRun, PayRunStatus } from './contract-payruns';

/** A tax year written like 2026-27: the year it starts, a dash, the next year's last two digits. */
export const TaxYearId = z
  .string()
  .trim()
  .refine((s) => {
    const m = /^(\d{4})-(\d{2})$/.exec(s);
    return m !== null && (Number(m[1]) + 1) % 100 === Number(m[2]);
  }, 'Write the tax year like 2026-27');

/** Period number; the upper limit for each frequency is checked by the server (53 weekly, 27 fortnightly, 14 four-weekly, 12 monthly). */
export const PeriodNumber = z.number().int('A period is a whole number').min(1, 'Periods start at 1').max(53, 'At most 53 (weekly); 27 fortnightly, 14 four-weekly, 12 monthly');

const PeriodFor = z.object({ clientId: Id, taxYear: TaxYearId, period: PeriodNumber }).strict();

export const PeriodDates = z.object({
  clientId: Id,
  taxYear: z.string(),
  period: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  payDate: z.string(),
});
export type PeriodDates = z.infer<typeof PeriodDates>;

const DueInput = z.object({ taxYear: TaxYearId, frequency: PayFrequency, period: PeriodNumber }).strict();

export const DueRow = z.object({
  clientId: Id,
  clientName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  payDate: z.string(),
  /** True when payrun.draftPeriod can draft this employer's run now. */
  ready: z.boolean(),
  /** Why not, in plain words (null when ready). */
  reason: z.string().nullable(),
  approvedTimesheets: z.number().int(),
  /** PAs with an approved timesheet in the period (the PAs the run would pay). */
  paCount: z.number().int(),
  /** PAs employed during the period without an approved timesheet in it. */
  missingTimesheets: z.array(z.object({ paId: Id, paName: z.string() })),
  /** The newest run for exactly this period, if any. */
  runId: Id.nullable(),
  runStatus: PayRunStatus.nullable(),
});
export type DueRow = z.infer<typeof DueRow>;

export const RunAllResult = z.object({
  drafted: z.array(z.object({ clientId: Id, clientName: z.string(), runId: Id, paCount: z.number().int(), gross: z.number().int(), net: z.number().int() })),
  skipped: z.array(z.object({ clientId: Id, clientName: z.string(), code: z.string(), reason: z.string() })),
});
export type RunAllResult = z.infer<typeof RunAllResult>;

/** Post many approved runs at once (one commit; each run lands whole or is listed in skipped). */
export const PostApproved = z
  .object({ ids: z.array(Id).min(1, 'Give at least one pay run id').max(5000, 'At most 5,000 pay runs at once').refine((ids) => new Set(ids).size === ids.length, 'A pay run id is listed twice') })
  .strict();
export const PostApprovedResult = z.object({
  posted: z.array(z.object({ runId: Id, clientId: Id, entryId: Id })),
  skipped: z.array(z.object({ runId: Id, code: z.string(), reason: z.string() })),
});
export type PostApprovedResult = z.infer<typeof PostApprovedResult>;

export const LIABILITY_KINDS = ['net-wages', 'paye-ni', 'pension'] as const;
export const LiabilityKind = z.enum(LIABILITY_KINDS, { error: 'Choose the liability: net-wages, paye-ni or pension' });
export type LiabilityKind = z.infer<typeof LiabilityKind>;

export const Liabilities = z.object({ netWages: z.number().int(), payeNi: z.number().int(), pension: z.number().int() });
export type Liabilities = z.infer<typeof Liabilities>;

const Name = z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters');

export const PayLiability = z
  .object({
    clientId: Id,
    liability: LiabilityKind,
    amount: PenceAmount,
    date: IsoDate,
    payeeId: Id.optional(),
    payeeName: Name.optional(),
    reference: z.string().trim().max(200, 'At most 200 characters').default(''),
    authorisations: z.array(Authorisation).min(1, 'Record who authorised the payment').max(5, 'At most 5 authorisations'),
  })
  .strict()
  .refine((v) => v.payeeId === undefined || v.payeeName === undefined, { message: 'Choose a payee from the directory or type a new payee name, not both', path: ['payeeId'] });

export const PayLiabilityResult = z.object({ entryId: Id, liability: LiabilityKind, amount: z.number().int(), outstandingAfter: z.number().int() });

export const HmrcMonth = z.object({
  clientId: Id,
  clientName: z.string(),
  taxYear: z.string(),
  taxMonth: z.number().int().min(1).max(12),
  monthStart: z.string(),
  monthEnd: z.string(),
  /** The 22nd after the tax month ends: the date cleared electronic payment must reach HMRC. */
  dueDate: z.string(),
  tax: z.number().int(),
  employeeNi: z.number().int(),
  employerNi: z.number().int(),
  /** Student and postgraduate loan deductions. */
  studentLoans: z.number().int(),
  employmentAllowanceUsed: z.number().int(),
  due: z.number().int(),
  paid: z.number().int(),
});
export type HmrcMonth = z.infer<typeof HmrcMonth>;

export const REMINDER_KINDS = ['hmrc-payment', 'fps', 're-enrolment', 'dbs', 'el-insurance', 'missing-timesheet'] as const;
export const Reminder = z.object({
  kind: z.enum(REMINDER_KINDS),
  clientId: Id,
  clientName: z.string(),
  paId: Id.nullable(),
  paName: z.string().nullable(),
  dueDate: z.string().nullable(),
  amount: z.number().int().nullable(),
  message: z.string(),
});
export type Reminder = z.infer<typeof Reminder>;

export const payrollOpsContract = {
  'payrun.periodFor': { input: PeriodFor, output: PeriodDates, writes: false },
  'payrun.draftPeriod': { input: PeriodFor, output: PayRun, writes: true },
  'payrun.due': { input: DueInput, output: z.array(DueRow), writes: false },
  'payrun.runAllDue': { input: DueInput, output: RunAllResult, writes: true },
  'payrun.postApproved': { input: PostApproved, output: PostApprovedResult, writes: true },
  'payroll.liabilities': { input: z.object({ clientId: Id, asOf: IsoDate.optional() }).strict(), output: Liabilities, writes: false },
  'payroll.payLiability': { input: PayLiability, output: PayLiabilityResult, writes: true },
  'payroll.hmrcDue': { input: z.object({ taxYear: TaxYearId, clientId: Id.optional() }).strict(), output: z.array(HmrcMonth), writes: false },
  'payroll.reminders': { input: z.object({ asOf: IsoDate }).strict(), output: z.array(Reminder), writes: false },
} as const;
