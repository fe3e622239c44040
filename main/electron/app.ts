/**
 * The Electron edge: app lifecycle, the one window, its session, menus, dialogs and IPC. It takes
 * the electron module as a parameter (`ElectronLike`, the narrow part Steward uses) so unit tests
 * drive it with a hand-written fake; main.ts passes the real module.
 *
 * Every protection applied here is listed in docs/security.md, "Desktop window hardening".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { BackupResult } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { dispatch as realDispatch } from '../api';
import type { ApiContext } from '../api/context';
import { createContext } from '../api/create-context';
import { lockNow } from '../api/ledger';
import { buildMenuTemplate, type MenuAction, type MenuTemplateItem } from './menu';
import {
  DIALOG_CHANNEL,
  INVOKE_CHANNEL,
  MENU_CHANNEL,
  PARTITION,
  appLocation,
  boundsVisible,
  isAllowedExternal,
  isAllowedRequest,
  isAppPage,
  isInsideApp,
  webPreferences,
  withCsp,
  type AppLocation,
  type HardenedWebPreferences,
  type Rect,
} from './security';
import {
  ElectronPrefsStore,
  SafeStorageRemember,
  loadElectronStoreFactory,
  type KeyValueStoreFactory,
  type SafeStorageLike,
} from './stores';

// ---------------------------------------------------------------------------------------------
// The narrow electron module. The real 'electron' module satisfies it (main.ts is type-checked
// against it); tests implement it by hand.
// ---------------------------------------------------------------------------------------------

export interface PreventableEvent {
  preventDefault(): void;
}

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

export interface WebContentsLike {
  readonly mainFrame: FrameLike;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  openDevTools(options: { mode: 'detach' }): void;
}

export interface WindowOptions {
  title: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  webPreferences: HardenedWebPreferences;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  loadFile(file: string): Promise<void>;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rect;
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<void>;
  getPath(name: 'userData' | 'documents'): string;
  setPath(name: 'userData', value: string): void;
  getVersion(): string;
  getAppPath(): string;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
}

export interface InvokeEventLike {
  readonly sender: object;
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
}

export interface SessionLike {
  readonly webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface DialogLike<W> {
  showOpenDialog(
    window: W,
    options: { title: string; buttonLabel?: string; defaultPath?: string; filters?: FileFilter[]; properties: Array<'openFile' | 'openDirectory' | 'createDirectory'> },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: W,
    options: { title: string; buttonLabel?: string; defaultPath?: string; filters?: FileFilter[]; properties?: Array<'createDirectory' | 'showOverwriteConfirmation'> },
  ): Promise<{ canceled: boolean; filePath: string }>;
  showMessageBox(window: W, options: { type: 'info' | 'error' | 'warning'; title: string; message: string; detail?: string; buttons?: string[] }): Promise<{ response: number }>;
}

export interface ElectronLike<W extends WindowLike = WindowLike> {
  readonly app: AppLike;
  readonly BrowserWindow: new (options: WindowOptions) => W;
  readonly ipcMain: IpcMainLike;
  readonly session: { fromPartition(partition: string): SessionLike };
  readonly dialog: DialogLike<W>;
  readonly Menu: { buildFromTemplate(template: MenuTemplateItem[]): object; setApplicationMenu(menu: object | null): void };
  readonly shell: { openExternal(url: string): Promise<void>; openPath(file: string): Promise<string> };
  readonly safeStorage: SafeStorageLike;
  readonly screen: { getAllDisplays(): Array<{ workArea: Rect }> };
}

// ---------------------------------------------------------------------------------------------

export interface StartDeps {
  /** dist/renderer (index.html and its assets). */
  rendererDir: string;
  /** dist/main/preload.cjs */
  preloadPath: string;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** Where the stores live; default: electron-store, loaded with a dynamic import. */
  openStore?: KeyValueStoreFactory;
  /** The api dispatcher (tests may wrap it in a spy). */
  dispatch?: typeof realDispatch;
  now?: () => Date;
  /** https URL (must be on the allow-list) or a file path; default <app>/docs/user-guide.md. */
  userGuide?: string;
  log?: (message: string) => void;
}

export interface StewardApp<W extends WindowLike> {
  readonly ctx: ApiContext;
  readonly location: AppLocation;
  readonly devTools: boolean;
  window(): W | null;
  createWindow(): W;
  /** Lock for shutdown (automatic backup, close the file); does nothing when already locked. */
  lockForClose(): void;
}

export const DialogKind = z.enum(['openLedger', 'saveLedger', 'chooseFolder']);
export type DialogKind = z.infer<typeof DialogKind>;

const LEDGER_FILTERS: FileFilter[] = [{ name: 'Steward ledger', extensions: ['steward'] }];
const DEFAULT_SIZE = { width: 1280, height: 820 };
const MIN_SIZE = { minWidth: 900, minHeight: 600 };

function forbidden(): Result<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the Steward window, so it was refused.' } };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Start the desktop app. Resolves to null when another instance already holds the lock (this one
 * quits and the other focuses its window).
 */
export async function startApp<W extends WindowLike>(electron: ElectronLike<W>, deps: StartDeps): Promise<StewardApp<W> | null> {
  const { app, ipcMain, dialog, shell } = electron;
  const env = deps.env ?? process.env;
  const platform = deps.platform ?? process.platform;
  const dispatch = deps.dispatch ?? realDispatch;
  const log = deps.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const location = appLocation(deps.rendererDir, platform);
  const dev = !app.isPackaged;
  const devTools = dev && env['STEWARD_DEVTOOLS'] === '1';

  // A private data folder (tests, a second profile). Must precede the lock: it is per folder.
  const dataDirOverride = env['STEWARD_DATA_DIR'];
  if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let win: W | null = null;
  /** Set once the app is ready; lets a second instance reopen the window (macOS keeps running without one). */
  let reopen: (() => void) | null = null;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) {
      reopen?.();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  await app.whenReady();

  const dataDir = app.getPath('userData');
  fs.mkdirSync(dataDir, { recursive: true });
  const openStore = deps.openStore ?? (await loadElectronStoreFactory());
  const ctx = createContext({
    mode: 'electron',
    dataDir,
    prefs: new ElectronPrefsStore(openStore('preferences')),
    remember: new SafeStorageRemember(electron.safeStorage, openStore('remembered'), platform),
    ...(deps.now ? { now: deps.now } : {}),
    opener: {
      openPath: (p: string) => shell.openPath(p),
      documentsDir: () => {
        try {
          return app.getPath('documents');
        } catch {
          return os.homedir();
        }
      },
    },
  });

  // --- the window's session: CSP header, no network, no permissions -------------------------
  const ses = electron.session.fromPartition(PARTITION);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, location);
    if (!allowed) log(`Steward: blocked a request from the window to ${details.url}`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  // --- IPC ------------------------------------------------------------------------------------
  /** The sender must be our window's top frame, showing a page of the built renderer. */
  const senderOk = (event: InvokeEventLike): boolean => {
    try {
      const w = win;
      if (!w || w.isDestroyed() || event.sender !== w.webContents) return false;
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null) return false;
      const main = w.webContents.mainFrame;
      if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
      return isInsideApp(frame.url, location);
    } catch {
      // A frame that navigated away or was disposed mid-call.
      return false;
    }
  };

  ipcMain.handle(INVOKE_CHANNEL, async (event, method, input): Promise<Result<unknown>> => {
    try {
      if (!senderOk(event)) {
        log(`Steward: refused an IPC call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return forbidden();
      }
      return await dispatch(ctx, typeof method === 'string' ? method : String(method), input);
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `Unexpected error: ${errorText(e)}` } };
    }
  });

  const recentDir = (): string | undefined => {
    const first = ctx.prefs.get().recent[0];
    return first ? path.dirname(first) : undefined;
  };

  const documentsDir = (): string => {
    try {
      return app.getPath('documents');
    } catch {
      return os.homedir();
    }
  };

  const chooseFolder = async (w: W, title: string, defaultPath?: string): Promise<string | null> => {
    const r = await dialog.showOpenDialog(w, {
      title,
      properties: ['openDirectory', 'createDirectory'],
      ...(defaultPath ? { defaultPath } : {}),
    });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };

  const showDialog = async (w: W, kind: DialogKind): Promise<string | null> => {
    if (kind === 'openLedger') {
      const dir = recentDir();
      const r = await dialog.showOpenDialog(w, {
        title: 'Open a Steward ledger',
        buttonLabel: 'Open',
        filters: LEDGER_FILTERS,
        properties: ['openFile'],
        ...(dir ? { defaultPath: dir } : {}),
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    }
    if (kind === 'saveLedger') {
      const r = await dialog.showSaveDialog(w, {
        title: 'Create a new Steward ledger',
        buttonLabel: 'Create',
        defaultPath: path.join(recentDir() ?? documentsDir(), 'ledger.steward'),
        filters: LEDGER_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (r.canceled || !r.filePath) return null;
      return /\.steward$/i.test(r.filePath) ? r.filePath : `${r.filePath}.steward`;
    }
    return chooseFolder(w, 'Choose a folder', ctx.prefs.get().backupFolder ?? undefined);
  };

  ipcMain.handle(DIALOG_CHANNEL, async (event, rawKind): Promise<string | null> => {
    try {
      const w = win;
      if (!w || !senderOk(event)) {
        log(`Steward: refused a dialog request from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return null;
      }
      const kind = DialogKind.safeParse(rawKind);
      if (!kind.success) return null;
      return await showDialog(w, kind.data);
    } catch (e) {
      log(`Steward: the dialog failed: ${errorText(e)}`);
      return null;
    }
  });

  // --- lifecycle ------------------------------------------------------------------------------
  const lockForClose = (): void => {
    if (!ctx.session.ledger) return;
    try {
      lockNow(ctx, 'close');
    } catch (e) {
      log(`Steward: locking on close failed: ${errorText(e)}`);
    }
  };

  const sendMenu = (action: MenuAction): void => {
    const w = win;
    if (w && !w.isDestroyed()) w.webContents.send(MENU_CHANNEL, action);
  };

  const message = async (type: 'info' | 'error', title: string, text: string, detail?: string): Promise<void> => {
    const w = win;
    if (!w || w.isDestroyed()) return;
    await dialog.showMessageBox(w, { type, title, message: text, ...(detail ? { detail } : {}) });
  };

  const backupNow = async (): Promise<void> => {
    const w = win;
    if (!w || w.isDestroyed()) return;
    if (!ctx.session.ledger) {
      await message('info', 'Back up', 'Unlock a ledger first, then back it up.');
      return;
    }
    const folder = await chooseFolder(w, 'Choose where to save the backup', ctx.prefs.get().backupFolder ?? undefined);
    if (!folder) return;
    const r = await dispatch(ctx, 'ledger.backup', { folder });
    if (r.ok) {
      const b = BackupResult.safeParse(r.value);
      sendMenu('backup');
      await message('info', 'Back up', 'The backup is saved and checked.', b.success ? b.data.path : undefined);
    } else {
      await message('error', 'Back up', 'The backup was not made.', r.error.message);
    }
  };

  const openUserGuide = async (): Promise<void> => {
    const guide = deps.userGuide ?? path.join(app.getAppPath(), 'docs', 'user-guide.md');
    if (/^https:\/\//i.test(guide)) {
      if (isAllowedExternal(guide)) await shell.openExternal(guide);
      return;
    }
    if (fs.existsSync(guide) && (await shell.openPath(guide)) === '') return;
    await message('info', 'User guide', 'The user guide is not installed with this copy of Steward.', guide);
  };

  const menuTemplate = buildMenuTemplate({
    platform,
    dev,
    devTools,
    commands: {
      send: sendMenu,
      // The renderer locks, so a form with unsaved input is confirmed first (same path as its Lock button).
      lock: () => sendMenu('lock'),
      backup: () => {
        void backupNow().catch((e: unknown) => log(`Steward: backup from the menu failed: ${errorText(e)}`));
      },
      about: () => {
        void message('info', 'About Steward', `Steward ${ctx.version}`, 'Personal-budget ledger, payroll and statements for UK social care.');
      },
      userGuide: () => {
        void openUserGuide().catch((e: unknown) => log(`Steward: could not open the user guide: ${errorText(e)}`));
      },
    },
  });
  electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(menuTemplate));

  // --- the window -----------------------------------------------------------------------------
  const initialBounds = (): Partial<Rect> => {
    const saved = ctx.prefs.get().windowBounds;
    if (!saved) return {};
    try {
      const areas = electron.screen.getAllDisplays().map((d) => d.workArea);
      return boundsVisible(saved, areas) ? saved : { width: saved.width, height: saved.height };
    } catch {
      return {};
    }
  };

  const createWindow = (): W => {
    const b = initialBounds();
    const w = new electron.BrowserWindow({
      title: 'Steward',
      width: Math.max(b.width ?? DEFAULT_SIZE.width, MIN_SIZE.minWidth),
      height: Math.max(b.height ?? DEFAULT_SIZE.height, MIN_SIZE.minHeight),
      ...(b.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : {}),
      ...MIN_SIZE,
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: webPreferences(path.resolve(deps.preloadPath), devTools),
    });
    win = w;
    const wc = w.webContents;

    wc.on('will-navigate', (event, url) => {
      if (!isAppPage(url, location)) {
        event.preventDefault();
        log(`Steward: blocked navigation to ${url}`);
      }
    });
    wc.on('will-redirect', (event, url) => {
      if (!isAppPage(url, location)) event.preventDefault();
    });
    wc.on('will-attach-webview', (event) => event.preventDefault());
    wc.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) {
        void shell.openExternal(url).catch((e: unknown) => log(`Steward: could not open ${url}: ${errorText(e)}`));
      } else {
        log(`Steward: blocked a new window for ${url}`);
      }
      return { action: 'deny' };
    });

    w.once('ready-to-show', () => w.show());
    w.on('close', () => {
      try {
        const nb = w.getNormalBounds();
        ctx.prefs.set({
          windowBounds: { x: Math.round(nb.x), y: Math.round(nb.y), width: Math.round(nb.width), height: Math.round(nb.height) },
        });
      } catch (e) {
        log(`Steward: could not save the window position: ${errorText(e)}`);
      }
      lockForClose();
    });
    w.on('closed', () => {
      if (win === w) win = null;
    });

    void w
      .loadFile(location.indexFile)
      .then(() => {
        if (devTools) wc.openDevTools({ mode: 'detach' });
      })
      .catch((e: unknown) => log(`Steward: could not load ${location.indexFile}: ${errorText(e)}`));
    return w;
  };

  app.on('before-quit', () => lockForClose());
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  reopen = () => {
    if (!win || win.isDestroyed()) createWindow();
  };
  app.on('activate', () => reopen?.());

  createWindow();

  return {
    ctx,
    location,
    devTools,
    window: () => win,
    createWindow,
    lockForClose,
  };
}
