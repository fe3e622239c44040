// Ensure better-sqlite3-multiple-ciphers is compiled for the runtime about to use it.
//   node scripts/native.mjs node      tests, CLI, browser mode
//   node scripts/native.mjs electron  the desktop app (needs the Electron binary and headers)
// The module is compiled for one ABI at a time; this checks the current build and rebuilds only
// when it does not load.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const target = process.argv[2];
const quiet = process.argv.includes('--quiet');
const log = (s) => {
  if (!quiet) process.stdout.write(`${s}\n`);
};
const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const marker = path.join(pkgDir, 'build', 'steward-runtime.json');
const readMarker = () => {
  try {
    return JSON.parse(fs.readFileSync(marker, 'utf8'));
  } catch {
    return null;
  }
};

if (target === 'node') {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3-multiple-ciphers'))(':memory:').close()"], { encoding: 'utf8' });
  if (probe.status === 0) {
    log('better-sqlite3-multiple-ciphers: built for Node');
  } else {
    log('better-sqlite3-multiple-ciphers: rebuilding for Node …');
    execFileSync('npm', ['rebuild', 'better-sqlite3-multiple-ciphers'], { stdio: quiet ? 'ignore' : 'inherit', shell: process.platform === 'win32' });
    fs.writeFileSync(marker, JSON.stringify({ runtime: 'node', abi: process.versions.modules }));
  }
} else if (target === 'electron') {
  let electronVersion;
  try {
    electronVersion = require('electron/package.json').version;
    const bin = require('electron');
    if (typeof bin !== 'string' || !fs.existsSync(bin)) throw new Error('no binary');
  } catch {
    process.stderr.write(
      'The Electron binary is not installed (installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1 skip it).\n' +
        'On a machine that can download Electron: npm install, then npm start. Browser mode works without it: npm run web\n',
    );
    process.exit(1);
  }
  const m = readMarker();
  if (m && m.runtime === 'electron' && m.version === electronVersion) {
    log(`better-sqlite3-multiple-ciphers: built for Electron ${electronVersion}`);
  } else {
    log(`better-sqlite3-multiple-ciphers: rebuilding for Electron ${electronVersion} …`);
    execFileSync('npx', ['electron-rebuild', '-f', '-w', 'better-sqlite3-multiple-ciphers', '-v', electronVersion], { stdio: 'inherit', shell: process.platform === 'win32' });
    fs.writeFileSync(marker, JSON.stringify({ runtime: 'electron', version: electronVersion }));
  }
} else {
  process.stderr.write('usage: node scripts/native.mjs node|electron [--quiet]\n');
  process.exit(2);
}
