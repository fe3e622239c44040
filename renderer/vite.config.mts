import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The dev server needs an inline React Refresh preamble, which the strict CSP in index.html forbids.
 * In `vite serve` only, drop the CSP meta tag. Builds (what Electron and browser mode load) keep it.
 */
const relaxCspInDev: Plugin = {
  name: 'steward:relax-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
};

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), relaxCspInDev],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    fs: { allow: [repoRoot] },
  },
});
