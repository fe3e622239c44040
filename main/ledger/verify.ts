/**
 * Checks beyond SQLite's own integrity check: the journal's hash chain (and that every entry
 * balances), the audit log's hash chain, that every line agrees with its entry, and that the
 * triggers guarding the append-only tables are all still there. Each problem names the first bad
 * row, so a broker can tell the support desk exactly where the file was changed.
 */
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from '../store/migrations';
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
  // Every trigger the migrations create must be present with exactly the SQL they created it with
  // (a guard replaced by a harmless one of the same name counts as removed).
  const expected = expectedTriggers(schemaVersion);
  const actual = new Map((db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; sql: string }>).map((r) => [r.name, r.sql]));
  const missing = [...expected].filter(([name, sql]) => actual.get(name) !== sql).map(([name]) => name);
  if (missing.length) problems.push({ code: 'BROKEN_CHAIN', message: `Protective triggers were removed or changed outside Steward: ${missing.join(', ')}.` });
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
  // The audit log records every posted entry; an entry it records that the journal lacks means
  // rows were removed from the end of the journal (which its own chain cannot show).
  const lastJournal = (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM journal_entries').get() as { n: number }).n;
  const lastAudited = (
    db
      .prepare(
        `SELECT COALESCE(MAX(n), 0) AS n FROM (
           SELECT CAST(entity_id AS INTEGER) AS n FROM audit_log WHERE entity = 'entry'
           UNION ALL SELECT CAST(json_extract(after_json, '$.lastId') AS INTEGER) FROM audit_log WHERE entity = 'journal' AND action = 'import')`,
      )
      .get() as { n: number }
  ).n;
  if (lastAudited > lastJournal) {
    problems.push({ code: 'BROKEN_CHAIN', message: `Journal entry ${lastAudited} is in the audit log but missing from the journal: entries were removed outside Steward.` });
  }
  return problems;
}

const triggerCache = new Map<number, Map<string, string>>();

/** The triggers a ledger at this schema version has when Steward made it. */
function expectedTriggers(version: number): Map<string, string> {
  let t = triggerCache.get(version);
  if (!t) {
    const mem = new Sqlite(':memory:');
    try {
      for (const m of MIGRATIONS) if (m.version <= version) m.up(mem);
      t = new Map((mem.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; sql: string }>).map((r) => [r.name, r.sql]));
    } finally {
      mem.close();
    }
    triggerCache.set(version, t);
  }
  return t;
}
