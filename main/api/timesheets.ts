/** Handlers for timesheets. Every write is one transaction. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Method } from '../../shared/contract';
import type { timesheetsContract } from '../../shared/contract-timesheets';
import { fromSql } from '../ledger/sql-errors';
import type { Stamp } from '../ledger/journal';
import {
  approveTimesheet,
  createTimesheet,
  getTimesheet,
  importTimesheetsCsv,
  listTimesheets,
  noteMinimumWage,
  reopenTimesheet,
  updateTimesheet,
} from '../payroll/timesheets';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';
import type { HandlerMap } from './types';

type TimesheetMethod = keyof typeof timesheetsContract & Method;

/** Run a write as one transaction: all of it lands, or none of it. */
function write<T>(ctx: ApiContext, fn: (db: Database, st: Stamp) => T): T {
  const db = requireLedger(ctx).db;
  const st: Stamp = { at: ctx.now().toISOString(), actor: ctx.actor };
  try {
    return db.transaction(() => fn(db, st))();
  } catch (e) {
    throw fromSql(e);
  }
}

function read<T>(ctx: ApiContext, fn: (db: Database) => T): T {
  return fn(requireLedger(ctx).db);
}

export const timesheetHandlers: HandlerMap<TimesheetMethod> = {
  'timesheet.create': (ctx, i) => write(ctx, (db, st) => createTimesheet(db, i, st)),
  'timesheet.update': (ctx, i) => write(ctx, (db, st) => updateTimesheet(db, i, st)),
  'timesheet.get': (ctx, i) => read(ctx, (db) => getTimesheet(db, i.id)),
  'timesheet.list': (ctx, i) => read(ctx, (db) => listTimesheets(db, i.clientId, i.periodStart)),
  'timesheet.approve': (ctx, i) => write(ctx, (db, st) => approveTimesheet(db, i, st)),
  'timesheet.reopen': (ctx, i) => write(ctx, (db, st) => reopenTimesheet(db, i.id, i.by, i.reason, st)),
  'timesheet.noteMinimumWage': (ctx, i) => write(ctx, (db, st) => noteMinimumWage(db, i.id, i.by, i.reason, st)),
  'timesheet.importCsv': (ctx, i) => write(ctx, (db, st) => ({ created: importTimesheetsCsv(db, i, st) })),
};
