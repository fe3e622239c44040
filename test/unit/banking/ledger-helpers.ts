/** Builders for the banking ledger tests: a temp ledger with a pooled and a dedicated account. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BankAccount, Client, Funder } from '../../../shared/contract-money';
import type { ImportResult } from '../../../shared/contract-banking';
import { fixedClock } from '../../fixtures/clock';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';

export interface BankEnv {
  env: TestEnv;
  db: Database;
  funder: Funder;
  pooled: BankAccount;
  ann: Client;
  bob: Client;
  /** A client with a dedicated account of her own. */
  cat: Client;
  catBank: number;
}

export async function bankEnv(): Promise<BankEnv> {
  const env = await openTestLedger();
  env.clock.set('2026-05-01T09:00:00.000Z');
  void fixedClock;
  const funder = await env.call<Funder>('funder.create', { name: 'St Helens Council', kind: 'council', rules: {} });
  const pooled = await env.call<BankAccount>('bankAccount.create', { name: 'Client pool', kind: 'pooled', sortCode: '20-00-00', accountNumber: '12345678' });
  const mk = (name: string, bankAccountId?: number) =>
    env.call<Client>('client.create', { name, funderIds: [funder.id], startDate: '2026-04-01', dateOfBirth: '1980-05-01', ...(bankAccountId ? { bankAccountId } : {}) });
  const ann = await mk('Ann Archer', pooled.id);
  const bob = await mk('Bob Baker', pooled.id);
  const cat = await mk('Cat Cole');
  return { env, db: env.ctx.session.ledger!.db, funder, pooled, ann, bob, cat, catBank: cat.bankAccountId };
}

export function closeEnv(b: BankEnv | undefined): void {
  if (!b) return;
  b.env.ctx.session.ledger?.close();
  b.env.ctx.session.ledger = null;
}

export const b64 = (s: string | Uint8Array): string => Buffer.from(typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');

/** A generic-preset CSV: rows of [date, description, amount (pounds text), balance?]. */
export function csv(rows: Array<[string, string, string, string?]>): string {
  return ['Date,Description,Amount,Balance', ...rows.map(([d, t, a, bal]) => `${d},${t},${a},${bal ?? ''}`)].join('\n') + '\n';
}

export async function importCsv(b: BankEnv, bankAccountId: number, text: string, fileName = 'statement.csv'): Promise<ImportResult> {
  return b.env.call<ImportResult>('bank.import', { bankAccountId, fileName, base64: b64(text), preset: 'generic' });
}

export function count(db: Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

const TABLES = ['bank_lines', 'bank_imports', 'bank_matches', 'audit_log', 'journal_entries', 'reconciliations', 'payment_batches'] as const;

export function snapshot(db: Database): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(TABLES.map((t) => [t, count(db, t)])) as Record<(typeof TABLES)[number], number>;
}

export async function receipt(b: BankEnv, clientId: number, date: string, amount: number, reference = ''): Promise<number> {
  const r = await b.env.call<{ entry: { id: number } }>('receipt.add', { clientId, date, amount, source: 'council', reference });
  return r.entry.id;
}

export async function payment(b: BankEnv, clientId: number, date: string, amount: number, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await b.env.call<{ entry: { id: number } }>('payment.add', {
    clientId,
    date,
    amount,
    payeeName: 'Bright Care Agency',
    category: 'agency',
    authorisations: [{ by: 'Ann Archer', method: 'email' }],
    ...extra,
  });
  return r.entry.id;
}
