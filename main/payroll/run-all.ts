/**
 * Running payroll by period number, one employer or all of them.
 *
 * - periodFor: the dates of period n for one employer (periods.ts).
 * - draftPeriodRun: draftPayRun (payruns.ts) with those dates, refusing a period that already has a
 *   draft or approved run (so "run all due" twice does not make duplicates).
 * - dueRows: for every open employer paying at a frequency, whether its run for period n can be
 *   drafted now, and which PAs employed in the period have no approved timesheet in it.
 * - runAllDue: drafts every ready employer's run, each in its own transaction: one employer's
 *   failure is listed in `skipped` and does not undo the others.
 *
 * What blocks a draft (and so makes a row not ready) is only what draftPayRun itself refuses, plus
 * an open run for the same period: a posted run overlapping the period, no approved timesheets, a
 * pay date in a tax year Steward has no figures for. A missing PAYE reference does not block a
 * draft (it blocks filing the FPS, which comes later).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../shared/errors';
import type { Employer } from '../../shared/contract-payroll';
import type { DueRow, PeriodDates, PostApprovedResult, RunAllResult } from '../../shared/contract-payroll-ops';
import type { PayRun } from '../../shared/contract-payruns';
import { audit } from '../api/audit';
import { getClient } from '../clients/repo';
import type { Stamp } from '../ledger/journal';
import { fromSql } from '../ledger/sql-errors';
import { TAX_YEARS } from './tax-years';
import { taxYearLabel } from './calendar';
import { draftPayRun, postPayRun } from './payruns';
import { findEmployer, listEmployers } from './people';
import { payDateIn, payPeriod, periodRange, taxYearStartYear } from './periods';

function invalid(message: string, where: string): StewardError {
  return new StewardError('VALIDATION', message, { where });
}

/** The employer record of a client: NOT_FOUND for an unknown client, VALIDATION if not an employer. */
export function requireEmployer(db: Database, clientId: number): Employer {
  const e = findEmployer(db, clientId);
  if (!e) throw invalid(`${getClient(db, clientId).name} is not set up as an employer (employer.set, or "steward employer set").`, 'clientId');
  return e;
}

export function periodFor(db: Database, clientId: number, taxYear: string, period: number): PeriodDates {
  const e = requireEmployer(db, clientId);
  return { clientId, taxYear, period, ...payPeriod(e, taxYear, period) };
}

interface RunLite {
  id: number;
  status: PayRun['status'];
}

/** The newest run for exactly these dates (any status). */
function runForPeriod(db: Database, clientId: number, periodStart: string, periodEnd: string): RunLite | null {
  const r = db
    .prepare('SELECT id, status FROM pay_runs WHERE client_id = ? AND period_start = ? AND period_end = ? ORDER BY id DESC LIMIT 1')
    .get(clientId, periodStart, periodEnd) as RunLite | undefined;
  return r ?? null;
}

/** A draft or approved run for exactly these dates (the one to carry on with, not to duplicate). */
function openRunForPeriod(db: Database, clientId: number, periodStart: string, periodEnd: string): RunLite | null {
  const r = db
    .prepare(`SELECT id, status FROM pay_runs WHERE client_id = ? AND period_start = ? AND period_end = ? AND status IN ('draft','approved') ORDER BY id DESC LIMIT 1`)
    .get(clientId, periodStart, periodEnd) as RunLite | undefined;
  return r ?? null;
}

/** Draft period n's run for one employer. CONFLICT (where 'period') if that period is already posted or has an open run. */
export function draftPeriodRun(db: Database, clientId: number, taxYear: string, period: number, st: Stamp): PayRun {
  const p = periodFor(db, clientId, taxYear, period);
  const posted = db
    .prepare(`SELECT id FROM pay_runs WHERE client_id = ? AND status = 'posted' AND period_start <= ? AND period_end >= ? ORDER BY id LIMIT 1`)
    .get(clientId, p.periodEnd, p.periodStart) as { id: number } | undefined;
  if (posted) {
    throw new StewardError(
      'CONFLICT',
      `Period ${period} of ${taxYear} (${p.periodStart} to ${p.periodEnd}) is already posted (pay run ${posted.id}). To pay it again, reverse that run first.`,
      { where: 'period' },
    );
  }
  const open = openRunForPeriod(db, clientId, p.periodStart, p.periodEnd);
  if (open) {
    throw new StewardError(
      'CONFLICT',
      `Period ${period} (${p.periodStart} to ${p.periodEnd}) already has a pay run ${open.id}, ${open.status}. Review and ${open.status === 'draft' ? 'approve' : 'post'} that run instead of drafting another.`,
      { where: 'period' },
    );
  }
  return draftPayRun(db, { clientId, periodStart: p.periodStart, periodEnd: p.periodEnd, payDate: p.payDate }, st);
}

interface Readiness {
  ready: boolean;
  code: string | null;
  reason: string | null;
}

/** Validate the period number for the frequency and the tax year (VALIDATION naming the field). */
function checkPeriodNumber(frequency: Employer['payFrequency'], taxYear: string, period: number): void {
  taxYearStartYear(taxYear);
  periodRange(frequency, taxYear, period);
}

/** One due row per open employer paying at `frequency`, by client name. */
export function dueRows(db: Database, taxYear: string, frequency: Employer['payFrequency'], period: number): Array<DueRow & { code: string | null }> {
  checkPeriodNumber(frequency, taxYear, period);
  const range = periodRange(frequency, taxYear, period);
  const employers = listEmployers(db).filter((e) => e.payFrequency === frequency);
  const ended = new Set((db.prepare(`SELECT id FROM clients WHERE status = 'ended'`).all() as Array<{ id: number }>).map((r) => r.id));
  const approvedStmt = db.prepare(
    `SELECT t.pa_id, p.name FROM timesheets t JOIN pas p ON p.id = t.pa_id
      WHERE t.client_id = ? AND t.status = 'approved' AND t.period_start >= ? AND t.period_end <= ?`,
  );
  const blockedStmt = db.prepare(`SELECT COUNT(*) AS n FROM timesheets WHERE client_id = ? AND status = 'blocked' AND period_start >= ? AND period_end <= ?`);
  const employedStmt = db.prepare(
    `SELECT id, name FROM pas WHERE client_id = ? AND start_date <= ? AND (leaving_date IS NULL OR leaving_date >= ?) ORDER BY name COLLATE NOCASE, id`,
  );
  const leftStmt = db.prepare(`SELECT name, leaving_date FROM pas WHERE id = ?`);
  const postedStmt = db.prepare(`SELECT id FROM pay_runs WHERE client_id = ? AND status = 'posted' AND period_start <= ? AND period_end >= ? ORDER BY id LIMIT 1`);
  const out: Array<DueRow & { code: string | null }> = [];
  for (const e of employers) {
    if (ended.has(e.clientId)) continue;
    const payDate = payDateIn(frequency, e.payDay, range.periodStart, range.periodEnd);
    if (payDate === null) continue; // no pay day in the short end-of-year period for this employer
    const approved = approvedStmt.all(e.clientId, range.periodStart, range.periodEnd) as Array<{ pa_id: number; name: string }>;
    const paying = new Set(approved.map((a) => a.pa_id));
    const employed = employedStmt.all(e.clientId, range.periodEnd, range.periodStart) as Array<{ id: number; name: string }>;
    const missing = employed.filter((p) => !paying.has(p.id)).map((p) => ({ paId: p.id, paName: p.name }));
    const run = runForPeriod(db, e.clientId, range.periodStart, range.periodEnd);
    const posted = postedStmt.get(e.clientId, range.periodEnd, range.periodStart) as { id: number } | undefined;
    const open = openRunForPeriod(db, e.clientId, range.periodStart, range.periodEnd);

    let r: Readiness = { ready: true, code: null, reason: null };
    if (posted) {
      r = { ready: false, code: 'CONFLICT', reason: `Already posted (pay run ${posted.id}).` };
    } else if (open) {
      r = { ready: false, code: 'CONFLICT', reason: `Pay run ${open.id} for this period is already ${open.status}: review and ${open.status === 'draft' ? 'approve' : 'post'} it.` };
    } else if (!TAX_YEARS.some((t) => t.id === taxYearLabel(payDate))) {
      r = { ready: false, code: 'VALIDATION', reason: `Steward has no payroll figures for tax year ${taxYearLabel(payDate)} (pay date ${payDate}).` };
    } else if (approved.length === 0) {
      const blocked = (blockedStmt.get(e.clientId, range.periodStart, range.periodEnd) as { n: number }).n;
      r = {
        ready: false,
        code: 'VALIDATION',
        reason:
          blocked > 0
            ? `No approved timesheets: ${blocked} timesheet(s) are blocked by the minimum-wage check. Correct the pay or record a note, then approve them.`
            : 'No approved timesheets in this period. Enter and approve the timesheets first.',
      };
    } else {
      for (const paId of paying) {
        const pa = leftStmt.get(paId) as { name: string; leaving_date: string | null };
        if (pa.leaving_date !== null && pa.leaving_date < range.periodStart) {
          r = { ready: false, code: 'VALIDATION', reason: `${pa.name} left on ${pa.leaving_date}, before this period, but has an approved timesheet in it. Reopen and correct that timesheet.` };
          break;
        }
      }
    }
    out.push({
      clientId: e.clientId,
      clientName: e.clientName,
      periodStart: range.periodStart,
      periodEnd: range.periodEnd,
      payDate,
      ready: r.ready,
      reason: r.reason,
      code: r.code,
      approvedTimesheets: approved.length,
      paCount: paying.size,
      missingTimesheets: missing,
      runId: run ? run.id : null,
      runStatus: run ? run.status : null,
    });
  }
  return out;
}

/** The public shape of a due row (without the internal error code). */
export function publicDueRow(r: DueRow & { code: string | null }): DueRow {
  const { code: _code, ...row } = r;
  return row;
}

/**
 * Draft every ready employer's run for the period, in one transaction with a savepoint per
 * employer: a failure is caught, that employer's savepoint rolled back, and it is listed in
 * `skipped` with its error code; the others land together. One audit row records the batch.
 */
export function runAllDue(db: Database, taxYear: string, frequency: Employer['payFrequency'], period: number, st: Stamp): RunAllResult {
  // One commit for the whole batch (400 employers' drafts would otherwise wait for 400 disk
  // syncs); each employer is a savepoint inside it, rolled back alone when it fails.
  return db.transaction(() => runAllDueInside(db, taxYear, frequency, period, st))();
}

function runAllDueInside(db: Database, taxYear: string, frequency: Employer['payFrequency'], period: number, st: Stamp): RunAllResult {
  const rows = dueRows(db, taxYear, frequency, period);
  const out: RunAllResult = { drafted: [], skipped: [] };
  for (const row of rows) {
    if (!row.ready) {
      out.skipped.push({ clientId: row.clientId, clientName: row.clientName, code: row.code ?? 'VALIDATION', reason: row.reason ?? 'Not ready.' });
      continue;
    }
    try {
      const run = db.transaction(() => draftPeriodRun(db, row.clientId, taxYear, period, st))();
      out.drafted.push({ clientId: row.clientId, clientName: row.clientName, runId: run.id, paCount: run.lines.length, gross: run.totals.gross, net: run.totals.net });
    } catch (e) {
      if (e instanceof StewardError) out.skipped.push({ clientId: row.clientId, clientName: row.clientName, code: e.code, reason: e.message });
      else out.skipped.push({ clientId: row.clientId, clientName: row.clientName, code: 'INTERNAL', reason: e instanceof Error ? e.message : String(e) });
    }
  }
  db.transaction(() =>
    audit(db, {
      ...st,
      action: 'run-all-due',
      entity: 'payroll',
      entityId: `${taxYear} ${frequency} ${period}`,
      after: { drafted: out.drafted.map((d) => d.runId), skipped: out.skipped.map((s) => ({ clientId: s.clientId, code: s.code })) },
    }),
  )();
  return out;
}

/**
 * Post many approved runs in one transaction, each in its own savepoint: a run that cannot be
 * posted (not approved, its period already posted, not enough money…) is rolled back alone and
 * listed in `skipped` with its error. One audit row records the batch (each run has its own too).
 */
export function postApproved(db: Database, ids: readonly number[], st: Stamp): PostApprovedResult {
  return db.transaction(() => {
    const out: PostApprovedResult = { posted: [], skipped: [] };
    for (const id of ids) {
      try {
        const run = db.transaction(() => postPayRun(db, id, st))();
        out.posted.push({ runId: run.id, clientId: run.clientId, entryId: run.entryId! });
      } catch (e) {
        const err = fromSql(e);
        if (err instanceof StewardError) out.skipped.push({ runId: id, code: err.code, reason: err.message });
        else throw e;
      }
    }
    audit(db, { ...st, action: 'post-approved', entity: 'payroll', entityId: null, after: { posted: out.posted.map((p) => p.runId), skipped: out.skipped.map((s) => ({ runId: s.runId, code: s.code })) } });
    return out;
  })();
}
