/**
 * Matching bank lines to ledger entries (issue 7): ranked suggestions, manual matches (one line to
 * one entry, or one line split across several entries, e.g. several clients of a pooled account),
 * unmatching with a reason, creating an entry from an unmatched line, and auto-matching of
 * unambiguous exact pairs.
 *
 * An entry's amount as the bank sees it is its `bank_amount` (paid in positive). A line and its
 * entries must agree to the penny. Date window: ±5 days for money in, ±7 days for money out
 * (payments leave the bank up to a few working days after they are recorded).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { AutoMatchResult, CreateEntryInput, SplitInput, SplitNewPart, Suggestion, BankLineRow } from '../../shared/contract-banking';
import { addDays, toDayNumber } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import { formatPence } from '../../shared/money';
import { audit } from '../api/audit';
import { getClient } from '../clients/repo';
import { recordPayment, recordReceipt } from '../ledger/operations';
import { cached } from '../store/statements';
import { normaliseDescription } from './fingerprint';
import { ENTRY_SELECT, getBankEntry, getStoredLine, isEntryMatched, lineRow, lockOfLine, requireBankAccount, type BankEntry, type Stamp, type StoredLine } from './ledger-common';

export const WINDOW_IN_DAYS = 5;
export const WINDOW_OUT_DAYS = 7;

export function windowFor(amount: number): number {
  return amount > 0 ? WINDOW_IN_DAYS : WINDOW_OUT_DAYS;
}

function tokens(s: string): Set<string> {
  return new Set(
    normaliseDescription(s)
      .split(' ')
      .filter((t) => t.length >= 3 || /^\d+$/.test(t)),
  );
}

/** Share of the smaller token set found in the other (0–1). */
export function similarity(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  if (x.size === 0 || y.size === 0) return 0;
  let n = 0;
  for (const t of x) if (y.has(t)) n++;
  return n / Math.min(x.size, y.size);
}

function lineActive(db: Database, lineId: number): boolean {
  return cached(db, 'SELECT 1 FROM bank_matches WHERE bank_line_id = ? AND ended_at IS NULL LIMIT 1').get(lineId) !== undefined;
}

// ---------- Suggestions ----------

export function suggestions(db: Database, bankLineId: number, limit: number): Suggestion[] {
  const line = getStoredLine(db, bankLineId);
  const span = 14;
  const rows = db
    .prepare(
      `${ENTRY_SELECT}
        WHERE a.bank_account_id = ? AND e.date BETWEEN ? AND ? AND e.bank_amount <> 0 AND (e.bank_amount > 0) = (? > 0)
          AND NOT EXISTS (SELECT 1 FROM bank_matches m WHERE m.entry_id = e.id AND m.ended_at IS NULL)`,
    )
    .all(line.bank_account_id, addDays(line.date, -span), addDays(line.date, span), line.amount) as BankEntry[];
  const text = `${line.description} ${line.reference ?? ''}`;
  const window = windowFor(line.amount);
  const out: Suggestion[] = rows.map((e) => {
    const daysApart = Math.abs(toDayNumber(e.date) - toDayNumber(line.date));
    const amountEqual = e.bank_amount === line.amount;
    const reasons: string[] = [];
    let score = 0;
    if (amountEqual) {
      score += 60;
      reasons.push('amount equal');
    } else if (Math.abs(e.bank_amount) < Math.abs(line.amount)) {
      score += 10;
      reasons.push(`part of the line (${formatPence(Math.abs(e.bank_amount))} of ${formatPence(Math.abs(line.amount))}): a split?`);
    } else {
      reasons.push(`amount differs by ${formatPence(Math.abs(e.bank_amount - line.amount))}`);
    }
    if (daysApart <= window) {
      score += Math.max(0, 20 - 3 * daysApart);
      reasons.push(daysApart === 0 ? 'same day' : `${daysApart} day${daysApart === 1 ? '' : 's'} apart`);
    } else reasons.push(`${daysApart} days apart (outside the ±${window}-day window)`);
    const ref = e.reference ? similarity(e.reference, text) : 0;
    if (ref > 0) {
      score += Math.round(10 * ref);
      reasons.push(ref === 1 ? 'reference matches' : 'reference partly matches');
    }
    const who = similarity(`${e.payee_name ?? ''} ${e.memo} ${e.client_name}`, text);
    if (who > 0) {
      score += Math.round(10 * who);
      reasons.push(who === 1 ? 'payee/description matches' : 'payee/description partly matches');
    }
    return {
      entryId: e.id,
      clientId: e.client_id,
      clientName: e.client_name,
      date: e.date,
      kind: e.kind,
      amount: e.bank_amount,
      reference: e.reference,
      memo: e.memo,
      payeeName: e.payee_name,
      daysApart,
      score: Math.min(100, score),
      reasons,
      amountEqual,
    };
  });
  out.sort((a, b) => b.score - a.score || a.daysApart - b.daysApart || a.entryId - b.entryId);
  return out.slice(0, limit);
}

// ---------- Matching ----------

function insertMatch(db: Database, lineId: number, entryId: number, amount: number, how: 'manual' | 'auto' | 'created', st: Stamp): void {
  cached(db, 'INSERT INTO bank_matches(bank_line_id, entry_id, amount, how, created_at, actor) VALUES (?, ?, ?, ?, ?, ?)').run(lineId, entryId, amount, how, st.at, st.actor);
}

function checkMatchable(db: Database, line: StoredLine, entryIds: number[]): BankEntry[] {
  if (lineActive(db, line.id)) throw new StewardError('CONFLICT', `Bank line ${line.id} is already matched; unmatch it first.`, { where: 'bankLineId' });
  const entries = entryIds.map((id) => getBankEntry(db, id));
  for (const e of entries) {
    if (e.bank_account_id !== line.bank_account_id) {
      throw new StewardError('VALIDATION', `Entry ${e.id} (${e.client_name}) is not on this bank account.`, { where: 'entryIds' });
    }
    if (e.bank_amount === 0) throw new StewardError('VALIDATION', `Entry ${e.id} does not move money in the bank.`, { where: 'entryIds' });
    const other = isEntryMatched(db, e.id);
    if (other !== null) throw new StewardError('CONFLICT', `Entry ${e.id} is already matched to bank line ${other}.`, { where: 'entryIds' });
  }
  const sum = entries.reduce((t, e) => t + e.bank_amount, 0);
  if (sum !== line.amount) {
    throw new StewardError(
      'VALIDATION',
      `The entries come to ${formatPence(sum)} but the bank line is ${formatPence(line.amount)} (${formatPence(line.amount - sum)} difference): a match must agree to the penny.`,
      { where: 'entryIds', details: { lineAmount: line.amount, entriesTotal: sum } },
    );
  }
  return entries;
}

export function match(db: Database, bankLineId: number, entryIds: number[], st: Stamp): BankLineRow {
  const line = getStoredLine(db, bankLineId);
  const entries = checkMatchable(db, line, entryIds);
  for (const e of entries) insertMatch(db, line.id, e.id, e.bank_amount, 'manual', st);
  const after = lineRow(db, line.id);
  audit(db, { ...st, action: 'match', entity: 'bank_line', entityId: line.id, after: { entryIds, clientIds: after.clientIds, amount: line.amount } });
  return after;
}

export function unmatch(db: Database, bankLineId: number, reason: string, st: Stamp): BankLineRow {
  const line = getStoredLine(db, bankLineId);
  const before = lineRow(db, line.id);
  if (before.status !== 'matched') throw new StewardError('CONFLICT', `Bank line ${line.id} is not matched.`, { where: 'bankLineId' });
  const lock = lockOfLine(db, line.id);
  if (lock !== null) {
    throw new StewardError('CONFLICT', `Bank line ${line.id} is in bank reconciliation ${lock}; un-reconcile it first, with a reason.`, { where: 'bankLineId', details: { reason: 'RECONCILED', reconciliationId: lock } });
  }
  db.prepare('UPDATE bank_matches SET ended_at = ?, ended_by = ?, end_reason = ? WHERE bank_line_id = ? AND ended_at IS NULL').run(st.at, st.actor, reason, line.id);
  const after = lineRow(db, line.id);
  audit(db, { ...st, action: 'unmatch', entity: 'bank_line', entityId: line.id, before: { entryIds: before.entryIds }, after: { entryIds: [], reason } });
  return after;
}

// ---------- Creating an entry from a line ----------

type NewEntry = Omit<z.output<typeof SplitNewPart>, 'amount' | 'reference'> & { reference?: string };

/**
 * Record a receipt or payment of `amount` (positive pence) for a client from a bank line, with all
 * the ledger's checks (client on the line's bank account, direction, authorisation, funds, open
 * period). Not matched here. Returns the new entry's id.
 */
function recordFromLine(db: Database, line: StoredLine, input: NewEntry, amount: number, where: string, st: Stamp): number {
  const bank = requireBankAccount(db, line.bank_account_id);
  const client = getClient(db, input.clientId);
  if (client.bankAccountId !== bank.id) {
    throw new StewardError(
      'VALIDATION',
      bank.kind === 'pooled'
        ? `${client.name} is not one of the clients of the pooled account "${bank.name}". Choose one of its clients.`
        : `${client.name}'s money is not held in "${bank.name}".`,
      { where: `${where}clientId` },
    );
  }
  if (input.kind === 'receipt' && line.amount < 0) throw new StewardError('VALIDATION', 'This bank line is money paid out: record a payment, not a receipt.', { where: `${where}kind` });
  if (input.kind === 'payment' && line.amount > 0) throw new StewardError('VALIDATION', 'This bank line is money paid in: record a receipt, not a payment.', { where: `${where}kind` });
  const reference = (input.reference ?? line.reference ?? '').slice(0, 200);
  const memo = (input.memo ?? line.description).slice(0, 200);
  if (input.kind === 'receipt') {
    if (input.category !== undefined || input.payeeId !== undefined || input.payee !== undefined || input.authorisations !== undefined) {
      throw new StewardError('VALIDATION', 'A receipt takes a source (and funder), not a category, payee or authorisation.', { where: `${where}kind` });
    }
    return recordReceipt(db, { clientId: client.id, date: line.date, amount, source: input.source ?? 'other', funderId: input.funderId, reference, memo }, st).entry.id;
  }
  if (!input.authorisations || input.authorisations.length === 0) {
    throw new StewardError('AUTHORISATION_REQUIRED', 'Record who authorised this payment (bank charges too).', { where: `${where}authorisations` });
  }
  if (input.source !== undefined || input.funderId !== undefined) throw new StewardError('VALIDATION', 'A payment takes a category and payee, not a source or funder.', { where: `${where}source` });
  const payeeName = input.payeeId === undefined ? (input.payee ?? line.description).trim().slice(0, 200) || 'Bank' : undefined;
  return recordPayment(
    db,
    {
      clientId: client.id,
      date: line.date,
      amount,
      payeeId: input.payeeId,
      payeeName,
      category: input.category ?? 'other',
      reference,
      memo,
      authorisations: input.authorisations.map((a) => ({ by: a.by, method: a.method, at: a.at, note: a.note })),
      override: input.override,
    },
    st,
  ).entry.id;
}

export function createEntryFromLine(db: Database, input: z.output<typeof CreateEntryInput>, st: Stamp): { entryId: number; line: BankLineRow } {
  const line = getStoredLine(db, input.bankLineId);
  if (lineActive(db, line.id)) throw new StewardError('CONFLICT', `Bank line ${line.id} is already matched; unmatch it first.`, { where: 'bankLineId' });
  const entryId = recordFromLine(db, line, input, Math.abs(line.amount), '', st);
  insertMatch(db, line.id, entryId, line.amount, 'created', st);
  const after = lineRow(db, line.id);
  audit(db, { ...st, action: 'match', entity: 'bank_line', entityId: line.id, after: { entryIds: [entryId], created: true } });
  return { entryId, line: after };
}

// ---------- Splitting a line, with new entries ----------

/**
 * Split one bank line across existing entries and new receipts/payments (issue 7, pooled
 * accounts): the new parts are recorded with every check bank.createEntry makes, then the line is
 * matched to all the parts, which must come to the line's amount to the penny. The caller runs it
 * in one transaction, so any failure writes nothing.
 */
export function splitLine(db: Database, input: z.output<typeof SplitInput>, st: Stamp): BankLineRow {
  const line = getStoredLine(db, input.bankLineId);
  if (lineActive(db, line.id)) throw new StewardError('CONFLICT', `Bank line ${line.id} is already matched; unmatch it first.`, { where: 'bankLineId' });
  const sign = line.amount < 0 ? -1 : 1;
  // The exact sum first, before anything is recorded, so the person is told the plain reason.
  let sum = 0;
  for (const p of input.parts) sum += 'entryId' in p ? getBankEntry(db, p.entryId).bank_amount : (p.kind === 'payment' ? -1 : 1) * p.amount;
  if (sum !== line.amount) {
    throw new StewardError(
      'VALIDATION',
      `The parts come to ${formatPence(sum)} but the bank line is ${formatPence(line.amount)} (${formatPence(line.amount - sum)} difference): a split must agree to the penny.`,
      { where: 'parts', details: { lineAmount: line.amount, partsTotal: sum } },
    );
  }
  const existing: number[] = [];
  const created: number[] = [];
  input.parts.forEach((p, i) => {
    if ('entryId' in p) existing.push(p.entryId);
    else {
      if ((p.kind === 'payment' ? -1 : 1) !== sign) {
        throw new StewardError('VALIDATION', sign > 0 ? 'This bank line is money paid in: its new parts are receipts.' : 'This bank line is money paid out: its new parts are payments.', { where: `parts.${i}.kind` });
      }
      created.push(recordFromLine(db, line, p, p.amount, `parts.${i}.`, st));
    }
  });
  const all = [...existing, ...created];
  const entries = checkMatchable(db, line, all);
  const isNew = new Set(created);
  for (const e of entries) insertMatch(db, line.id, e.id, e.bank_amount, isNew.has(e.id) ? 'created' : 'manual', st);
  const after = lineRow(db, line.id);
  audit(db, { ...st, action: 'match', entity: 'bank_line', entityId: line.id, after: { entryIds: all, created, clientIds: after.clientIds, amount: line.amount, split: true } });
  return after;
}

// ---------- Auto-match ----------

interface Cand {
  id: number;
  day: number;
}

function lowerBound(a: Cand[], day: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Match only unambiguous exact pairs: a line with exactly one unmatched entry of the same amount
 * within the date window, where that entry has no other such line. Everything else is left for a
 * person. `importId` limits the lines considered to one import.
 */
export function autoMatch(db: Database, bankAccountId: number, st: Stamp, opts: { importId?: number } = {}): z.output<typeof AutoMatchResult> {
  requireBankAccount(db, bankAccountId);
  const lines = db
    .prepare(
      `SELECT l.id, l.date, l.amount FROM bank_lines l
        WHERE l.bank_account_id = ? ${opts.importId === undefined ? '' : 'AND l.import_id = ?'}
          AND NOT EXISTS (SELECT 1 FROM bank_matches m WHERE m.bank_line_id = l.id AND m.ended_at IS NULL)`,
    )
    .all(...(opts.importId === undefined ? [bankAccountId] : [bankAccountId, opts.importId])) as Array<{ id: number; date: string; amount: number }>;
  if (lines.length === 0) return { matched: 0, ambiguous: 0, pairs: [] };
  // Only entries that could fall inside some line's window (the widest window either side).
  let first = lines[0]!.date;
  let last = first;
  for (const l of lines) {
    if (l.date < first) first = l.date;
    if (l.date > last) last = l.date;
  }
  const reach = Math.max(WINDOW_IN_DAYS, WINDOW_OUT_DAYS);
  const entries = cached(
    db,
    `SELECT e.id, e.date, e.bank_amount AS amount FROM journal_entries e
       JOIN accounts a ON a.client_id = e.client_id AND a.code = 'bank'
      WHERE a.bank_account_id = ? AND e.date BETWEEN ? AND ? AND e.bank_amount <> 0
        AND NOT EXISTS (SELECT 1 FROM bank_matches m WHERE m.entry_id = e.id AND m.ended_at IS NULL)`,
  ).all(bankAccountId, addDays(first, -reach), addDays(last, reach)) as Array<{ id: number; date: string; amount: number }>;
  const byAmount = new Map<number, Cand[]>();
  for (const e of entries) {
    const c = { id: e.id, day: toDayNumber(e.date) };
    const l = byAmount.get(e.amount);
    if (l) l.push(c);
    else byAmount.set(e.amount, [c]);
  }
  for (const l of byAmount.values()) l.sort((a, b) => a.day - b.day || a.id - b.id);
  const only = new Map<number, number>(); // line → its one candidate
  const claims = new Map<number, number>(); // entry → how many lines want it
  let ambiguous = 0;
  for (const line of lines) {
    const list = byAmount.get(line.amount);
    if (!list) continue;
    const day = toDayNumber(line.date);
    const w = windowFor(line.amount);
    let found = 0;
    let cand = 0;
    for (let i = lowerBound(list, day - w); i < list.length && list[i]!.day <= day + w; i++) {
      const c = list[i]!;
      claims.set(c.id, (claims.get(c.id) ?? 0) + 1);
      found++;
      cand = c.id;
    }
    if (found === 1) only.set(line.id, cand);
    else if (found > 1) ambiguous++;
  }
  const pairs: Array<{ bankLineId: number; entryId: number }> = [];
  const amountOf = new Map(lines.map((l) => [l.id, l.amount]));
  for (const [lineId, entryId] of only) {
    if (claims.get(entryId) === 1) {
      insertMatch(db, lineId, entryId, amountOf.get(lineId)!, 'auto', st);
      pairs.push({ bankLineId: lineId, entryId });
    } else ambiguous++;
  }
  if (pairs.length) {
    audit(db, { ...st, action: 'auto-match', entity: 'bank_account', entityId: bankAccountId, after: { matched: pairs.length, ambiguous, pairs: pairs.map((p) => [p.bankLineId, p.entryId]) } });
  }
  return { matched: pairs.length, ambiguous, pairs };
}
