import os from 'node:os';
import path from 'node:path';
import { JsonPrefsStore, type PrefsStore } from './prefs';
import { Session, type ApiContext, type Mode, type Opener, type RememberStore } from './context';
import { APP_VERSION } from '../version';

export interface ContextOptions {
  mode: Mode;
  dataDir: string;
  prefs?: PrefsStore;
  remember?: RememberStore | null;
  now?: () => Date;
  actor?: string;
  opener?: Opener | null;
}

export function createContext(o: ContextOptions): ApiContext {
  let actor = o.actor;
  if (!actor) {
    try {
      actor = os.userInfo().username;
    } catch {
      actor = 'user';
    }
  }
  return {
    mode: o.mode,
    version: APP_VERSION,
    now: o.now ?? (() => new Date()),
    actor,
    dataDir: o.dataDir,
    prefs: o.prefs ?? new JsonPrefsStore(path.join(o.dataDir, 'preferences.json')),
    remember: o.remember ?? null,
    session: new Session(),
    opener: o.opener ?? null,
  };
}

/** The per-user data folder, as Electron's app.getPath('userData') would give it. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.env['STEWARD_DATA_DIR']) return path.resolve(process.env['STEWARD_DATA_DIR']);
  if (process.platform === 'win32') return path.join(process.env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Steward');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Steward');
  return path.join(process.env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Steward');
}
