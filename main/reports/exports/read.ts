/**
 * What every export reads from the ledger, and how a long export keeps the app responsive.
 *
 * Journal lines are never loaded all at once: each client's lines in the period are read with
 * better-sqlite3's `.iterate()` (the journal_entries_client_date index gives them in date order)
 * and written out as they arrive. Each client's iterator is run to the end before the export
 * pauses (`breathe`), so the connection is never left busy mid-query while other api calls run.
 * Summaries (trial balance, client balances, pooled check) are small SQL aggregates.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { CLIENT_CHART } from '../../../shared/domain';
import { StewardError } from '../../../shared/errors';
import type { RunHooks } from '../types';

export interface ExportClient {
  id: number;
  name: string;
  bankAccountId: number;
  /** "C0012": the short code an accountant sees for the client in every export. */
  code: string;
}

/** "C0012" for client 12 (wider ids keep all their digits). */
export function clientCode(id: number): string {
  return `C${String(id).padStart(4, '0')}`;
}

export function exportClients(db: Database): ExportClient[] {
  const rows = db.prepare('SELECT id, name, bank_account_id AS bankAccountId FROM clients ORDER BY id').all() as Array<{ id: number; name: string; bankAccountId: number }>;
  return rows.map((r) => ({ ...r, code: clientCode(r.id) }));
}

/** One journal line with what an accountant needs beside it. Amount: signed pence, debit positive. */
export interface LineRow {
  entryId: number;
  date: string;
  kind: string;
  reference: string;
  memo: string;
  reverses: number | null;
  /** The entry that reversed this one, if any. */
  reversedBy: number | null;
  payee: string;
  code: string;
  accountName: string;
  amount: number;
  /** Only for payroll lines: the pay run the entry posted (or reversed). */
  payRun?: string | null;
}

const LINE_COLUMNS = `e.id AS entryId, e.date AS date, e.kind AS kind, e.reference AS reference, e.memo AS memo, e.reverses_id AS reverses,
  (SELECT r.id FROM journal_entries r WHERE r.reverses_id = e.id) AS reversedBy,
  COALESCE(p.name, '') AS payee, a.code AS code, a.name AS accountName, l.amount AS amount`;

/** A client's lines with from <= date <= to, in date, entry and line order. */
export function clientLinesStatement(db: Database): Statement {
  return db.prepare(
    `SELECT ${LINE_COLUMNS}
       FROM journal_entries e
       JOIN journal_lines l ON l.entry_id = e.id
       JOIN accounts a ON a.id = l.account_id
       LEFT JOIN payees p ON p.id = e.payee_id
      WHERE e.client_id = ? AND e.date >= ? AND e.date <= ?
      ORDER BY e.date, e.id, l.seq`,
  );
}

/**
 * A client's payroll lines (entries of kind "payroll") with the pay run each belongs to. The pay
 * run is looked up among the client's own runs (index pay_runs_client): pay_runs has no index on
 * entry_id, and a scan of every run per line would not scale.
 */
export function clientPayrollStatement(db: Database): Statement {
  return db.prepare(
    `SELECT ${LINE_COLUMNS},
            (SELECT 'Pay run ' || r.id || ': ' || r.period_start || ' to ' || r.period_end || ', paid ' || r.pay_date
               FROM pay_runs r WHERE r.client_id = e.client_id AND (r.entry_id = e.id OR r.reversal_entry_id = e.id) LIMIT 1) AS payRun
       FROM journal_entries e
       JOIN journal_lines l ON l.entry_id = e.id
       JOIN accounts a ON a.id = l.account_id
       LEFT JOIN payees p ON p.id = e.payee_id
      WHERE e.client_id = ? AND e.kind = 'payroll' AND e.date >= ? AND e.date <= ?
      ORDER BY e.date, e.id, l.seq`,
  );
}

/** How many journal lines fall in the period (the progress total). */
export function countLines(db: Database, from: string, to: string, payrollOnly = false): number {
  const r = payrollOnly
    ? (db.prepare(`SELECT COUNT(*) AS n FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.kind = 'payroll' AND e.date >= ? AND e.date <= ?`).get(from, to) as { n: number })
    : (db.prepare('SELECT COUNT(*) AS n FROM journal_lines WHERE date >= ? AND date <= ?').get(from, to) as { n: number });
  return r.n;
}

/** Per client and account: balance before `from`, debits and credits in the period (pence, credits positive). */
export interface ClientAccountTotals {
  clientId: number;
  code: string;
  name: string;
  type: string;
  opening: number;
  debits: number;
  credits: number;
}

export function clientAccountTotals(db: Database, from: string, to: string): ClientAccountTotals[] {
  return db
    .prepare(
      `SELECT a.client_id AS clientId, a.code AS code, a.name AS name, a.type AS type,
              SUM(CASE WHEN l.date < ? THEN l.amount ELSE 0 END) AS opening,
              SUM(CASE WHEN l.date >= ? AND l.amount > 0 THEN l.amount ELSE 0 END) AS debits,
              SUM(CASE WHEN l.date >= ? AND l.amount < 0 THEN -l.amount ELSE 0 END) AS credits
         FROM accounts a JOIN journal_lines l ON l.account_id = a.id AND l.date <= ?
        GROUP BY a.id
        ORDER BY a.client_id, a.id`,
    )
    .all(from, from, from, to) as ClientAccountTotals[];
}

const CHART_ORDER = new Map(CLIENT_CHART.map((c, i) => [c.code, i]));
/** Chart order (bank, income, expenses, liabilities, equity); unknown codes last, by name. */
export function byChart(a: string, b: string): number {
  const x = CHART_ORDER.get(a) ?? 1e6;
  const y = CHART_ORDER.get(b) ?? 1e6;
  return x !== y ? x - y : a.localeCompare(b);
}

/** The first day any ledger could hold (the lower bound of "the whole ledger"). */
export const BEGINNING = '1900-01-01';

/** The error a cancelled export throws (jobs.ts marks the job cancelled; writeViaTemp removes the temporary file). */
export function cancelled(): StewardError {
  return new StewardError('CONFLICT', 'The export was cancelled before it finished; no file was kept under its name.');
}

/** Lines between two progress reports (and cancel checks, and pauses). Tests lower it to cancel mid-export. */
export const PACING = { every: 5000 };

/**
 * Progress in journal lines: every ~5,000 lines it reports, checks for a cancel (throws), and lets
 * the event loop breathe. `pause` is an extra wait a streaming writer can add (to let its output
 * drain before more rows are made).
 */
export class Pacer {
  private done = 0;
  private lastReported = 0;
  constructor(
    private readonly hooks: RunHooks,
    readonly total: number,
    private readonly pause: () => Promise<void> = () => Promise.resolve(),
    private readonly every = PACING.every,
  ) {
    if (hooks.isCancelled?.()) throw cancelled();
    hooks.onProgress?.(0, total);
  }

  /** Count lines already written; pauses only at a block boundary (call between clients). */
  async step(lines: number): Promise<void> {
    this.done += lines;
    if (this.done - this.lastReported < this.every) return;
    this.lastReported = this.done;
    this.hooks.onProgress?.(Math.min(this.done, this.total), this.total);
    if (this.hooks.isCancelled?.()) throw cancelled();
    await this.pause();
    await (this.hooks.breathe ? this.hooks.breathe() : Promise.resolve());
    if (this.hooks.isCancelled?.()) throw cancelled();
  }

  finish(): void {
    this.hooks.onProgress?.(this.total, this.total);
  }
}
