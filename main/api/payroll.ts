/** Handlers for employers and their PAs. Every write is one transaction. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Method } from '../../shared/contract';
import type { payrollContract } from '../../shared/contract-payroll';
import { fromSql } from '../ledger/sql-errors';
import type { Stamp } from '../ledger/journal';
import { addHoliday, holidayBalance, listHoliday, removeHoliday } from '../payroll/holiday-taken';
import { createPa, findEmployer, getPa, leavePa, listEmployers, listPas, setEmployer, updatePa } from '../payroll/people';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';
import type { HandlerMap } from './types';

type PayrollMethod = keyof typeof payrollContract & Method;

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

export const payrollHandlers: HandlerMap<PayrollMethod> = {
  'employer.get': (ctx, i) => read(ctx, (db) => findEmployer(db, i.clientId)),
  'employer.set': (ctx, i) => write(ctx, (db, st) => setEmployer(db, i, st)),
  'employer.list': (ctx) => read(ctx, (db) => listEmployers(db)),

  'pa.list': (ctx, i) => read(ctx, (db) => listPas(db, i.clientId)),
  'pa.get': (ctx, i) => read(ctx, (db) => getPa(db, i.id)),
  'pa.create': (ctx, i) => write(ctx, (db, st) => createPa(db, i, st)),
  'pa.update': (ctx, i) => write(ctx, (db, st) => updatePa(db, i.id, i.patch, st)),
  'pa.leave': (ctx, i) => write(ctx, (db, st) => leavePa(db, i.id, i.leavingDate, st)),

  'holiday.add': (ctx, i) => write(ctx, (db, st) => addHoliday(db, i, st)),
  'holiday.list': (ctx, i) => read(ctx, (db) => listHoliday(db, i.paId)),
  'holiday.remove': (ctx, i) => write(ctx, (db, st) => removeHoliday(db, i.id, st)),
  'holiday.balance': (ctx, i) => read(ctx, (db) => holidayBalance(db, i.paId, i.asOf)),
};
