// Bundle the main-side entry points with esbuild (fast, one file each; native and Electron modules
// stay external). Output: dist/main/{electron-main,preload,web,cli}.cjs
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['better-sqlite3-multiple-ciphers', 'electron', 'electron-store', 'pdfkit', 'exceljs'],
};

await build({
  ...common,
  entryPoints: {
    web: 'main/web-main.ts',
    cli: 'main/cli-main.ts',
    'electron-main': 'main/electron/main.ts',
    preload: 'main/electron/preload.ts',
  },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
});
