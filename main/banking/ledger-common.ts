/**
 * Shared pieces of the banking ledger layer (issue 7): row types and readers for stored bank
 * lines, the bank-side view of journal entries, and the stamp every write carries.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BankLineRow } from '../../shared/contract-banking';
import { StewardError } from '../../shared/errors';
import { getBankAccount } from '../clients/repo';
import { cached } from '../store/statements';

export interface Stamp {
  at: string;
  actor: string;
  today: string;
}

export interface StoredLine {
  id: number;
  bank_account_id: number;
  import_id: number;
  date: string;
  amount: number;
  description: string;
  reference: string | null;
  bank_transaction_id: string | null;
  running_balance: number | null;
  source_line: number;
}

export const LINE_COLS = 'id, bank_account_id, import_id, date, amount, description, reference, bank_transaction_id, running_balance, source_line';

export function requireBankAccount(db: Database, id: number) {
  return getBankAccount(db, id);
}

export function getStoredLine(db: Database, id: number): StoredLine {
  const r = cached(db, `SELECT ${LINE_COLS} FROM bank_lines WHERE id = ?`).get(id) as StoredLine | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no bank line ${id}.`, { where: 'bankLineId' });
  return r;
}

/** Active matches of some lines: line id → [{entryId, clientId}]. */
export function activeMatches(db: Database, lineIds: number[]): Map<number, Array<{ entryId: number; clientId: number }>> {
  const out = new Map<number, Array<{ entryId: number; clientId: number }>>();
  const stmt = cached(db, 'SELECT m.entry_id AS e, j.client_id AS c FROM bank_matches m JOIN journal_entries j ON j.id = m.entry_id WHERE m.bank_line_id = ? AND m.ended_at IS NULL ORDER BY m.id');
  for (const id of lineIds) {
    const rows = stmt.all(id) as Array<{ e: number; c: number }>;
    out.set(
      id,
      rows.map((r) => ({ entryId: r.e, clientId: r.c })),
    );
  }
  return out;
}

export function lockOfLine(db: Database, lineId: number): number | null {
  const r = cached(
    db,
    'SELECT r.id FROM reconciliation_locks k JOIN reconciliations r ON r.id = k.reconciliation_id WHERE k.bank_line_id = ? AND r.undone_at IS NULL ORDER BY r.id DESC LIMIT 1',
  ).get(lineId) as { id: number } | undefined;
  return r?.id ?? null;
}

export function lineRows(db: Database, lines: StoredLine[]): BankLineRow[] {
  const matches = activeMatches(
    db,
    lines.map((l) => l.id),
  );
  return lines.map((l) => {
    const m = matches.get(l.id) ?? [];
    return {
      id: l.id,
      bankAccountId: l.bank_account_id,
      importId: l.import_id,
      date: l.date,
      amount: l.amount,
      description: l.description,
      reference: l.reference,
      bankTransactionId: l.bank_transaction_id,
      runningBalance: l.running_balance,
      sourceLine: l.source_line,
      status: m.length ? 'matched' : 'unmatched',
      entryIds: m.map((x) => x.entryId),
      clientIds: [...new Set(m.map((x) => x.clientId))],
      reconciliationId: m.length ? lockOfLine(db, l.id) : null,
    };
  });
}

export function lineRow(db: Database, id: number): BankLineRow {
  return lineRows(db, [getStoredLine(db, id)])[0]!;
}

/** A journal entry as the bank sees it: its effect on the bank account (paid in positive). */
export interface BankEntry {
  id: number;
  client_id: number;
  date: string;
  kind: string;
  bank_amount: number;
  reference: string;
  memo: string;
  payee_name: string | null;
  client_name: string;
  bank_account_id: number;
}

export const ENTRY_SELECT = `SELECT e.id, e.client_id, e.date, e.kind, e.bank_amount, e.reference, e.memo, p.name AS payee_name, c.name AS client_name, a.bank_account_id
  FROM journal_entries e
  JOIN accounts a ON a.client_id = e.client_id AND a.code = 'bank'
  JOIN clients c ON c.id = e.client_id
  LEFT JOIN payees p ON p.id = e.payee_id`;

export function getBankEntry(db: Database, id: number): BankEntry {
  const r = cached(db, `${ENTRY_SELECT} WHERE e.id = ?`).get(id) as BankEntry | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no ledger entry ${id}.`, { where: 'entryIds' });
  return r;
}

export function isEntryMatched(db: Database, entryId: number): number | null {
  const r = cached(db, 'SELECT bank_line_id AS l FROM bank_matches WHERE entry_id = ? AND ended_at IS NULL').get(entryId) as { l: number } | undefined;
  return r?.l ?? null;
}
