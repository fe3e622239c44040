/**
 * Prepared statements, kept per open database: compiling an SQL statement costs more than running
 * a small one, and pay runs, audit rows and client lookups run the same few statements many times
 * (400 employers' pay runs prepared ~40,000 statements). Do not use a cached statement with
 * .iterate(): a statement that is still iterating cannot run again until it finishes.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

const cache = new WeakMap<Database, Map<string, Statement>>();

export function cached(db: Database, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
