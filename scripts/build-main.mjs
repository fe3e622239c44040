// Bundle the main-side entry points with esbuild (fast, one file each; native and Electron modules
// stay external). Output: dist/main/{electron-main,preload,web,cli}.cjs
import { build } from 'esbuild';
import fs from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['better-sqlite3-multiple-ciphers', 'electron', 'electron-store', 'pdfkit', 'exceljs', 'archiver', 'dejavu-fonts-ttf'],
};

const entryPoints = {
  web: 'main/web-main.ts',
  cli: 'main/cli-main.ts',
  'electron-main': 'main/electron/main.ts',
  preload: 'main/electron/preload.ts',
};
for (const [name, file] of Object.entries(entryPoints)) {
  if (!fs.existsSync(file)) throw new Error(`build-main: entry ${name} (${file}) is missing`);
}

await build({
  ...common,
  entryPoints,
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
});
