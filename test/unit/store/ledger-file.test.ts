import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  KDF_ITERATIONS,
  backupLedger,
  changePassphrase,
  createLedgerFile,
  openLedgerFile,
  readMeta,
  restoreLedger,
} from '../../../main/store/ledger-file';
import { LATEST_VERSION } from '../../../main/store/migrations';
import { tempDir } from '../../fixtures/temp';
import { PASSPHRASE } from '../../fixtures/ledger';

const META = { organisationName: 'Quillfeather Support Brokers', createdAt: '2026-04-06T09:00:00.000Z' };
const SECRET = 'Zebedee Quillfeather-Ånström';

function sha(file: string): string {
  return fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'absent';
}
function sums(file: string): string[] {
  return ['', '-wal', '-shm'].map((s) => sha(file + s));
}
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'no error';
}

/** A ledger with enough rows to span many pages, closed. */
function bigLedger(dir: string): string {
  const file = path.join(dir, 'big.steward');
  const h = createLedgerFile(file, PASSPHRASE, META);
  const ins = h.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
  h.db.transaction(() => {
    for (let i = 0; i < 300; i++) ins.run(`row${i}`, `${SECRET} ${'x'.repeat(900)} ${i}`);
  })();
  h.close();
  return file;
}

describe('encrypted ledger file', () => {
  it('creates, closes and reopens with the passphrase', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.steward');
    const h = createLedgerFile(file, PASSPHRASE, META);
    expect(h.schemaVersion).toBe(LATEST_VERSION);
    h.close();
    const again = openLedgerFile(file, PASSPHRASE);
    expect(readMeta(again.db)['organisation_name']).toBe(META.organisationName);
    expect(again.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    again.close();
  });

  it('uses SQLCipher 4 settings with the stated KDF cost, WAL, synchronous=FULL, foreign keys and STRICT tables', () => {
    const dir = tempDir();
    const h = createLedgerFile(path.join(dir, 'a.steward'), PASSPHRASE, META);
    expect(h.db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(Number(h.db.pragma('legacy', { simple: true }))).toBe(4);
    expect(Number(h.db.pragma('kdf_iter', { simple: true }))).toBe(KDF_ITERATIONS);
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(256_000);
    expect(h.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(h.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = h.db.prepare("SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; sql: string }>;
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*(STRICT(,\s*WITHOUT ROWID)?|WITHOUT ROWID,\s*STRICT)\s*$/);
    h.close();
  });

  it('refuses a weak passphrase with a clear message and writes no file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'weak.steward');
    for (const weak of ['short', 'alllowercaseletters', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'Password1234']) {
      let err: unknown;
      try {
        createLedgerFile(file, weak, META);
      } catch (e) {
        err = e;
      }
      expect((err as { code?: string }).code, weak).toBe('WEAK_PASSPHRASE');
      expect((err as Error).message).toMatch(/at least 12 characters/);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves no trace of a known client name in the raw bytes, including -wal and -shm', () => {
    const dir = tempDir();
    const file = path.join(dir, 'secret.steward');
    const h = createLedgerFile(file, PASSPHRASE, META);
    h.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('client', SECRET);
    const needles = [Buffer.from(SECRET, 'utf8'), Buffer.from('Zebedee', 'utf8'), Buffer.from('Zebedee', 'utf16le'), Buffer.from('Quillfeather')];
    const check = () => {
      const files = fs.readdirSync(dir);
      expect(files.some((f) => f.endsWith('-wal'))).toBe(files.length > 1);
      for (const f of files) {
        const raw = fs.readFileSync(path.join(dir, f));
        for (const n of needles) expect(raw.includes(n), `${f} contains ${n.toString()}`).toBe(false);
      }
    };
    check(); // while open: main file and WAL
    h.close();
    check(); // after close
    const again = openLedgerFile(file, PASSPHRASE);
    expect(readMeta(again.db)['client']).toBe(SECRET); // the name really is in there
    again.close();
  });

  it('wrong passphrase → WRONG_PASSPHRASE and the file is byte-for-byte unchanged', () => {
    const file = bigLedger(tempDir());
    const before = sums(file);
    expect(codeOf(() => openLedgerFile(file, 'Wrong Horse 42 battery'))).toBe('WRONG_PASSPHRASE');
    expect(sums(file)).toEqual(before);
  });

  it('files that are not ledgers → NOT_A_LEDGER, never a crash', () => {
    const dir = tempDir();
    const text = path.join(dir, 'notes.steward');
    fs.writeFileSync(text, 'Dear council, please find attached…\n');
    const empty = path.join(dir, 'empty.steward');
    fs.writeFileSync(empty, '');
    const plain = path.join(dir, 'plain.steward');
    const p = new Database(plain);
    p.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    p.close();
    const other = path.join(dir, 'other-app.steward');
    const o = new Database(other);
    o.pragma(`cipher='sqlcipher'`);
    o.pragma('legacy=4');
    o.pragma(`kdf_iter=${KDF_ITERATIONS}`);
    o.pragma(`hexkey='${Buffer.from(PASSPHRASE).toString('hex')}'`);
    o.exec('CREATE TABLE t(x)');
    o.close();
    expect(codeOf(() => openLedgerFile(text, PASSPHRASE))).toBe('NOT_A_LEDGER');
    expect(codeOf(() => openLedgerFile(empty, PASSPHRASE))).toBe('NOT_A_LEDGER');
    expect(codeOf(() => openLedgerFile(plain, PASSPHRASE))).toBe('NOT_A_LEDGER');
    expect(codeOf(() => openLedgerFile(other, PASSPHRASE))).toBe('NOT_A_LEDGER');
    expect(codeOf(() => openLedgerFile(dir, PASSPHRASE))).toBe('NOT_A_LEDGER');
    expect(codeOf(() => openLedgerFile(path.join(dir, 'missing.steward'), PASSPHRASE))).toBe('FILE_NOT_FOUND');
  });

  it('truncated or damaged files → CORRUPT, never a crash', () => {
    const dir = tempDir();
    const file = bigLedger(dir);
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(40 * 4096);
    const midPage = path.join(dir, 'mid-page.steward');
    fs.writeFileSync(midPage, bytes.subarray(0, bytes.length - 1000));
    const atPage = path.join(dir, 'at-page.steward');
    fs.writeFileSync(atPage, bytes.subarray(0, 20 * 4096));
    const flipped = path.join(dir, 'flipped.steward');
    const f = Buffer.from(bytes);
    for (let i = 0; i < 64; i++) f[30 * 4096 + 100 + i] = f[30 * 4096 + 100 + i]! ^ 0xff;
    fs.writeFileSync(flipped, f);
    expect(codeOf(() => openLedgerFile(midPage, PASSPHRASE))).toBe('CORRUPT');
    expect(codeOf(() => openLedgerFile(atPage, PASSPHRASE))).toBe('CORRUPT');
    expect(codeOf(() => openLedgerFile(flipped, PASSPHRASE))).toBe('CORRUPT');
  });

  it('a file from a newer schema → NEWER_VERSION and the file is unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, 'future.steward');
    const h = createLedgerFile(file, PASSPHRASE, META);
    h.db.pragma(`user_version=${LATEST_VERSION + 5}`);
    h.close();
    const before = sums(file);
    let err: { code?: string; message?: string } = {};
    try {
      openLedgerFile(file, PASSPHRASE);
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.code).toBe('NEWER_VERSION');
    expect(err.message).toMatch(/newer Steward/);
    expect(sums(file)).toEqual(before);
  });

  it('will not create over an existing file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.steward');
    fs.writeFileSync(file, 'keep me');
    expect(codeOf(() => createLedgerFile(file, PASSPHRASE, META))).toBe('FILE_EXISTS');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('a second connection to a ledger held open gets LEDGER_IN_USE', () => {
    const dir = tempDir();
    const file = path.join(dir, 'held.steward');
    const h = createLedgerFile(file, PASSPHRASE, META);
    expect(codeOf(() => openLedgerFile(file, PASSPHRASE))).toBe('LEDGER_IN_USE');
    h.close();
    openLedgerFile(file, PASSPHRASE).close();
  });

  it('changes the passphrase: the old one stops working, the new one opens it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'rekey.steward');
    const h = createLedgerFile(file, PASSPHRASE, META);
    expect(codeOf(() => changePassphrase(h, 'Not The Current 99', 'Brand New Phrase 77!'))).toBe('WRONG_PASSPHRASE');
    expect(codeOf(() => changePassphrase(h, PASSPHRASE, 'weak'))).toBe('WEAK_PASSPHRASE');
    changePassphrase(h, PASSPHRASE, 'Brand New Phrase 77!');
    expect(h.checkPassphrase('Brand New Phrase 77!')).toBe(true);
    h.close();
    expect(codeOf(() => openLedgerFile(file, PASSPHRASE))).toBe('WRONG_PASSPHRASE');
    const again = openLedgerFile(file, 'Brand New Phrase 77!');
    expect(readMeta(again.db)['organisation_name']).toBe(META.organisationName);
    again.close();
  });

  it('backs up to an encrypted copy that verifies and opens with the same passphrase', () => {
    const dir = tempDir();
    const file = bigLedger(dir);
    const h = openLedgerFile(file, PASSPHRASE);
    const dest = path.join(dir, 'backups', 'copy.steward');
    const b = backupLedger(h, dest);
    expect(b.path).toBe(dest);
    expect(codeOf(() => backupLedger(h, dest))).toBe('FILE_EXISTS');
    h.close();
    const raw = fs.readFileSync(dest);
    expect(raw.includes(Buffer.from('Zebedee'))).toBe(false);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['copy.steward']);
    const copy = openLedgerFile(dest, PASSPHRASE);
    expect(readMeta(copy.db)['row299']).toContain(SECRET);
    copy.close();
  });

  it('restore checks the backup first: a damaged backup is refused and no target is written', () => {
    const dir = tempDir();
    const file = bigLedger(dir);
    const h = openLedgerFile(file, PASSPHRASE);
    const good = path.join(dir, 'good.steward');
    backupLedger(h, good);
    h.close();
    const bad = path.join(dir, 'bad.steward');
    const bytes = Buffer.from(fs.readFileSync(good));
    for (let i = 0; i < 64; i++) bytes[25 * 4096 + 10 + i] = bytes[25 * 4096 + 10 + i]! ^ 0x5a;
    fs.writeFileSync(bad, bytes);
    const target = path.join(dir, 'restored.steward');
    expect(codeOf(() => restoreLedger(bad, target, PASSPHRASE))).toBe('CORRUPT');
    expect(fs.existsSync(target)).toBe(false);
    expect(codeOf(() => restoreLedger(good, target, 'Wrong Horse 42 battery'))).toBe('WRONG_PASSPHRASE');
    expect(fs.existsSync(target)).toBe(false);
    const r = restoreLedger(good, target, PASSPHRASE);
    expect(readMeta(r.db)['row5']).toContain(SECRET);
    expect(r.db.pragma('journal_mode', { simple: true })).toBe('wal');
    r.close();
  });
});
