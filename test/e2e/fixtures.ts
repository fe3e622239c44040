/**
 * End-to-end fixtures: each test gets its own temp folder and its own browser-mode server
 * (dist/main/web.cjs, a real encrypted ledger on disk, a fixed clock), and a helper that saves a
 * screenshot of each screen into .test-output/screens/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export const PASSPHRASE = 'Correct Horse 42 battery';
export const FIXED_NOW = '2026-04-06T09:00:00.000Z';
const SCREENS = path.resolve('.test-output/screens');

export interface App {
  url: string;
  dir: string;
  dataDir: string;
  ledgerPath: string;
  server: ChildProcess;
}

export async function startServer(dir: string): Promise<App> {
  const dataDir = path.join(dir, 'data');
  const server = spawn(process.execPath, ['dist/main/web.cjs', '--data-dir', dataDir, '--clock', FIXED_NOW], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    let err = '';
    server.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    server.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    server.once('exit', (code) => reject(new Error(`web server exited ${code}: ${err}`)));
  });
  return { url, dir, dataDir, ledgerPath: path.join(dir, 'org.steward'), server };
}

export const test = base.extend<{ app: App }>({
  app: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-'));
    const app = await startServer(dir);
    await use(app);
    const exited = new Promise((r) => app.server.once('exit', r));
    app.server.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** Create a ledger through the real create screen. */
export async function createLedger(page: Page, app: App, organisationName = 'Riverside Support Brokers'): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('tab', { name: 'Create a new ledger' }).click();
  await page.getByLabel('Organisation name').fill(organisationName);
  await page.getByLabel('Ledger file').fill(app.ledgerPath);
  await page.getByLabel('New passphrase').fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create ledger' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}
