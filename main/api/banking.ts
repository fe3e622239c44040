/** Handlers for banking (contract-banking.ts). Every write is one transaction. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Method } from '../../shared/contract';
import type { bankingContract } from '../../shared/contract-banking';
import { dayOf } from '../../shared/dates';
import type { Stamp } from '../banking/ledger-common';
import { importMany, importStatement, listImports, listLines, listPresets, previewStatement, savePreset } from '../banking/ledger-import';
import { autoMatch, createEntryFromLine, match, splitLine, suggestions, unmatch } from '../banking/ledger-match';
import { batchFile, candidates, createBatch, getBatch, listBatches, markSent } from '../banking/ledger-payments';
import { listReconciliations, reconcileCheck, reconcileConfirm, unreconcile } from '../banking/ledger-reconcile';
import { fromSql } from '../ledger/sql-errors';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';
import type { HandlerMap } from './types';

function stamp(ctx: ApiContext): Stamp {
  const now = ctx.now();
  return { at: now.toISOString(), actor: ctx.actor, today: dayOf(now) };
}

/** Run a write as one transaction: all of it lands, or none of it. */
function write<T>(ctx: ApiContext, fn: (db: Database, st: Stamp) => T): T {
  const db = requireLedger(ctx).db;
  const st = stamp(ctx);
  try {
    return db.transaction(() => fn(db, st))();
  } catch (e) {
    throw fromSql(e);
  }
}

function read<T>(ctx: ApiContext, fn: (db: Database) => T): T {
  try {
    return fn(requireLedger(ctx).db);
  } catch (e) {
    throw fromSql(e);
  }
}

export const bankingHandlers: HandlerMap<keyof typeof bankingContract & Method> = {
  'bank.preview': (ctx, i) => read(ctx, (db) => previewStatement(db, i)),
  'bank.presets': (ctx) => read(ctx, (db) => listPresets(db)),
  'bank.savePreset': (ctx, i) => write(ctx, (db, st) => savePreset(db, i, st)),
  'bank.import': (ctx, i) => write(ctx, (db, st) => importStatement(db, i, st)),
  'bank.importMany': (ctx, i) =>
    write(ctx, (db, st) => {
      const results = importMany(db, i.files, st);
      return { ok: results.every((r) => r.errors.length === 0), results };
    }),
  'bank.imports': (ctx, i) => read(ctx, (db) => listImports(db, i.bankAccountId)),
  'bank.lines': (ctx, i) => read(ctx, (db) => listLines(db, i)),
  'bank.suggestions': (ctx, i) => read(ctx, (db) => suggestions(db, i.bankLineId, i.limit)),
  'bank.match': (ctx, i) => write(ctx, (db, st) => match(db, i.bankLineId, i.entryIds, st)),
  'bank.unmatch': (ctx, i) => write(ctx, (db, st) => unmatch(db, i.bankLineId, i.reason, st)),
  'bank.createEntry': (ctx, i) => write(ctx, (db, st) => createEntryFromLine(db, i, st)),
  'bank.split': (ctx, i) => write(ctx, (db, st) => splitLine(db, i, st)),
  'bank.autoMatch': (ctx, i) => write(ctx, (db, st) => autoMatch(db, i.bankAccountId, st)),
  'bank.reconcile': (ctx, i) => read(ctx, (db) => reconcileCheck(db, i)),
  'bank.reconcileConfirm': (ctx, i) => write(ctx, (db, st) => reconcileConfirm(db, i, st)),
  'bank.unreconcile': (ctx, i) => write(ctx, (db, st) => unreconcile(db, i.reconciliationId, i.reason, st)),
  'bank.reconciliations': (ctx, i) => read(ctx, (db) => listReconciliations(db, i.bankAccountId)),
  'bank.paymentBatch.candidates': (ctx, i) => read(ctx, (db) => candidates(db, i.bankAccountId)),
  'bank.paymentBatch.create': (ctx, i) => write(ctx, (db, st) => createBatch(db, i.bankAccountId, i.paymentEntryIds, st)),
  'bank.paymentBatch.get': (ctx, i) => read(ctx, (db) => getBatch(db, i.batchId)),
  'bank.paymentBatch.list': (ctx, i) => read(ctx, (db) => listBatches(db, i.bankAccountId)),
  'bank.paymentBatch.file': (ctx, i) => read(ctx, (db) => batchFile(db, i.batchId)),
  'bank.paymentBatch.markSent': (ctx, i) => write(ctx, (db, st) => markSent(db, i.batchId, st)),
};
