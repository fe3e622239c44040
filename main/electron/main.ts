/**
 * Entry point of the desktop app (bundled to dist/main/electron-main.cjs). All the work is in
 * app.ts, which takes the electron module as a parameter so it can be tested with a fake.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, safeStorage, screen, session, shell } from 'electron';
import { startApp, type ElectronLike } from './app';

const electron: ElectronLike<BrowserWindow> = {
  app,
  BrowserWindow,
  ipcMain,
  session,
  dialog,
  Menu,
  shell,
  // Read lazily: screen and safeStorage are only usable once the app is ready.
  get safeStorage() {
    return safeStorage;
  },
  get screen() {
    return screen;
  },
};

startApp(electron, {
  rendererDir: path.join(__dirname, '..', 'renderer'),
  preloadPath: path.join(__dirname, 'preload.cjs'),
}).catch((e: unknown) => {
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`Steward could not start: ${message}\n`);
  try {
    dialog.showErrorBox('Steward could not start', message);
  } finally {
    app.exit(1);
  }
});
