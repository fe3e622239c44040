import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../shared/errors';
import { DEFAULT_PREFS } from '../../../main/api/prefs';
import { ElectronPrefsStore, MemoryKeyValueStore, SafeStorageRemember } from '../../../main/electron/stores';
import { FakeSafeStorage } from './fake-electron';

describe('SafeStorageRemember', () => {
  it('is unavailable, and refuses to save, on Linux with the basic_text backend', () => {
    const kv = new MemoryKeyValueStore();
    const r = new SafeStorageRemember(new FakeSafeStorage(true, 'basic_text'), kv, 'linux');
    expect(r.available()).toBe(false);
    let err: unknown;
    try {
      r.save('/data/org.steward', 'Correct horse battery 9');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StewardError);
    expect((err as StewardError).code).toBe('REMEMBER_UNAVAILABLE');
    expect(kv.store).toEqual({});
  });

  it('is unavailable when the OS offers no encryption at all', () => {
    const r = new SafeStorageRemember(new FakeSafeStorage(false, 'gnome_libsecret'), new MemoryKeyValueStore(), 'linux');
    expect(r.available()).toBe(false);
    expect(() => r.save('/data/org.steward', 'x')).toThrow(StewardError);
  });

  it('only asks for the storage backend on Linux', () => {
    const safe = new FakeSafeStorage(true, 'basic_text');
    safe.getSelectedStorageBackend = () => {
      throw new Error('getSelectedStorageBackend is Linux-only');
    };
    expect(new SafeStorageRemember(safe, new MemoryKeyValueStore(), 'darwin').available()).toBe(true);
    expect(new SafeStorageRemember(safe, new MemoryKeyValueStore(), 'linux').available()).toBe(false);
  });

  it('encrypts, keys by absolute path, loads, lists and forgets', () => {
    const kv = new MemoryKeyValueStore();
    const r = new SafeStorageRemember(new FakeSafeStorage(), kv, 'linux');
    expect(r.available()).toBe(true);
    r.save('relative/org.steward', 'Correct horse battery 9');
    const key = path.resolve('relative/org.steward');
    const stored = kv.get(key);
    expect(typeof stored).toBe('string');
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(String(stored), 'base64').toString('utf8')).not.toContain('Correct horse');
    expect(JSON.stringify(kv.store)).not.toContain('Correct horse');
    expect(r.load(key)).toBe('Correct horse battery 9');
    expect(r.load('relative/org.steward')).toBe('Correct horse battery 9');
    expect(r.list()).toEqual([key]);
    expect(r.load('/elsewhere/other.steward')).toBeNull();
    expect(r.forget('relative/org.steward')).toBe(true);
    expect(r.forget('relative/org.steward')).toBe(false);
    expect(r.load(key)).toBeNull();
    expect(r.list()).toEqual([]);
  });

  it('treats an entry it cannot decrypt as not remembered', () => {
    const kv = new MemoryKeyValueStore();
    kv.set('/data/org.steward', Buffer.from('garbage').toString('base64'));
    const r = new SafeStorageRemember(new FakeSafeStorage(), kv, 'win32');
    expect(r.load('/data/org.steward')).toBeNull();
  });
});

describe('ElectronPrefsStore', () => {
  it('starts with the defaults and stores a merged, validated copy', () => {
    const kv = new MemoryKeyValueStore();
    const p = new ElectronPrefsStore(kv);
    expect(p.get()).toEqual(DEFAULT_PREFS);
    const next = p.set({ autoLockMinutes: 5, windowBounds: { x: 1, y: 2, width: 900, height: 600 } });
    expect(next.autoLockMinutes).toBe(5);
    expect(next.backupKeep).toBe(DEFAULT_PREFS.backupKeep);
    expect(kv.get('autoLockMinutes')).toBe(5);
    expect(new ElectronPrefsStore(kv).get().windowBounds).toEqual({ x: 1, y: 2, width: 900, height: 600 });
  });

  it('refuses an invalid patch and keeps only the known, non-secret keys', () => {
    const kv = new MemoryKeyValueStore();
    const p = new ElectronPrefsStore(kv);
    expect(() => p.set({ autoLockMinutes: 0 })).toThrow();
    expect(kv.has('autoLockMinutes')).toBe(false);
    p.set({ backupKeep: 3, passphrase: 'secret' } as Parameters<ElectronPrefsStore['set']>[0]);
    expect(Object.keys(kv.store).sort()).toEqual(['autoLockMinutes', 'backupFolder', 'backupKeep', 'recent', 'windowBounds']);
    expect(JSON.stringify(kv.store)).not.toContain('secret');
  });

  it('falls back to the default for one bad stored value, keeping the rest', () => {
    const kv = new MemoryKeyValueStore();
    kv.set('recent', ['/data/a.steward']);
    kv.set('autoLockMinutes', 'ten');
    const p = new ElectronPrefsStore(kv).get();
    expect(p.recent).toEqual(['/data/a.steward']);
    expect(p.autoLockMinutes).toBe(DEFAULT_PREFS.autoLockMinutes);
  });
});
