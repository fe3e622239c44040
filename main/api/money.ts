/** Handlers for funders, clients, the journal, balances and alerts. Every write is one transaction. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { dayOf } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import type { Method } from '../../shared/contract';
import type { moneyContract } from '../../shared/contract-money';
import {
  createBankAccount,
  createClient,
  createFunder,
  createPayee,
  createSchedule,
  endSchedule,
  getBankAccount,
  getClient,
  getFunder,
  listBankAccounts,
  listClientRows,
  listFunders,
  listPayees,
  listSchedules,
  setClientStatus,
  updateClient,
  updateFunder,
} from '../clients/repo';
import { clientMoney } from '../ledger/alerts';
import { accountBalances, bankBalances, scheduleRows, weeklyFunding } from '../ledger/balances';
import { weeksHeld } from '../ledger/rules';
import { readEntry, type Stamp } from '../ledger/journal';
import {
  addAttachment,
  closePeriod,
  endClient,
  getAttachmentData,
  listAttachments,
  periodStatus,
  recordPayment,
  recordReceipt,
  reverseEntry,
  transactionsPage,
} from '../ledger/operations';
import { fromSql } from '../ledger/sql-errors';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';
import type { HandlerMap } from './types';

type MoneyMethod = keyof typeof moneyContract & Method;

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

function read<T>(ctx: ApiContext, fn: (db: Database, today: string) => T): T {
  return fn(requireLedger(ctx).db, dayOf(ctx.now()));
}

export const moneyHandlers: HandlerMap<MoneyMethod> = {
  'funder.list': (ctx) => read(ctx, (db) => listFunders(db)),
  'funder.create': (ctx, i) => write(ctx, (db, st) => createFunder(db, i, st)),
  'funder.update': (ctx, i) => write(ctx, (db, st) => updateFunder(db, i, st)),

  'client.list': (ctx, i) =>
    read(ctx, (db, today) => {
      const asOf = i.asOf ?? today;
      const money = new Map(clientMoney(db, asOf).map((m) => [m.clientId, m]));
      const funderNames = new Map(listFunders(db).map((f) => [f.id, f.name]));
      return listClientRows(db).map((c) => {
        const m = money.get(c.id);
        return {
          id: c.id,
          name: c.name,
          preferredName: c.preferredName,
          councilReference: c.councilReference,
          funderIds: c.funderIds,
          funderNames: c.funderIds.map((f) => funderNames.get(f) ?? `Funder ${f}`),
          arrangement: c.arrangement,
          status: c.status,
          balance: m?.balance ?? 0,
          weeksHeld: m?.weeksHeld ?? null,
          alertKinds: [...new Set((m?.alerts ?? []).map((a) => a.kind))],
        };
      });
    }),
  'client.get': (ctx, i) =>
    read(ctx, (db, today) => {
      const asOf = i.asOf ?? today;
      const client = getClient(db, i.id);
      const m = clientMoney(db, asOf, i.id)[0]!;
      return {
        client,
        funders: client.funderIds.map((f) => getFunder(db, f)),
        bankAccount: getBankAccount(db, client.bankAccountId),
        asOf,
        balance: m.balance,
        weeklyFunding: m.weeklyFunding,
        weeksHeld: m.weeksHeld,
        alerts: m.alerts,
        accounts: accountBalances(db, i.id, asOf),
        schedules: listSchedules(db, i.id),
        expected: m.due.map((d) => {
          const s = listSchedules(db, i.id).find((x) => x.id === d.scheduleId);
          return {
            scheduleId: d.scheduleId,
            source: s?.source ?? 'council',
            dueDate: d.dueDate,
            expected: d.expected,
            receivedEntryId: d.received?.entryId ?? null,
            receivedDate: d.received?.date ?? null,
            received: d.received?.amount ?? null,
            status: d.status,
          };
        }),
        contributions: m.contributions,
        payees: listPayees(db, i.id),
        attachments: listAttachments(db, i.id),
      };
    }),
  'client.create': (ctx, i) => write(ctx, (db, st) => createClient(db, i, st)),
  'client.update': (ctx, i) => write(ctx, (db, st) => updateClient(db, i.id, i.patch, st)),
  'client.setStatus': (ctx, i) =>
    write(ctx, (db, st) => {
      const c = getClient(db, i.id);
      if (c.status === 'ended') throw new StewardError('CONFLICT', `${c.name}'s account has ended; it cannot be reopened.`, { where: 'id' });
      return setClientStatus(db, i.id, i.status, null, i.reason, st);
    }),
  'client.end': (ctx, i) => write(ctx, (db, st) => endClient(db, i, st)),

  'bankAccount.list': (ctx) => read(ctx, (db, today) => listBankAccounts(db, today)),
  'bankAccount.create': (ctx, i) => write(ctx, (db, st) => createBankAccount(db, i, st)),

  'schedule.create': (ctx, i) => write(ctx, (db, st) => createSchedule(db, i, st)),
  'schedule.end': (ctx, i) => write(ctx, (db, st) => endSchedule(db, i.id, i.endDate, st)),

  'payee.list': (ctx, i) => read(ctx, (db) => listPayees(db, i.clientId)),
  'payee.create': (ctx, i) => write(ctx, (db, st) => createPayee(db, i, st)),

  'receipt.add': (ctx, i) => write(ctx, (db, st) => recordReceipt(db, i, st)),
  'payment.add': (ctx, i) => write(ctx, (db, st) => recordPayment(db, i, st)),
  'entry.reverse': (ctx, i) => write(ctx, (db, st) => reverseEntry(db, i, st)),
  'entry.get': (ctx, i) => read(ctx, (db) => readEntry(db, i.id)),
  'transactions.page': (ctx, i) => read(ctx, (db) => transactionsPage(db, i.clientId, i.offset, i.limit)),

  'balance.asOf': (ctx, i) =>
    read(ctx, (db) => {
      const clients = i.clientId === undefined ? listClientRows(db) : [getClient(db, i.clientId)];
      const balances = bankBalances(db, i.asOf);
      const weekly = weeklyFunding(scheduleRows(db, i.clientId), i.asOf);
      const rows = clients.map((c) => {
        const balance = balances.get(c.id) ?? 0;
        const wf = weekly.get(c.id) ?? 0;
        return { id: c.id, clientId: c.id, name: c.name, balance, weeklyFunding: wf, weeksHeld: weeksHeld(balance, wf) };
      });
      return { asOf: i.asOf, clients: rows, total: rows.reduce((t, r) => t + r.balance, 0) };
    }),
  'alerts.scan': (ctx, i) =>
    read(ctx, (db, today) => {
      const asOf = i.asOf ?? today;
      return { asOf, alerts: clientMoney(db, asOf).flatMap((m) => m.alerts) };
    }),

  'period.status': (ctx) => read(ctx, (db) => periodStatus(db)),
  'period.close': (ctx, i) => write(ctx, (db, st) => closePeriod(db, i.through, st)),

  'attachment.add': (ctx, i) => write(ctx, (db, st) => addAttachment(db, i, st)),
  'attachment.get': (ctx, i) => read(ctx, (db) => getAttachmentData(db, i.id)),

  'audit.list': (ctx, i) =>
    read(ctx, (db) => {
      const where: string[] = [];
      const args: unknown[] = [];
      if (i.entity !== undefined) {
        where.push('entity = ?');
        args.push(i.entity);
      }
      if (i.entityId !== undefined) {
        where.push('entity_id = ?');
        args.push(i.entityId);
      }
      const rows = db
        .prepare(`SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
        .all(...args, i.limit) as Array<{ id: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; before_json: string | null; after_json: string | null }>;
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
        after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
      }));
    }),
};
