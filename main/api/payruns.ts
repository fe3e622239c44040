/** Handlers for pay runs. Every write is one transaction. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Method } from '../../shared/contract';
import type { payrunsContract } from '../../shared/contract-payruns';
import { dayOf } from '../../shared/dates';
import { fromSql } from '../ledger/sql-errors';
import type { Stamp } from '../ledger/journal';
import { approvePayRun, draftPayRun, getPayRun, listPayRuns, postPayRun, reversePayRun } from '../payroll/payruns';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';
import type { HandlerMap } from './types';

type PayRunMethod = keyof typeof payrunsContract & Method;

/** Run a write as one transaction: all of it lands, or none of it. */
function write<T>(ctx: ApiContext, fn: (db: Database, st: Stamp & { today: string }) => T): T {
  const db = requireLedger(ctx).db;
  const now = ctx.now();
  const st = { at: now.toISOString(), actor: ctx.actor, today: dayOf(now) };
  try {
    return db.transaction(() => fn(db, st))();
  } catch (e) {
    throw fromSql(e);
  }
}

function read<T>(ctx: ApiContext, fn: (db: Database) => T): T {
  return fn(requireLedger(ctx).db);
}

export const payrunHandlers: HandlerMap<PayRunMethod> = {
  'payrun.draft': (ctx, i) => write(ctx, (db, st) => draftPayRun(db, i, st)),
  'payrun.get': (ctx, i) => read(ctx, (db) => getPayRun(db, i.id)),
  'payrun.list': (ctx, i) => read(ctx, (db) => listPayRuns(db, i.clientId)),
  'payrun.approve': (ctx, i) => write(ctx, (db, st) => approvePayRun(db, i, st)),
  'payrun.post': (ctx, i) => write(ctx, (db, st) => postPayRun(db, i.id, st)),
  'payrun.reverse': (ctx, i) => write(ctx, (db, st) => reversePayRun(db, i.id, i.reason, st)),
};
