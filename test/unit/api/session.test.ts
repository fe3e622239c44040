import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RememberStore } from '../../../main/api/context';
import { autoBackupFolder, pruneBackups } from '../../../main/api/ledger';
import { openLedgerFile, readMeta } from '../../../main/store/ledger-file';
import { openTestLedger, PASSPHRASE, testEnv } from '../../fixtures/ledger';
import { tempDir } from '../../fixtures/temp';

describe('session: lock, auto-lock and automatic backups', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('locks after the idle time (default 10 minutes), drops the ledger and backs up', async () => {
    const env = await openTestLedger();
    expect(env.ctx.prefs.get().autoLockMinutes).toBe(10);
    vi.advanceTimersByTime(9 * 60_000);
    expect(env.ctx.session.ledger).not.toBeNull();
    await env.call('session.touch'); // activity restarts the clock
    vi.advanceTimersByTime(9 * 60_000);
    expect(env.ctx.session.ledger).not.toBeNull();
    vi.advanceTimersByTime(60_000 + 1);
    expect(env.ctx.session.ledger).toBeNull();
    const status = await env.call<{ state: string }>('ledger.status');
    expect(status.state).toBe('locked');
    await expect(env.call('dashboard.summary')).rejects.toMatchObject({ code: 'LOCKED' });
    const backups = fs.readdirSync(autoBackupFolder(env.ctx, env.ledgerPath));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^org-20260406T090000Z-lock\.steward$/);
  });

  it('honours a configured idle time', async () => {
    const env = await openTestLedger();
    await env.call('settings.update', { autoLockMinutes: 2 });
    vi.advanceTimersByTime(2 * 60_000 + 1);
    expect(env.ctx.session.ledger).toBeNull();
  });

  it('rejects settings out of range with VALIDATION', async () => {
    const env = await openTestLedger();
    await expect(env.call('settings.update', { autoLockMinutes: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(env.call('settings.update', { backupKeep: 1000 })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(env.ctx.prefs.get().autoLockMinutes).toBe(10);
  });

  it('keeps the newest N automatic backups (default 14, configurable)', async () => {
    const env = await openTestLedger();
    await env.call('settings.update', { backupKeep: 3 });
    for (let i = 0; i < 5; i++) {
      await env.call('ledger.lock');
      env.clock.advance(60_000);
      await env.call('ledger.unlock', { path: env.ledgerPath, passphrase: PASSPHRASE });
    }
    await env.call('ledger.lock');
    const files = fs.readdirSync(autoBackupFolder(env.ctx, env.ledgerPath)).sort();
    expect(files).toEqual(['org-20260406T090300Z-lock.steward', 'org-20260406T090400Z-lock.steward', 'org-20260406T090500Z-lock.steward']);
    const dir = tempDir();
    for (const n of ['a-1.steward', 'a-2.steward', 'a-3.steward', 'notes.txt']) fs.writeFileSync(path.join(dir, n), 'x');
    expect(pruneBackups(dir, 1)).toEqual(['a-1.steward', 'a-2.steward']);
    expect(fs.readdirSync(dir).sort()).toEqual(['a-3.steward', 'notes.txt']);
  });

  it('"Back up now" writes a verified copy that opens as a ledger', async () => {
    const env = await openTestLedger({ organisationName: 'Backup Now Ltd' });
    const folder = path.join(env.dir, 'my-backups');
    const r = await env.call<{ path: string; verified: boolean }>('ledger.backup', { folder });
    expect(r.verified).toBe(true);
    expect(path.dirname(r.path)).toBe(folder);
    await env.call('ledger.lock');
    const copy = openLedgerFile(r.path, PASSPHRASE);
    expect(readMeta(copy.db)['organisation_name']).toBe('Backup Now Ltd');
    copy.close();
  });

  it('restores a backup into a new file and opens it', async () => {
    const env = await openTestLedger({ organisationName: 'Restore Ltd' });
    const r = await env.call<{ path: string }>('ledger.backup', { file: path.join(env.dir, 'b.steward') });
    await env.call('ledger.lock');
    const target = path.join(env.dir, 'restored.steward');
    const info = await env.call<{ organisationName: string; path: string }>('ledger.restore', { backupPath: r.path, targetPath: target, passphrase: PASSPHRASE });
    expect(info).toMatchObject({ organisationName: 'Restore Ltd', path: target });
    const audit = env.ctx.session.ledger!.db.prepare("SELECT action FROM audit_log ORDER BY id").all();
    expect(audit).toEqual([{ action: 'create' }, { action: 'restore' }]);
  });

  it('records create and passphrase changes in the audit log with time and user', async () => {
    const env = await openTestLedger();
    await env.call('ledger.changePassphrase', { current: PASSPHRASE, next: 'Another Good Phrase 2026' });
    const rows = env.ctx.session.ledger!.db.prepare('SELECT at, actor, action FROM audit_log ORDER BY id').all();
    expect(rows).toEqual([
      { at: '2026-04-06T09:00:00.000Z', actor: 'tester', action: 'create' },
      { at: '2026-04-06T09:00:00.000Z', actor: 'tester', action: 'change-passphrase' },
    ]);
  });
});

describe('remember on this device', () => {
  function fakeRemember(available: boolean): RememberStore & { saved: Map<string, string> } {
    const saved = new Map<string, string>();
    return {
      saved,
      available: () => available,
      save: (p, s) => void saved.set(p, s),
      load: (p) => saved.get(p) ?? null,
      forget: (p) => saved.delete(p),
      list: () => [...saved.keys()],
    };
  }

  it('is refused where the device cannot protect it, and nothing is opened', async () => {
    const env = testEnv({ remember: fakeRemember(false) });
    await env.call('ledger.create', { path: env.ledgerPath, passphrase: PASSPHRASE, organisationName: 'R' });
    await env.call('ledger.lock');
    await expect(env.call('ledger.unlock', { path: env.ledgerPath, passphrase: PASSPHRASE, remember: true })).rejects.toMatchObject({ code: 'REMEMBER_UNAVAILABLE' });
    expect(env.ctx.session.ledger).toBeNull();
  });

  it('unlocks with the remembered passphrase, and forgets it when it stops working', async () => {
    const rem = fakeRemember(true);
    const env = testEnv({ remember: rem });
    await env.call('ledger.create', { path: env.ledgerPath, passphrase: PASSPHRASE, organisationName: 'R' });
    await env.call('ledger.lock');
    await env.call('ledger.unlock', { path: env.ledgerPath, passphrase: PASSPHRASE, remember: true });
    await env.call('ledger.lock');
    expect((await env.call<{ remembered: string[] }>('ledger.status')).remembered).toEqual([env.ledgerPath]);
    await env.call('ledger.unlockRemembered', { path: env.ledgerPath });
    expect(env.ctx.session.ledger).not.toBeNull();
    await env.call('ledger.lock');
    rem.saved.set(env.ledgerPath, 'Stale Passphrase 123');
    await expect(env.call('ledger.unlockRemembered', { path: env.ledgerPath })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(rem.saved.size).toBe(0);
  });
});
