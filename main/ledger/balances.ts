/**
 * Balances read straight from the journal (no cached totals to drift): per client and account as
 * at any date, the pooled-account totals, liabilities, recent spending and weekly funding.
 * Amounts are signed pence (debit positive). A client's "balance" is its bank share.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { weeklyEquivalent, type Cadence } from '../../shared/domain';

/** Bank share of every client as at a date (clients with no lines are 0). */
export function bankBalances(db: Database, asOf: string): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT a.client_id AS c, (SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l WHERE l.account_id = a.id AND l.date <= ?) AS t
         FROM accounts a WHERE a.bank_account_id IS NOT NULL`,
    )
    .all(asOf) as Array<{ c: number; t: number }>;
  return new Map(rows.map((r) => [r.c, r.t]));
}

export function bankBalance(db: Database, clientId: number, asOf: string): number {
  const r = db
    .prepare(
      `SELECT COALESCE(SUM(l.amount), 0) AS t FROM journal_lines l
        WHERE l.account_id = (SELECT id FROM accounts WHERE client_id = ? AND code = 'bank') AND l.date <= ?`,
    )
    .get(clientId, asOf) as { t: number };
  return r.t;
}

/** Every account of one client with its balance as at a date. */
export function accountBalances(db: Database, clientId: number, asOf: string): Array<{ id: number; code: string; name: string; type: string; balance: number }> {
  return db
    .prepare(
      `SELECT a.id, a.code, a.name, a.type,
              (SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l WHERE l.account_id = a.id AND l.date <= ?) AS balance
         FROM accounts a WHERE a.client_id = ? ORDER BY a.id`,
    )
    .all(asOf, clientId) as Array<{ id: number; code: string; name: string; type: string; balance: number }>;
}

/** Sum of the clients' shares of one bank account as at a date. */
export function bankAccountBalance(db: Database, bankAccountId: number, asOf: string): number {
  const r = db
    .prepare(
      `SELECT COALESCE(SUM(l.amount), 0) AS t FROM accounts a JOIN journal_lines l ON l.account_id = a.id
        WHERE a.bank_account_id = ? AND l.date <= ?`,
    )
    .get(bankAccountId, asOf) as { t: number };
  return r.t;
}

export interface ClientLiabilities {
  unpaid: number;
  holidayAccrued: number;
  redundancyReserve: number;
}

const UNPAID_CODES = ['liability:paye-ni', 'liability:pension', 'liability:net-wages', 'liability:invoices'];

/** Liabilities per client as at a date, as positive pence (credit balances negated). */
export function liabilities(db: Database, asOf: string, clientId?: number): Map<number, ClientLiabilities> {
  const rows = db
    .prepare(
      `SELECT a.client_id AS c, a.code, (SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l WHERE l.account_id = a.id AND l.date <= ?) AS t
         FROM accounts a
        WHERE a.code IN ('liability:paye-ni','liability:pension','liability:net-wages','liability:invoices','liability:holiday-accrual','equity:redundancy-reserve')
          ${clientId === undefined ? '' : 'AND a.client_id = ?'}`,
    )
    .all(...(clientId === undefined ? [asOf] : [asOf, clientId])) as Array<{ c: number; code: string; t: number }>;
  const out = new Map<number, ClientLiabilities>();
  for (const r of rows) {
    let v = out.get(r.c);
    if (!v) out.set(r.c, (v = { unpaid: 0, holidayAccrued: 0, redundancyReserve: 0 }));
    const owed = -r.t;
    if (UNPAID_CODES.includes(r.code)) v.unpaid += owed;
    else if (r.code === 'liability:holiday-accrual') v.holidayAccrued += owed;
    else v.redundancyReserve += owed;
  }
  return out;
}

/** Spending (expense debits less credits) per client with from < date <= to. */
export function spending(db: Database, from: string, to: string, clientId?: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT a.client_id AS c, (SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l WHERE l.account_id = a.id AND l.date > ? AND l.date <= ?) AS t
         FROM accounts a WHERE a.code >= 'expense:' AND a.code < 'expense;' ${clientId === undefined ? '' : 'AND a.client_id = ?'}`,
    )
    .all(...(clientId === undefined ? [from, to] : [from, to, clientId])) as Array<{ c: number; t: number }>;
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.c, (out.get(r.c) ?? 0) + r.t);
  return out;
}

export interface ScheduleRowLite {
  id: number;
  client_id: number;
  source: 'council' | 'contribution';
  funder_id: number | null;
  amount: number;
  cadence: Cadence;
  first_date: string;
  end_date: string | null;
}

export function scheduleRows(db: Database, clientId?: number): ScheduleRowLite[] {
  return (
    clientId === undefined
      ? db.prepare('SELECT id, client_id, source, funder_id, amount, cadence, first_date, end_date FROM schedules ORDER BY client_id, id').all()
      : db.prepare('SELECT id, client_id, source, funder_id, amount, cadence, first_date, end_date FROM schedules WHERE client_id = ? ORDER BY id').all(clientId)
  ) as ScheduleRowLite[];
}

/** Weekly funding: the weekly equivalents of the council and contribution schedules running on a date. */
export function weeklyFunding(schedules: readonly ScheduleRowLite[], asOf: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of schedules) {
    if (s.first_date > asOf || (s.end_date !== null && s.end_date < asOf)) continue;
    out.set(s.client_id, (out.get(s.client_id) ?? 0) + weeklyEquivalent(s.amount, s.cadence));
  }
  return out;
}

/**
 * The most a client can pay on `date` without its bank share going below zero on that date or any
 * later date already in the ledger (a back-dated payment must not overdraw the later days).
 */
export function availableFunds(db: Database, clientId: number, date: string): number {
  const acct = db.prepare("SELECT id FROM accounts WHERE client_id = ? AND code = 'bank'").get(clientId) as { id: number };
  const at = (db.prepare('SELECT COALESCE(SUM(amount), 0) AS t FROM journal_lines WHERE account_id = ? AND date <= ?').get(acct.id, date) as { t: number }).t;
  let running = at;
  let min = at;
  for (const r of db.prepare('SELECT SUM(amount) AS t FROM journal_lines WHERE account_id = ? AND date > ? GROUP BY date ORDER BY date').iterate(acct.id, date) as IterableIterator<{ t: number }>) {
    running += r.t;
    if (running < min) min = running;
  }
  return min;
}
