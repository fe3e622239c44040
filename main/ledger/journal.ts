/**
 * The double-entry journal. Entries are posted once and never changed; corrections are reversals.
 * Each entry's hash covers its content, its lines and the previous entry's hash.
 * Amounts are signed pence: debit positive, credit negative; an entry's lines sum to zero.
 */
import crypto from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../shared/errors';
import type { Entry } from '../../shared/contract-money';
import { GENESIS } from '../store/migrations/002_client_money';
import { sqlGuard } from './sql-errors';

export interface NewLine {
  accountId: number;
  amount: number;
}

export interface AuthorisationRecord {
  by: string;
  method: string;
  at: string;
  note: string;
}

export interface NewEntry {
  clientId: number;
  date: string;
  kind: string;
  source?: string | null;
  category?: string | null;
  funderId?: number | null;
  payeeId?: number | null;
  reference?: string;
  memo?: string;
  reversesId?: number | null;
  reason?: string | null;
  authorisations?: AuthorisationRecord[];
  override?: { by: string; reason: string } | null;
  lines: NewLine[];
  /** The sum of the lines on the client's bank account, when the caller knows it (else looked up). */
  bankAmount?: number;
}

export interface Stamp {
  at: string;
  actor: string;
}

interface Stmts {
  lastEntry: Statement;
  insertLine: Statement;
  insertEntry: Statement;
  isBank: Statement;
}

const cache = new WeakMap<Database, Stmts>();

function stmts(db: Database): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = {
      isBank: db.prepare("SELECT code = 'bank' AS b FROM accounts WHERE id = ?").pluck(),
      lastEntry: db.prepare('SELECT id, hash FROM journal_entries ORDER BY id DESC LIMIT 1'),
      insertLine: db.prepare('INSERT INTO journal_lines(entry_id, seq, account_id, date, amount) VALUES (?, ?, ?, ?, ?)'),
      insertEntry: db.prepare(
        `INSERT INTO journal_entries(id, client_id, date, kind, source, category, funder_id, payee_id, reference, memo,
           reverses_id, bank_amount, reason, authorisation_json, override_json, created_at, actor, prev_hash, hash)
         VALUES (@id, @client_id, @date, @kind, @source, @category, @funder_id, @payee_id, @reference, @memo,
           @reverses_id, @bank_amount, @reason, @authorisation_json, @override_json, @created_at, @actor, @prev_hash, @hash)`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

export interface EntryRowRaw {
  id: number;
  client_id: number;
  date: string;
  kind: string;
  source: string | null;
  category: string | null;
  funder_id: number | null;
  payee_id: number | null;
  reference: string;
  memo: string;
  reverses_id: number | null;
  bank_amount: number;
  reason: string | null;
  authorisation_json: string;
  override_json: string | null;
  created_at: string;
  actor: string;
  prev_hash: string;
  hash: string;
}

/** SHA-256 as hex; the one-shot crypto.hash where this Node has it (20.12+), else createHash. */
export const sha256hex: (s: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (s) => (crypto as unknown as { hash(alg: string, data: string): string }).hash('sha256', s)
    : (s) => crypto.createHash('sha256').update(s).digest('hex');

/** The hash of an entry: its fields in a fixed order, its lines in order, and the previous hash. */
export function entryHash(row: Omit<EntryRowRaw, 'hash'>, lines: ReadonlyArray<{ account_id: number; amount: number }>): string {
  const payload = JSON.stringify([
    row.prev_hash,
    row.id,
    row.client_id,
    row.date,
    row.kind,
    row.source,
    row.category,
    row.funder_id,
    row.payee_id,
    row.reference,
    row.memo,
    row.reverses_id,
    row.bank_amount,
    row.reason,
    row.authorisation_json,
    row.override_json,
    row.created_at,
    row.actor,
    lines.map((l) => [l.account_id, l.amount]),
  ]);
  return sha256hex(payload);
}

/**
 * Post one balanced entry inside the caller's transaction. Checks in code first (so the message is
 * clear), and SQL triggers check again.
 */
/** The journal's last entry id and hash: where the next entry chains on. */
export interface ChainHead {
  id: number;
  hash: string;
}

export function chainHead(db: Database): ChainHead {
  const last = stmts(db).lastEntry.get() as ChainHead | undefined;
  return last ?? { id: 0, hash: GENESIS };
}

/**
 * `head`, when given, is the chain head the caller is carrying through a batch (inside one
 * transaction); it is advanced to the new entry. Without it the head is read from the journal.
 */
export function postEntry(db: Database, e: NewEntry, stamp: Stamp, head?: ChainHead): number {
  if (e.lines.length < 2) throw new StewardError('UNBALANCED', 'An entry needs at least two lines.');
  let sum = 0;
  for (const l of e.lines) {
    if (!Number.isSafeInteger(l.amount) || l.amount === 0) throw new StewardError('VALIDATION', 'Every line needs a whole, non-zero number of pence.');
    sum += l.amount;
  }
  if (sum !== 0) throw new StewardError('UNBALANCED', `The entry does not balance: its lines sum to ${sum}p.`);
  const s = stmts(db);
  const last = head ?? chainHead(db);
  const id = last.id + 1;
  const row: Omit<EntryRowRaw, 'hash'> = {
    id,
    client_id: e.clientId,
    date: e.date,
    kind: e.kind,
    source: e.source ?? null,
    category: e.category ?? null,
    funder_id: e.funderId ?? null,
    payee_id: e.payeeId ?? null,
    reference: e.reference ?? '',
    memo: e.memo ?? '',
    reverses_id: e.reversesId ?? null,
    bank_amount: e.bankAmount ?? e.lines.reduce((t, l) => (s.isBank.get(l.accountId) === 1 ? t + l.amount : t), 0),
    reason: e.reason ?? null,
    authorisation_json: JSON.stringify(e.authorisations ?? []),
    override_json: e.override ? JSON.stringify(e.override) : null,
    created_at: stamp.at,
    actor: stamp.actor,
    prev_hash: last.hash,
  };
  const lines = e.lines.map((l) => ({ account_id: l.accountId, amount: l.amount }));
  const hash = entryHash(row, lines);
  sqlGuard(() => {
    lines.forEach((l, i) => s.insertLine.run(id, i + 1, l.account_id, e.date, l.amount));
    s.insertEntry.run({ ...row, hash });
  });
  if (head) {
    head.id = id;
    head.hash = hash;
  }
  return id;
}

interface EntryJoined extends EntryRowRaw {
  payee_name: string | null;
  reversed_by_id: number | null;
}

export function readEntry(db: Database, id: number): Entry {
  const row = db
    .prepare(
      `SELECT e.*, p.name AS payee_name, r.id AS reversed_by_id
         FROM journal_entries e
         LEFT JOIN payees p ON p.id = e.payee_id
         LEFT JOIN journal_entries r ON r.reverses_id = e.id
        WHERE e.id = ?`,
    )
    .get(id) as EntryJoined | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `There is no journal entry ${id}.`);
  const lines = db
    .prepare('SELECT l.account_id, a.code, a.client_id, l.amount FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.entry_id = ? ORDER BY l.seq')
    .all(id) as Array<{ account_id: number; code: string; client_id: number; amount: number }>;
  return {
    id: row.id,
    clientId: row.client_id,
    date: row.date,
    kind: row.kind,
    source: row.source,
    category: row.category,
    reference: row.reference,
    memo: row.memo,
    payeeId: row.payee_id,
    payeeName: row.payee_name,
    amount: row.bank_amount,
    reversesId: row.reverses_id,
    reversedById: row.reversed_by_id,
    reason: row.reason,
    authorisations: JSON.parse(row.authorisation_json) as AuthorisationRecord[],
    override: row.override_json ? (JSON.parse(row.override_json) as { by: string; reason: string }) : null,
    createdAt: row.created_at,
    actor: row.actor,
    hash: row.hash,
    lines: lines.map((l) => ({ accountId: l.account_id, accountCode: l.code, clientId: l.client_id, amount: l.amount })),
  };
}

export interface ChainProblem {
  code: 'BROKEN_CHAIN' | 'UNBALANCED';
  message: string;
  entryId: number;
}

/**
 * Walk the journal in order and recompute every hash. Returns the first problem found: an entry
 * whose content no longer matches its hash, whose previous-hash link is wrong (a row removed or
 * inserted), or whose lines do not balance.
 */
export function verifyJournalChain(db: Database): ChainProblem | null {
  let prev = GENESIS;
  const bankAccounts = new Set(db.prepare("SELECT id FROM accounts WHERE bank_account_id IS NOT NULL").pluck().all() as number[]);
  const lineIter = db.prepare('SELECT entry_id, account_id, amount FROM journal_lines ORDER BY entry_id, seq').iterate() as IterableIterator<{
    entry_id: number;
    account_id: number;
    amount: number;
  }>;
  let pending = lineIter.next();
  let expectedId = 1;
  for (const row of db.prepare('SELECT * FROM journal_entries ORDER BY id').iterate() as IterableIterator<EntryRowRaw>) {
    const lines: Array<{ account_id: number; amount: number }> = [];
    while (!pending.done && pending.value.entry_id < row.id) {
      const orphan = pending.value.entry_id;
      lineIter.return?.();
      return { code: 'BROKEN_CHAIN', entryId: orphan, message: `Journal lines belong to entry ${orphan}, which is missing: the file was changed outside Steward.` };
    }
    while (!pending.done && pending.value.entry_id === row.id) {
      lines.push({ account_id: pending.value.account_id, amount: pending.value.amount });
      pending = lineIter.next();
    }
    const fail = (message: string, code: ChainProblem['code'] = 'BROKEN_CHAIN'): ChainProblem => {
      lineIter.return?.();
      return { code, entryId: row.id, message };
    };
    if (row.id !== expectedId) return fail(`Journal entry ${expectedId} is missing (the next is ${row.id}): the file was changed outside Steward.`);
    if (row.prev_hash !== prev) return fail(`Journal entry ${row.id} does not follow the entry before it: the file was changed outside Steward.`);
    const { hash, ...rest } = row;
    if (entryHash(rest, lines) !== hash) return fail(`Journal entry ${row.id} does not match its hash: its content was changed outside Steward.`);
    if (lines.length < 2 || lines.reduce((t, l) => t + l.amount, 0) !== 0) return fail(`Journal entry ${row.id} does not balance.`, 'UNBALANCED');
    if (lines.reduce((t, l) => (bankAccounts.has(l.account_id) ? t + l.amount : t), 0) !== row.bank_amount) {
      return fail(`Journal entry ${row.id}'s bank amount does not match its lines: the file was changed outside Steward.`);
    }
    prev = hash;
    expectedId++;
  }
  if (!pending.done) {
    const orphan = pending.value.entry_id;
    lineIter.return?.();
    return { code: 'BROKEN_CHAIN', entryId: orphan, message: `Journal lines belong to entry ${orphan}, which is missing: the file was changed outside Steward.` };
  }
  return null;
}
