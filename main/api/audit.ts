import type { Database } from 'better-sqlite3-multiple-ciphers';
import { auditHash, GENESIS } from '../store/migrations/002_client_money';
import { cached } from '../store/statements';

export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

function hasChain(db: Database): boolean {
  const cols = db.prepare("SELECT name FROM pragma_table_info('audit_log') WHERE name = 'hash'").all();
  return cols.length > 0;
}

const chained = new WeakMap<Database, boolean>();

/**
 * Append one row to the audit log (inside the caller's transaction). Each row carries a hash over
 * its content and the previous row's hash, so an edit made outside Steward breaks the chain.
 */
export function audit(db: Database, r: AuditRecord): void {
  const before = r.before === undefined ? null : JSON.stringify(r.before);
  const after = r.after === undefined ? null : JSON.stringify(r.after);
  const entityId = r.entityId === undefined || r.entityId === null ? null : String(r.entityId);
  let isChained = chained.get(db);
  if (isChained === undefined) {
    isChained = hasChain(db);
    if (isChained) chained.set(db, true);
  }
  if (!isChained) {
    cached(db, 'INSERT INTO audit_log(at, actor, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      r.at,
      r.actor,
      r.action,
      r.entity,
      entityId,
      before,
      after,
    );
    return;
  }
  const last = cached(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const id = (last?.id ?? 0) + 1;
  const prev = last?.hash ?? GENESIS;
  const row = { id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entity_id: entityId, before_json: before, after_json: after };
  const hash = auditHash(prev, row);
  cached(db, 'INSERT INTO audit_log(id, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    r.at,
    r.actor,
    r.action,
    r.entity,
    entityId,
    before,
    after,
    prev,
    hash,
  );
}
