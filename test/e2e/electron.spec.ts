/**
 * Desktop smoke test: launch the built app with Playwright's Electron driver, with its own data
 * folder, and check the hardened window comes up on the unlock screen.
 *
 * Skipped where there is no Electron binary (installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on
 * the build machines) or where better-sqlite3-multiple-ciphers is not built for Electron
 * (`npm run rebuild:electron`). Needs `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';

const root = process.cwd();
const requireHere = createRequire(path.join(root, 'package.json'));

function electronBinary(): string | null {
  try {
    const bin: unknown = requireHere('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    // index.js throws "Electron failed to install correctly" when the binary was never downloaded.
    return null;
  }
}

/** scripts/native.mjs writes this marker when it rebuilds the native module for Electron. */
function nativeBuiltForElectron(): boolean {
  try {
    const version = (requireHere('electron/package.json') as { version: string }).version;
    const pkgDir = path.dirname(requireHere.resolve('better-sqlite3-multiple-ciphers/package.json'));
    const marker = JSON.parse(fs.readFileSync(path.join(pkgDir, 'build', 'steward-runtime.json'), 'utf8')) as { runtime?: string; version?: string };
    return marker.runtime === 'electron' && marker.version === version;
  } catch {
    return false;
  }
}

const binary = electronBinary();
const ready = binary !== null && nativeBuiltForElectron();

test.describe('desktop app', () => {
  test.skip(!ready, 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); run npm start on a machine with Electron');

  let app: ElectronApplication | null = null;
  let dataDir = '';

  test.beforeEach(async () => {
    const main = path.join(root, 'dist', 'main', 'electron-main.cjs');
    for (const f of [main, path.join(root, 'dist', 'main', 'preload.cjs'), path.join(root, 'dist', 'renderer', 'index.html')]) {
      if (!fs.existsSync(f)) throw new Error(`${path.relative(root, f)} is missing: run npm run build first.`);
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    env['STEWARD_DATA_DIR'] = dataDir;
    delete env['STEWARD_DEVTOOLS'];
    app = await _electron.launch({ args: [main], cwd: root, env });
  });

  test.afterEach(async () => {
    await app?.close();
    app = null;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens one hardened window titled Steward on the unlock screen', async () => {
    if (!app) throw new Error('not launched');
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('Steward');
    // The unlock screen: open an existing ledger or create one.
    await expect(page.getByRole('tab', { name: 'Open a ledger' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Create a new ledger' })).toBeVisible();

    // The data folder came from STEWARD_DATA_DIR.
    const userData = await app.evaluate(({ app: a }) => a.getPath('userData'));
    expect(path.resolve(userData)).toBe(path.resolve(dataDir));

    // The page has the bridge and nothing of Node.
    const exposed = await page.evaluate(() => {
      const g = globalThis as unknown as { steward?: Record<string, unknown>; require?: unknown; process?: unknown };
      return { keys: Object.keys(g.steward ?? {}).sort(), require: typeof g.require, process: typeof g.process };
    });
    expect(exposed).toEqual({ keys: ['dialog', 'invoke', 'onMenu', 'platform'], require: 'undefined', process: 'undefined' });

    const info = await page.evaluate(async () => {
      const g = globalThis as unknown as { steward: { invoke(m: string, i: unknown): Promise<unknown> } };
      return g.steward.invoke('app.info', {});
    });
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron' } });

    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);
  });
});
