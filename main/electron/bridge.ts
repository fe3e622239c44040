/**
 * The one object the renderer sees as `window.steward`, built from an ipcRenderer-like object so it
 * can be tested without Electron. It exposes functions and a string only: no ipcRenderer, no event
 * objects, no channel names. This file must import nothing at run time (the sandboxed preload can
 * only require 'electron').
 */
export type DialogKind = 'openLedger' | 'saveLedger' | 'chooseFolder';
export type BridgeMenuAction = 'new-ledger' | 'open-ledger' | 'lock' | 'backup';

export interface StewardBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  dialog(kind: DialogKind): Promise<string | null>;
  readonly platform: string;
  /** Listen for menu actions; returns a function that stops listening. */
  onMenu(cb: (action: BridgeMenuAction) => void): () => void;
}

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

// Duplicated from security.ts / menu.ts on purpose: the preload bundle stays dependency-free.
const INVOKE = 'steward:invoke';
const DIALOG = 'steward:dialog';
const MENU = 'steward:menu';
const ACTIONS: readonly string[] = ['new-ledger', 'open-ledger', 'lock', 'backup'];

function isAction(a: unknown): a is BridgeMenuAction {
  return typeof a === 'string' && ACTIONS.includes(a);
}

export function buildBridge(ipc: IpcRendererLike, platform: string): StewardBridge {
  return Object.freeze({
    invoke: (method: string, input: unknown): Promise<unknown> => ipc.invoke(INVOKE, method, input),
    dialog: async (kind: DialogKind): Promise<string | null> => {
      const r = await ipc.invoke(DIALOG, kind);
      return typeof r === 'string' ? r : null;
    },
    platform,
    onMenu: (cb: (action: BridgeMenuAction) => void): (() => void) => {
      if (typeof cb !== 'function') return () => undefined;
      const listener = (_event: unknown, action: unknown): void => {
        if (isAction(action)) cb(action);
      };
      ipc.on(MENU, listener);
      return () => {
        ipc.removeListener(MENU, listener);
      };
    },
  });
}
