/**
 * Pure helpers for the desktop window's hardening: which URLs are the app's own, which external
 * links may be opened in the user's browser, the BrowserWindow's webPreferences, and the CSP header.
 * No Electron import here, so every rule is unit-tested directly.
 * See docs/security.md, "Desktop window hardening".
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSP } from '../web';

/**
 * The window's own session. Not "persist:": nothing the renderer stores (cache, localStorage,
 * cookies) is written to disk; Steward's state lives in main (prefs) and in the encrypted ledger.
 */
export const PARTITION = 'steward-app';

/** The only IPC channels. `steward:menu` goes main → renderer only. */
export const INVOKE_CHANNEL = 'steward:invoke';
export const DIALOG_CHANNEL = 'steward:dialog';
export const MENU_CHANNEL = 'steward:menu';

/** Hosts (and their subdomains) whose https links may open in the user's own browser. */
export const EXTERNAL_HOSTS: readonly string[] = ['gov.uk', 'nhs.uk', 'legislation.gov.uk'];

export { CSP };

export interface AppLocation {
  /** Absolute path of dist/renderer/index.html, for loadFile. */
  readonly indexFile: string;
  /** file:// URL of index.html (no query, no fragment). */
  readonly indexUrl: string;
  /** file:// URL of the renderer folder, ending in "/". */
  readonly dirUrl: string;
  readonly caseInsensitive: boolean;
}

export function appLocation(rendererDir: string, platform: NodeJS.Platform = process.platform): AppLocation {
  const dir = path.resolve(rendererDir);
  const indexFile = path.join(dir, 'index.html');
  const dirHref = pathToFileURL(dir).href;
  return {
    indexFile,
    indexUrl: pathToFileURL(indexFile).href,
    dirUrl: dirHref.endsWith('/') ? dirHref : `${dirHref}/`,
    caseInsensitive: platform === 'win32' || platform === 'darwin',
  };
}

/** A URL parsed and reduced to scheme + host + path (the WHATWG parser resolves "..", "%2e" and "\\"). */
function bare(url: string): { protocol: string; host: string; base: string; username: string; password: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return { protocol: u.protocol, host: u.host, base: `${u.protocol}//${u.host}${u.pathname}`, username: u.username, password: u.password };
}

function same(a: string, b: string, loc: AppLocation): boolean {
  return loc.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** True for file:// URLs inside the renderer folder (any file of the built renderer). */
export function isInsideApp(url: string, loc: AppLocation): boolean {
  const b = bare(url);
  if (!b || b.protocol !== 'file:' || b.host !== '') return false;
  const head = b.base.slice(0, loc.dirUrl.length);
  return b.base.length > loc.dirUrl.length && same(head, loc.dirUrl, loc);
}

/** True only for the app page itself (index.html; any #route or ?query allowed). */
export function isAppPage(url: string, loc: AppLocation): boolean {
  const b = bare(url);
  return b !== null && b.protocol === 'file:' && b.host === '' && same(b.base, loc.indexUrl, loc);
}

/** https only, default port, no credentials, host on the allow-list (or a subdomain of one). */
export function isAllowedExternal(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.port !== '' || u.username !== '' || u.password !== '') return false;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * Requests the window's session may make: the renderer's own files, and the schemes Chromium uses
 * internally for DevTools and inline data. Everything else (http, https, ws, ftp, other files) is
 * cancelled, so even a CSP bypass cannot reach the network or read arbitrary files.
 */
export function isAllowedRequest(url: string, loc: AppLocation): boolean {
  const b = bare(url);
  if (!b) return false;
  if (b.protocol === 'file:') return isInsideApp(url, loc);
  return b.protocol === 'devtools:' || b.protocol === 'data:' || b.protocol === 'blob:';
}

/** Response headers with our CSP replacing whatever the response carried. */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [CSP];
  return out;
}

export interface HardenedWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  devTools: boolean;
  preload: string;
  partition: string;
}

export function webPreferences(preload: string, devTools: boolean): HardenedWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
    preload,
    partition: PARTITION,
  };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Saved bounds are reused only if a usable part (at least 120×80) is on a display that exists now. */
export function boundsVisible(b: Rect, workAreas: readonly Rect[]): boolean {
  if (b.width < 200 || b.height < 150) return false;
  return workAreas.some((a) => {
    const w = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x);
    const h = Math.min(b.y + b.height, a.y + a.height) - Math.max(b.y, a.y);
    return w >= 120 && h >= 80;
  });
}
