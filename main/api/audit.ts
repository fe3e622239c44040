import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Append one row to the audit log (inside the caller's transaction). */
export function audit(db: Database, r: AuditRecord): void {
  db.prepare(
    'INSERT INTO audit_log(at, actor, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    r.at,
    r.actor,
    r.action,
    r.entity,
    r.entityId ?? null,
    r.before === undefined ? null : JSON.stringify(r.before),
    r.after === undefined ? null : JSON.stringify(r.after),
  );
}
