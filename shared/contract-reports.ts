/**
 * Contract methods for statements, council returns and accountant exports (issue 6).
 *
 * Two ways out:
 * - `report.file` makes one file in memory and returns it (`FileOut`, base64): a statement, a
 *   return, an evidence pack or a small export, for download, preview or printing;
 * - `report.run` starts a job that writes files into a folder (batches of statements, returns,
 *   the accountant pack of a large ledger). The job runs in main; `report.job` reports its
 *   progress, `report.cancel` stops it between two files. Every file is written under a temporary
 *   name and renamed when complete, so a cancelled, failed or full-disk run leaves no half-written
 *   file that looks finished.
 *
 * Data shapes of the statement and the return live in shared/reports-statement.ts and
 * shared/reports-return.ts. Money is integer pence; dates are ISO days.
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { Id } from './contract-money';
import { FileOut } from './contract-payroll-outputs';
import { StatementData } from './reports-statement';
import { ReturnData } from './reports-return';

const Int = z.number().int();

/** A period of days, both ends included. */
export const Period = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((p) => p.to >= p.from, { message: 'The period ends before it starts: choose an end date on or after the start date', path: ['to'] });
export type Period = z.infer<typeof Period>;

const periodFields = { from: IsoDate, to: IsoDate };
const endAfterStart = <T extends { from: string; to: string }>(p: T): boolean => p.to >= p.from;
const END_BEFORE_START = { message: 'The period ends before it starts: choose an end date on or after the start date', path: ['to'] };

export const ClientPeriod = z.object({ clientId: Id, ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START);

/** Which statement layout: the standard one, the easy-read one, or whatever each client has chosen (report.prefs). */
export const STATEMENT_VARIANTS = ['standard', 'easy-read', 'client-choice'] as const;
export const StatementVariant = z.enum(STATEMENT_VARIANTS);
export type StatementVariant = z.infer<typeof StatementVariant>;

/** How a period is chosen on the Reports screen. */
export const PERIOD_BASES = ['four-weekly', 'monthly', 'quarterly', 'tax-year'] as const;
export const PeriodBasis = z.enum(PERIOD_BASES);
export type PeriodBasis = z.infer<typeof PeriodBasis>;

export const SuggestedPeriod = z.object({ from: z.string(), to: z.string(), label: z.string() });
export type SuggestedPeriod = z.infer<typeof SuggestedPeriod>;

/** One file made in memory (report.file). */
export const FileRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('statement'), clientId: Id, ...periodFields, variant: StatementVariant.default('client-choice') }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('return-pdf'), clientId: Id, ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('return-xlsx'), clientId: Id, ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('evidence-pack'), clientId: Id, ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('accountant'), ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('xero'), ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('sage'), ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  /** The whole ledger to `to` (default: today), or from..to when both are given. */
  z.object({ kind: z.literal('hledger'), from: IsoDate.optional(), to: IsoDate.optional() }).strict(),
]);
export type FileRequest = z.infer<typeof FileRequest>;
export type FileKind = FileRequest['kind'];

/** Which clients a batch covers: the listed ones, or all (optionally only those of one funder). */
export const ClientSelection = z.union([
  z.object({ clientIds: z.array(Id).min(1, 'Choose at least one client').max(10_000) }).strict(),
  z.object({ all: z.literal(true), funderId: Id.optional(), includeEnded: z.boolean().default(false) }).strict(),
]);
export type ClientSelection = z.infer<typeof ClientSelection>;

/** A job that writes into a folder (report.run). */
export const JobRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('statements'), clients: ClientSelection, ...periodFields, variant: StatementVariant.default('client-choice') }).strict().refine(endAfterStart, END_BEFORE_START),
  /** For each client: the return as PDF and Excel, and its evidence pack (zip). */
  z.object({ kind: z.literal('returns'), clients: ClientSelection, ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('accountant'), ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('xero'), ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('sage'), ...periodFields }).strict().refine(endAfterStart, END_BEFORE_START),
  z.object({ kind: z.literal('hledger'), from: IsoDate.optional(), to: IsoDate.optional() }).strict(),
]);
export type JobRequest = z.infer<typeof JobRequest>;

/** An absolute folder path chosen by the user (created if missing). */
export const OutputDir = z
  .string()
  .trim()
  .min(1, 'Choose a folder for the reports')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'A folder path cannot contain a NUL character')
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'Give the full path of the folder (for example /home/me/Reports or C:\\Reports)');

export const WrittenFile = z.object({ path: z.string(), fileName: z.string(), bytes: Int, clientId: Id.nullable() });
export type WrittenFile = z.infer<typeof WrittenFile>;

export const JobFailure = z.object({ clientId: Id.nullable(), clientName: z.string(), code: z.string(), message: z.string() });
export type JobFailure = z.infer<typeof JobFailure>;

export const JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export const JobState = z.enum(JOB_STATES);

export const JobStatus = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: JobState,
  /** Units finished and the total (clients for statements and returns, journal lines for exports). */
  done: Int,
  total: Int,
  /** What a unit is, for the progress bar: "clients", "journal lines". */
  unit: z.string(),
  dir: z.string(),
  files: z.array(WrittenFile),
  /** Clients whose output failed; the job went on with the others. */
  failures: z.array(JobFailure),
  /** Why the whole job stopped (state "failed"), e.g. the folder cannot be written or the disk is full. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobStatus = z.infer<typeof JobStatus>;

export const ReportDefaults = z.object({
  /** Where reports go unless the user chooses another folder. */
  outputDir: z.string(),
  /** True in the desktop app: Print opens the system viewer and "Open folder" works. */
  canOpen: z.boolean(),
});

export const ReportClient = z.object({
  id: Id,
  name: z.string(),
  councilRef: z.string(),
  status: z.string(),
  funderIds: z.array(Id),
  easyRead: z.boolean(),
});
export type ReportClient = z.infer<typeof ReportClient>;

export const reportsContract = {
  /** Default output folder and whether this front end can open files and folders. */
  'report.defaults': { input: z.object({}).strict(), output: ReportDefaults, writes: false },
  /** Clients to choose from on the Reports screen, with their funders and statement layout. */
  'report.clients': { input: z.object({ funderId: Id.optional(), includeEnded: z.boolean().default(false) }).strict(), output: z.array(ReportClient), writes: false },
  /**
   * Periods to pick from: 4-weekly periods aligned to the client's (or funder's) council payment
   * schedule, calendar months, quarters or tax years; the `count` periods ending at or after
   * `around` (default today), latest first.
   */
  'report.periods': {
    input: z.object({ basis: PeriodBasis, clientId: Id.optional(), funderId: Id.optional(), around: IsoDate.optional(), count: Int.min(1).max(60).default(12) }).strict(),
    output: z.array(SuggestedPeriod),
    writes: false,
  },
  /** The client's statement layout (easy-read or standard). */
  'report.prefs.get': { input: z.object({ clientId: Id }).strict(), output: z.object({ clientId: Id, easyRead: z.boolean() }), writes: false },
  'report.prefs.set': { input: z.object({ clientId: Id, easyRead: z.boolean() }).strict(), output: z.object({ clientId: Id, easyRead: z.boolean() }), writes: true },
  /** The figures of a client statement (what the PDF prints). */
  'report.statement.data': { input: ClientPeriod, output: StatementData, writes: false },
  /** The figures of a council monitoring return (what the PDF and Excel print). */
  'report.return.data': { input: ClientPeriod, output: ReturnData, writes: false },
  /** One file in memory. */
  'report.file': { input: FileRequest, output: FileOut, writes: false },
  /** Start a job writing into a folder; returns at once with its first status. */
  'report.run': { input: z.object({ job: JobRequest, dir: OutputDir }).strict(), output: JobStatus, writes: false },
  'report.job': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: JobStatus, writes: false },
  'report.cancel': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: JobStatus, writes: false },
  /** Desktop app: make the PDF and open it in the system viewer. Browser mode refuses (download instead). */
  'report.print': { input: FileRequest, output: z.object({ opened: z.boolean(), path: z.string() }), writes: false },
  /** Desktop app: open a folder in the file manager. Browser mode answers opened: false. */
  'report.openFolder': { input: z.object({ dir: OutputDir }).strict(), output: z.object({ opened: z.boolean() }), writes: false },
} as const;
