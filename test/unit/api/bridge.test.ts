import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { METHODS } from '../../../shared/contract';
import { startWebServer, type WebServer } from '../../../main/web';
import { PASSPHRASE, testEnv } from '../../fixtures/ledger';
import { tempDir } from '../../fixtures/temp';

let server: WebServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function start() {
  const env = testEnv();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Steward</title>');
  server = await startWebServer({ rendererDir, ctx: env.ctx });
  const s = server;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${s.port}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { env, s, post };
}

/** Inputs that no method's schema accepts. */
const MALFORMED: unknown[] = ['a string', 42, [1, 2], { unexpected: true }, { path: 7, passphrase: null, organisationName: ['x'] }];

describe('browser-mode bridge', () => {
  it('prints a 127.0.0.1 URL carrying the token, and refuses requests without it', async () => {
    const { s, post } = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
    const none = await post({ method: 'app.info', input: {} }, { Authorization: '' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const wrong = await post({ method: 'app.info', input: {} }, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const ok = await post({ method: 'app.info', input: {} });
    expect(await ok.json()).toMatchObject({ ok: true, value: { mode: 'test' } });
  });

  it('refuses cross-origin requests, foreign Host headers and path traversal', async () => {
    const { s, post } = await start();
    const cross = await post({ method: 'app.info', input: {} }, { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const page = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const trav = await fetch(`http://127.0.0.1:${s.port}/..%2f..%2fetc%2fpasswd`);
    expect(trav.status).toBe(404);
  });

  it('every method given malformed input answers VALIDATION, and nothing is written', async () => {
    const { env, post } = await start();
    const created = await post({ method: 'ledger.create', input: { path: env.ledgerPath, passphrase: PASSPHRASE, organisationName: 'Bridge Test Ltd' } });
    expect(((await created.json()) as { ok: boolean }).ok).toBe(true);
    const before = snapshot(env.dir);
    const prefsBefore = JSON.stringify(env.ctx.prefs.get());
    expect(METHODS.length).toBeGreaterThan(10);
    for (const method of METHODS) {
      for (const input of MALFORMED) {
        const r = await post({ method, input });
        const body = (await r.json()) as { ok: boolean; error?: { code: string; message: string } };
        expect(body.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
        expect(body.error?.code, `${method} ${JSON.stringify(input)}`).toBe('VALIDATION');
        expect(body.error?.message.length).toBeGreaterThan(5);
      }
    }
    expect(snapshot(env.dir)).toEqual(before);
    expect(JSON.stringify(env.ctx.prefs.get())).toBe(prefsBefore);
    expect(env.ctx.session.ledger).not.toBeNull();
  });

  it('unknown methods and non-JSON bodies are clear errors', async () => {
    const { post } = await start();
    expect(await (await post({ method: 'db.exec', input: { sql: 'DROP TABLE meta' } })).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const bad = await post('{not json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
  });
});
