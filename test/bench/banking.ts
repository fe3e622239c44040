/**
 * The banking benchmark (issue 7): on the synthetic organisation ledger (test/bench/org-ledger.ts
 * builds the same one: 500 clients over 3 years), make bank statements from the ledger's own most
 * recent 50,000 bank movements (dates shifted 0–2 days later, as a bank shows them, plus a bank
 * charge per account that is in no ledger), one CSV per bank account, and time importing them all
 * through the api in one `bank.importMany` (decode, parse, de-duplicate, store, audit, auto-match),
 * then a second import of the same files one `bank.import` each (every line skipped as a duplicate).
 */
import path from 'node:path';
import { createContext } from '../../main/api/create-context';
import { dispatch } from '../../main/api';
import type { ApiContext } from '../../main/api/context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import type { ImportResult } from '../../shared/contract-banking';
import { addDays } from '../../shared/dates';
import { buildLedger } from '../fixtures/build-ledger';
import type { TargetRow } from './org-ledger';

export interface BankingBenchOptions {
  seed: number;
  clients: number;
  years: number;
  from: string;
  to: string;
  lines: number;
  passphrase: string;
  log: (s: string) => void;
}

export const BANKING_DEFAULTS = { lines: 50_000 } as const;

const int = (x: number): string => Math.round(x).toLocaleString('en-GB');

async function call<T>(ctx: ApiContext, method: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, method as never, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function pounds(p: number): string {
  const a = Math.abs(p);
  return `${p < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export async function benchBanking(dir: string, o: BankingBenchOptions): Promise<TargetRow[]> {
  const file = path.join(dir, 'org.steward');
  o.log(`  building ${o.clients} clients over ${o.years} years …\n`);
  const built = buildLedger(file, o.passphrase, { seed: o.seed, clients: o.clients, years: o.years, from: o.from, to: o.to });
  built.handle?.close();
  o.log(`  built: ${int(built.lines)} lines, ${int(built.entries)} entries in ${built.seconds.toFixed(1)} s\n`);
  const now = `${addDays(o.to, 10)}T09:00:00.000Z`;
  const ctx = createContext({ mode: 'test', dataDir: path.join(dir, 'data'), prefs: new MemoryPrefsStore(), now: () => new Date(now), actor: 'bench' });
  await call(ctx, 'ledger.unlock', { path: file, passphrase: o.passphrase });
  const db = ctx.session.ledger!.db;
  const recent = db
    .prepare(
      `SELECT e.id, e.date, e.bank_amount AS amount, a.bank_account_id AS bank, COALESCE(p.name, e.source, e.kind) AS who, e.reference
         FROM journal_entries e JOIN accounts a ON a.client_id = e.client_id AND a.code = 'bank'
         LEFT JOIN payees p ON p.id = e.payee_id
        WHERE e.bank_amount <> 0 ORDER BY e.date DESC, e.id DESC LIMIT ?`,
    )
    .all(o.lines) as Array<{ id: number; date: string; amount: number; bank: number; who: string; reference: string }>;
  const byBank = new Map<number, string[]>();
  let k = 0;
  for (const e of recent.reverse()) {
    const shift = k++ % 3;
    const rows = byBank.get(e.bank) ?? [];
    if (!byBank.has(e.bank)) byBank.set(e.bank, rows);
    rows.push(`${addDays(e.date, shift)},"${`${e.who} ${e.reference}`.replace(/"/g, '""').trim()}",${pounds(e.amount)},`);
  }
  const files = [...byBank].map(([bank, rows]) => {
    rows.push(`${o.to},SERVICE CHARGE,-4.50,`);
    return { bank, lines: rows.length, base64: Buffer.from(['Date,Description,Amount,Balance', ...rows].join('\n') + '\n', 'utf8').toString('base64') };
  });
  const totalLines = files.reduce((t, f) => t + f.lines, 0);
  o.log(`  ${int(totalLines)} statement lines in ${files.length} statements (one per bank account)\n`);

  const req = files.map((f) => ({ bankAccountId: f.bank, fileName: `bank-${f.bank}.csv`, base64: f.base64, preset: 'generic' }));
  // (a) every statement in one bank.importMany call (one transaction, one commit).
  const t0 = performance.now();
  const many = await call<{ ok: boolean; results: ImportResult[] }>(ctx, 'bank.importMany', { files: req });
  const s1 = (performance.now() - t0) / 1000;
  const imported = many.results.reduce((t, r) => t + r.imported, 0);
  const matched = many.results.reduce((t, r) => t + r.autoMatched, 0);
  o.log(`  importMany + auto-match: ${int(imported)} lines in ${s1.toFixed(2)} s, ${int(matched)} auto-matched\n`);

  // (b) the same statements again, one bank.import each (a transaction and commit per file): all duplicates.
  const t1 = performance.now();
  let skipped = 0;
  for (const r of req) skipped += (await call<ImportResult>(ctx, 'bank.import', r)).skipped.length;
  const s2 = (performance.now() - t1) / 1000;

  const biggest = files.reduce((a, b) => (b.lines > a.lines ? b : a));
  const t2 = performance.now();
  await call(ctx, 'bank.reconcile', { bankAccountId: biggest.bank, date: o.to, statementBalance: 0 });
  const s3 = (performance.now() - t2) / 1000;

  ctx.session.disarm();
  ctx.session.ledger?.close();
  ctx.session.ledger = null;
  return [
    {
      what: `import ${int(imported)} bank lines and auto-match them`,
      figure: `${int(imported / s1)} lines/s`,
      runs: 1,
      target: '< 10 s in all',
      status: s1 < 10 ? 'MET' : 'MISSED',
      note: `${s1.toFixed(2)} s for ${files.length} statements (one per bank account) in one bank.importMany (decode, parse, de-duplicate, store, audit, auto-match; one commit); ${int(matched)} auto-matched (${((100 * matched) / imported).toFixed(1)}%), the rest ambiguous (equal amounts within the window) or in no ledger`,
    },
    {
      what: 're-import the same statements, one bank.import each',
      figure: `${s2.toFixed(2)} s`,
      runs: 1,
      target: '',
      status: '',
      note: `${int(skipped)} lines skipped as duplicates; ${files.length} transactions, so ${files.length} commits (each waits for the disk)`,
    },
    { what: `reconcile the busiest account (${int(biggest.lines)} lines)`, figure: `${(s3 * 1000).toFixed(0)} ms`, runs: 1, target: '', status: '', note: 'dry run, with the uncleared items listed' },
  ];
}
