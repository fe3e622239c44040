/**
 * Property test of the client-money invariants (ARCHITECTURE.md invariant 3) over 10,000 random
 * operations: receipts, payments (some beyond the client's funds, some with an authorised
 * override), reversals of receipts and payments (some refused), dated in order and sometimes
 * back-dated, for clients sharing pooled bank accounts and clients with their own.
 *
 * An independent model in this file predicts every outcome (including each INSUFFICIENT_FUNDS
 * refusal) and every balance; after each operation the ledger must agree with it, and a refusal
 * must write nothing. At checkpoints every client and every bank account is compared at many
 * dates, every entry must balance, and no client may be below zero on any day unless an
 * authorised override was recorded on or before that day. The journal's hash chain is verified
 * at the end of each run.
 *
 * Operations run through the same domain functions and one-transaction wrapper as the api's
 * write handlers (main/api/money.ts), on one encrypted ledger; each fast-check run gets its own
 * clients and bank accounts. synchronous=OFF on the test connection only: durability is not what
 * is tested here, and the fsync per transaction would double the run time.
 */
import fc from 'fast-check';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBankAccounts } from '../../../main/clients/repo';
import { bankAccountBalance, bankBalances } from '../../../main/ledger/balances';
import { verifyJournalChain } from '../../../main/ledger/journal';
import { recordPayment, recordReceipt, reverseEntry } from '../../../main/ledger/operations';
import { fromSql } from '../../../main/ledger/sql-errors';
import { addDays } from '../../../shared/dates';
import { PaymentAdd, ReceiptAdd, Reverse, type BankAccount } from '../../../shared/contract-money';
import type { Category } from '../../../shared/domain';
import { StewardError } from '../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder } from '../../fixtures/money';

const SEED = 20_260_406;
const RUNS = 20;
const OPS_PER_RUN = 500; // 20 × 500 = 10,000 operations
const START = '2026-04-06';
const CHECKPOINT_EVERY = 100;
/** Clients per run: 0–4 share pool A, 5–7 share pool B, 8–9 have dedicated accounts. */
const POOL_OF = ['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', null, null] as const;

// ---------- Operations ----------

type Op =
  | { t: 'receipt'; c: number; amount: number; source: 'council' | 'contribution' | 'other'; step: number; back: number; probe: number }
  | { t: 'payment'; c: number; amount: number; override: boolean; category: Category; payee: string; step: number; back: number; probe: number }
  | { t: 'reverse'; pick: number; override: boolean; lag: number; step: number; back: number; probe: number };

const common = {
  step: fc.integer({ min: 0, max: 2 }),
  back: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 45 }) }),
  probe: fc.integer({ min: -60, max: 5 }),
};
const client = fc.integer({ min: 0, max: POOL_OF.length - 1 });
const rarely = fc.integer({ min: 0, max: 9 }).map((x) => x === 0);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 35, arbitrary: fc.record({ t: fc.constant('receipt' as const), c: client, amount: fc.integer({ min: 1, max: 250_000 }), source: fc.constantFrom('council' as const, 'contribution' as const, 'other' as const), ...common }) },
  {
    weight: 45,
    arbitrary: fc.record({
      t: fc.constant('payment' as const),
      c: client,
      amount: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 20_001, max: 400_000 })),
      override: rarely,
      category: fc.constantFrom<Category>('pa-wages', 'agency', 'respite', 'equipment', 'fees'),
      payee: fc.constantFrom('Bright Care Agency', 'PA Jane Doe', 'Respite House', 'Steward Payroll Bureau'),
      ...common,
    }),
  },
  { weight: 20, arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat(), override: rarely, lag: fc.integer({ min: 0, max: 20 }), ...common }) },
);

// ---------- The model ----------

interface ModelClient {
  id: number;
  bankAccountId: number;
  /** Bank effects by date, in posting order. */
  events: Array<{ date: string; delta: number }>;
}

interface ModelEntry {
  id: number;
  c: number;
  kind: 'receipt' | 'payment' | 'reversal';
  date: string;
  /** Signed effect on the client's bank share. */
  bank: number;
  reversed: boolean;
}

function balanceAt(m: ModelClient, date: string): number {
  let t = 0;
  for (const e of m.events) if (e.date <= date) t += e.delta;
  return t;
}

/** The most the client can pay on `date` without going below zero then or on any later day. */
function available(m: ModelClient, date: string): number {
  let running = balanceAt(m, date);
  let min = running;
  const later = new Map<string, number>();
  for (const e of m.events) if (e.date > date) later.set(e.date, (later.get(e.date) ?? 0) + e.delta);
  for (const d of [...later.keys()].sort()) {
    running += later.get(d)!;
    if (running < min) min = running;
  }
  return min;
}

// ---------- The ledger side ----------

let env: TestEnv;
let db: Database;
let funderId: number;
let opsRun = 0;
let refusedForFunds = 0;
let overridesRecorded = 0;
let reversalsPosted = 0;
let backDated = 0;

beforeAll(async () => {
  env = await openTestLedger();
  db = env.ctx.session.ledger!.db;
  db.pragma('synchronous=OFF');
  funderId = (await addFunder(env, 'Pooled Test Council')).id;
});

afterAll(() => {
  env.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

/** As the api's write(): one transaction, SQL refusals turned into StewardErrors. */
function write<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: StewardError } {
  try {
    return { ok: true, value: db.transaction(fn)() };
  } catch (e) {
    const err = fromSql(e);
    if (err instanceof StewardError) return { ok: false, error: err };
    throw err;
  }
}

/**
 * What a write leaves behind, read cheaply (COUNT(*) over a growing journal on every operation
 * would dominate the run): ids only grow and rows are never deleted, so the highest ids and the
 * lines of entries above the highest posted entry show any row written.
 */
const n = (sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
const snapshot = () => {
  const entries = n('SELECT COALESCE(MAX(id), 0) AS n FROM journal_entries');
  return {
    entries,
    linesOfEntry: n('SELECT COUNT(*) AS n FROM journal_lines WHERE entry_id >= ?', entries),
    strayLines: n('SELECT COUNT(*) AS n FROM journal_lines WHERE entry_id > ?', entries),
    audit: n('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log'),
    payees: n('SELECT COALESCE(MAX(id), 0) AS n FROM payees'),
  };
};

async function newRun(run: number): Promise<ModelClient[]> {
  const pools = {
    A: await env.call<BankAccount>('bankAccount.create', { name: `Run ${run} pool A`, kind: 'pooled' }),
    B: await env.call<BankAccount>('bankAccount.create', { name: `Run ${run} pool B`, kind: 'pooled' }),
  };
  const out: ModelClient[] = [];
  for (let i = 0; i < POOL_OF.length; i++) {
    const pool = POOL_OF[i]!;
    const c = await addClient(env, funderId, { name: `Run ${run} client ${i}`, startDate: START, ...(pool ? { bankAccountId: pools[pool].id } : {}) });
    out.push({ id: c.id, bankAccountId: c.bankAccountId, events: [] });
  }
  // Schedules on two clients so receipts also go through matching.
  await env.call('schedule.create', { clientId: out[0]!.id, source: 'contribution', amount: 5_000, cadence: 'weekly', firstDate: START });
  await env.call('schedule.create', { clientId: out[1]!.id, source: 'council', amount: 150_000, cadence: 'four-weekly', firstDate: START });
  return out;
}

/** Compare every client and bank account of this run with the model at a date. */
function checkAllAt(clients: ModelClient[], date: string, where: string, withList: boolean): void {
  const ledger = bankBalances(db, date);
  const byBank = new Map<number, number>();
  for (const m of clients) {
    expect(ledger.get(m.id), `${where}: client ${m.id} balance on ${date}`).toBe(balanceAt(m, date));
    byBank.set(m.bankAccountId, (byBank.get(m.bankAccountId) ?? 0) + balanceAt(m, date));
  }
  // listBankAccounts reads every line in the ledger: once per checkpoint is enough.
  const listed = withList ? new Map(listBankAccounts(db, date).map((b) => [b.id, b])) : null;
  for (const [bank, sum] of byBank) {
    expect(bankAccountBalance(db, bank, date), `${where}: bank account ${bank} on ${date}`).toBe(sum);
    if (!listed) continue;
    const b = listed.get(bank)!;
    expect(b.balance, `${where}: bankAccount.list ${bank} on ${date}`).toBe(sum);
    expect(b.balance, `${where}: shares of ${bank}`).toBe(b.clientIds.reduce((t, id) => t + (ledger.get(id) ?? 0), 0));
  }
}

/** Every entry has at least two lines summing to zero. */
function checkEntriesBalance(where: string): void {
  const bad = db.prepare('SELECT entry_id AS id, SUM(amount) AS s, COUNT(*) AS k FROM journal_lines GROUP BY entry_id HAVING s <> 0 OR k < 2 LIMIT 1').get();
  expect(bad, `${where}: an unbalanced entry`).toBeUndefined();
  const bare = db.prepare('SELECT id FROM journal_entries e WHERE NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = e.id) LIMIT 1').get();
  expect(bare, `${where}: an entry without lines`).toBeUndefined();
}

/** From the ledger alone: a client is below zero on a day only after an override on or before it. */
function checkNoUnauthorisedOverdraft(clients: ModelClient[], where: string): void {
  for (const m of clients) {
    const firstOverride = (db.prepare('SELECT MIN(date) AS d FROM journal_entries WHERE client_id = ? AND override_json IS NOT NULL').get(m.id) as { d: string | null }).d;
    const days = db
      .prepare(
        `SELECT l.date AS date, SUM(l.amount) AS t FROM journal_lines l JOIN accounts a ON a.id = l.account_id
          WHERE a.client_id = ? AND a.code = 'bank' GROUP BY l.date ORDER BY l.date`,
      )
      .all(m.id) as Array<{ date: string; t: number }>;
    let running = 0;
    for (const d of days) {
      running += d.t;
      if (running < 0) {
        expect(firstOverride !== null && firstOverride <= d.date, `${where}: client ${m.id} is at ${running}p on ${d.date} with no override by then`).toBe(true);
      }
    }
  }
}

function runOps(clients: ModelClient[], ops: readonly Op[], run: number): void {
  const entries: ModelEntry[] = [];
  let cursor = START;
  ops.forEach((op, i) => {
    const where = `run ${run} op ${i} ${JSON.stringify(op)}`;
    cursor = addDays(cursor, op.step);
    const opDate = addDays(cursor, -op.back);
    if (op.back > 0) backDated++;
    const stamp = { at: `${cursor}T12:00:00.000Z`, actor: 'property', today: cursor };
    const before = snapshot();
    let touched: ModelClient;
    let expectRefusal: string | null = null;
    let expected: { bank: number; override: boolean; kind: ModelEntry['kind']; date: string; reverses: ModelEntry | null } | null = null;
    let result: { ok: true; id: number; amount: number; override: unknown } | { ok: false; error: StewardError };

    if (op.t === 'receipt') {
      touched = clients[op.c]!;
      expected = { bank: op.amount, override: false, kind: 'receipt', date: opDate, reverses: null };
      const input = ReceiptAdd.parse({ clientId: touched.id, date: opDate, amount: op.amount, source: op.source });
      const r = write(() => recordReceipt(db, input, stamp));
      result = r.ok ? { ok: true, id: r.value.entry.id, amount: r.value.entry.amount, override: r.value.entry.override } : r;
    } else if (op.t === 'payment') {
      touched = clients[op.c]!;
      const avail = available(touched, opDate);
      if (op.amount > avail && !op.override) expectRefusal = 'INSUFFICIENT_FUNDS';
      else expected = { bank: -op.amount, override: op.amount > avail, kind: 'payment', date: opDate, reverses: null };
      const input = PaymentAdd.parse({
        clientId: touched.id,
        date: opDate,
        amount: op.amount,
        payeeName: op.payee,
        category: op.category,
        authorisations: [{ by: 'Client representative', method: 'email' }],
        ...(op.override ? { override: { by: 'Finance manager', reason: 'Funding confirmed, arriving this week' } } : {}),
      });
      const r = write(() => recordPayment(db, input, stamp));
      result = r.ok ? { ok: true, id: r.value.entry.id, amount: r.value.entry.amount, override: r.value.entry.override } : r;
    } else {
      if (entries.length === 0) {
        // Nothing to reverse yet: an unknown entry id is refused and writes nothing.
        touched = clients[0]!;
        expectRefusal = 'NOT_FOUND';
        const r = write(() => reverseEntry(db, Reverse.parse({ entryId: 1_000_000_000, reason: 'No such entry' }), stamp));
        result = r.ok ? { ok: true, id: r.value.id, amount: r.value.amount, override: r.value.override } : r;
      } else {
        const target = entries[op.pick % entries.length]!;
        touched = clients[target.c]!;
        const date = addDays(target.date, op.lag) > opDate ? addDays(target.date, op.lag) : opDate;
        if (target.kind === 'reversal' || target.reversed) expectRefusal = 'CONFLICT';
        else {
          const effect = -target.bank;
          const avail = available(touched, date);
          const short = effect < 0 && -effect > avail;
          if (short && !op.override) expectRefusal = 'INSUFFICIENT_FUNDS';
          else expected = { bank: effect, override: short, kind: 'reversal', date, reverses: target };
        }
        const input = Reverse.parse({
          entryId: target.id,
          reason: 'Posted in error',
          date,
          ...(op.override ? { override: { by: 'Finance manager', reason: 'Agreed with the council' } } : {}),
        });
        const r = write(() => reverseEntry(db, input, stamp));
        result = r.ok ? { ok: true, id: r.value.id, amount: r.value.amount, override: r.value.override } : r;
      }
    }
    opsRun++;

    if (expectRefusal !== null) {
      expect(result.ok ? 'posted' : result.error.code, `${where}: outcome`).toBe(expectRefusal);
      expect(snapshot(), `${where}: a refusal writes nothing`).toEqual(before);
      if (expectRefusal === 'INSUFFICIENT_FUNDS') refusedForFunds++;
    } else {
      expect(result.ok ? 'posted' : `${result.error.code}: ${result.error.message}`, `${where}: outcome`).toBe('posted');
      if (!result.ok || expected === null) throw new Error('unreachable');
      expect(result.amount, `${where}: bank effect`).toBe(expected.bank);
      expect(result.override !== null, `${where}: override recorded`).toBe(expected.override);
      const after = snapshot();
      expect(after.entries, `${where}: one entry`).toBe(before.entries + 1);
      expect(after.linesOfEntry, `${where}: two lines`).toBe(2);
      expect(after.strayLines, `${where}: no stray lines`).toBe(0);
      expect(after.audit - before.audit, `${where}: one audit row (and one per new payee)`).toBe(1 + (after.payees - before.payees));
      if (expected.override) overridesRecorded++;
      if (expected.reverses) {
        expected.reverses.reversed = true;
        reversalsPosted++;
      }
      touched.events.push({ date: expected.date, delta: expected.bank });
      entries.push({ id: result.id, c: clients.indexOf(touched), kind: expected.kind, date: expected.date, bank: expected.bank, reversed: false });
    }

    // After every operation: the touched client on the operation's day and a probe day, and its bank account.
    const probe = addDays(cursor, op.probe);
    const share = db.prepare("SELECT COALESCE(SUM(l.amount), 0) AS n FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.client_id = ? AND a.code = 'bank' AND l.date <= ?");
    for (const d of [opDate, probe]) {
      expect((share.get(touched.id, d) as { n: number }).n, `${where}: client balance on ${d}`).toBe(balanceAt(touched, d));
      const members = clients.filter((m) => m.bankAccountId === touched.bankAccountId);
      expect(bankAccountBalance(db, touched.bankAccountId, d), `${where}: bank account on ${d}`).toBe(members.reduce((t, m) => t + balanceAt(m, d), 0));
    }

    if ((i + 1) % CHECKPOINT_EVERY === 0 || i === ops.length - 1) {
      const dates = new Set<string>([cursor, probe, addDays(START, -1), START]);
      for (const m of clients) for (const e of m.events) dates.add(e.date);
      const sorted = [...dates].sort();
      // Every distinct posting date would be O(n²) over a run: take 12 spread over them plus the ends.
      const stride = Math.max(1, Math.floor(sorted.length / 12));
      for (const [k, d] of sorted.entries()) if (k % stride === 0 || k === sorted.length - 1) checkAllAt(clients, d, where, d === cursor);
      checkEntriesBalance(where);
      checkNoUnauthorisedOverdraft(clients, where);
    }
  });
  expect(verifyJournalChain(db), `run ${run}: hash chain`).toBeNull();
}

describe('pooled and dedicated client money under 10,000 random operations', () => {
  it('matches an independent model; pools equal the sum of shares; refusals write nothing', async () => {
    const runs: ModelClient[][] = [];
    let run = 0;
    // Clients are created outside the (synchronous) property: one set per run, used in order.
    for (let r = 0; r < RUNS; r++) runs.push(await newRun(r));
    fc.assert(
      fc.property(fc.array(opArb, { minLength: OPS_PER_RUN, maxLength: OPS_PER_RUN }), (ops) => {
        const clients = runs[run];
        if (!clients) throw new Error(`more runs than prepared (${run})`);
        runOps(clients, ops, run);
        run++;
      }),
      // Each run needs fresh clients, so a failure is reported as found (no shrinking); the
      // assertion message names the run, the operation and the figures.
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(run).toBe(RUNS);
    expect(opsRun).toBeGreaterThanOrEqual(10_000);
    // The mix exercised what it is meant to.
    expect(refusedForFunds).toBeGreaterThan(500);
    expect(overridesRecorded).toBeGreaterThan(100);
    expect(reversalsPosted).toBeGreaterThan(500);
    expect(backDated).toBeGreaterThan(1_000);

    // Through the api door too: every pool equals the sum of its clients' balances.
    env.clock.set('2030-01-01T12:00:00.000Z');
    const accounts = await env.call<BankAccount[]>('bankAccount.list');
    const balances = await env.call<{ clients: Array<{ clientId: number; balance: number }> }>('balance.asOf', { asOf: '2030-01-01' });
    const byClient = new Map(balances.clients.map((c) => [c.clientId, c.balance]));
    const all = runs.flat();
    for (const m of all) expect(byClient.get(m.id), `client ${m.id}`).toBe(balanceAt(m, '2030-01-01'));
    for (const b of accounts.filter((x) => x.kind === 'pooled' && x.name.startsWith('Run '))) {
      expect(b.clientIds.length).toBeGreaterThan(1);
      expect(b.balance, b.name).toBe(b.clientIds.reduce((t, id) => t + byClient.get(id)!, 0));
    }
    const verify = await env.call<{ ok: boolean; problems: unknown[] }>('ledger.verify');
    expect(verify).toMatchObject({ ok: true, problems: [] });
  }, 240_000);
});
