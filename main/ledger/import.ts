/**
 * Bulk posting: many entries in one transaction, for imports (opening balances, bank statements,
 * historical journals) and pay runs. Each entry is checked as a single posting would be: its
 * client is open, every line posts to that client's own accounts, the period is open, a payment
 * names who authorised it, and no client's bank share goes below zero without a recorded
 * override. Running balances are kept in memory while entries arrive in date order per client;
 * a back-dated entry falls back to the full check against the ledger. One audit row records the
 * batch; the entries themselves carry the hash chain.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../shared/errors';
import { formatPence } from '../../shared/money';
import { audit } from '../api/audit';
import { availableFunds } from './balances';
import { chainHead, postEntry, type NewEntry, type Stamp } from './journal';

interface ClientState {
  name: string;
  status: string;
  bankAccountId: number;
  /** Latest date with a bank line, and the bank share at that date. */
  lastDate: string;
  balance: number;
}

export interface ImportResult {
  posted: number;
  lines: number;
  firstId: number | null;
  lastId: number | null;
}

export function importEntries(db: Database, entries: readonly NewEntry[], st: Stamp, label: string): ImportResult {
  // Accounts are looked up as entries name them (each once): a pay run names six, a year's import
  // thousands; loading every account in the ledger up front cost a small posting ~10 ms at 400 clients.
  const accountStmt = db.prepare('SELECT client_id, code FROM accounts WHERE id = ?');
  const accounts = new Map<number, { client: number; code: string } | null>();
  const account = (id: number): { client: number; code: string } | null => {
    let a = accounts.get(id);
    if (a === undefined) {
      const r = accountStmt.get(id) as { client_id: number; code: string } | undefined;
      a = r ? { client: r.client_id, code: r.code } : null;
      accounts.set(id, a);
    }
    return a;
  };
  const closed = (db.prepare('SELECT MAX(through) AS t FROM period_closes').get() as { t: string | null }).t;
  const clientStmt = db.prepare(
    `SELECT c.name, c.status, a.id AS bank,
            (SELECT MAX(date) FROM journal_lines l WHERE l.account_id = a.id) AS last_date,
            (SELECT COALESCE(SUM(amount), 0) FROM journal_lines l WHERE l.account_id = a.id) AS balance
       FROM clients c JOIN accounts a ON a.client_id = c.id AND a.code = 'bank' WHERE c.id = ?`,
  );
  const clients = new Map<number, ClientState>();
  const state = (id: number, where: string): ClientState => {
    let s = clients.get(id);
    if (!s) {
      const r = clientStmt.get(id) as { name: string; status: string; bank: number; last_date: string | null; balance: number } | undefined;
      if (!r) throw new StewardError('NOT_FOUND', `There is no client ${id}.`, { where });
      s = { name: r.name, status: r.status, bankAccountId: r.bank, lastDate: r.last_date ?? '0000-00-00', balance: r.balance };
      clients.set(id, s);
    }
    return s;
  };
  const head = chainHead(db);
  let lines = 0;
  let firstId: number | null = null;
  let lastId: number | null = null;
  entries.forEach((e, i) => {
    const where = `entry ${i + 1}`;
    const c = state(e.clientId, where);
    if (c.status === 'ended') throw new StewardError('CONFLICT', `${where}: ${c.name}'s account has ended.`, { where });
    if (closed !== null && e.date <= closed) throw new StewardError('PERIOD_CLOSED', `${where}: the books are closed through ${closed}.`, { where });
    let bankDelta = 0;
    for (const l of e.lines) {
      const a = account(l.accountId);
      if (!a || a.client !== e.clientId) throw new StewardError('FORBIDDEN', `${where}: a line posts to an account that is not ${c.name}'s.`, { where });
      if (a.code === 'bank') bankDelta += l.amount;
    }
    if (e.kind === 'payment' && !(e.authorisations && e.authorisations.length > 0)) {
      throw new StewardError('AUTHORISATION_REQUIRED', `${where}: a payment needs a record of who authorised it.`, { where });
    }
    if (bankDelta < 0) {
      const available = e.date >= c.lastDate ? c.balance : availableFunds(db, e.clientId, e.date);
      if (-bankDelta > available && !e.override) {
        throw new StewardError('INSUFFICIENT_FUNDS', `${where}: ${c.name} has ${formatPence(available)} available on ${e.date}; the entry takes ${formatPence(-bankDelta)}.`, {
          where,
          details: { available, amount: -bankDelta },
        });
      }
    }
    const id = postEntry(db, { ...e, bankAmount: bankDelta }, st, head);
    if (firstId === null) firstId = id;
    lastId = id;
    lines += e.lines.length;
    if (bankDelta !== 0) {
      c.balance += bankDelta;
      if (e.date > c.lastDate) c.lastDate = e.date;
    }
  });
  audit(db, { ...st, action: 'import', entity: 'journal', entityId: label, after: { entries: entries.length, lines, firstId, lastId } });
  return { posted: entries.length, lines, firstId, lastId };
}
