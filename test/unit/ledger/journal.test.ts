/**
 * Journal invariants at the SQL level, against a real encrypted ledger: append-only tables refuse
 * UPDATE and DELETE, entries balance (in code and in SQL), every line posts to its own client,
 * closed periods stay closed, and each entry's hash covers its content and links to the previous.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountIds } from '../../../main/clients/repo';
import { entryHash, postEntry, readEntry, verifyJournalChain, type EntryRowRaw, type NewEntry } from '../../../main/ledger/journal';
import { GENESIS } from '../../../main/store/migrations/002_client_money';
import { StewardError } from '../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder, payment, receipt } from '../../fixtures/money';

let env: TestEnv;
let db: Database;
let a: Record<string, number>;
let b: Record<string, number>;
let clientA: number;
let clientB: number;
const ST = { at: '2026-04-06T09:00:00.000Z', actor: 'tester' };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');

beforeEach(async () => {
  env = await openTestLedger();
  const f = await addFunder(env);
  clientA = (await addClient(env, f.id, { name: 'Client A' })).id;
  clientB = (await addClient(env, f.id, { name: 'Client B' })).id;
  const r = await receipt(env, clientA, '2026-04-06', 100_000);
  await payment(env, clientA, '2026-04-06', 30_000);
  await receipt(env, clientB, '2026-04-06', 50_000);
  await env.call('attachment.add', { clientId: clientA, entryId: r.entry.id, filename: 'remittance.png', dataBase64: PNG });
  await env.call('period.close', { through: '2026-03-31' });
  db = env.ctx.session.ledger!.db;
  a = accountIds(db, clientA);
  b = accountIds(db, clientB);
});

afterEach(() => {
  env.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

const count = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const counts = () => ({ entries: count('journal_entries'), lines: count('journal_lines'), audit: count('audit_log') });

/** Post inside a transaction, as every caller does; returns the error code of a refusal. */
function post(e: NewEntry): number {
  return db.transaction(() => postEntry(db, e, ST))();
}
function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StewardError) return { code: e.code, message: e.message };
    return { code: 'SQL', message: e instanceof Error ? e.message : String(e) };
  }
  throw new Error('expected a refusal, but it succeeded');
}

/** Insert lines then the entry row by hand; bank_amount is the sum of the lines on bank accounts. */
function rawEntry(opts: { id?: number; clientId: number; date: string; lines: Array<[number, number, string?]>; kind?: string; reversesId?: number | null; reason?: string | null }): void {
  const id = opts.id ?? (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM journal_entries').get() as { n: number }).n;
  const bankIds = new Set(db.prepare('SELECT id FROM accounts WHERE bank_account_id IS NOT NULL').pluck().all() as number[]);
  const bankAmount = opts.lines.reduce((t, [acct, amount]) => (bankIds.has(acct) ? t + amount : t), 0);
  db.transaction(() => {
    opts.lines.forEach(([acct, amount, date], i) => {
      db.prepare('INSERT INTO journal_lines(entry_id, seq, account_id, date, amount) VALUES (?, ?, ?, ?, ?)').run(id, i + 1, acct, date ?? opts.date, amount);
    });
    db.prepare(
      `INSERT INTO journal_entries(id, client_id, date, kind, reverses_id, reason, bank_amount, created_at, actor, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, opts.clientId, opts.date, opts.kind ?? 'adjustment', opts.reversesId ?? null, opts.reason ?? null, bankAmount, ST.at, ST.actor, 'x', 'y');
  })();
}

describe('append-only tables refuse UPDATE and DELETE in SQL', () => {
  const cases: Array<[string, string, string]> = [
    ['journal_entries', "UPDATE journal_entries SET memo = 'edited'", 'DELETE FROM journal_entries'],
    ['journal_lines', 'UPDATE journal_lines SET amount = amount * 2', 'DELETE FROM journal_lines'],
    ['audit_log', "UPDATE audit_log SET actor = 'someone else'", 'DELETE FROM audit_log'],
    ['attachments', "UPDATE attachments SET filename = 'other.png'", 'DELETE FROM attachments'],
    ['accounts', "UPDATE accounts SET name = 'Renamed'", 'DELETE FROM accounts'],
    ['period_closes', "UPDATE period_closes SET through = '2026-01-01'", 'DELETE FROM period_closes'],
  ];
  for (const [table, update, del] of cases) {
    it(table, () => {
      const before = count(table);
      expect(before).toBeGreaterThan(0);
      expect(() => db.prepare(update).run()).toThrow(/^IMMUTABLE: /);
      expect(() => db.prepare(del).run()).toThrow(/^IMMUTABLE: /);
      expect(count(table)).toBe(before);
    });
  }

  it('a period close only moves forwards', () => {
    expect(() => db.prepare("INSERT INTO period_closes(through, closed_at, actor) VALUES ('2026-03-01', 'now', 'x')").run()).toThrow(/^PERIOD_CLOSED: /);
    expect(() => db.prepare("INSERT INTO period_closes(through, closed_at, actor) VALUES ('2026-03-31', 'now', 'x')").run()).toThrow(/^PERIOD_CLOSED: /);
  });
});

describe('an entry balances', () => {
  it('postEntry refuses lines that do not sum to zero, or fewer than two lines, with UNBALANCED', () => {
    const before = counts();
    const un = refusal(() => post({ clientId: clientA, date: '2026-04-07', kind: 'adjustment', lines: [{ accountId: a['bank']!, amount: 100 }, { accountId: a['income:other']!, amount: -99 }] }));
    expect(un).toEqual({ code: 'UNBALANCED', message: 'The entry does not balance: its lines sum to 1p.' });
    expect(refusal(() => post({ clientId: clientA, date: '2026-04-07', kind: 'adjustment', lines: [{ accountId: a['bank']!, amount: 100 }] })).code).toBe('UNBALANCED');
    expect(refusal(() => post({ clientId: clientA, date: '2026-04-07', kind: 'adjustment', lines: [] })).code).toBe('UNBALANCED');
    expect(counts()).toEqual(before);
  });

  it('postEntry refuses zero, fractional and unsafe line amounts with VALIDATION', () => {
    const before = counts();
    for (const bad of [0, 0.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      const r = refusal(() => post({ clientId: clientA, date: '2026-04-07', kind: 'adjustment', lines: [{ accountId: a['bank']!, amount: bad }, { accountId: a['income:other']!, amount: -bad }] }));
      expect(r.code, String(bad)).toBe('VALIDATION');
    }
    expect(counts()).toEqual(before);
  });

  it('SQL refuses an unbalanced entry inserted by hand (UNBALANCED), and a one-line entry', () => {
    const before = counts();
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', lines: [[a['bank']!, 100], [a['income:other']!, -99]] })).toThrow(/^UNBALANCED: /);
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', lines: [[a['bank']!, 100]] })).toThrow(/^UNBALANCED: /);
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', lines: [] })).toThrow(/^UNBALANCED: /);
    expect(counts()).toEqual(before);
  });

  it('SQL refuses a zero line', () => {
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', lines: [[a['bank']!, 0], [a['income:other']!, 0]] })).toThrow(/CHECK constraint failed/);
  });

  it('SQL refuses lines added to an entry already posted', () => {
    const before = counts();
    const hasSeq = (db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('journal_lines') WHERE name = 'seq'").get() as { n: number }).n > 0;
    const add = () =>
      hasSeq
        ? db.prepare('INSERT INTO journal_lines(entry_id, seq, account_id, date, amount) VALUES (1, 99, ?, ?, 5)').run(a['bank']!, '2026-04-06')
        : db.prepare('INSERT INTO journal_lines(entry_id, account_id, date, amount) VALUES (1, ?, ?, 5)').run(a['bank']!, '2026-04-06');
    expect(add).toThrow(/^IMMUTABLE: /);
    expect(counts()).toEqual(before);
  });
});

describe("one client's money never pays for another's", () => {
  it('postEntry refuses a line to another client’s account (FORBIDDEN) and writes nothing', () => {
    const before = counts();
    const r = refusal(() =>
      post({ clientId: clientA, date: '2026-04-07', kind: 'adjustment', lines: [{ accountId: b['bank']!, amount: -10_000 }, { accountId: a['bank']!, amount: 10_000 }] }),
    );
    expect(r.code).toBe('FORBIDDEN');
    expect(r.message).toMatch(/own client/);
    expect(counts()).toEqual(before);
  });

  it('SQL refuses it too, and a line dated other than its entry', () => {
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', lines: [[b['bank']!, -100], [a['bank']!, 100]] })).toThrow(/^FORBIDDEN: /);
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', lines: [[a['bank']!, -100], [a['income:other']!, 100, '2026-04-08']] })).toThrow(/^FORBIDDEN: /);
  });
});

describe('closed periods', () => {
  it('postEntry into a closed period is refused (PERIOD_CLOSED); the day after is open', () => {
    const before = counts();
    const r = refusal(() => post({ clientId: clientA, date: '2026-03-31', kind: 'adjustment', lines: [{ accountId: a['bank']!, amount: 100 }, { accountId: a['income:other']!, amount: -100 }] }));
    expect(r.code).toBe('PERIOD_CLOSED');
    expect(counts()).toEqual(before);
    const id = post({ clientId: clientA, date: '2026-04-01', kind: 'adjustment', lines: [{ accountId: a['bank']!, amount: 100 }, { accountId: a['income:other']!, amount: -100 }] });
    expect(readEntry(db, id).date).toBe('2026-04-01');
  });

  it('SQL refuses it too', () => {
    expect(() => rawEntry({ clientId: clientA, date: '2026-01-15', lines: [[a['bank']!, 100], [a['income:other']!, -100]] })).toThrow(/^PERIOD_CLOSED: /);
  });
});

describe('reversals in SQL', () => {
  it('an entry is reversed at most once; a reversal is never reversed; a reversal needs a reason', () => {
    rawEntry({ clientId: clientA, date: '2026-04-07', kind: 'reversal', reversesId: 1, reason: 'Wrong amount', lines: [[a['bank']!, -100_000], [a['income:council']!, 100_000]] });
    const rev = (db.prepare('SELECT MAX(id) AS id FROM journal_entries').get() as { id: number }).id;
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', kind: 'reversal', reversesId: 1, reason: 'Again', lines: [[a['bank']!, -1], [a['income:council']!, 1]] })).toThrow(/UNIQUE constraint failed/);
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', kind: 'reversal', reversesId: rev, reason: 'Undo', lines: [[a['bank']!, 1], [a['income:council']!, -1]] })).toThrow(/^CONFLICT: /);
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', kind: 'reversal', reversesId: 2, reason: null, lines: [[a['bank']!, 1], [a['income:council']!, -1]] })).toThrow(/CHECK constraint failed/);
    expect(() => rawEntry({ clientId: clientA, date: '2026-04-07', kind: 'adjustment', reversesId: 2, reason: 'x', lines: [[a['bank']!, 1], [a['income:council']!, -1]] })).toThrow(/CHECK constraint failed/);
  });
});

describe('the hash chain', () => {
  it('each entry’s hash is entryHash of its content and lines, and links to the entry before', () => {
    post({ clientId: clientB, date: '2026-04-08', kind: 'adjustment', memo: 'chain', lines: [{ accountId: b['bank']!, amount: 1 }, { accountId: b['income:other']!, amount: -1 }] });
    const rows = db.prepare('SELECT * FROM journal_entries ORDER BY id').all() as EntryRowRaw[];
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    let prev = GENESIS;
    for (const row of rows) {
      expect(row.prev_hash, `entry ${row.id} links`).toBe(prev);
      const lines = readEntry(db, row.id).lines.map((l) => ({ account_id: l.accountId, amount: l.amount }));
      const { hash, ...rest } = row;
      expect(hash, `entry ${row.id} hash`).toMatch(/^[0-9a-f]{64}$/);
      expect(entryHash(rest, lines), `entry ${row.id} hash`).toBe(hash);
      prev = hash;
    }
    expect(verifyJournalChain(db)).toBeNull();
  });

  it('the hash covers every field and every line', () => {
    const row = db.prepare('SELECT * FROM journal_entries WHERE id = 2').get() as EntryRowRaw;
    const { hash, ...rest } = row;
    const lines = readEntry(db, 2).lines.map((l) => ({ account_id: l.accountId, amount: l.amount }));
    expect(entryHash(rest, lines)).toBe(hash);
    expect(entryHash({ ...rest, memo: `${rest.memo} ` }, lines)).not.toBe(hash);
    expect(entryHash({ ...rest, date: '2026-04-07' }, lines)).not.toBe(hash);
    expect(entryHash({ ...rest, prev_hash: GENESIS }, lines)).not.toBe(hash);
    expect(entryHash(rest, lines.map((l, i) => (i === 0 ? { ...l, amount: l.amount + 1 } : l)))).not.toBe(hash);
    expect(entryHash(rest, [...lines].reverse())).not.toBe(hash);
  });
});
