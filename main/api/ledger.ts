/** Handlers for the ledger file itself: create, unlock, lock, passphrase, backups, settings. */
import { cancelAllJobs } from '../reports/jobs';
import fs from 'node:fs';
import path from 'node:path';
import { dayOf } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import type { LedgerInfo, Settings, StatusResult } from '../../shared/contract';
import {
  backupLedger,
  changePassphrase,
  createLedgerFile,
  integrityCheck,
  openLedgerFile,
  readMeta,
  restoreLedger,
  type LedgerHandle,
} from '../store/ledger-file';
import { audit } from './audit';
import { verifyLedgerContent } from '../ledger/verify';
import type { ApiContext } from './context';
import { pushRecent } from './prefs';
import type { HandlerMap } from './types';

export function requireLedger(ctx: ApiContext): LedgerHandle {
  const l = ctx.session.ledger;
  if (!l) throw new StewardError('LOCKED', 'The ledger is locked. Unlock it to continue.');
  return l;
}

function info(h: LedgerHandle): LedgerInfo {
  const meta = readMeta(h.db);
  return {
    path: h.path,
    organisationName: meta['organisation_name'] ?? '',
    schemaVersion: h.schemaVersion,
    createdAt: meta['created_at'] ?? '',
  };
}

function settingsOf(ctx: ApiContext): Settings {
  const p = ctx.prefs.get();
  return { autoLockMinutes: p.autoLockMinutes, backupKeep: p.backupKeep, backupFolder: p.backupFolder };
}

/** Make `h` the open ledger of this session and start its idle timer. */
function adopt(ctx: ApiContext, h: LedgerHandle): LedgerInfo {
  if (ctx.session.ledger) {
    h.close();
    throw new StewardError('ALREADY_OPEN', 'A ledger is already open. Lock it first.');
  }
  ctx.session.ledger = h;
  ctx.prefs.set({ recent: pushRecent(ctx.prefs.get().recent, h.path) });
  ctx.session.onIdle = () => {
    lockNow(ctx, 'idle');
  };
  touch(ctx);
  return info(h);
}

export function touch(ctx: ApiContext): number | null {
  if (!ctx.session.ledger) return null;
  const ms = ctx.prefs.get().autoLockMinutes * 60_000;
  ctx.session.arm(ms, ctx.now().getTime());
  return ms;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Folder for automatic backups of one ledger: <dataDir>/backups/<file name without extension>. */
export function autoBackupFolder(ctx: ApiContext, ledgerPath: string): string {
  const base = path.basename(ledgerPath).replace(/\.steward$/i, '');
  return path.join(ctx.dataDir, 'backups', base);
}

/** Keep the newest `keep` automatic backups of a ledger; older ones are removed. */
export function pruneBackups(folder: string, keep: number): string[] {
  if (!fs.existsSync(folder)) return [];
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.steward'))
    .sort();
  const remove = files.slice(0, Math.max(0, files.length - keep));
  for (const f of remove) fs.rmSync(path.join(folder, f), { force: true });
  return remove;
}

function autoBackup(ctx: ApiContext, h: LedgerHandle, why: string): string {
  const folder = autoBackupFolder(ctx, h.path);
  const base = path.basename(h.path).replace(/\.steward$/i, '');
  let file = path.join(folder, `${base}-${stamp(ctx.now())}-${why}.steward`);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(folder, `${base}-${stamp(ctx.now())}-${why}-${i}.steward`);
  const b = backupLedger(h, file);
  pruneBackups(folder, ctx.prefs.get().backupKeep);
  return b.path;
}

/** Lock: automatic backup (a failure is reported but never keeps the file open), close, drop the key. */
export function lockNow(ctx: ApiContext, reason: 'user' | 'idle' | 'close'): { locked: true; backup: string | null } {
  const h = ctx.session.ledger;
  ctx.session.disarm();
  // Report jobs stop between two files (their half-written file is never left under its real name).
  cancelAllJobs();
  if (!h) return { locked: true, backup: null };
  let backup: string | null = null;
  try {
    backup = autoBackup(ctx, h, reason === 'close' ? 'close' : 'lock');
  } catch {
    backup = null;
  }
  ctx.session.ledger = null;
  h.close();
  return { locked: true, backup };
}

export const ledgerHandlers: HandlerMap<
  | 'app.info'
  | 'ledger.status'
  | 'ledger.create'
  | 'ledger.unlock'
  | 'ledger.unlockRemembered'
  | 'ledger.forget'
  | 'ledger.lock'
  | 'ledger.changePassphrase'
  | 'ledger.backup'
  | 'ledger.restore'
  | 'ledger.verify'
  | 'session.touch'
  | 'settings.get'
  | 'settings.update'
  | 'dashboard.summary'
> = {
  'app.info': (ctx) => ({ version: ctx.version, mode: ctx.mode, platform: process.platform, today: dayOf(ctx.now()) }),

  'ledger.status': (ctx): StatusResult => ({
    state: ctx.session.ledger ? 'open' : 'locked',
    ledger: ctx.session.ledger ? info(ctx.session.ledger) : null,
    recent: ctx.prefs.get().recent,
    rememberAvailable: ctx.remember?.available() ?? false,
    remembered: ctx.remember?.available() ? ctx.remember.list() : [],
    settings: settingsOf(ctx),
  }),

  'ledger.create': (ctx, input) => {
    if (ctx.session.ledger) throw new StewardError('ALREADY_OPEN', 'A ledger is already open. Lock it first.');
    const h = createLedgerFile(input.path, input.passphrase, {
      organisationName: input.organisationName,
      createdAt: ctx.now().toISOString(),
    });
    audit(h.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'create', entity: 'ledger', after: { organisationName: input.organisationName } });
    return adopt(ctx, h);
  },

  'ledger.unlock': (ctx, input) => {
    if (ctx.session.ledger) throw new StewardError('ALREADY_OPEN', 'A ledger is already open. Lock it first.');
    if (input.remember && !ctx.remember?.available()) {
      throw new StewardError('REMEMBER_UNAVAILABLE', 'This device cannot keep the passphrase safely, so Steward will not remember it here.', { where: 'remember' });
    }
    const h = openLedgerFile(input.path, input.passphrase);
    const out = adopt(ctx, h);
    if (input.remember && ctx.remember) ctx.remember.save(h.path, input.passphrase);
    return out;
  },

  'ledger.unlockRemembered': (ctx, input) => {
    if (!ctx.remember?.available()) {
      throw new StewardError('REMEMBER_UNAVAILABLE', 'This device cannot keep passphrases safely; type the passphrase instead.');
    }
    const abs = path.resolve(input.path);
    const p = ctx.remember.load(abs);
    if (p === null) throw new StewardError('NOT_FOUND', 'This device does not remember a passphrase for that ledger.');
    try {
      return adopt(ctx, openLedgerFile(abs, p));
    } catch (e) {
      if (e instanceof StewardError && e.code === 'WRONG_PASSPHRASE') ctx.remember.forget(abs);
      throw e;
    }
  },

  'ledger.forget': (ctx, input) => ({ forgotten: ctx.remember?.forget(path.resolve(input.path)) ?? false }),

  'ledger.lock': (ctx, input) => lockNow(ctx, input.reason ?? 'user'),

  'ledger.changePassphrase': (ctx, input) => {
    const h = requireLedger(ctx);
    changePassphrase(h, input.current, input.next);
    audit(h.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'change-passphrase', entity: 'ledger' });
    if (ctx.remember?.load(h.path) !== null && ctx.remember?.available()) ctx.remember.save(h.path, input.next);
    return { changed: true as const };
  },

  'ledger.backup': (ctx, input) => {
    const h = requireLedger(ctx);
    let file = input.file;
    if (!file) {
      const folder = input.folder ?? ctx.prefs.get().backupFolder ?? autoBackupFolder(ctx, h.path);
      const base = path.basename(h.path).replace(/\.steward$/i, '');
      file = path.join(folder, `${base}-${stamp(ctx.now())}-manual.steward`);
    }
    const b = backupLedger(h, file);
    return { path: b.path, bytes: b.bytes, verified: true as const, schemaVersion: b.schemaVersion };
  },

  'ledger.restore': (ctx, input) => {
    if (ctx.session.ledger) throw new StewardError('ALREADY_OPEN', 'Lock the open ledger before restoring a backup.');
    const h = restoreLedger(input.backupPath, input.targetPath, input.passphrase);
    audit(h.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'restore', entity: 'ledger', after: { from: path.resolve(input.backupPath) } });
    return adopt(ctx, h);
  },

  'ledger.verify': (ctx) => {
    const h = requireLedger(ctx);
    const r = integrityCheck(h);
    // Content checks run whenever the pages themselves are sound; broken references alone still
    // leave the chains readable, and the chain names the row that was touched.
    const readable = r.integrity === 'ok' || r.integrity.startsWith('ok;');
    const problems = [...(readable ? verifyLedgerContent(h.db, r.schemaVersion) : []), ...(r.ok ? [] : [{ code: 'CORRUPT', message: r.integrity }])];
    return { ok: problems.length === 0, schemaVersion: r.schemaVersion, integrity: r.integrity, problems };
  },

  'session.touch': (ctx) => ({ lockInMs: touch(ctx) }),

  'settings.get': (ctx) => settingsOf(ctx),

  'settings.update': (ctx, input) => {
    const patch: Partial<Settings> = {};
    if (input.autoLockMinutes !== undefined) patch.autoLockMinutes = input.autoLockMinutes;
    if (input.backupKeep !== undefined) patch.backupKeep = input.backupKeep;
    if (input.backupFolder !== undefined) patch.backupFolder = input.backupFolder;
    ctx.prefs.set(patch);
    touch(ctx);
    return settingsOf(ctx);
  },

  'dashboard.summary': (ctx) => {
    const h = requireLedger(ctx);
    const meta = readMeta(h.db);
    const count = (table: string): number => {
      const exists = h.db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?").get(table);
      return exists ? (h.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    };
    const funderCount = count('funders');
    const clientCount = count('clients');
    return {
      organisationName: meta['organisation_name'] ?? '',
      clientCount,
      funderCount,
      firstSteps: [
        { id: 'funder', title: 'Add a funder (the council or NHS body that pays the budgets)', done: funderCount > 0 },
        { id: 'client', title: 'Add your first client and their funder', done: clientCount > 0 },
        { id: 'backup', title: 'Choose a backup folder in Settings and back up now', done: ctx.prefs.get().backupFolder !== null },
      ],
    };
  },
};
