import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createLedgerFile, migrate, openLedgerFile, readVersion } from '../../../main/store/ledger-file';
import { LATEST_VERSION, MIGRATIONS } from '../../../main/store/migrations';
import type { Migration } from '../../../main/store/migrations/types';
import { tempDir } from '../../fixtures/temp';
import { PASSPHRASE } from '../../fixtures/ledger';

const META = { organisationName: 'M', createdAt: '2026-04-06T09:00:00.000Z' };

describe('migrations', () => {
  it('are numbered 1..n in order, one file each', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 foundation: meta and an append-only audit log', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(readVersion(db)).toBe(1);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['meta', 'audit_log']));
    db.prepare("INSERT INTO audit_log(at, actor, action, entity) VALUES ('t', 'a', 'create', 'ledger')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/IMMUTABLE/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/IMMUTABLE/);
    expect(() => db.prepare("INSERT INTO meta(key, value) VALUES ('k', x'00')").run()).toThrow(/cannot store BLOB value in TEXT column/);
  });

  it('run in one transaction: a failing migration leaves the schema and user_version as they were', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const bad: Migration[] = [
      ...MIGRATIONS,
      { version: 90, name: 'good', up: (d) => d.exec('CREATE TABLE later_a (x INTEGER) STRICT') },
      { version: 91, name: 'bad', up: (d) => d.exec('CREATE TABLE later_b (x INTEGER) STRICT; SELECT no_such_function()') },
    ];
    expect(() => migrate(db, 91, bad)).toThrow();
    expect(readVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'later_%'").all()).toEqual([]);
  });

  it('an older ledger is brought up to date when opened', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.steward');
    // Version 0 → LATEST is the path every ledger created by an older build takes.
    const h = createLedgerFile(file, PASSPHRASE, META);
    h.close();
    const again = openLedgerFile(file, PASSPHRASE);
    expect(again.schemaVersion).toBe(LATEST_VERSION);
    again.close();
  });
});
