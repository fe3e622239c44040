/**
 * Pay runs: one employer's payroll for one pay period. The draft takes the employer's approved
 * timesheets inside the period, groups them by PA and works out each PA's pay with the engine
 * (calculatePaye, calculateNi, calculateStudentLoans); the employer approves it (two different
 * trustees for an Independent User Trust); posting writes ONE balanced journal entry through
 * importEntries in the caller's transaction; a posted run is reversed through the journal's
 * reversal, never edited. Every write checks first, writes, and audits (entity `payrun`).
 *
 * Year to date: for a cumulative PA, taxable pay and tax paid before this run are the sums over
 * the PA's lines in POSTED runs of the same tax year (reversed runs do not count).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { StewardError } from '../../shared/errors';
import { pence } from '../../shared/money';
import type { PayFigures, PayRun, PayRunApprove, PayRunDraft, PayRunLine } from '../../shared/contract-payruns';
import type { Employer, Pa } from '../../shared/contract-payroll';
import { audit } from '../api/audit';
import { accountIds, getClient } from '../clients/repo';
import { importEntries } from '../ledger/import';
import type { NewLine, Stamp } from '../ledger/journal';
import { reverseEntry, type Today } from '../ledger/operations';
import { PayrollInputError, taxPeriodFor } from './calendar';
import { isNiCategory, calculateNi } from './ni';
import { calculatePaye } from './paye';
import { findEmployer, getPa } from './people';
import { calculateStudentLoans } from './student-loans';
import { taxYearFor } from './tax-years';
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

export interface PaPayInput {
  pa: Pa;
  gross: number;
  payDate: string;
  frequency: Employer['payFrequency'];
  taxablePayBefore: number;
  taxPaidBefore: number;
}

/** Tax, NI and student loans for one PA's pay in one period. Pension is not worked out here (0). */
export function paPay(i: PaPayInput): PayFigures {
  const year = taxYearFor(i.payDate);
  const frequency = engineFrequency(i.frequency);
  const period = taxPeriodFor(i.payDate, frequency);
  const paye = calculatePaye({
    year,
    taxCode: i.pa.taxCode,
    frequency,
    period,
    taxablePayThisPeriod: pence(i.gross),
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
    employeePension: 0,
    employerPension: 0,
    net: i.gross - tax - ni.employee - studentLoan - postgraduateLoan,
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
  const r = db
    .prepare(
      `${LINE_SELECT} JOIN pay_runs r ON r.id = l.pay_run_id
        WHERE l.pa_id = ? AND r.status = 'posted' AND r.id <> ? AND (r.pay_date < ? OR (r.pay_date = ? AND r.id < ?))
        ORDER BY r.pay_date DESC, r.id DESC LIMIT 1`,
    )
    .get(paId, run.id, run.pay_date, run.pay_date, run.id) as (LineRow & { pay_run_id: number }) | undefined;
  return r ? { runId: r.pay_run_id, line: r } : null;
}

function runOf(db: Database, r: RunRow): PayRun {
  const rows = db.prepare(`${LINE_SELECT} WHERE l.pay_run_id = ? ORDER BY p.name COLLATE NOCASE, l.pa_id`).all(r.id) as LineRow[];
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
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getPayRun(db: Database, id: number): PayRun {
  const r = db.prepare('SELECT * FROM pay_runs WHERE id = ?').get(id) as RunRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no pay run ${id}. Run payrun.list for the client to see pay run ids.`, { where: 'id' });
  return runOf(db, r);
}

/** A client's pay runs, newest period first. NOT_FOUND for an unknown client. */
export function listPayRuns(db: Database, clientId: number): PayRun[] {
  getClient(db, clientId);
  const rows = db.prepare('SELECT * FROM pay_runs WHERE client_id = ? ORDER BY period_start DESC, id DESC').all(clientId) as RunRow[];
  return rows.map((r) => runOf(db, r));
}

/** CONFLICT when a posted run of the employer overlaps the period. */
function checkNotPosted(db: Database, clientId: number, periodStart: string, periodEnd: string, selfId: number | null): void {
  const other = db
    .prepare(`SELECT id, period_start, period_end FROM pay_runs WHERE client_id = ? AND status = 'posted' AND period_start <= ? AND period_end >= ? AND id IS NOT ? LIMIT 1`)
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

export function draftPayRun(db: Database, input: z.output<typeof PayRunDraft>, st: Stamp): PayRun {
  const employer = findEmployer(db, input.clientId);
  if (!employer) throw invalid(`${getClient(db, input.clientId).name} is not set up as an employer (employer.set).`, 'clientId');
  if (input.periodEnd < input.periodStart) throw invalid(`The period ends (${input.periodEnd}) before it starts (${input.periodStart}).`, 'periodEnd');
  if (input.payDate < input.periodStart) throw invalid(`The pay date (${input.payDate}) is before the period starts (${input.periodStart}).`, 'payDate');
  const frequency = engineFrequency(employer.payFrequency);
  const year = engine(() => taxYearFor(input.payDate), 'payDate');
  const taxPeriod = taxPeriodFor(input.payDate, frequency);
  checkNotPosted(db, input.clientId, input.periodStart, input.periodEnd, null);

  const sheets = db
    .prepare(`SELECT id, pa_id, gross_pay FROM timesheets WHERE client_id = ? AND status = 'approved' AND period_start >= ? AND period_end <= ? ORDER BY pa_id, period_start, id`)
    .all(input.clientId, input.periodStart, input.periodEnd) as TimesheetPick[];
  if (sheets.length === 0) {
    throw invalid(`There are no approved timesheets for ${employer.clientName} between ${input.periodStart} and ${input.periodEnd}. Approve the timesheets first.`, 'periodStart');
  }
  const notApproved = (
    db.prepare(`SELECT COUNT(*) AS n FROM timesheets WHERE client_id = ? AND status <> 'approved' AND period_start >= ? AND period_end <= ?`).get(input.clientId, input.periodStart, input.periodEnd) as {
      n: number;
    }
  ).n;
  const byPa = new Map<number, TimesheetPick[]>();
  for (const s of sheets) byPa.set(s.pa_id, [...(byPa.get(s.pa_id) ?? []), s]);

  const ytd = db.prepare(
    `SELECT COALESCE(SUM(l.gross), 0) AS pay, COALESCE(SUM(l.tax), 0) AS tax FROM pay_run_lines l JOIN pay_runs r ON r.id = l.pay_run_id
      WHERE l.pa_id = ? AND r.status = 'posted' AND r.tax_year = ?`,
  );
  const planned: Array<{ pa: Pa; ids: number[]; before: { pay: number; tax: number }; f: PayFigures }> = [];
  for (const [paId, list] of byPa) {
    const pa = getPa(db, paId);
    if (pa.leavingDate !== null && pa.leavingDate < input.periodStart) {
      throw invalid(`${pa.name} left on ${pa.leavingDate}, before this period starts (${input.periodStart}): a leaver cannot be in this pay run.`, 'periodStart');
    }
    const gross = list.reduce((s, t) => s + t.gross_pay, 0);
    const before = ytd.get(paId, year.id) as { pay: number; tax: number };
    const f = engine(() => paPay({ pa, gross, payDate: input.payDate, frequency: employer.payFrequency, taxablePayBefore: before.pay, taxPaidBefore: before.tax }), 'payDate');
    planned.push({ pa, ids: list.map((t) => t.id), before, f });
  }

  const notes: string[] = [];
  notes.push(
    employer.pensionSchemeName === ''
      ? 'Pension: no workplace pension scheme is recorded for this employer, so no contributions were deducted.'
      : `Pension: contributions to ${employer.pensionSchemeName} were not worked out (Steward does not yet hold the scheme's rates or each PA's State Pension age); they are 0 in this run.`,
  );
  if (notApproved > 0) notes.push(`${notApproved} timesheet(s) in the period are not approved and are not in this run.`);

  const info = db
    .prepare(
      `INSERT INTO pay_runs(client_id, period_start, period_end, pay_date, frequency, tax_year, tax_period, status, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
    )
    .run(input.clientId, input.periodStart, input.periodEnd, input.payDate, employer.payFrequency, year.id, taxPeriod, notes.join(' '), st.at, st.at);
  const id = Number(info.lastInsertRowid);
  const ins = db.prepare(
    `INSERT INTO pay_run_lines(pay_run_id, pa_id, timesheet_ids_json, tax_code, tax_basis, ni_category, gross, taxable_pay_before, tax_paid_before, tax,
       employee_ni, employer_ni, student_loan, postgraduate_loan, employee_pension, employer_pension, net)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of planned) {
    const f = p.f;
    ins.run(id, p.pa.id, JSON.stringify(p.ids), p.pa.taxCode, p.pa.taxBasis, p.pa.niCategory, f.gross, p.before.pay, p.before.tax, f.tax, f.employeeNi, f.employerNi, f.studentLoan, f.postgraduateLoan, f.employeePension, f.employerPension, f.net);
  }
  const after = getPayRun(db, id);
  audit(db, { ...st, action: 'draft', entity: 'payrun', entityId: id, after });
  return after;
}

/** Approve a draft: the employer, or two different trustees named on the record of a trust client. */
export function approvePayRun(db: Database, input: z.output<typeof PayRunApprove>, st: Stamp): PayRun {
  const before = getPayRun(db, input.id);
  if (before.status !== 'draft') throw new StewardError('CONFLICT', `Pay run ${before.id} is ${before.status}; only a draft can be approved.`, { where: 'id' });
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
  db.prepare(`UPDATE pay_runs SET status = 'approved', approvals_json = ?, approved_at = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(approvals), st.at, st.at, before.id);
  const after = getPayRun(db, before.id);
  audit(db, { ...st, action: 'approve', entity: 'payrun', entityId: after.id, before, after });
  return after;
}

/** The journal lines of a run (zero amounts left out): debits positive, credits negative. */
export function payRunLines(acct: Record<string, number>, t: PayFigures): NewLine[] {
  const want: Array<[string, number]> = [
    ['expense:pa-wages', t.gross],
    ['expense:employer-ni', t.employerNi],
    ['expense:pension', t.employerPension],
    ['liability:net-wages', -t.net],
    ['liability:paye-ni', -(t.tax + t.employeeNi + t.employerNi + t.studentLoan + t.postgraduateLoan)],
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

/** Post an approved run: one balanced journal entry and the run marked posted, in one transaction. */
export function postPayRun(db: Database, id: number, st: Stamp): PayRun {
  const before = getPayRun(db, id);
  if (before.status !== 'approved') throw new StewardError('CONFLICT', `Pay run ${id} is ${before.status}; only an approved run can be posted.`, { where: 'id' });
  checkNotPosted(db, before.clientId, before.periodStart, before.periodEnd, before.id);
  const lines = payRunLines(accountIds(db, before.clientId), before.totals);
  const memo = `Payroll ${before.periodStart} to ${before.periodEnd} (pay run ${before.id}, paid ${before.payDate})`;
  const r = importEntries(db, [{ clientId: before.clientId, date: before.payDate, kind: 'payroll', reference: `payrun-${before.id}`, memo, lines }], st, `payrun ${before.id}`);
  db.prepare(`UPDATE pay_runs SET status = 'posted', entry_id = ?, posted_at = ?, updated_at = ? WHERE id = ?`).run(r.firstId, st.at, st.at, before.id);
  const after = getPayRun(db, before.id);
  audit(db, { ...st, action: 'post', entity: 'payrun', entityId: after.id, before, after });
  return after;
}

/** Reverse a posted run through the journal's reversal; the run is marked reversed, never edited. */
export function reversePayRun(db: Database, id: number, reason: string, st: Stamp & Today): PayRun {
  const before = getPayRun(db, id);
  if (before.status !== 'posted' || before.entryId === null) throw new StewardError('CONFLICT', `Pay run ${id} is ${before.status}; only a posted run can be reversed.`, { where: 'id' });
  const rev = reverseEntry(db, { entryId: before.entryId, reason }, st);
  db.prepare(`UPDATE pay_runs SET status = 'reversed', reversal_entry_id = ?, reversed_reason = ?, reversed_at = ?, updated_at = ? WHERE id = ?`).run(rev.id, reason, st.at, st.at, id);
  const after = getPayRun(db, id);
  audit(db, { ...st, action: 'reverse', entity: 'payrun', entityId: id, before, after });
  return after;
}
