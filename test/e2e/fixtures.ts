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
import type { InputOf, Method, OutputOf } from '../../shared/contract';

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

/** The session token the server put in the app's first URL. */
export function tokenOfApp(app: App): string {
  const token = new URLSearchParams(new URL(app.url).hash.slice(1)).get('token');
  if (!token) throw new Error(`No token in ${app.url}`);
  return token;
}

/**
 * Call the api from inside the page, with the page's origin and the session token, as
 * renderer/src/api.ts does. Throws with the error code and message when the call fails.
 */
export async function callApi<M extends Method>(
  page: Page,
  app: App,
  method: M,
  input: InputOf<M>,
): Promise<OutputOf<M>> {
  const envelope = await page.evaluate(
    async ({ m, i, t }) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
        body: JSON.stringify({ method: m, input: i }),
        credentials: 'omit',
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    },
    { m: method, i: input as unknown, t: tokenOfApp(app) },
  );
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error?.code} ${envelope.error?.message}`);
  return envelope.value as OutputOf<M>;
}

/** Same-page navigation (a reload would lose the session token, kept only in memory), then wait for the h1. */
export async function goToHash(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}
