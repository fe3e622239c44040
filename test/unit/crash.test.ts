/**
 * kill -9 in the middle of a command. The real built CLI (dist/main/cli.cjs, one process per
 * command) records receipts and payments one after another; this test is the driver: it records
 * each entry id a command reports once that command has exited 0, and now and then SIGKILLs the
 * running command at a different moment: as soon as it has spawned, on the n-th change to the
 * ledger's folder (the WAL being opened, the commit's frames being written, the checkpoint on
 * close), or as soon as it prints (committed, not yet closed). No sleeps: every kill waits on a
 * process or file-system event.
 *
 * What it asserts does not depend on where the kill landed:
 * - every entry reported as committed is in the ledger, with its amount;
 * - any other entry belongs to a killed command (at most one entry per command), and is whole;
 * - `steward verify` passes (no partial entry, chain intact);
 * - the balance equals the sum of the entries present: the reported ones plus any the killed
 *   commands managed to commit before they died.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { dispatch } from '../../main/api';
import { createContext } from '../../main/api/create-context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import type { Entry, TransactionRow } from '../../shared/contract-money';
import { fixedClock } from '../fixtures/clock';
import { PASSPHRASE } from '../fixtures/ledger';
import { tempDir } from '../fixtures/temp';

const BIN = path.resolve('dist/main/cli.cjs');

/** When to kill: never, on spawn, on the n-th change in the ledger's folder, or on first output. */
type Kill = 'none' | 'spawn' | 'stdout' | `fs${number}`;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI once; kill it with SIGKILL at the chosen moment. Resolves on 'close'. */
function runBuilt(args: string[], env: NodeJS.ProcessEnv, watchDir: string, kill: Kill): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let events = 0;
    const killNow = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const watcher = kill.startsWith('fs')
      ? fs.watch(watchDir, () => {
          events++;
          if (events === Number(kill.slice(2))) killNow();
        })
      : null;
    child.on('spawn', () => {
      if (kill === 'spawn') killNow();
    });
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString('utf8');
      if (kill === 'stdout') killNow();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
    });
    child.on('error', (e) => {
      watcher?.close();
      reject(e);
    });
    child.on('close', (code, signal) => {
      watcher?.close();
      resolve({ code, signal, stdout, stderr });
    });
  });
}

interface Op {
  n: number;
  kind: 'receipt' | 'payment';
  /** Pence; distinct per op so a stray entry could be told apart. */
  amount: number;
  reference: string;
  kill: Kill;
}

function argsFor(op: Op, ledger: string): string[] {
  const pounds = `${Math.trunc(op.amount / 100)}.${String(op.amount % 100).padStart(2, '0')}`;
  const common = ['--ledger', ledger, '--client', '1', '--date', '2026-04-06', '--reference', op.reference, '--json'];
  return op.kind === 'receipt'
    ? ['receipt', 'add', ...common, '--amount', pounds, '--source', 'council']
    : ['payment', 'add', ...common, '--amount', `£${pounds}`, '--payee', 'Bright Care Agency', '--category', 'agency', '--authorised-by', 'Ada Lovelace'];
}

describe('kill -9 during CLI writes', () => {
  it('loses no committed entry and leaves no partial one, wherever the kill lands', async () => {
    const dir = tempDir('steward-crash-');
    const ledgerDir = path.join(dir, 'ledger');
    fs.mkdirSync(ledgerDir);
    const ledger = path.join(ledgerDir, 'org.steward');
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);

    // Setup in-process: a ledger, a funder, a client.
    const setup = async (args: string[]) => {
      let err = '';
      const code = await runCli([...args, '--ledger', ledger], { stdout: () => undefined, stderr: (s) => (err += s), env: { STEWARD_PASSPHRASE: PASSPHRASE, STEWARD_DATA_DIR: dataDir }, now: fixedClock().now });
      expect(err).toBe('');
      expect(code).toBe(0);
    };
    await setup(['init', '--name', 'Crash Test Agency']);
    await setup(['funder', 'add', '--name', 'Kent County Council']);
    await setup(['client', 'add', '--name', 'Ada Lovelace', '--funder', '1', '--start-date', '2026-04-01']);

    // The run: two plain commits, then one command killed at the next moment in the list; repeated.
    // A receipt's folder events, measured: the WAL opened (1-2), ~13 frame writes of the commit
    // (3-15), then the checkpoint on close; stdout comes between the commit and the close.
    const kills: Kill[] = ['spawn', 'fs1', 'fs2', 'fs3', 'fs5', 'fs8', 'fs12', 'stdout', 'spawn', 'fs4'];
    const ops: Op[] = [];
    for (const k of kills) for (const kill of ['none', 'none', k] satisfies Kill[]) {
      const n = ops.length;
      // Rounds alternate R R P* and R P R* (* killed): receipts of £100+ and payments of £10+
      // keep the client in funds whatever the kills lost.
      const kind = n % 3 === (Math.floor(n / 3) % 2 === 0 ? 2 : 1) ? 'payment' : 'receipt';
      ops.push({ n, kind, amount: kind === 'receipt' ? 10_000 + n : 1_000 + n, reference: `crash-${n}`, kill });
    }

    const env = { ...process.env, STEWARD_PASSPHRASE: PASSPHRASE, STEWARD_DATA_DIR: dataDir };
    const committed = new Map<number, { op: Op; entry: Entry }>();
    const killed: Op[] = [];
    for (const op of ops) {
      const r = await runBuilt(argsFor(op, ledger), env, ledgerDir, op.kill);
      if (r.signal === 'SIGKILL') {
        killed.push(op);
        continue;
      }
      // Not killed (the kill came too late, or none was due): it must have succeeded.
      expect(r.stderr, `${op.reference}: ${r.stderr}`).toBe('');
      expect(r.code, op.reference).toBe(0);
      const entry = (JSON.parse(r.stdout) as { entry: Entry }).entry;
      expect(entry.reference).toBe(op.reference);
      committed.set(entry.id, { op, entry });
    }
    // The kills on spawn land before the CLI can even open the file.
    expect(killed.filter((o) => o.kill === 'spawn').length).toBe(2);
    expect(committed.size).toBeGreaterThanOrEqual(2 * kills.length);

    // 1. The file verifies: no partial entry, the chain is whole.
    const verify = await runBuilt(['verify', '--ledger', ledger, '--json'], env, ledgerDir, 'none');
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, integrity: 'ok', problems: [] });

    // 2. Every reported entry is there as reported; anything else is one killed command's, once.
    const ctx = createContext({ mode: 'test', dataDir, prefs: new MemoryPrefsStore(), remember: null, now: fixedClock().now });
    const call = async <T>(method: 'ledger.unlock' | 'entry.get' | 'transactions.page', input: unknown): Promise<T> => {
      const r = await dispatch(ctx, method, input);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    let rows: TransactionRow[];
    try {
      await call('ledger.unlock', { path: ledger, passphrase: PASSPHRASE });
      for (const [id, { entry }] of committed) {
        const got = await call<Entry>('entry.get', { id });
        expect(got.hash).toBe(entry.hash);
        expect(got.amount).toBe(entry.amount);
        expect(got.lines).toHaveLength(2);
      }
      const page = await call<{ total: number; rows: TransactionRow[] }>('transactions.page', { clientId: 1, limit: 500 });
      expect(page.total).toBe(page.rows.length);
      rows = page.rows;
      for (const row of rows) {
        if (committed.has(row.entryId)) continue;
        const op = killed.find((o) => o.reference === row.reference);
        expect(op, `entry ${row.entryId} (${row.reference}) was neither reported nor from a killed command`).toBeDefined();
        expect(row.amount).toBe(op!.kind === 'receipt' ? op!.amount : -op!.amount);
        const e = await call<Entry>('entry.get', { id: row.entryId });
        expect(e.lines.reduce((t, l) => t + l.amount, 0)).toBe(0);
      }
      const refs = rows.map((r) => r.reference);
      expect(new Set(refs).size).toBe(refs.length);
    } finally {
      ctx.session.disarm();
      ctx.session.ledger?.close();
      ctx.session.ledger = null;
    }
    expect(rows.length).toBeGreaterThanOrEqual(committed.size);
    expect(rows.length).toBeLessThanOrEqual(committed.size + killed.length);

    // 3. The balance is the sum of what is there: the reported entries plus any the killed ones committed.
    const reportedSum = [...committed.values()].reduce((t, c) => t + c.entry.amount, 0);
    const strays = rows.filter((r) => !committed.has(r.entryId)).reduce((t, r) => t + r.amount, 0);
    const bal = await runBuilt(['balance', '--ledger', ledger, '--as-of', '2026-04-06', '--client', '1', '--json'], env, ledgerDir, 'none');
    expect(bal.code).toBe(0);
    const balance = (JSON.parse(bal.stdout) as { balance: number }).balance;
    expect(balance).toBe(rows.reduce((t, r) => t + r.amount, 0));
    expect(balance).toBe(reportedSum + strays);
    // A command killed as it spawned never reached the file.
    for (const op of killed.filter((o) => o.kill === 'spawn')) expect(rows.some((r) => r.reference === op.reference)).toBe(false);
  }, 180_000);
});
