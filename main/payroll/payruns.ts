/**
 * Pay runs: one employer's payroll for one pay period. The draft takes the employer's approved
 * timesheets inside the period, groups them by PA and works out each PA's pay with the engine
 * (calculatePaye, calculateNi, calculateStudentLoans); the employer approves it (two different
 * trustees for an Independent User Trust); posting writes ONE balanced journal entry through
 * importEntries in the caller's transaction; a posted run is reversed through the journal's
 * reversal, never edited. Every write checks first, writes, and audits (entity `payrun`).
 *
 * Year to date: for a cumulative PA, taxable pay and tax paid before this run are the sums over
 * the PA's lines in POSTED runs of the same tax year (reversed runs do not count). Taxable pay is
 * gross less net-pay pension contributions; lines written before schema version 6 have no taxable
 * pay and count their gross.
 *
 * Holiday: unpaid holiday_taken entries dated in the period (or earlier, if they were recorded after
 * their own period was paid) are paid at the PA's standard hourly rate and added to gross; posting
 * marks them paid by the run, reversing frees them again.
 *
 * Pension: every PA is assessed for automatic enrolment on the pay date (assessAutoEnrolment);
 * contributions are deducted for PAs whose status is eligible or opted-in when the employer has a
 * scheme. See docs/payroll.md "Pay runs".
 *
 * Redraft: drafting a period replaces this employer's drafts that overlap it; an approved run
 * overlapping it is a CONFLICT (post it, then reverse it if it is wrong).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { cached } from '../store/statements';
import type { z } from 'zod';
import { StewardError } from '../../shared/errors';
import { formatPence, pence } from '../../shared/money';
import type { PayFigures, PayRun, PayRunApprove, PayRunDraft, PayRunLine } from '../../shared/contract-payruns';
import type { Employer, Pa } from '../../shared/contract-payroll';
import { audit } from '../api/audit';
import { accountIds, getClient } from '../clients/repo';
import { importEntries } from '../ledger/import';
import type { NewLine, Stamp } from '../ledger/journal';
import { reverseEntry, type Today } from '../ledger/operations';
import { mulDivCeil, mulDivRoundHalfUp } from './arithmetic';
import { ageOn, assessAutoEnrolment, type WorkerCategory } from './auto-enrolment';
import { PayrollInputError, taxPeriodFor } from './calendar';
import { unpaidHoliday } from './holiday-taken';
import { isNiCategory, calculateNi } from './ni';
import { calculatePaye } from './paye';
import { findEmployer, getPa } from './people';
import { reachedStatePensionAge } from './state-pension-age';
import { calculateStudentLoans } from './student-loans';
import { TAX_YEARS, taxYearFor } from './tax-years';
import type { PayFrequency as EngineFrequency, StudentLoanPlan } from './types';

function invalid(message: string, where: string): StewardError {
  return new StewardError('VALIDATION', message, { where });
}

/** The engine's name for a contract pay frequency. */
export function engineFrequency(f: Employer['payFrequency']): EngineFrequency {
  return f === 'four-weekly' ? 'fourWeekly' : f;
}

const FIGURES = ['gross', 'tax', 'employeeNi', 'employerNi', 'studentLoan', 'postgraduateLoan', 'employeePension', 'employerPension', 'net'] as const;

function zeroFigures(): PayFigures {
  return { gross: 0, tax: 0, employeeNi: 0, employerNi: 0, studentLoan: 0, postgraduateLoan: 0, employeePension: 0, employerPension: 0, net: 0 };
}

function minus(a: PayFigures, b: PayFigures): PayFigures {
  const out = zeroFigures();
  for (const k of FIGURES) out[k] = a[k] - b[k];
  return out;
}

// ---------- The engine's figures for one PA (pure) ----------

/** The employer's pension scheme as a pay run needs it. */
export interface PensionScheme {
  name: string;
  basis: Employer['pensionBasis'];
  /** Basis points of qualifying earnings; a rate below the statutory minimum is raised to it by the engine. */
  employerRate: number;
  totalRate: number;
}

export interface PaPayInput {
  pa: Pa;
  /** Gross pay for the period: timesheet pay plus holiday pay. */
  gross: number;
  payDate: string;
  frequency: Employer['payFrequency'];
  taxablePayBefore: number;
  taxPaidBefore: number;
  /** The employer's scheme; without it (or with an empty name) no contributions are deducted. */
  pension?: PensionScheme;
}

export interface PaPay extends PayFigures {
  /** Pay that tax was worked out on: gross less a net-pay employee pension contribution. */
  taxablePay: number;
  pensionCategory: WorkerCategory;
  qualifyingEarnings: number;
  /** The PA is an eligible jobholder whose status is not eligible, opted-in or opted-out: enrol them. */
  mustEnrol: boolean;
}

/** Does the PA's pension status mean contributions are deducted (if the employer has a scheme)? */
function contributes(status: Pa['pensionStatus']): boolean {
  return status === 'eligible' || status === 'opted-in';
}

/**
 * Tax, NI, student loans and pension contributions for one PA's pay in one period.
 *
 * Pension: the PA is assessed on the pay date (age from dateOfBirth, State Pension age from
 * state-pension-age.ts) on the period's gross pay. With a scheme and status eligible or opted-in,
 * the employer pays the employer rate and the total is the total rate, both on qualifying earnings
 * as the engine works them out (rounded up); the employee's gross contribution is the total less
 * the employer's. Net pay arrangement: the employee's contribution comes off pay before tax
 * (taxable pay = gross − contribution). Relief at source: the employee pays 80% of their gross
 * contribution (rounded up to the penny) from taxed pay and the scheme claims the other 20% as
 * basic-rate relief from HMRC (gov.uk "Tax on your private pension contributions": relief at
 * source; HMRC Pensions Tax Manual PTM044100), so taxable pay = gross. NI and student loans are
 * on gross pay either way (pension contributions do not reduce earnings for NICs).
 */
export function paPay(i: PaPayInput): PaPay {
  const year = taxYearFor(i.payDate);
  const frequency = engineFrequency(i.frequency);
  const period = taxPeriodFor(i.payDate, frequency);
  const assessment = assessAutoEnrolment({
    year,
    frequency,
    earnings: pence(i.gross),
    age: Math.max(0, ageOn(i.pa.dateOfBirth, i.payDate)),
    reachedStatePensionAge: reachedStatePensionAge(i.pa.dateOfBirth, i.payDate),
    ...(i.pension ? { employerRate: i.pension.employerRate, totalRate: i.pension.totalRate } : {}),
  });
  let employerPension = 0;
  let employeePension = 0;
  let taxablePay = i.gross;
  if (i.pension && i.pension.name !== '' && contributes(i.pa.pensionStatus)) {
    employerPension = assessment.employerContribution;
    const employeeGross = assessment.employeeContribution;
    if (i.pension.basis === 'net-pay') {
      employeePension = employeeGross;
      taxablePay = i.gross - employeeGross;
    } else {
      employeePension = mulDivCeil(employeeGross, 80, 100);
    }
  }
  const paye = calculatePaye({
    year,
    taxCode: i.pa.taxCode,
    frequency,
    period,
    taxablePayThisPeriod: pence(taxablePay),
    taxablePayToDateBefore: pence(i.taxablePayBefore),
    taxPaidToDateBefore: pence(i.taxPaidBefore),
    week1Month1: i.pa.taxBasis === 'week1month1',
  });
  const category = i.pa.niCategory;
  if (!isNiCategory(category)) throw new PayrollInputError(`"${category}" is not an NI category letter`);
  const ni = calculateNi({ year, category, frequency, grossPay: pence(i.gross) });
  const plans: StudentLoanPlan[] = [...i.pa.studentLoanPlans, ...(i.pa.postgraduateLoan ? (['postgraduate'] as const) : [])];
  const loans = calculateStudentLoans({ year, frequency, plans, earnings: pence(i.gross) });
  const studentLoan = loans.lines.filter((l) => l.plan !== 'postgraduate').reduce((s, l) => s + l.deduction, 0);
  const postgraduateLoan = loans.lines.filter((l) => l.plan === 'postgraduate').reduce((s, l) => s + l.deduction, 0);
  const tax = paye.taxThisPeriod;
  return {
    gross: i.gross,
    tax,
    employeeNi: ni.employee,
    employerNi: ni.employer,
    studentLoan,
    postgraduateLoan,
    employeePension,
    employerPension,
    net: i.gross - tax - ni.employee - studentLoan - postgraduateLoan - employeePension,
    taxablePay,
    pensionCategory: assessment.category,
    qualifyingEarnings: assessment.qualifyingEarnings,
    mustEnrol: assessment.category === 'eligible-jobholder' && !['eligible', 'opted-in', 'opted-out'].includes(i.pa.pensionStatus),
  };
}

// ---------- Rows ----------

interface RunRow {
  id: number;
  client_id: number;
  period_start: string;
  period_end: string;
  pay_date: string;
  frequency: Employer['payFrequency'];
  tax_year: string;
  tax_period: number;
  status: PayRun['status'];
  notes: string;
  approvals_json: string;
  approved_at: string | null;
  entry_id: number | null;
  posted_at: string | null;
  reversal_entry_id: number | null;
  reversed_reason: string | null;
  reversed_at: string | null;
  employment_allowance: number;
  created_at: string;
  updated_at: string;
}

interface LineRow {
  pa_id: number;
  pa_name: string;
  timesheet_ids_json: string;
  tax_code: string;
  tax_basis: 'cumulative' | 'week1month1';
  ni_category: string;
  gross: number;
  taxable_pay_before: number;
  tax_paid_before: number;
  tax: number;
  employee_ni: number;
  employer_ni: number;
  student_loan: number;
  postgraduate_loan: number;
  employee_pension: number;
  employer_pension: number;
  net: number;
  taxable_pay: number | null;
  holiday_hours: number;
  holiday_pay: number;
  holiday_ids_json: string;
  pension_category: WorkerCategory | null;
  qualifying_earnings: number;
}

function figuresOf(l: LineRow): PayFigures {
  return {
    gross: l.gross,
    tax: l.tax,
    employeeNi: l.employee_ni,
    employerNi: l.employer_ni,
    studentLoan: l.student_loan,
    postgraduateLoan: l.postgraduate_loan,
    employeePension: l.employee_pension,
    employerPension: l.employer_pension,
    net: l.net,
  };
}

const LINE_SELECT = 'SELECT l.*, p.name AS pa_name FROM pay_run_lines l JOIN pas p ON p.id = l.pa_id';

/** The PA's line in their last posted run before `run` (by pay date, then id), other than `run` itself. */
function previousPosted(db: Database, paId: number, run: RunRow): { runId: number; line: LineRow } | null {
  const r = cached(
    db,
    // CROSS JOIN keeps SQLite on the PA's own lines (index pay_run_lines_pa) rather than walking every run.
    `SELECT l.*, p.name AS pa_name FROM pay_run_lines l CROSS JOIN pay_runs r ON r.id = l.pay_run_id JOIN pas p ON p.id = l.pa_id
      WHERE l.pa_id = ? AND r.status = 'posted' AND r.id <> ? AND (r.pay_date < ? OR (r.pay_date = ? AND r.id < ?))
      ORDER BY r.pay_date DESC, r.id DESC LIMIT 1`,
  ).get(paId, run.id, run.pay_date, run.pay_date, run.id) as (LineRow & { pay_run_id: number }) | undefined;
  return r ? { runId: r.pay_run_id, line: r } : null;
}

function runOf(db: Database, r: RunRow): PayRun {
  const rows = cached(db, `${LINE_SELECT} WHERE l.pay_run_id = ? ORDER BY p.name COLLATE NOCASE, l.pa_id`).all(r.id) as LineRow[];
  const totals = zeroFigures();
  const lines = rows.map((l): PayRunLine => {
    const f = figuresOf(l);
    for (const k of FIGURES) totals[k] += f[k];
    const prev = previousPosted(db, l.pa_id, r);
    return {
      paId: l.pa_id,
      paName: l.pa_name,
      timesheetIds: JSON.parse(l.timesheet_ids_json) as number[],
      taxCode: l.tax_code,
      taxBasis: l.tax_basis,
      niCategory: l.ni_category,
      taxablePayBefore: l.taxable_pay_before,
      taxPaidBefore: l.tax_paid_before,
      ...f,
      taxablePay: l.taxable_pay ?? l.gross,
      holidayHours: l.holiday_hours,
      holidayPay: l.holiday_pay,
      pensionCategory: l.pension_category,
      qualifyingEarnings: l.qualifying_earnings,
      previousRunId: prev ? prev.runId : null,
      difference: prev ? minus(f, figuresOf(prev.line)) : null,
    };
  });
  return {
    id: r.id,
    clientId: r.client_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    payDate: r.pay_date,
    frequency: r.frequency,
    taxYear: r.tax_year,
    taxPeriod: r.tax_period,
    status: r.status,
    notes: r.notes,
    lines,
    totals,
    approvals: JSON.parse(r.approvals_json) as PayRun['approvals'],
    approvedAt: r.approved_at,
    entryId: r.entry_id,
    postedAt: r.posted_at,
    reversalEntryId: r.reversal_entry_id,
    reversedReason: r.reversed_reason,
    reversedAt: r.reversed_at,
    employmentAllowance: r.employment_allowance,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getPayRun(db: Database, id: number): PayRun {
  const r = cached(db, 'SELECT * FROM pay_runs WHERE id = ?').get(id) as RunRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no pay run ${id}. Run payrun.list for the client to see pay run ids.`, { where: 'id' });
  return runOf(db, r);
}

/** A client's pay runs, newest period first. NOT_FOUND for an unknown client. */
export function listPayRuns(db: Database, clientId: number): PayRun[] {
  getClient(db, clientId);
  const rows = cached(db, 'SELECT * FROM pay_runs WHERE client_id = ? ORDER BY period_start DESC, id DESC').all(clientId) as RunRow[];
  return rows.map((r) => runOf(db, r));
}

/** CONFLICT when a posted run of the employer overlaps the period. */
function checkNotPosted(db: Database, clientId: number, periodStart: string, periodEnd: string, selfId: number | null): void {
  const other = cached(db, `SELECT id, period_start, period_end FROM pay_runs WHERE client_id = ? AND status = 'posted' AND period_start <= ? AND period_end >= ? AND id IS NOT ? LIMIT 1`)
    .get(clientId, periodEnd, periodStart, selfId) as { id: number; period_start: string; period_end: string } | undefined;
  if (other) {
    throw new StewardError(
      'CONFLICT',
      `The period ${other.period_start} to ${other.period_end} is already posted for this employer (pay run ${other.id}). Reverse that run first to pay the period again.`,
      { where: 'periodStart' },
    );
  }
}

function engine<T>(fn: () => T, where: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PayrollInputError) throw invalid(e.message, where);
    throw e;
  }
}

// ---------- Writes ----------

interface TimesheetPick {
  id: number;
  pa_id: number;
  gross_pay: number;
}

const pct = (bps: number): string => `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
const hoursText = (h: number): string => (h / 100).toFixed(2);

/**
 * This employer's runs that are not posted or reversed and overlap the period. A draft is replaced
 * by the new one; an approved run is a CONFLICT: it cannot go back to draft, so the broker posts it
 * (and reverses it if it is wrong) before the period is drafted again.
 */
function openRunsOverlapping(db: Database, clientId: number, periodStart: string, periodEnd: string): RunRow[] {
  const rows = cached(db, `SELECT * FROM pay_runs WHERE client_id = ? AND status IN ('draft','approved') AND period_start <= ? AND period_end >= ? ORDER BY id`)
    .all(clientId, periodEnd, periodStart) as RunRow[];
  const approved = rows.find((r) => r.status === 'approved');
  if (approved) {
    throw new StewardError(
      'CONFLICT',
      `Approved pay run ${approved.id} covers ${approved.period_start} to ${approved.period_end}; post it first (payrun.post), then reverse it with a reason if it is wrong, and draft the period again. An approved run is never changed.`,
      { where: 'periodStart' },
    );
  }
  return rows;
}

interface Planned {
  pa: Pa;
  ids: number[];
  holidayIds: number[];
  holidayHours: number;
  holidayPay: number;
  before: { pay: number; tax: number };
  f: PaPay;
}

/**
 * Draft a run for the period from the employer's approved timesheets and the PAs' unpaid holiday.
 * Replaces this employer's drafts that overlap the period (audited 'redraft' on the old run).
 */
export function draftPayRun(db: Database, input: z.output<typeof PayRunDraft>, st: Stamp): PayRun {
  const employer = findEmployer(db, input.clientId);
  if (!employer) throw invalid(`${getClient(db, input.clientId).name} is not set up as an employer (employer.set).`, 'clientId');
  if (input.periodEnd < input.periodStart) throw invalid(`The period ends (${input.periodEnd}) before it starts (${input.periodStart}).`, 'periodEnd');
  if (input.payDate < input.periodStart) throw invalid(`The pay date (${input.payDate}) is before the period starts (${input.periodStart}).`, 'payDate');
  const frequency = engineFrequency(employer.payFrequency);
  const year = engine(() => taxYearFor(input.payDate), 'payDate');
  const taxPeriod = taxPeriodFor(input.payDate, frequency);
  checkNotPosted(db, input.clientId, input.periodStart, input.periodEnd, null);
  const replaced = openRunsOverlapping(db, input.clientId, input.periodStart, input.periodEnd);

  const sheets = cached(db, `SELECT id, pa_id, gross_pay FROM timesheets WHERE client_id = ? AND status = 'approved' AND period_start >= ? AND period_end <= ? ORDER BY pa_id, period_start, id`)
    .all(input.clientId, input.periodStart, input.periodEnd) as TimesheetPick[];
  const byPa = new Map<number, TimesheetPick[]>();
  for (const s of sheets) byPa.set(s.pa_id, [...(byPa.get(s.pa_id) ?? []), s]);
  // PAs with unpaid holiday up to the period's end are paid it even without a timesheet.
  const withHoliday = cached(db, `SELECT DISTINCT h.pa_id FROM holiday_taken h JOIN pas p ON p.id = h.pa_id WHERE p.client_id = ? AND h.pay_run_id IS NULL AND h.date <= ? ORDER BY h.pa_id`)
    .all(input.clientId, input.periodEnd) as Array<{ pa_id: number }>;
  for (const h of withHoliday) if (!byPa.has(h.pa_id)) byPa.set(h.pa_id, []);
  if (byPa.size === 0) {
    throw invalid(`There are no approved timesheets or unpaid holiday for ${employer.clientName} between ${input.periodStart} and ${input.periodEnd}. Approve the timesheets first.`, 'periodStart');
  }
  const notApproved = (
    cached(db, `SELECT COUNT(*) AS n FROM timesheets WHERE client_id = ? AND status <> 'approved' AND period_start >= ? AND period_end <= ?`).get(input.clientId, input.periodStart, input.periodEnd) as {
      n: number;
    }
  ).n;

  const ytd = cached(db, 
    `SELECT COALESCE(SUM(COALESCE(l.taxable_pay, l.gross)), 0) AS pay, COALESCE(SUM(l.tax), 0) AS tax FROM pay_run_lines l JOIN pay_runs r ON r.id = l.pay_run_id
      WHERE l.pa_id = ? AND r.status = 'posted' AND r.tax_year = ?`,
  );
  const pension: PensionScheme = { name: employer.pensionSchemeName, basis: employer.pensionBasis, employerRate: employer.pensionEmployerRate, totalRate: employer.pensionTotalRate };
  const planned: Planned[] = [];
  const leaverNotes: string[] = [];
  let lateHoliday = 0;
  for (const [paId, list] of [...byPa].sort((a, b) => a[0] - b[0])) {
    const pa = getPa(db, paId);
    const holiday = unpaidHoliday(db, paId, '0000-01-01', input.periodEnd);
    if (pa.leavingDate !== null && pa.leavingDate < input.periodStart) {
      if (list.length > 0) throw invalid(`${pa.name} left on ${pa.leavingDate}, before this period starts (${input.periodStart}): a leaver cannot be in this pay run.`, 'periodStart');
      // Only unpaid holiday: a payment after leaving needs the 0T week 1 / month 1 rules, which pay runs do not apply.
      leaverNotes.push(
        `${pa.name} left on ${pa.leavingDate} with ${hoursText(holiday.reduce((s, h) => s + h.hours, 0))} hours of holiday recorded but not paid; they are not in this run (pay it as a payment after leaving, outside Steward's pay runs).`,
      );
      continue;
    }
    const holidayHours = holiday.reduce((s, h) => s + h.hours, 0);
    lateHoliday += holiday.filter((h) => h.date < input.periodStart).reduce((s, h) => s + h.hours, 0);
    // Holiday pay: hours × the standard hourly rate, rounded half up like a timesheet line.
    const holidayPay = mulDivRoundHalfUp(holidayHours, pa.standardRate, 100);
    const gross = list.reduce((s, t) => s + t.gross_pay, 0) + holidayPay;
    const before = ytd.get(paId, year.id) as { pay: number; tax: number };
    const f = engine(() => paPay({ pa, gross, payDate: input.payDate, frequency: employer.payFrequency, taxablePayBefore: before.pay, taxPaidBefore: before.tax, pension }), 'payDate');
    planned.push({ pa, ids: list.map((t) => t.id), holidayIds: holiday.map((h) => h.id), holidayHours, holidayPay, before, f });
  }

  const notes: string[] = [];
  if (employer.pensionSchemeName === '') {
    notes.push('Pension: no workplace pension scheme is recorded for this employer, so no contributions were deducted.');
  } else {
    const members = planned.filter((p) => contributes(p.pa.pensionStatus));
    const basis =
      employer.pensionBasis === 'net-pay'
        ? 'net pay arrangement: employee contributions come off pay before tax'
        : 'relief at source: each PA pays 80% of their contribution and the scheme claims the 20% basic-rate relief from HMRC';
    notes.push(
      `Pension: contributions to ${employer.pensionSchemeName} at ${pct(Math.max(employer.pensionEmployerRate, year.autoEnrolment.minEmployerContribution))} from the employer and ${pct(Math.max(employer.pensionTotalRate, year.autoEnrolment.minTotalContribution, employer.pensionEmployerRate))} in total of qualifying earnings (${basis}), for ${members.length} of ${planned.length} PA(s) (pension status eligible or opted-in).`,
    );
  }
  for (const p of planned) {
    if (p.f.mustEnrol) notes.push(`${p.pa.name} is now an eligible jobholder: enrol them (automatic enrolment duty), then set their pension status to eligible.`);
  }
  const holidayTotal = planned.reduce((s, p) => s + p.holidayHours, 0);
  if (holidayTotal > 0) {
    notes.push(
      `Holiday: ${hoursText(holidayTotal)} hours paid at each PA's standard hourly rate (a simplification of the rule that holiday pay is the average of the last 52 weeks worked: check it when pay varies).${lateHoliday > 0 ? ` ${hoursText(lateHoliday)} of those hours were taken before this period and not yet paid.` : ''}`,
    );
  }
  notes.push(...leaverNotes);
  if (notApproved > 0) notes.push(`${notApproved} timesheet(s) in the period are not approved and are not in this run.`);
  if (planned.length === 0) {
    throw invalid(`There is no one to pay for ${employer.clientName} between ${input.periodStart} and ${input.periodEnd}. ${leaverNotes.join(' ')}`, 'periodStart');
  }

  const oldRuns = replaced.map((r) => runOf(db, r));
  const info = cached(db, 
      `INSERT INTO pay_runs(client_id, period_start, period_end, pay_date, frequency, tax_year, tax_period, status, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
    )
    .run(input.clientId, input.periodStart, input.periodEnd, input.payDate, employer.payFrequency, year.id, taxPeriod, notes.join(' '), st.at, st.at);
  const id = Number(info.lastInsertRowid);
  const ins = cached(db, 
    `INSERT INTO pay_run_lines(pay_run_id, pa_id, timesheet_ids_json, tax_code, tax_basis, ni_category, gross, taxable_pay_before, tax_paid_before, tax,
       employee_ni, employer_ni, student_loan, postgraduate_loan, employee_pension, employer_pension, net,
       taxable_pay, holiday_hours, holiday_pay, holiday_ids_json, pension_category, qualifying_earnings)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of planned) {
    const f = p.f;
    ins.run(
      id, p.pa.id, JSON.stringify(p.ids), p.pa.taxCode, p.pa.taxBasis, p.pa.niCategory, f.gross, p.before.pay, p.before.tax, f.tax,
      f.employeeNi, f.employerNi, f.studentLoan, f.postgraduateLoan, f.employeePension, f.employerPension, f.net,
      f.taxablePay, p.holidayHours, p.holidayPay, JSON.stringify(p.holidayIds), f.pensionCategory, f.qualifyingEarnings,
    );
  }
  // The replaced drafts go after the new run is in, so run ids are never reused.
  for (const old of replaced) {
    cached(db, 'DELETE FROM pay_run_lines WHERE pay_run_id = ?').run(old.id);
    cached(db, 'DELETE FROM pay_runs WHERE id = ?').run(old.id);
  }
  const after = getPayRun(db, id);
  for (const old of oldRuns) audit(db, { ...st, action: 'redraft', entity: 'payrun', entityId: old.id, before: old, after: { replacedBy: id } });
  audit(db, { ...st, action: 'draft', entity: 'payrun', entityId: id, after: oldRuns.length > 0 ? { ...after, replaces: oldRuns.map((r) => r.id) } : after });
  return after;
}

/** CONFLICT when a holiday entry a run's line pays was removed or paid since the run was drafted. */
function checkHolidayStillUnpaid(db: Database, run: PayRun): void {
  const rows = cached(db, 'SELECT pa_id, holiday_ids_json FROM pay_run_lines WHERE pay_run_id = ?').all(run.id) as Array<{ pa_id: number; holiday_ids_json: string }>;
  for (const r of rows) {
    for (const hid of JSON.parse(r.holiday_ids_json) as number[]) {
      const h = cached(db, 'SELECT pay_run_id FROM holiday_taken WHERE id = ?').get(hid) as { pay_run_id: number | null } | undefined;
      if (!h || h.pay_run_id !== null) {
        throw new StewardError(
          'CONFLICT',
          `Holiday entry ${hid} that pay run ${run.id} pays was ${h ? `paid by pay run ${h.pay_run_id}` : 'removed'} after the run was drafted. Draft the period again.`,
          { where: 'id' },
        );
      }
    }
  }
}

/** Approve a draft: the employer, or two different trustees named on the record of a trust client. */
export function approvePayRun(db: Database, input: z.output<typeof PayRunApprove>, st: Stamp): PayRun {
  const before = getPayRun(db, input.id);
  if (before.status !== 'draft') throw new StewardError('CONFLICT', `Pay run ${before.id} is ${before.status}; only a draft can be approved.`, { where: 'id' });
  checkHolidayStillUnpaid(db, before);
  const c = getClient(db, before.clientId);
  const approvals = input.approvals.map((a) => ({ by: a.by, method: a.method, at: a.at ?? st.at.slice(0, 10) }));
  if (c.arrangement === 'user-trust') {
    const trustees = new Set(c.trustees.map((t) => t.name.trim().toLowerCase()));
    const approvers = new Set<string>();
    for (const a of approvals) {
      const key = a.by.trim().toLowerCase();
      if (!trustees.has(key)) {
        throw new StewardError('AUTHORISATION_REQUIRED', `${a.by} is not a trustee of ${c.name}'s trust. Trustees: ${c.trustees.map((t) => t.name).join(', ')}.`, { where: 'approvals' });
      }
      approvers.add(key);
    }
    if (approvers.size < 2) {
      throw new StewardError('AUTHORISATION_REQUIRED', `Pay runs for ${c.name}'s trust need two different trustees to approve. Record the second trustee's approval.`, { where: 'approvals' });
    }
  }
  cached(db, `UPDATE pay_runs SET status = 'approved', approvals_json = ?, approved_at = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(approvals), st.at, st.at, before.id);
  const after = getPayRun(db, before.id);
  audit(db, { ...st, action: 'approve', entity: 'payrun', entityId: after.id, before, after });
  return after;
}

/**
 * The journal lines of a run (zero amounts left out): debits positive, credits negative. Employment
 * Allowance (`allowance`, at most the employer NI) comes off both the employer NI expense and the
 * PAYE/NI owed to HMRC: the client never pays that part.
 */
export function payRunLines(acct: Record<string, number>, t: PayFigures, allowance = 0): NewLine[] {
  if (!Number.isSafeInteger(allowance) || allowance < 0 || allowance > t.employerNi) {
    throw new StewardError('INTERNAL', `Employment Allowance of ${allowance}p cannot be set against employer NI of ${t.employerNi}p.`);
  }
  const want: Array<[string, number]> = [
    ['expense:pa-wages', t.gross],
    ['expense:employer-ni', t.employerNi - allowance],
    ['expense:pension', t.employerPension],
    ['liability:net-wages', -t.net],
    ['liability:paye-ni', -(t.tax + t.employeeNi + t.employerNi - allowance + t.studentLoan + t.postgraduateLoan)],
    ['liability:pension', -(t.employeePension + t.employerPension)],
  ];
  return want
    .filter(([, amount]) => amount !== 0)
    .map(([code, amount]) => {
      const accountId = acct[code];
      if (accountId === undefined) throw new StewardError('INTERNAL', `The client has no ${code} account.`);
      return { accountId, amount };
    });
}

/**
 * The Employment Allowance to set against a run's employer NI as it is posted: for an employer who
 * claims it, what is left of the tax year's allowance (tax-year data) after the employer's other
 * posted runs of that year, up to this run's employer NI. Runs take it in the order they are
 * posted; payroll.hmrcDue reports the same figures by tax month.
 */
function allowanceFor(db: Database, run: PayRun): number {
  const employer = findEmployer(db, run.clientId);
  if (!employer || !employer.employmentAllowance) return 0;
  const yearly = TAX_YEARS.find((t) => t.id === run.taxYear)?.employmentAllowance.amount ?? 0;
  const used = (
    cached(db, `SELECT COALESCE(SUM(employment_allowance), 0) AS u FROM pay_runs WHERE client_id = ? AND tax_year = ? AND status = 'posted' AND id <> ?`).get(run.clientId, run.taxYear, run.id) as {
      u: number;
    }
  ).u;
  return Math.max(0, Math.min(yearly - used, run.totals.employerNi));
}

/** Post an approved run: one balanced journal entry and the run marked posted, in one transaction. */
export function postPayRun(db: Database, id: number, st: Stamp): PayRun {
  const before = getPayRun(db, id);
  if (before.status !== 'approved') throw new StewardError('CONFLICT', `Pay run ${id} is ${before.status}; only an approved run can be posted.`, { where: 'id' });
  checkNotPosted(db, before.clientId, before.periodStart, before.periodEnd, before.id);
  checkHolidayStillUnpaid(db, before);
  const allowance = allowanceFor(db, before);
  const lines = payRunLines(accountIds(db, before.clientId), before.totals, allowance);
  const memo =
    `Payroll ${before.periodStart} to ${before.periodEnd} (pay run ${before.id}, paid ${before.payDate})` +
    (allowance > 0 ? `; Employment Allowance ${formatPence(allowance)} set against employer NI` : '');
  const r = importEntries(db, [{ clientId: before.clientId, date: before.payDate, kind: 'payroll', reference: `payrun-${before.id}`, memo, lines }], st, `payrun ${before.id}`);
  cached(db, `UPDATE pay_runs SET status = 'posted', entry_id = ?, posted_at = ?, employment_allowance = ?, updated_at = ? WHERE id = ?`).run(r.firstId, st.at, allowance, st.at, before.id);
  // The holiday the run pays is marked paid by it.
  const lineRows = cached(db, 'SELECT holiday_ids_json FROM pay_run_lines WHERE pay_run_id = ?').all(before.id) as Array<{ holiday_ids_json: string }>;
  const markPaid = cached(db, 'UPDATE holiday_taken SET pay_run_id = ? WHERE id = ? AND pay_run_id IS NULL');
  for (const l of lineRows) {
    for (const hid of JSON.parse(l.holiday_ids_json) as number[]) {
      markPaid.run(before.id, hid);
      audit(db, { ...st, action: 'paid', entity: 'holiday', entityId: hid, after: { payRunId: before.id } });
    }
  }
  const after = getPayRun(db, before.id);
  audit(db, { ...st, action: 'post', entity: 'payrun', entityId: after.id, before, after });
  return after;
}

/** Reverse a posted run through the journal's reversal; the run is marked reversed, never edited. */
export function reversePayRun(db: Database, id: number, reason: string, st: Stamp & Today): PayRun {
  const before = getPayRun(db, id);
  if (before.status !== 'posted' || before.entryId === null) throw new StewardError('CONFLICT', `Pay run ${id} is ${before.status}; only a posted run can be reversed.`, { where: 'id' });
  const rev = reverseEntry(db, { entryId: before.entryId, reason }, st);
  cached(db, `UPDATE pay_runs SET status = 'reversed', reversal_entry_id = ?, reversed_reason = ?, reversed_at = ?, updated_at = ? WHERE id = ?`).run(rev.id, reason, st.at, st.at, id);
  // The holiday it paid is unpaid again, to be paid by the next run that covers it.
  const freed = cached(db, 'SELECT id FROM holiday_taken WHERE pay_run_id = ? ORDER BY id').all(id) as Array<{ id: number }>;
  cached(db, 'UPDATE holiday_taken SET pay_run_id = NULL WHERE pay_run_id = ?').run(id);
  for (const h of freed) audit(db, { ...st, action: 'unpaid', entity: 'holiday', entityId: h.id, before: { payRunId: id }, after: { payRunId: null } });
  const after = getPayRun(db, id);
  audit(db, { ...st, action: 'reverse', entity: 'payrun', entityId: id, before, after });
  return after;
}
