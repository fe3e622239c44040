/**
 * The organisation benchmark: a 500-client, 3-year ledger (over a million journal lines) built
 * with test/fixtures/build-ledger.ts, then the everyday reads timed through the api on a fresh
 * context, as the app calls them. Each figure is set against its target and marked MET or MISSED.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createContext } from '../../main/api/create-context';
import { dispatch } from '../../main/api';
import type { ApiContext } from '../../main/api/context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import { verifyJournalChain } from '../../main/ledger/journal';
import { openLedgerFile } from '../../main/store/ledger-file';
import type { Method } from '../../shared/contract';
import { buildLedger } from '../fixtures/build-ledger';

export interface TargetRow {
  what: string;
  figure: string;
  runs: number;
  target: string;
  status: 'MET' | 'MISSED' | '';
  note: string;
}

export interface OrgBenchOptions {
  seed: number;
  clients: number;
  years: number;
  from: string;
  to: string;
  passphrase: string;
  /** As-at date for balances and the alert scan (the app's "today"). */
  asOf: string;
  log: (s: string) => void;
}

export const ORG_DEFAULTS = { seed: 2026, clients: 500, years: 3, from: '2023-04-03', to: '2026-04-05', asOf: '2026-04-05' } as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const int = (x: number): string => Math.round(x).toLocaleString('en-GB');

async function call<T>(ctx: ApiContext, method: Method, input: unknown): Promise<T> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function freshContext(dir: string, now: string): ApiContext {
  return createContext({ mode: 'test', dataDir: path.join(dir, 'data'), prefs: new MemoryPrefsStore(), now: () => new Date(now), actor: 'bench' });
}

/** Close the session's ledger without the automatic backup that 'ledger.lock' makes. */
function release(ctx: ApiContext): void {
  ctx.session.disarm();
  ctx.session.ledger?.close();
  ctx.session.ledger = null;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ t: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { t: performance.now() - t0, value };
}

async function medianOf(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; first: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push((await timed(fn)).t);
  return { median: median(all), first: all[0]!, all };
}

export async function benchOrgLedger(dir: string, o: OrgBenchOptions): Promise<TargetRow[]> {
  const rows: TargetRow[] = [];
  const file = path.join(dir, 'org.steward');
  const now = `${o.asOf}T09:00:00.000Z`;

  // ---- Build.
  o.log(`  building ${o.clients} clients over ${o.years} years …\n`);
  const cpu0 = process.cpuUsage();
  const built = buildLedger(file, o.passphrase, {
    seed: o.seed,
    clients: o.clients,
    years: o.years,
    from: o.from,
    to: o.to,
    onBatch: (b) => o.log(`    ${b.to}: ${int(b.lines)} lines in ${b.seconds.toFixed(2)} s\n`),
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = built.lines / built.seconds;
  const importRate = built.lines / built.importSeconds;
  rows.push({
    what: 'build the organisation ledger',
    figure: `${int(rate)} lines/s`,
    runs: 1,
    target: '>= 100,000 lines/s',
    status: rate >= 100_000 ? 'MET' : 'MISSED',
    note:
      `${int(built.lines)} lines, ${int(built.entries)} entries, ${built.seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU = ${int(built.lines / cpuSeconds)} lines per CPU-second ` +
      `(importEntries ${built.importSeconds.toFixed(1)} s = ${int(importRate)} lines/s in ${built.batches} transactions; ` +
      `generator ${built.generateSeconds.toFixed(1)} s; set-up ${built.setupSeconds.toFixed(1)} s; create ${built.createSeconds.toFixed(1)} s)`,
  });
  const mb = built.fileBytes / 1024 / 1024;
  rows.push({ what: 'ledger file size', figure: `${mb.toFixed(0)} MB`, runs: 1, target: '', status: '', note: `${int(built.fileBytes / built.lines)} bytes per journal line, indexes and entries included` });
  o.log(`  built: ${int(built.lines)} lines in ${built.seconds.toFixed(1)} s, ${mb.toFixed(0)} MB\n`);

  // ---- Unlock on a fresh api context (key derivation + quick_check + migrations check).
  const unlockTimes: number[] = [];
  let ctx = freshContext(dir, now);
  for (let i = 0; i < 3; i++) {
    ctx = freshContext(dir, now);
    unlockTimes.push((await timed(() => call(ctx, 'ledger.unlock', { path: file, passphrase: o.passphrase }))).t);
    if (i < 2) release(ctx);
  }
  release(ctx);
  const noCheck: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    openLedgerFile(file, o.passphrase, { skipQuickCheck: true }).close();
    noCheck.push(performance.now() - t0);
  }
  ctx = freshContext(dir, now);
  await call(ctx, 'ledger.unlock', { path: file, passphrase: o.passphrase });
  rows.push({
    what: `unlock and open the ${mb.toFixed(0)} MB ledger (api)`,
    figure: ms(median(unlockTimes)),
    runs: unlockTimes.length,
    target: '',
    status: '',
    note: `of which quick_check ~${ms(median(unlockTimes) - median(noCheck))} (open without it: ${ms(median(noCheck))}, mostly the KDF)`,
  });

  // ---- Balances of every client as at a date.
  const asOfBalances = '2026-03-31';
  type Bal = { clients: Array<{ balance: number }> };
  const bal = await medianOf(9, () => call<Bal>(ctx, 'balance.asOf', { asOf: asOfBalances }));
  const balValue = await call<Bal>(ctx, 'balance.asOf', { asOf: asOfBalances });
  const negatives = balValue.clients.filter((c) => c.balance < 0).length;
  rows.push({
    what: `balances of all ${o.clients} clients as at a date`,
    figure: ms(bal.median),
    runs: bal.all.length,
    target: '< 200 ms',
    status: bal.median < 200 ? 'MET' : 'MISSED',
    note: `first (cold) ${ms(bal.first)}; ${negatives} clients below zero`,
  });

  // ---- One client's transaction page (the busiest client), newest first with running balance.
  const busiest = [...built.books.clients].sort((a, b) => b.weeklyBudget * (b.pas.length + 1) - a.weeklyBudget * (a.pas.length + 1))[0]!;
  const clientId = built.clientIds[busiest.index]!;
  type Page = { total: number };
  const page = await medianOf(21, () => call<Page>(ctx, 'transactions.page', { clientId, offset: 0, limit: 50 }));
  const total = (await call<Page>(ctx, 'transactions.page', { clientId, offset: 0, limit: 50 })).total;
  const deep = await medianOf(9, () => call(ctx, 'transactions.page', { clientId, offset: Math.max(0, total - 50), limit: 50 }));
  rows.push({
    what: "one client's transaction page (50 rows, running balance)",
    figure: ms(page.median),
    runs: page.all.length,
    target: '< 20 ms',
    status: page.median < 20 ? 'MET' : 'MISSED',
    note: `client ${clientId} with ${int(total)} bank entries; last page ${ms(deep.median)}`,
  });

  // ---- The alert scan across all clients.
  type Scan = { alerts: Array<{ kind: string }> };
  const scan = await medianOf(7, () => call<Scan>(ctx, 'alerts.scan', { asOf: o.asOf }));
  const alerts = (await call<Scan>(ctx, 'alerts.scan', { asOf: o.asOf })).alerts;
  const kinds = new Map<string, number>();
  for (const a of alerts) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  rows.push({
    what: `alert scan across all ${o.clients} clients`,
    figure: ms(scan.median),
    runs: scan.all.length,
    target: '< 500 ms',
    status: scan.median < 500 ? 'MET' : 'MISSED',
    note: `${alerts.length} alerts: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`,
  });

  // ---- Verify: integrity_check, then the hash chain walk (and the audit chain).
  type Verify = { ok: boolean; problems: unknown[] };
  const v = await timed(() => call<Verify>(ctx, 'ledger.verify', {}));
  const h = ctx.session.ledger!;
  const t0 = performance.now();
  const chain = verifyJournalChain(h.db);
  const chainMs = performance.now() - t0;
  const t1 = performance.now();
  h.db.pragma('integrity_check');
  const integrityMs = performance.now() - t1;
  rows.push({
    what: 'ledger.verify (integrity_check + hash chains)',
    figure: ms(v.t),
    runs: 1,
    target: '',
    status: '',
    note: `${v.value.ok && chain === null ? 'clean' : 'PROBLEMS FOUND'}; journal chain walk alone ${ms(chainMs)} (${int(built.entries / (chainMs / 1000))} entries/s), integrity_check alone ${ms(integrityMs)}`,
  });
  release(ctx);
  fs.rmSync(path.join(dir, 'data'), { recursive: true, force: true });
  return rows;
}

export function printTargetTable(title: string, rows: TargetRow[]): void {
  const w = [Math.max(4, ...rows.map((r) => r.what.length)), Math.max(6, ...rows.map((r) => r.figure.length)), 4, Math.max(6, ...rows.map((r) => r.target.length)), 6];
  const line = (a: string, b: string, c: string, d: string, e: string, f: string) =>
    `| ${a.padEnd(w[0]!)} | ${b.padStart(w[1]!)} | ${c.padStart(w[2]!)} | ${d.padEnd(w[3]!)} | ${e.padEnd(w[4]!)} | ${f}`;
  console.log(`\n${title}\n`);
  console.log(line('what', 'figure', 'runs', 'target', 'status', 'note'));
  console.log(line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), '-'.repeat(w[3]!), '-'.repeat(w[4]!), '---'));
  for (const r of rows) console.log(line(r.what, r.figure, String(r.runs), r.target, r.status, r.note));
}
