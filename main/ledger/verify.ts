/**
 * Checks beyond SQLite's own integrity check: the journal's hash chain (and that every entry
 * balances), the audit log's hash chain, that every line agrees with its entry, and that the
 * triggers guarding the append-only tables are all still there. Each problem names the first bad
 * row, so a broker can tell the support desk exactly where the file was changed.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { auditHash, GENESIS, type AuditRowRaw } from '../store/migrations/002_client_money';
import { verifyJournalChain } from './journal';

export interface Problem {
  code: string;
  message: string;
}

export const GUARD_TRIGGERS = [
  'audit_log_no_update',
  'audit_log_no_delete',
  'journal_entries_no_update',
  'journal_entries_no_delete',
  'journal_lines_no_update',
  'journal_lines_no_delete',
  'journal_entries_check',
  'journal_lines_into_open_entry',
  'journal_entries_no_reverse_reversal',
  'period_closes_no_update',
  'period_closes_no_delete',
  'accounts_no_update',
  'accounts_no_delete',
  'attachments_no_update',
  'attachments_no_delete',
] as const;

export function verifyAuditChain(db: Database): Problem | null {
  let prev = GENESIS;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRowRaw & { prev_hash: string; hash: string }>) {
    if (r.prev_hash !== prev || auditHash(prev, r) !== r.hash) {
      return { code: 'BROKEN_CHAIN', message: `Audit record ${r.id} (${r.action} ${r.entity}${r.entity_id ? ` ${r.entity_id}` : ''}) does not match its hash: the audit log was changed outside Steward.` };
    }
    prev = r.hash;
  }
  return null;
}

export function verifyLedgerContent(db: Database, schemaVersion: number): Problem[] {
  if (schemaVersion < 2) return [];
  const problems: Problem[] = [];
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>).map((r) => r.name));
  const missing = GUARD_TRIGGERS.filter((t) => !present.has(t));
  if (missing.length) problems.push({ code: 'BROKEN_CHAIN', message: `Protective triggers were removed outside Steward: ${missing.join(', ')}.` });
  const j = verifyJournalChain(db);
  if (j) problems.push({ code: j.code, message: j.message });
  const mismatch = db
    .prepare(
      `SELECT l.entry_id AS id FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
        WHERE l.date <> e.date OR a.client_id <> e.client_id ORDER BY l.entry_id LIMIT 1`,
    )
    .get() as { id: number } | undefined;
  if (mismatch) problems.push({ code: 'BROKEN_CHAIN', message: `Journal entry ${mismatch.id} has a line whose account or date is not the entry's own from the entry: the file was changed outside Steward.` });
  const a = verifyAuditChain(db);
  if (a) problems.push(a);
  return problems;
}
