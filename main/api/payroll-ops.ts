/**
 * Handlers for payroll operations (contract-payroll-ops.ts). Every write is one transaction
 * (payrun.runAllDue and payrun.postApproved hold a savepoint per employer or run inside it, so one
 * failure does not undo the others).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Method } from '../../shared/contract';
import type { payrollOpsContract } from '../../shared/contract-payroll-ops';
import { dayOf } from '../../shared/dates';
import { fromSql } from '../ledger/sql-errors';
import type { Stamp } from '../ledger/journal';
import { hmrcDue } from '../payroll/hmrc-due';
import { outstandingLiabilities, payLiability } from '../payroll/liabilities';
import { payrollReminders } from '../payroll/reminders';
import { draftPeriodRun, dueRows, periodFor, postApproved, publicDueRow, runAllDue } from '../payroll/run-all';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';
import type { HandlerMap } from './types';

function stamp(ctx: ApiContext): Stamp & { today: string } {
  const now = ctx.now();
  return { at: now.toISOString(), actor: ctx.actor, today: dayOf(now) };
}

/** Run a write as one transaction: all of it lands, or none of it. */
function write<T>(ctx: ApiContext, fn: (db: Database, st: Stamp & { today: string }) => T): T {
  const db = requireLedger(ctx).db;
  const st = stamp(ctx);
  try {
    return db.transaction(() => fn(db, st))();
  } catch (e) {
    throw fromSql(e);
  }
}

function read<T>(ctx: ApiContext, fn: (db: Database) => T): T {
  return fn(requireLedger(ctx).db);
}

export const payrollOpsHandlers: HandlerMap<keyof typeof payrollOpsContract & Method> = {
  'payrun.periodFor': (ctx, i) => read(ctx, (db) => periodFor(db, i.clientId, i.taxYear, i.period)),
  'payrun.draftPeriod': (ctx, i) => write(ctx, (db, st) => draftPeriodRun(db, i.clientId, i.taxYear, i.period, st)),
  'payrun.due': (ctx, i) => read(ctx, (db) => dueRows(db, i.taxYear, i.frequency, i.period).map(publicDueRow)),
  // One transaction, with a savepoint per employer (runAllDue) or per run (postApproved): one
  // failure does not undo the others.
  'payrun.runAllDue': (ctx, i) => write(ctx, (db, st) => runAllDue(db, i.taxYear, i.frequency, i.period, st)),
  'payrun.postApproved': (ctx, i) => write(ctx, (db, st) => postApproved(db, i.ids, st)),
  'payroll.liabilities': (ctx, i) => read(ctx, (db) => outstandingLiabilities(db, i.clientId, i.asOf ?? stamp(ctx).today)),
  'payroll.payLiability': (ctx, i) => write(ctx, (db, st) => payLiability(db, i, st)),
  'payroll.hmrcDue': (ctx, i) => read(ctx, (db) => hmrcDue(db, i.taxYear, i.clientId)),
  'payroll.reminders': (ctx, i) => read(ctx, (db) => payrollReminders(db, i.asOf)),
};
