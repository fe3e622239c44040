import type { LedgerHandle } from '../store/ledger-file';
import type { PrefsStore } from './prefs';

/** Device-bound secret storage (Electron safeStorage). Absent outside the desktop app. */
export interface RememberStore {
  /** False where the OS offers no real protection (Linux basic_text backend). */
  available(): boolean;
  save(ledgerPath: string, passphrase: string): void;
  load(ledgerPath: string): string | null;
  forget(ledgerPath: string): boolean;
  list(): string[];
}

export type Mode = 'electron' | 'web' | 'cli' | 'test';

/** Opens a file or folder with the system's own application (Electron shell.openPath). Desktop app only. */
export interface Opener {
  /** Resolves to '' on success, or the system's error message. */
  openPath(p: string): Promise<string>;
  /** The user's Documents folder, where reports go by default. */
  documentsDir(): string;
}

export interface ApiContext {
  readonly mode: Mode;
  readonly version: string;
  /** The clock. Handlers never call Date.now() themselves. */
  now(): Date;
  /** Who is acting, for the audit log. */
  readonly actor: string;
  /** App data folder: automatic backups live in <dataDir>/backups. */
  readonly dataDir: string;
  readonly prefs: PrefsStore;
  readonly remember: RememberStore | null;
  readonly session: Session;
  /** Present in the desktop app only: Print and "Open folder" use it. */
  readonly opener: Opener | null;
}

/** The one open ledger of this process, and the idle timer that locks it. */
export class Session {
  ledger: LedgerHandle | null = null;
  lastActivity = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Called when the idle timer fires; set by the api layer (it backs up, then closes). */
  onIdle: (() => void) | null = null;

  arm(idleMs: number, nowMs: number): void {
    this.lastActivity = nowMs;
    this.disarm();
    if (!this.ledger) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onIdle?.();
    }, idleMs);
    // Never keep a CLI or test process alive just for the idle timer.
    (this.timer as { unref?: () => void }).unref?.();
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
