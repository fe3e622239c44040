/**
 * The encrypted ledger file. One routine opens it: it keys the file, runs a test query at once and
 * maps every way that can fail to a stable error code, so a wrong passphrase is never a half-opened
 * file and a damaged file is never a crash.
 *
 * Format: SQLCipher 4 (through better-sqlite3-multiple-ciphers): AES-256-CBC pages with HMAC-SHA512,
 * key derived from the passphrase with PBKDF2-HMAC-SHA512 and a random 16-byte salt per file.
 * See docs/security.md for the parameters and why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../shared/errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';
import { checkPassphraseStrength } from './passphrase';

/** PRAGMA application_id of every Steward ledger ("STWD"). */
export const APPLICATION_ID = 0x53545744;
/** SQLCipher 4 page size: a ledger file is always a whole number of these. */
export const PAGE_SIZE = 4096;
/**
 * PBKDF2-HMAC-SHA512 iterations: SQLCipher 4's default, 256,000. Measured at ~220 ms per guess on
 * the 2-core build machines (`npm run bench` prints it), above the ~100 ms floor we require.
 */
export const KDF_ITERATIONS = 256_000;

export interface LedgerHandle {
  readonly db: Db;
  readonly path: string;
  readonly schemaVersion: number;
  /** True when the candidate is the passphrase the file is keyed with now. */
  checkPassphrase(candidate: string): boolean;
  /** After a rekey: the verifier follows the new passphrase. */
  rememberPassphrase(next: string): void;
  close(): void;
}

export interface OpenOptions {
  /** Iterations override, for tests of other files; defaults to KDF_ITERATIONS. */
  kdfIterations?: number;
  /** Run migrations up to this version only (tests of single migrations). */
  targetVersion?: number;
  /** Skip the full-file quick_check (never in the app; used by benchmarks to time key derivation alone). */
  skipQuickCheck?: boolean;
  /** Check only: no migrations, no journal-mode change (used to check a backup before restoring it). */
  checkOnly?: boolean;
}

const SQLITE_PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function hexOf(passphrase: string): string {
  return Buffer.from(passphrase, 'utf8').toString('hex');
}

/** Key a fresh connection: SQLCipher 4 scheme, our KDF cost, then the passphrase. */
function applyKey(db: Db, passphrase: string, kdfIterations: number): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`kdf_iter=${kdfIterations}`);
  db.pragma(`hexkey='${hexOf(passphrase)}'`);
}

/**
 * EXCLUSIVE before the first WAL access: no -shm file is made (the WAL index lives in this
 * process's memory), and the OS file lock keeps any other process out until we close.
 * Reads nothing, so it can run before the key is known to be right.
 */
function lockExclusive(db: Db): void {
  db.pragma('locking_mode=EXCLUSIVE');
  db.pragma('busy_timeout=0');
}

/** Connection settings; these read the file, so they run after the test query. */
function configure(db: Db): void {
  db.pragma('foreign_keys=ON');
  db.pragma('synchronous=FULL');
  // 64 MiB of page cache: the journal's balance index for a large organisation stays in memory,
  // so postings and balance queries do not re-read and re-decrypt the same pages.
  db.pragma('cache_size=-65536');
}

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

function mapOpenError(e: unknown, stage: 'key' | 'check', file: string): StewardError {
  if (e instanceof StewardError) return e;
  const code = sqliteCode(e);
  const name = path.basename(file);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StewardError('LEDGER_IN_USE', `${name} is open in another Steward window or program. Close it there first, then try again.`, { cause: e });
  }
  if (stage === 'key' && code === 'SQLITE_NOTADB') {
    return new StewardError('WRONG_PASSPHRASE', `That passphrase does not open ${name}. Check it and try again; passphrases are case-sensitive.`, { where: 'passphrase', cause: e });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    return new StewardError('IO_ERROR', `Steward cannot read or write ${name} (${code}). Check the folder exists and you may write to it.`, { cause: e });
  }
  return new StewardError('CORRUPT', `${name} is damaged (${code || String(e)}). Restore it from a backup.`, { cause: e });
}

/** Checks on the raw bytes that need no key: they tell "not a ledger" and "truncated" apart. */
function precheck(file: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new StewardError('FILE_NOT_FOUND', `There is no ledger file at ${file}.`, { where: 'path' });
  }
  if (!st.isFile()) throw new StewardError('NOT_A_LEDGER', `${file} is a folder, not a ledger file.`, { where: 'path' });
  const name = path.basename(file);
  if (st.size < PAGE_SIZE) {
    throw new StewardError('NOT_A_LEDGER', `${name} is not a Steward ledger (it is too small to be one).`, { where: 'path' });
  }
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.equals(SQLITE_PLAIN_HEADER)) {
    throw new StewardError('NOT_A_LEDGER', `${name} is an unencrypted SQLite database, not a Steward ledger.`, { where: 'path' });
  }
  if (st.size % PAGE_SIZE !== 0) {
    throw new StewardError('CORRUPT', `${name} is truncated or damaged (its size is not a whole number of pages). Restore it from a backup.`, { where: 'path' });
  }
}

export function readVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Run the pending migrations up to `target` in one transaction; all land or none. */
export function migrate(db: Db, target: number, list: readonly Migration[] = MIGRATIONS): void {
  const current = readVersion(db);
  const pending = list.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  const run = db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version=${m.version}`);
    }
  });
  run.immediate();
}

/** Create a new ledger file. Refuses to overwrite anything. */
export function createLedgerFile(
  file: string,
  passphrase: string,
  meta: { organisationName: string; createdAt: string },
  opts: OpenOptions = {},
): LedgerHandle {
  checkPassphraseStrength(passphrase);
  const abs = path.resolve(file);
  if (fs.existsSync(abs)) {
    throw new StewardError('FILE_EXISTS', `${path.basename(abs)} already exists. Choose another name, or open it instead.`, { where: 'path' });
  }
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir)) throw new StewardError('FILE_NOT_FOUND', `The folder ${dir} does not exist.`, { where: 'path' });
  let db: Db | undefined;
  try {
    db = new Database(abs);
    applyKey(db, passphrase, opts.kdfIterations ?? KDF_ITERATIONS);
    db.pragma(`page_size=${PAGE_SIZE}`);
    lockExclusive(db);
    configure(db);
    db.pragma('journal_mode=WAL');
    db.pragma(`application_id=${APPLICATION_ID}`);
    migrate(db, opts.targetVersion ?? LATEST_VERSION);
    const ins = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
    db.transaction(() => {
      ins.run('organisation_name', meta.organisationName);
      ins.run('created_at', meta.createdAt);
      ins.run('kdf', `PBKDF2-HMAC-SHA512/${opts.kdfIterations ?? KDF_ITERATIONS}`);
    })();
    return handle(db, abs, passphrase);
  } catch (e) {
    try {
      db?.close();
    } catch {
      /* already failing */
    }
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(abs + suffix, { force: true });
    throw e instanceof StewardError ? e : mapOpenError(e, 'check', abs);
  }
}

/**
 * A verifier for "is this the current passphrase?" while the file is held open under its exclusive
 * lock (a second connection cannot check it). scrypt with a per-process random salt; the passphrase
 * itself is not kept.
 */
function makeVerifier(passphrase: string): (candidate: string) => boolean {
  const salt = randomBytes(16);
  const derive = (p: string) => scryptSync(p.normalize('NFC'), salt, 32, { N: 1 << 14, r: 8, p: 1 });
  const expected = derive(passphrase);
  return (candidate) => timingSafeEqual(expected, derive(candidate));
}

function handle(db: Db, abs: string, passphrase: string): LedgerHandle {
  const schemaVersion = readVersion(db);
  let closed = false;
  let verifier = makeVerifier(passphrase);
  return {
    db,
    path: abs,
    schemaVersion,
    checkPassphrase: (candidate) => verifier(candidate),
    rememberPassphrase: (next) => {
      verifier = makeVerifier(next);
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        /* closing anyway */
      }
      db.close();
    },
  };
}

/** Open (unlock) an existing ledger. Never writes to a file it refuses. */
export function openLedgerFile(file: string, passphrase: string, opts: OpenOptions = {}): LedgerHandle {
  const abs = path.resolve(file);
  precheck(abs);
  let db: Db;
  try {
    db = new Database(abs, { fileMustExist: true });
  } catch (e) {
    throw mapOpenError(e, 'check', abs);
  }
  try {
    applyKey(db, passphrase, opts.kdfIterations ?? KDF_ITERATIONS);
    lockExclusive(db);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      throw mapOpenError(e, 'key', abs);
    }
    configure(db);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw new StewardError('NOT_A_LEDGER', `${path.basename(abs)} is an encrypted database, but not a Steward ledger.`, { where: 'path' });
    }
    const version = readVersion(db);
    if (version > LATEST_VERSION) {
      throw new StewardError(
        'NEWER_VERSION',
        `${path.basename(abs)} was written by a newer Steward (schema ${version}; this app knows up to ${LATEST_VERSION}). Update Steward to open it; the file has not been changed.`,
        { details: { fileVersion: version, appVersion: LATEST_VERSION } },
      );
    }
    if (!opts.skipQuickCheck) {
      let rows: Array<{ quick_check: string }>;
      try {
        rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
      } catch (e) {
        throw mapOpenError(e, 'check', abs);
      }
      if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') {
        throw new StewardError('CORRUPT', `${path.basename(abs)} is damaged: ${rows.map((r) => r.quick_check).slice(0, 3).join('; ')}. Restore it from a backup.`);
      }
    }
    if (!opts.checkOnly) {
      db.pragma('journal_mode=WAL');
      migrate(db, opts.targetVersion ?? LATEST_VERSION);
    }
    return handle(db, abs, passphrase);
  } catch (e) {
    try {
      db.close();
    } catch {
      /* already failing */
    }
    throw e instanceof StewardError ? e : mapOpenError(e, 'check', abs);
  }
}


export function readMeta(db: Db): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Re-encrypt the whole file under a new passphrase (SQLCipher rekey), after checking the current one. */
export function changePassphrase(h: LedgerHandle, current: string, next: string): void {
  if (!h.checkPassphrase(current)) {
    throw new StewardError('WRONG_PASSPHRASE', 'The current passphrase is not right.', { where: 'current' });
  }
  checkPassphraseStrength(next);
  // SQLite3MC cannot rekey in WAL mode: checkpoint, rekey in rollback mode, then back to WAL.
  try {
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    h.db.pragma('journal_mode=DELETE');
    try {
      h.db.pragma(`hexrekey='${hexOf(next)}'`);
    } finally {
      h.db.pragma('journal_mode=WAL');
    }
  } catch (e) {
    throw mapOpenError(e, 'check', h.path);
  }
  h.rememberPassphrase(next);
}

export interface BackupInfo {
  path: string;
  bytes: number;
  schemaVersion: number;
}

/**
 * Write an encrypted, consistent copy of the open ledger to `dest` (which must not exist) and verify
 * it by opening it through the live connection: quick_check, application id and schema version.
 *
 * Why VACUUM INTO and not sqlite3_backup: SQLite3 Multiple Ciphers refuses the backup API between
 * an encrypted source and a target that is not keyed, and better-sqlite3 opens backup targets
 * without a key. VACUUM INTO reads one consistent snapshot of the live database (like the backup
 * API) and SQLite3MC writes the target encrypted with the same key, so no plaintext ever reaches
 * the disk. The copy is written beside the target under a temporary name and renamed when verified.
 */
export function backupLedger(h: LedgerHandle, dest: string): BackupInfo {
  const abs = path.resolve(dest);
  if (fs.existsSync(abs)) throw new StewardError('FILE_EXISTS', `${abs} already exists; Steward never overwrites a backup.`, { where: 'path' });
  const dir = path.dirname(abs);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new StewardError('IO_ERROR', `Cannot create the backup folder ${dir}.`, { cause: e });
  }
  const tmp = `${abs}.partial-${randomBytes(4).toString('hex')}`;
  try {
    h.db.prepare('VACUUM INTO ?').run(tmp);
    verifyCopy(h, tmp);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof StewardError) throw e;
    throw new StewardError('BACKUP_FAILED', `The backup to ${abs} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return { path: abs, bytes: fs.statSync(abs).size, schemaVersion: h.schemaVersion };
}

/** Open a copy keyed like the live ledger (ATTACH inherits the key) and check it whole. */
function verifyCopy(h: LedgerHandle, file: string): void {
  h.db.prepare("ATTACH DATABASE ? AS steward_verify").run(file);
  try {
    const rows = h.db.pragma('steward_verify.quick_check') as Array<{ quick_check: string }>;
    const appId = h.db.pragma('steward_verify.application_id', { simple: true });
    const version = h.db.pragma('steward_verify.user_version', { simple: true });
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok' || appId !== APPLICATION_ID || version !== h.schemaVersion) {
      throw new StewardError('BACKUP_FAILED', 'The backup did not verify when reopened; nothing was kept. Check the disk and try again.');
    }
  } finally {
    h.db.exec('DETACH DATABASE steward_verify');
  }
}

export interface IntegrityReport {
  ok: boolean;
  integrity: string;
  schemaVersion: number;
}

/** Full integrity check of the open ledger (slower than the quick_check run on every unlock). */
export function integrityCheck(h: LedgerHandle): IntegrityReport {
  const rows = h.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const text = rows.map((r) => r.integrity_check).join('; ');
  const fk = h.db.pragma('foreign_key_check') as unknown[];
  const ok = text === 'ok' && fk.length === 0;
  return { ok, integrity: fk.length ? `${text}; ${fk.length} broken references` : text, schemaVersion: readVersion(h.db) };
}

/** Restore: check the backup whole with its passphrase, copy it to a new file, open the copy. */
export function restoreLedger(backup: string, target: string, passphrase: string): LedgerHandle {
  const src = path.resolve(backup);
  const dst = path.resolve(target);
  if (fs.existsSync(dst)) throw new StewardError('FILE_EXISTS', `${dst} already exists. Restore to a new file name.`, { where: 'targetPath' });
  const check = openLedgerFile(src, passphrase, { checkOnly: true });
  check.close();
  fs.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL);
  try {
    return openLedgerFile(dst, passphrase);
  } catch (e) {
    fs.rmSync(dst, { force: true });
    throw e;
  }
}
