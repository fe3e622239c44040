import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch as realDispatch } from '../../../main/api';
import { startApp, type StartDeps, type StewardApp } from '../../../main/electron/app';
import { findMenuItem, type MenuTemplateItem } from '../../../main/electron/menu';
import { CSP, PARTITION } from '../../../main/electron/security';
import { MemoryKeyValueStore, type KeyValueStoreFactory } from '../../../main/electron/stores';
import { FakeEvent, FakeFrame, FakeWindow, fakeElectron, ipcEvent, type FakeElectron } from './fake-electron';

const PASS = 'Correct horse battery 9';

let tmp: string;
let rendererDir: string;
let fake: FakeElectron;
let stores: { preferences: MemoryKeyValueStore; remembered: MemoryKeyValueStore };
let logs: string[];

const openStore: KeyValueStoreFactory = (name) => stores[name];

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-electron-'));
  rendererDir = path.join(tmp, 'dist', 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Steward</title>');
  fake = fakeElectron(path.join(tmp, 'userData'));
  stores = { preferences: new MemoryKeyValueStore(), remembered: new MemoryKeyValueStore() };
  logs = [];
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function start(extra: Partial<StartDeps> = {}): Promise<StewardApp<FakeWindow>> {
  const app = await startApp(fake, {
    rendererDir,
    preloadPath: path.join(tmp, 'dist', 'main', 'preload.cjs'),
    env: {},
    platform: 'linux',
    openStore,
    log: (m) => logs.push(m),
    ...extra,
  });
  if (!app) throw new Error('startApp returned null');
  return app;
}

function theWindow(): FakeWindow {
  expect(FakeWindow.instances).toHaveLength(1);
  const w = FakeWindow.instances[0];
  if (!w) throw new Error('no window');
  return w;
}

function indexUrl(): string {
  return pathToFileURL(path.join(rendererDir, 'index.html')).href;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('window', () => {
  it('is created with hardened webPreferences, its own partition and the built renderer', async () => {
    await start();
    const w = theWindow();
    const wp = w.options.webPreferences;
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.spellcheck).toBe(false);
    expect(wp.devTools).toBe(false);
    expect(wp.preload).toBe(path.join(tmp, 'dist', 'main', 'preload.cjs'));
    expect(wp.partition).toBe(PARTITION);
    expect(wp.partition.startsWith('persist:')).toBe(false);
    expect(w.options.title).toBe('Steward');
    expect(w.loadedFile).toBe(path.join(rendererDir, 'index.html'));
    expect(w.shown).toBe(false);
    w.emit('ready-to-show');
    expect(w.shown).toBe(true);
  });

  it('allows DevTools only when not packaged and STEWARD_DEVTOOLS=1', async () => {
    fake.app.isPackaged = true;
    await start({ env: { STEWARD_DEVTOOLS: '1' } });
    await tick();
    expect(theWindow().options.webPreferences.devTools).toBe(false);
    expect(theWindow().webContents.devToolsOpened).toBe(false);

    fake = fakeElectron(path.join(tmp, 'userData2'));
    await start({ env: {} });
    await tick();
    expect(theWindow().options.webPreferences.devTools).toBe(false);

    fake = fakeElectron(path.join(tmp, 'userData3'));
    await start({ env: { STEWARD_DEVTOOLS: '1' } });
    await tick();
    expect(theWindow().options.webPreferences.devTools).toBe(true);
    expect(theWindow().webContents.devToolsOpened).toBe(true);
  });

  it('prevents navigation anywhere but the app page', async () => {
    await start();
    const wc = theWindow().webContents;
    expect(wc.navigate('https://evil.example/')).toBe(true);
    expect(wc.navigate('file:///etc/passwd')).toBe(true);
    expect(wc.navigate(pathToFileURL(path.join(rendererDir, 'other.html')).href)).toBe(true);
    expect(wc.navigate(`${pathToFileURL(rendererDir).href}/../../secret.html`)).toBe(true);
    expect(wc.navigate('javascript:alert(1)')).toBe(true);
    expect(wc.navigate(`${indexUrl()}#/clients`)).toBe(false);

    const redirect = new FakeEvent();
    wc.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = new FakeEvent();
    wc.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every window.open; only allow-listed https links go to the browser', async () => {
    await start();
    const open = theWindow().webContents.windowOpenHandler;
    if (!open) throw new Error('no window open handler');
    for (const url of ['https://evil.example/', 'http://www.gov.uk/', 'https://gov.uk.evil.example/', 'https://user:pw@www.gov.uk/', 'file:///etc/passwd']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual([]);
    expect(open({ url: 'https://www.gov.uk/apply-direct-payments' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://www.gov.uk/apply-direct-payments']);
  });

  it("denies every permission request and check in the window's session", async () => {
    await start();
    expect([...fake.sessions.keys()]).toEqual([PARTITION]);
    const s = fake.sessions.get(PARTITION);
    if (!s?.permissionRequest || !s.permissionCheck) throw new Error('permission handlers not set');
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      const granted = vi.fn();
      s.permissionRequest(theWindow().webContents, permission, granted);
      expect(granted).toHaveBeenCalledExactlyOnceWith(false);
      expect(s.permissionCheck(theWindow().webContents, permission)).toBe(false);
    }
  });

  it('puts the CSP header on responses and cancels requests that are not the app’s own files', async () => {
    await start();
    const s = fake.sessions.get(PARTITION);
    if (!s?.headersReceived || !s.beforeRequest) throw new Error('webRequest handlers not set');
    const headers = vi.fn();
    s.headersReceived({ url: indexUrl(), responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, headers);
    expect(headers).toHaveBeenCalledExactlyOnceWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CSP] } });

    const decide = (url: string): boolean | undefined => {
      let cancel: boolean | undefined;
      s.beforeRequest?.({ url }, (r) => {
        cancel = r.cancel;
      });
      return cancel;
    };
    expect(decide(indexUrl())).toBe(false);
    expect(decide(pathToFileURL(path.join(rendererDir, 'assets', 'index-abc.js')).href)).toBe(false);
    expect(decide('https://evil.example/steal?x=1')).toBe(true);
    expect(decide('ws://127.0.0.1:9000/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('saves its bounds to the preferences on close and restores them next time', async () => {
    const steward = await start();
    const w = theWindow();
    w.bounds = { x: 100, y: 120, width: 1000, height: 700 };
    w.close();
    expect(steward.ctx.prefs.get().windowBounds).toEqual({ x: 100, y: 120, width: 1000, height: 700 });
    expect(stores.preferences.get('windowBounds')).toEqual({ x: 100, y: 120, width: 1000, height: 700 });
    fake.app.emit('activate');
    const again = FakeWindow.instances[1];
    expect(again?.options).toMatchObject({ x: 100, y: 120, width: 1000, height: 700 });
  });

  it('does not restore bounds that are off every display', async () => {
    stores.preferences.set('windowBounds', { x: 5000, y: 5000, width: 1000, height: 700 });
    await start();
    const o = theWindow().options;
    expect(o.x).toBeUndefined();
    expect(o.width).toBe(1000);
  });
});

describe('IPC', () => {
  it('registers exactly the two invoke channels', async () => {
    await start();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(['steward:dialog', 'steward:invoke']);
  });

  it('refuses calls that are not from the main frame of our window on the app page, without dispatching', async () => {
    const spy = vi.fn(realDispatch);
    await start({ dispatch: spy });
    const w = theWindow();
    const other = new FakeWindow(w.options);
    const cases = [
      { sender: w.webContents, senderFrame: new FakeFrame('https://evil.example/') },
      { sender: w.webContents, senderFrame: null },
      { sender: w.webContents, senderFrame: new FakeFrame(indexUrl(), w.webContents.mainFrame, 7, 2) },
      { sender: w.webContents, senderFrame: new FakeFrame(indexUrl(), null, 99, 1) },
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
    ];
    for (const event of cases) {
      const r = await fake.ipcMain.invoke('steward:invoke', event, 'app.info', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // Our own main frame, after it was made to show another page.
    w.webContents.mainFrame.url = 'file:///tmp/evil.html';
    expect(await fake.ipcMain.invoke('steward:invoke', ipcEvent(w), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('dispatches calls from the app page and returns the Result', async () => {
    const spy = vi.fn(realDispatch);
    const steward = await start({ dispatch: spy });
    const w = theWindow();
    w.webContents.mainFrame.url = `${indexUrl()}#/unlock`;
    const info = await fake.ipcMain.invoke('steward:invoke', ipcEvent(w), 'app.info', {});
    expect(info).toEqual({ ok: true, value: { version: steward.ctx.version, mode: 'electron', platform: process.platform, today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown } });
    expect(spy).toHaveBeenCalledExactlyOnceWith(steward.ctx, 'app.info', {});

    const bad = await fake.ipcMain.invoke('steward:invoke', ipcEvent(w), 'ledger.unlock', { path: 5, passphrase: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', where: 'path' } });
    const unknown = await fake.ipcMain.invoke('steward:invoke', ipcEvent(w), 'db.exec', { sql: 'DROP TABLE x' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const notString = await fake.ipcMain.invoke('steward:invoke', ipcEvent(w), 42, {});
    expect(notString).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('never throws across IPC', async () => {
    await start({ dispatch: () => Promise.reject(new Error('boom')) });
    const r = await fake.ipcMain.invoke('steward:invoke', ipcEvent(theWindow()), 'app.info', {});
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Unexpected error: boom' } });
  });

  it('reports remembering as unavailable on Linux with the basic_text backend', async () => {
    fake.safeStorage.backend = 'basic_text';
    await start();
    const r = await fake.ipcMain.invoke('steward:invoke', ipcEvent(theWindow()), 'ledger.status', {});
    expect(r).toMatchObject({ ok: true, value: { state: 'locked', rememberAvailable: false } });
  });

  it('shows native dialogs only for our window, for the three kinds', async () => {
    await start();
    const w = theWindow();
    fake.dialog.openResult = { canceled: false, filePaths: ['/home/a/Backups'] };
    expect(await fake.ipcMain.invoke('steward:dialog', { sender: w.webContents, senderFrame: new FakeFrame('https://evil.example/') }, 'chooseFolder')).toBeNull();
    expect(await fake.ipcMain.invoke('steward:dialog', ipcEvent(w), 'deleteEverything')).toBeNull();
    expect(await fake.ipcMain.invoke('steward:dialog', ipcEvent(w), { kind: 'openLedger' })).toBeNull();
    expect(fake.dialog.calls).toEqual([]);

    expect(await fake.ipcMain.invoke('steward:dialog', ipcEvent(w), 'chooseFolder')).toBe('/home/a/Backups');
    fake.dialog.openResult = { canceled: false, filePaths: ['/home/a/org.steward'] };
    expect(await fake.ipcMain.invoke('steward:dialog', ipcEvent(w), 'openLedger')).toBe('/home/a/org.steward');
    fake.dialog.saveResult = { canceled: false, filePath: '/home/a/new-org' };
    expect(await fake.ipcMain.invoke('steward:dialog', ipcEvent(w), 'saveLedger')).toBe('/home/a/new-org.steward');
    fake.dialog.saveResult = { canceled: true, filePath: '' };
    expect(await fake.ipcMain.invoke('steward:dialog', ipcEvent(w), 'saveLedger')).toBeNull();
    expect(fake.dialog.calls.map((c) => c.kind)).toEqual(['open', 'open', 'save', 'save']);
  });
});

describe('single instance', () => {
  it('quits without a window when another instance holds the lock', async () => {
    fake.app.gotLock = false;
    const r = await startApp(fake, { rendererDir, preloadPath: 'preload.cjs', env: {}, platform: 'linux', openStore, log: () => undefined });
    expect(r).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(FakeWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('focuses (and restores) the window when a second instance starts', async () => {
    await start();
    const w = theWindow();
    w.minimized = true;
    fake.app.emit('second-instance');
    expect(w.minimized).toBe(false);
    expect(w.focused).toBe(1);
    expect(FakeWindow.instances).toHaveLength(1);
  });

  it('reopens the window for a second instance when none is open (macOS)', async () => {
    await start({ platform: 'darwin' });
    theWindow().close();
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(0);
    fake.app.emit('second-instance');
    expect(FakeWindow.instances).toHaveLength(2);
    expect(fake.menu?.[0]?.role).toBe('appMenu');
  });

  it('uses STEWARD_DATA_DIR as the userData folder', async () => {
    const dir = path.join(tmp, 'private-data');
    const steward = await start({ env: { STEWARD_DATA_DIR: dir } });
    expect(fake.app.getPath('userData')).toBe(dir);
    expect(steward.ctx.dataDir).toBe(dir);
    expect(steward.ctx.mode).toBe('electron');
  });
});

describe('menu', () => {
  function submenu(template: MenuTemplateItem[] | null, label: string): MenuTemplateItem[] {
    const m = template?.find((i) => i.label === label)?.submenu;
    if (!m) throw new Error(`no ${label} menu`);
    return m;
  }

  it('has File, Edit, View and Help with the listed items', async () => {
    fake.app.isPackaged = true;
    await start();
    expect(fake.menu?.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = submenu(fake.menu, 'File').filter((i) => i.type !== 'separator');
    expect(file.map((i) => i.label)).toEqual(['New ledger…', 'Open ledger…', 'Lock', 'Back up now…', 'Quit']);
    expect(file.find((i) => i.label === 'Lock')?.accelerator).toBe('CmdOrCtrl+L');
    expect(file.find((i) => i.label === 'Quit')?.role).toBe('quit');
    const edit = submenu(fake.menu, 'Edit').map((i) => i.role);
    expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    const view = submenu(fake.menu, 'View').map((i) => i.role);
    expect(view).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(view).not.toContain('reload');
    expect(view).not.toContain('toggleDevTools');
    expect(submenu(fake.menu, 'Help').map((i) => i.label)).toEqual(expect.arrayContaining(['About Steward', 'User guide']));
  });

  it('offers Reload in development only', async () => {
    await start();
    expect(submenu(fake.menu, 'View').map((i) => i.role)).toContain('reload');
  });

  it('sends menu actions to the renderer', async () => {
    await start();
    const w = theWindow();
    findMenuItem(fake.menu ?? [], 'new-ledger')?.click?.();
    findMenuItem(fake.menu ?? [], 'open-ledger')?.click?.();
    expect(w.webContents.sent).toEqual([
      { channel: 'steward:menu', args: ['new-ledger'] },
      { channel: 'steward:menu', args: ['open-ledger'] },
    ]);
  });

  it('opens only an allow-listed user guide link', async () => {
    await start({ userGuide: 'https://www.gov.uk/guide' });
    findMenuItem(fake.menu ?? [], 'user-guide')?.click?.();
    await tick();
    expect(fake.opened).toEqual(['https://www.gov.uk/guide']);
  });
});

describe('lifecycle with a real ledger', () => {
  async function createLedger(w: FakeWindow): Promise<string> {
    const file = path.join(tmp, 'org.steward');
    const r = await fake.ipcMain.invoke('steward:invoke', ipcEvent(w), 'ledger.create', { path: file, passphrase: PASS, organisationName: 'Test Org' });
    expect(r).toMatchObject({ ok: true, value: { path: file } });
    return file;
  }

  function backups(steward: StewardApp<FakeWindow>): string[] {
    const dir = path.join(steward.ctx.dataDir, 'backups', 'org');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  }

  it('before-quit locks the session once, with an automatic backup', async () => {
    const steward = await start();
    const w = theWindow();
    await createLedger(w);
    expect(steward.ctx.session.ledger).not.toBeNull();
    fake.app.emit('before-quit', new FakeEvent());
    expect(steward.ctx.session.ledger).toBeNull();
    const made = backups(steward);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/-close\.steward$/);
    // The window closing afterwards does not lock (or back up) again.
    w.close();
    expect(backups(steward)).toHaveLength(1);
    const status = steward.ctx.prefs.get();
    expect(status.recent).toEqual([path.join(tmp, 'org.steward')]);
  });

  it('closing the window locks too', async () => {
    const steward = await start();
    const w = theWindow();
    await createLedger(w);
    w.close();
    expect(steward.ctx.session.ledger).toBeNull();
    expect(backups(steward)).toHaveLength(1);
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(1);
  });

  it('File › Lock asks the renderer to lock, so unsaved input is confirmed first', async () => {
    const steward = await start();
    const w = theWindow();
    await createLedger(w);
    findMenuItem(fake.menu ?? [], 'lock')?.click?.();
    await tick();
    expect(steward.ctx.session.ledger).not.toBeNull();
    expect(w.webContents.sent).toContainEqual({ channel: 'steward:menu', args: ['lock'] });
  });

  it('File › Back up now… asks for a folder and backs up there', async () => {
    const steward = await start();
    const w = theWindow();
    await createLedger(w);
    const folder = path.join(tmp, 'my-backups');
    fs.mkdirSync(folder);
    fake.dialog.openResult = { canceled: false, filePaths: [folder] };
    findMenuItem(fake.menu ?? [], 'backup')?.click?.();
    await vi.waitFor(() => expect(w.webContents.sent).toContainEqual({ channel: 'steward:menu', args: ['backup'] }));
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^org-.*-manual\.steward$/);
    expect(steward.ctx.session.ledger).not.toBeNull();
    steward.lockForClose();
  });
});
