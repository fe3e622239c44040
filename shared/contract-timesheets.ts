/**
 * Contract methods for timesheets: one PA's hours for one pay period, priced from the PA's
 * contract rates, checked against the minimum wage and approved by the employer (two trustees
 * for an Independent User Trust). Hours are hundredths of an hour (750 = 7.5 h); money is pence.
 *
 * Checks that need the ledger (dates against the period and the PA's employment, a rate the PA
 * has, hours a day, the minimum wage) run in main/payroll/timesheets.ts, which answers
 * VALIDATION with `where` naming the field as `lines[i].<field>` (or `line N` for a CSV row).
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { Id } from './contract-money';
import { AuthMethod } from './domain';

const Name = z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters');
const Reason = z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(500, 'At most 500 characters');

export const RATE_TYPES = ['standard', 'weekend', 'night', 'sleep-in', 'bank-holiday'] as const;
export const RateType = z.enum(RATE_TYPES, { error: 'The rate type is standard, weekend, night, sleep-in or bank-holiday' });
export type RateType = z.infer<typeof RateType>;

export const TIMESHEET_STATUSES = ['draft', 'blocked', 'approved'] as const;
export const TimesheetStatus = z.enum(TIMESHEET_STATUSES);

/** Most hours on one day, in hundredths: 24 hours. */
export const MAX_HOURS_A_DAY = 2400;

/**
 * One line as given. Hours are only typed here (a whole number of hundredths); the range
 * (above zero, at most 24 hours a day in total) is checked in code so the error names `lines[i].hours`.
 */
export const TimesheetLineInput = z
  .object({
    date: IsoDate,
    rateType: RateType,
    hours: z
      .number({ error: 'Hours are in hundredths of an hour, e.g. 750 for 7.5 hours' })
      .int('Hours are in hundredths of an hour, e.g. 750 for 7.5 hours'),
  })
  .strict();

const Lines = z.array(TimesheetLineInput).min(1, 'Give at least one line of hours').max(500, 'At most 500 lines on one timesheet');

export const TimesheetCreate = z
  .object({ paId: Id, periodStart: IsoDate, periodEnd: IsoDate, lines: Lines })
  .strict();
export type TimesheetCreateInput = z.input<typeof TimesheetCreate>;

export const TimesheetUpdate = z
  .object({ id: Id, periodStart: IsoDate.optional(), periodEnd: IsoDate.optional(), lines: Lines.optional() })
  .strict()
  .refine((v) => v.periodStart !== undefined || v.periodEnd !== undefined || v.lines !== undefined, 'Give lines, periodStart or periodEnd to change');

export const Approval = z.object({ by: Name, method: AuthMethod.default('written'), at: IsoDate.optional() }).strict();

export const TimesheetApprove = z
  .object({ id: Id, approvals: z.array(Approval).min(1, 'Record who approved the timesheet').max(5, 'At most 5 approvals') })
  .strict();

export const TimesheetReopen = z.object({ id: Id, by: Name, reason: Reason }).strict();
export const TimesheetNote = z.object({ id: Id, by: Name, reason: Reason }).strict();

/** Largest CSV accepted: 1 MB of text. */
export const MAX_CSV_CHARS = 1_000_000;
export const TimesheetImportCsv = z
  .object({
    clientId: Id,
    periodStart: IsoDate,
    periodEnd: IsoDate,
    csv: z.string().min(1, 'The CSV is empty').max(MAX_CSV_CHARS, 'The CSV is larger than 1 MB; split it'),
  })
  .strict();

export const TimesheetLine = z.object({
  date: z.string(),
  rateType: RateType,
  hours: z.number().int(),
  /** Pence per hour from the PA's contract when the timesheet was last written. */
  rate: z.number().int(),
  /** hours/100 × rate, rounded half up to the penny. */
  pay: z.number().int(),
});
export type TimesheetLine = z.infer<typeof TimesheetLine>;

export const MinimumWageResult = z.object({
  /** Rates in force on the period end date (the table whose effectiveFrom is the latest on or before it). */
  ratesFrom: z.string(),
  ageOnPeriodEnd: z.number().int(),
  hourlyRate: z.number().int(),
  /** Hundredths of an hour, all rate types (sleep-in included). */
  hoursCounted: z.number().int(),
  /** hoursCounted as minutes, rounded up to the whole minute. */
  minutesWorked: z.number().int(),
  payCounted: z.number().int(),
  required: z.number().int(),
  shortfall: z.number().int(),
  ok: z.boolean(),
});
export type MinimumWageResult = z.infer<typeof MinimumWageResult>;

const Note = z.object({ by: z.string(), reason: z.string(), at: z.string() });

export const Timesheet = z.object({
  id: Id,
  clientId: Id,
  paId: Id,
  paName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: TimesheetStatus,
  lines: z.array(TimesheetLine),
  totalHours: z.number().int(),
  grossPay: z.number().int(),
  minimumWage: MinimumWageResult,
  minimumWageNote: Note.nullable(),
  approvals: z.array(z.object({ by: z.string(), method: AuthMethod, at: z.string() })),
  approvedAt: z.string().nullable(),
  reopened: Note.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Timesheet = z.infer<typeof Timesheet>;

export const timesheetsContract = {
  'timesheet.create': { input: TimesheetCreate, output: Timesheet, writes: true },
  'timesheet.update': { input: TimesheetUpdate, output: Timesheet, writes: true },
  'timesheet.get': { input: z.object({ id: Id }).strict(), output: Timesheet, writes: false },
  'timesheet.list': { input: z.object({ clientId: Id, periodStart: IsoDate.optional() }).strict(), output: z.array(Timesheet), writes: false },
  'timesheet.approve': { input: TimesheetApprove, output: Timesheet, writes: true },
  'timesheet.reopen': { input: TimesheetReopen, output: Timesheet, writes: true },
  'timesheet.noteMinimumWage': { input: TimesheetNote, output: Timesheet, writes: true },
  'timesheet.importCsv': { input: TimesheetImportCsv, output: z.object({ created: z.array(Timesheet) }), writes: true },
} as const;
