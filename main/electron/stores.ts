/**
 * The desktop's two small stores, both on electron-store (JSON files in the userData folder):
 *  - ElectronPrefsStore: non-secret preferences (the PrefsStore of main/api/prefs.ts);
 *  - SafeStorageRemember: passphrases the user asked this device to remember, encrypted with
 *    Electron's safeStorage (the OS keychain / DPAPI / libsecret) and kept as base64 in a separate
 *    file, "remembered.json", keyed by the ledger's absolute path.
 * Both take a narrow KeyValueStore, so unit tests use MemoryKeyValueStore instead of electron-store.
 */
import path from 'node:path';
import { StewardError } from '../../shared/errors';
import type { RememberStore } from '../api/context';
import { DEFAULT_PREFS, Prefs, type PrefsStore } from '../api/prefs';

/** The part of electron-store (conf) Steward uses. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  has(key: string): boolean;
  delete(key: string): void;
  readonly store: Record<string, unknown>;
}

export type KeyValueStoreFactory = (name: 'preferences' | 'remembered') => KeyValueStore;

/**
 * electron-store is ESM-only; the main bundle is CommonJS, so it is loaded with a dynamic import
 * (kept as a real import() by esbuild because the package is external). Keys are used literally:
 * ledger paths contain dots, which electron-store would otherwise read as nested properties.
 */
export async function loadElectronStoreFactory(): Promise<KeyValueStoreFactory> {
  const { default: Store } = await import('electron-store');
  return (name) =>
    new Store<Record<string, unknown>>({
      name,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: true,
      configFileMode: 0o600,
    });
}

/** In-memory KeyValueStore, for tests and as a fallback. */
export class MemoryKeyValueStore implements KeyValueStore {
  private data: Record<string, unknown> = {};
  get(key: string): unknown {
    return this.data[key];
  }
  set(key: string, value: unknown): void {
    this.data = { ...this.data, [key]: value };
  }
  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data, key);
  }
  delete(key: string): void {
    const next = { ...this.data };
    delete next[key];
    this.data = next;
  }
  get store(): Record<string, unknown> {
    return { ...this.data };
  }
}

const PREF_KEYS = Object.keys(Prefs.shape) as (keyof Prefs)[];

/** Non-secret preferences. Each key is validated on read; a bad value falls back to its default alone. */
export class ElectronPrefsStore implements PrefsStore {
  constructor(private readonly kv: KeyValueStore) {}

  get(): Prefs {
    const out: Record<string, unknown> = { ...DEFAULT_PREFS };
    for (const key of PREF_KEYS) {
      if (!this.kv.has(key)) continue;
      const r = Prefs.shape[key].safeParse(this.kv.get(key));
      if (r.success) out[key] = r.data;
    }
    return Prefs.parse(out);
  }

  set(patch: Partial<Prefs>): Prefs {
    const next = Prefs.parse({ ...this.get(), ...patch });
    for (const key of PREF_KEYS) this.kv.set(key, next[key]);
    return next;
  }
}

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SafeStorageRemember implements RememberStore {
  constructor(
    private readonly safe: SafeStorageLike,
    private readonly kv: KeyValueStore,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** False where there is no OS-backed key: no keychain at all, or Linux's "basic_text" fallback (a fixed, public key). */
  available(): boolean {
    try {
      if (!this.safe.isEncryptionAvailable()) return false;
      return !(this.platform === 'linux' && this.safe.getSelectedStorageBackend() === 'basic_text');
    } catch {
      return false;
    }
  }

  save(ledgerPath: string, passphrase: string): void {
    if (!this.available()) {
      throw new StewardError('REMEMBER_UNAVAILABLE', 'This device cannot keep the passphrase safely, so Steward will not remember it here.', {
        where: 'remember',
      });
    }
    this.kv.set(path.resolve(ledgerPath), this.safe.encryptString(passphrase).toString('base64'));
  }

  load(ledgerPath: string): string | null {
    if (!this.available()) return null;
    const stored = this.kv.get(path.resolve(ledgerPath));
    if (typeof stored !== 'string') return null;
    try {
      return this.safe.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      // The OS key changed (new keychain, another user profile): the entry is useless now.
      return null;
    }
  }

  forget(ledgerPath: string): boolean {
    const key = path.resolve(ledgerPath);
    if (!this.kv.has(key)) return false;
    this.kv.delete(key);
    return true;
  }

  list(): string[] {
    return Object.entries(this.kv.store)
      .filter(([, v]) => typeof v === 'string')
      .map(([k]) => k)
      .sort();
  }
}
