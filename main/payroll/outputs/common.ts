/**
 * Shared reading for the payroll outputs (payslips, summaries, P60, P45, FPS data, pension
 * schedules). Everything here only reads the ledger: the figures come from the pay runs exactly as
 * they were worked out and stored, so an output can never disagree with its run.
 *
 * Some line fields (taxable pay, holiday hours and pay, pension category, qualifying earnings) are
 * added to pay runs by the pension-and-holiday work; when a line does not carry them, the outputs
 * fall back to what an older line means: taxable pay = gross, no holiday pay, no pension category.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../../shared/errors';
import { pence } from '../../../shared/money';
import type { Employer, Pa } from '../../../shared/contract-payroll';
import type { PayRun, PayRunLine } from '../../../shared/contract-payruns';
import { readMeta } from '../../store/ledger-file';
import { getPayRun } from '../payruns';
import { findEmployer, getPa } from '../people';
import { calculateNi, isNiCategory } from '../ni';
import { taxYearFor } from '../tax-years';
import type { PayFrequency as EngineFrequency } from '../types';

/** A file handed back through the api: the bytes as base64. */
export interface FileOut {
  fileName: string;
  mime: string;
  base64: string;
  bytes: number;
}

export function fileOut(fileName: string, mime: string, data: Buffer): FileOut {
  return { fileName, mime, base64: data.toString('base64'), bytes: data.length };
}

/** What every printed output needs besides the ledger: the organisation and the generation date. */
export interface OutputMeta {
  organisationName: string;
  /** YYYY-MM-DD, from the api clock (never the system clock in handlers). */
  generatedOn: string;
}

export function metaOf(db: Database, generatedOn: string): OutputMeta {
  return { organisationName: readMeta(db)['organisation_name'] ?? '', generatedOn };
}

/** Lower-case words joined by hyphens, for file names: "Grace Hopper" → "grace-hopper". */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'unnamed' : s.slice(0, 60);
}

/** Optional line fields added by the pension and holiday work, read safely when present. */
function num(line: PayRunLine, key: string): number | null {
  const v = (line as unknown as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : null;
}

export function taxablePayOf(line: PayRunLine): number {
  return num(line, 'taxablePay') ?? line.gross;
}
export function holidayHoursOf(line: PayRunLine): number {
  return num(line, 'holidayHours') ?? 0;
}
export function holidayPayOf(line: PayRunLine): number {
  return num(line, 'holidayPay') ?? 0;
}
export function qualifyingEarningsOf(line: PayRunLine): number | null {
  return num(line, 'qualifyingEarnings');
}
export function pensionCategoryOf(line: PayRunLine): string | null {
  const v = (line as unknown as Record<string, unknown>)['pensionCategory'];
  return typeof v === 'string' ? v : null;
}

export function engineFrequencyOf(f: PayRun['frequency']): EngineFrequency {
  return f === 'four-weekly' ? 'fourWeekly' : f;
}

/** A run with its employer; NOT_FOUND (where: runId) for an unknown run. */
export interface RunBundle {
  run: PayRun;
  employer: Employer;
}

export function loadRun(db: Database, runId: number): RunBundle {
  const exists = db.prepare('SELECT 1 FROM pay_runs WHERE id = ?').get(runId);
  if (!exists) throw new StewardError('NOT_FOUND', `There is no pay run ${runId}. Run payrun.list for the client to see pay run ids.`, { where: 'runId' });
  const run = getPayRun(db, runId);
  const employer = findEmployer(db, run.clientId);
  if (!employer) throw new StewardError('INTERNAL', `Pay run ${runId} belongs to client ${run.clientId}, which is not an employer.`);
  return { run, employer };
}

export function lineFor(run: PayRun, paId: number): PayRunLine {
  const line = run.lines.find((l) => l.paId === paId);
  if (!line) {
    const names = run.lines.map((l) => `${l.paName} (${l.paId})`).join(', ');
    throw new StewardError('NOT_FOUND', `PA ${paId} is not in pay run ${run.id}. The PAs in it are: ${names || 'none'}.`, { where: 'paId' });
  }
  return line;
}

export function loadPa(db: Database, paId: number): Pa {
  const exists = db.prepare('SELECT 1 FROM pas WHERE id = ?').get(paId);
  if (!exists) throw new StewardError('NOT_FOUND', `There is no PA ${paId}. Run pa.list for the employer to see PA ids.`, { where: 'paId' });
  return getPa(db, paId);
}

/** Class 1 NI band earnings (RTI figures) for one line, recomputed by the engine from its gross pay. */
export interface NiBands {
  category: string;
  /** Earnings for NI this period (gross pay: Steward has no salary sacrifice). */
  niablePay: number;
  atLel: number;
  lelToPt: number;
  ptToUel: number;
  aboveUel: number;
  employee: number;
  employer: number;
}

export function niBands(run: PayRun, line: PayRunLine): NiBands {
  const category = line.niCategory;
  if (!isNiCategory(category)) throw new StewardError('INTERNAL', `Pay run ${run.id} has NI category "${category}" for ${line.paName}, which the engine does not know.`);
  const ni = calculateNi({ year: taxYearFor(run.payDate), category, frequency: engineFrequencyOf(run.frequency), grossPay: pence(line.gross) });
  return {
    category,
    niablePay: line.gross,
    atLel: ni.earningsAtLel,
    lelToPt: ni.earningsLelToPt,
    ptToUel: ni.earningsPtToUel,
    aboveUel: ni.earningsAboveUel,
    // The stored figures are the ones deducted; they are the engine's on the same pay.
    employee: line.employeeNi,
    employer: line.employerNi,
  };
}

export function addBands(a: NiBands, b: NiBands): NiBands {
  return {
    category: a.category,
    niablePay: a.niablePay + b.niablePay,
    atLel: a.atLel + b.atLel,
    lelToPt: a.lelToPt + b.lelToPt,
    ptToUel: a.ptToUel + b.ptToUel,
    aboveUel: a.aboveUel + b.aboveUel,
    employee: a.employee + b.employee,
    employer: a.employer + b.employer,
  };
}

export function zeroBands(category: string): NiBands {
  return { category, niablePay: 0, atLel: 0, lelToPt: 0, ptToUel: 0, aboveUel: 0, employee: 0, employer: 0 };
}

/** One PA's line in one run, with the run. */
export interface PaRunLine {
  run: PayRun;
  line: PayRunLine;
}

/**
 * The PA's lines in POSTED runs of a tax year, by pay date then run id; `upTo` keeps those paid on
 * or before a run (that run itself included when posted).
 */
export function postedLines(db: Database, paId: number, taxYear: string, upTo?: { payDate: string; runId: number }): PaRunLine[] {
  const rows = db
    .prepare(
      `SELECT r.id FROM pay_runs r JOIN pay_run_lines l ON l.pay_run_id = r.id
        WHERE l.pa_id = ? AND r.status = 'posted' AND r.tax_year = ? ORDER BY r.pay_date, r.id`,
    )
    .all(paId, taxYear) as Array<{ id: number }>;
  const out: PaRunLine[] = [];
  for (const { id } of rows) {
    const run = getPayRun(db, id);
    if (upTo && (run.payDate > upTo.payDate || (run.payDate === upTo.payDate && run.id > upTo.runId))) continue;
    const line = run.lines.find((l) => l.paId === paId);
    if (line) out.push({ run, line });
  }
  return out;
}

/** Year-to-date sums over lines (all integer pence). */
export interface YearToDate {
  gross: number;
  taxablePay: number;
  tax: number;
  employeeNi: number;
  employerNi: number;
  studentLoan: number;
  postgraduateLoan: number;
  employeePension: number;
  employerPension: number;
  net: number;
}

export function sumLines(lines: readonly PayRunLine[]): YearToDate {
  const t: YearToDate = { gross: 0, taxablePay: 0, tax: 0, employeeNi: 0, employerNi: 0, studentLoan: 0, postgraduateLoan: 0, employeePension: 0, employerPension: 0, net: 0 };
  for (const l of lines) {
    t.gross += l.gross;
    t.taxablePay += taxablePayOf(l);
    t.tax += l.tax;
    t.employeeNi += l.employeeNi;
    t.employerNi += l.employerNi;
    t.studentLoan += l.studentLoan;
    t.postgraduateLoan += l.postgraduateLoan;
    t.employeePension += l.employeePension;
    t.employerPension += l.employerPension;
    t.net += l.net;
  }
  return t;
}

/** Hours worked on a line's timesheets, by rate type and rate (for payslips and FPS hours bands). */
export interface HoursRow {
  rateType: string;
  rate: number;
  hours: number;
  pay: number;
}

export function timesheetHours(db: Database, timesheetIds: readonly number[]): HoursRow[] {
  if (timesheetIds.length === 0) return [];
  const marks = timesheetIds.map(() => '?').join(',');
  return db
    .prepare(
      `SELECT rate_type AS rateType, rate, SUM(hours) AS hours, SUM(pay) AS pay FROM timesheet_lines
        WHERE timesheet_id IN (${marks}) GROUP BY rate_type, rate
        ORDER BY CASE rate_type WHEN 'standard' THEN 0 WHEN 'weekend' THEN 1 WHEN 'night' THEN 2 WHEN 'sleep-in' THEN 3 ELSE 4 END, rate`,
    )
    .all(...timesheetIds) as HoursRow[];
}

export const TAX_YEAR_RE = /^(\d{4})-(\d{2})$/;

/** "2026-27" → its first and last days (6 April to 5 April). */
export function taxYearDates(taxYear: string): { start: string; end: string } {
  const m = TAX_YEAR_RE.exec(taxYear);
  if (!m) throw new StewardError('VALIDATION', `"${taxYear}" is not a tax year: write it like 2026-27.`, { where: 'taxYear' });
  const y = Number(m[1]);
  return { start: `${y}-04-06`, end: `${y + 1}-04-05` };
}
