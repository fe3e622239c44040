/**
 * A hand-written fake of the part of Electron that main/electron/app.ts uses (ElectronLike).
 * It records what the app asks for and lets tests fire the events Electron would fire.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type {
  AppLike,
  DialogLike,
  ElectronLike,
  FrameLike,
  InvokeEventLike,
  IpcMainLike,
  PreventableEvent,
  SessionLike,
  WebContentsLike,
  WindowLike,
  WindowOptions,
} from '../../../main/electron/app';
import type { MenuTemplateItem } from '../../../main/electron/menu';
import type { Rect } from '../../../main/electron/security';
import type { SafeStorageLike } from '../../../main/electron/stores';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  private listeners = new Map<string, Listener[]>();
  on(event: string, listener: (...args: never[]) => unknown): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as unknown as Listener);
    this.listeners.set(event, list);
    return this;
  }
  once(event: string, listener: (...args: never[]) => unknown): this {
    const wrapped = (...args: unknown[]): unknown => {
      this.off(event, wrapped);
      return (listener as unknown as Listener)(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, listener: Listener): void {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame implements FrameLike {
  constructor(
    public url: string,
    public readonly parent: FrameLike | null = null,
    public readonly processId = 7,
    public readonly routingId = 1,
  ) {}
}

export class FakeWebContents extends Emitter implements WebContentsLike {
  readonly mainFrame = new FakeFrame('about:blank');
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  devToolsOpened = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  openDevTools(): void {
    this.devToolsOpened = true;
  }
  /** Fire will-navigate as Chromium would; returns whether the app prevented it. */
  navigate(url: string): boolean {
    const e = new FakeEvent();
    this.emit('will-navigate', e, url);
    if (!e.defaultPrevented) this.mainFrame.url = url;
    return e.defaultPrevented;
  }
}

export class FakeWindow extends Emitter implements WindowLike {
  static instances: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  shown = false;
  focused = 0;
  minimized = false;
  destroyed = false;
  bounds: Rect;
  constructor(readonly options: WindowOptions) {
    super();
    this.bounds = { x: options.x ?? 10, y: options.y ?? 10, width: options.width, height: options.height };
    FakeWindow.instances.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused += 1;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rect {
    return this.bounds;
  }
  /** The user closes the window. */
  close(): void {
    this.emit('close', new FakeEvent());
    this.destroyed = true;
    this.emit('closed');
  }
}

export class FakeApp extends Emitter implements AppLike {
  isPackaged = false;
  gotLock = true;
  quitCalls = 0;
  readonly paths: Record<string, string>;
  constructor(userData: string) {
    super();
    this.paths = { userData, documents: path.join(userData, 'Documents') };
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: 'userData' | 'documents'): string {
    return this.paths[name] ?? '';
  }
  setPath(name: 'userData', value: string): void {
    this.paths[name] = value;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getAppPath(): string {
    return this.paths['userData'] ?? '';
  }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  /** Call a handler the way ipcRenderer.invoke would reach it. */
  async invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  }
}

type BeforeRequest = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type HeadersReceived = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession implements SessionLike {
  beforeRequest: BeforeRequest | null = null;
  headersReceived: HeadersReceived | null = null;
  permissionRequest: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((webContents: unknown, permission: string) => boolean) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest): void => {
      this.beforeRequest = listener;
    },
    onHeadersReceived: (listener: HeadersReceived): void => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void {
    this.permissionCheck = handler;
  }
}

export class FakeSafeStorage implements SafeStorageLike {
  constructor(
    public encryptionAvailable = true,
    public backend = 'gnome_libsecret',
  ) {}
  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    // Not real encryption, but not the plain text either: tests check the file never holds it.
    return Buffer.from([...Buffer.from(`v1:${plainText}`, 'utf8')].map((b) => b ^ 0x5a));
  }
  decryptString(encrypted: Buffer): string {
    const text = Buffer.from([...encrypted].map((b) => b ^ 0x5a)).toString('utf8');
    if (!text.startsWith('v1:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(3);
  }
}

export class FakeDialog implements DialogLike<FakeWindow> {
  readonly calls: Array<{ kind: 'open' | 'save' | 'message'; options: unknown }> = [];
  openResult: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  saveResult: { canceled: boolean; filePath: string } = { canceled: true, filePath: '' };
  showOpenDialog(_w: FakeWindow, options: unknown): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.calls.push({ kind: 'open', options });
    return Promise.resolve(this.openResult);
  }
  showSaveDialog(_w: FakeWindow, options: unknown): Promise<{ canceled: boolean; filePath: string }> {
    this.calls.push({ kind: 'save', options });
    return Promise.resolve(this.saveResult);
  }
  showMessageBox(_w: FakeWindow, options: unknown): Promise<{ response: number }> {
    this.calls.push({ kind: 'message', options });
    return Promise.resolve({ response: 0 });
  }
}

export interface FakeElectron extends ElectronLike<FakeWindow> {
  readonly app: FakeApp;
  readonly ipcMain: FakeIpcMain;
  readonly dialog: FakeDialog;
  readonly safeStorage: FakeSafeStorage;
  readonly sessions: Map<string, FakeSession>;
  readonly opened: string[];
  menu: MenuTemplateItem[] | null;
}

export function fakeElectron(userData: string): FakeElectron {
  FakeWindow.instances = [];
  const sessions = new Map<string, FakeSession>();
  const opened: string[] = [];
  const fake: FakeElectron = {
    app: new FakeApp(userData),
    BrowserWindow: FakeWindow,
    ipcMain: new FakeIpcMain(),
    dialog: new FakeDialog(),
    safeStorage: new FakeSafeStorage(),
    sessions,
    opened,
    menu: null,
    session: {
      fromPartition(partition: string): FakeSession {
        const s = sessions.get(partition) ?? new FakeSession();
        sessions.set(partition, s);
        return s;
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuTemplateItem[]) => ({ template }),
      setApplicationMenu: (menu: object | null) => {
        fake.menu = menu && 'template' in menu ? (menu as { template: MenuTemplateItem[] }).template : null;
      },
    },
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
      openPath: (file: string) => {
        opened.push(file);
        return Promise.resolve('');
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
  return fake;
}

/** The IPC event Electron would build for a call from `frame` of `win`. */
export function ipcEvent(win: FakeWindow, frame: FrameLike | null = win.webContents.mainFrame): InvokeEventLike {
  return { sender: win.webContents, senderFrame: frame };
}
