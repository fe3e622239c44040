/**
 * The application menu as plain data (a template for Menu.buildFromTemplate), so tests can read it.
 * Actions that belong to the renderer reach it as webContents.send('steward:menu', action).
 */

/**
 * What the renderer is told through `onMenu`:
 *  - 'new-ledger', 'open-ledger': show the create / open screen (the renderer then asks for a
 *    path with window.steward.dialog('saveLedger' | 'openLedger'));
 *  - 'lock': the user asked to lock; the renderer locks as its Lock button does (confirming first
 *    when a form has unsaved input);
 *  - 'backup': main has just made a backup the user asked for; refresh anything that shows backups.
 */
export const MENU_ACTIONS = ['new-ledger', 'open-ledger', 'lock', 'backup'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export type MenuRole =
  | 'appMenu'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'quit';

export interface MenuTemplateItem {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

export interface MenuCommands {
  send(action: MenuAction): void;
  lock(): void;
  backup(): void;
  about(): void;
  userGuide(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Not packaged: offer Reload. */
  dev: boolean;
  /** DevTools allowed (dev and STEWARD_DEVTOOLS=1): offer Toggle DevTools. */
  devTools: boolean;
  commands: MenuCommands;
}

const sep: MenuTemplateItem = { type: 'separator' };

export function buildMenuTemplate(o: MenuOptions): MenuTemplateItem[] {
  const c = o.commands;
  const mac = o.platform === 'darwin';

  const file: MenuTemplateItem = {
    label: 'File',
    submenu: [
      { id: 'new-ledger', label: 'New ledger…', accelerator: 'CmdOrCtrl+N', click: () => c.send('new-ledger') },
      { id: 'open-ledger', label: 'Open ledger…', accelerator: 'CmdOrCtrl+O', click: () => c.send('open-ledger') },
      sep,
      { id: 'lock', label: 'Lock', accelerator: 'CmdOrCtrl+L', click: () => c.lock() },
      { id: 'backup', label: 'Back up now…', click: () => c.backup() },
      sep,
      { id: 'quit', label: mac ? 'Quit Steward' : 'Quit', role: 'quit' },
    ],
  };

  const edit: MenuTemplateItem = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  };

  const view: MenuTemplateItem = {
    label: 'View',
    submenu: [
      ...(o.dev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const] : []),
      ...(o.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ...(o.dev || o.devTools ? [sep] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuTemplateItem = {
    label: 'Help',
    submenu: [
      { id: 'user-guide', label: 'User guide', click: () => c.userGuide() },
      sep,
      { id: 'about', label: 'About Steward', click: () => c.about() },
    ],
  };

  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}

/** Depth-first search of a template by id (for tests and for enabling items). */
export function findMenuItem(items: readonly MenuTemplateItem[], id: string): MenuTemplateItem | null {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu ? findMenuItem(item.submenu, id) : null;
    if (inner) return inner;
  }
  return null;
}
