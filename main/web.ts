/**
 * Browser mode: the same api and the same renderer bundle, served on 127.0.0.1 only. Every api
 * request must carry the random session token printed at start (Authorization: Bearer …); the
 * Host header must be our own address (no DNS rebinding), and a cross-site Origin is refused.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { dispatch } from './api';
import type { ApiContext } from './api/context';
import { lockNow } from './api/ledger';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const MAX_BODY = 64 * 1024 * 1024;

export interface WebServer {
  url: string;
  port: number;
  token: string;
  ctx: ApiContext;
  close(): Promise<void>;
}

export interface WebOptions {
  port?: number;
  rendererDir: string;
  ctx: ApiContext;
  token?: string;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  res.end(body);
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function tokenOk(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function startWebServer(o: WebOptions): Promise<WebServer> {
  const token = o.token ?? randomBytes(32).toString('base64url');
  const root = path.resolve(o.rendererDir);
  let port = 0;
  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      json(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: 'Wrong host.' } });
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      json(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-origin requests are refused.' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') {
        json(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: 'Use POST.' } });
        return;
      }
      if (!tokenOk(req.headers.authorization, token)) {
        json(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: 'Missing or wrong session token. Open the URL Steward printed when it started.' } });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          json(res, 413, { ok: false, error: { code: 'VALIDATION', message: 'The request is too large.' } });
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => {
        if (res.headersSent) return;
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          json(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request body is not JSON.' } });
          return;
        }
        const b = (typeof body === 'object' && body !== null ? body : {}) as { method?: unknown; input?: unknown };
        void dispatch(o.ctx, typeof b.method === 'string' ? b.method : '', b.input).then((r) => json(res, 200, r));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { ok: false, error: { code: 'FORBIDDEN', message: 'Not allowed.' } });
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    send(res, 200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        port,
        token,
        ctx: o.ctx,
        close: () =>
          new Promise<void>((done) => {
            lockNow(o.ctx, 'close');
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
