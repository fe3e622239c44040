// electron-builder beforePack hook: make sure the native SQLite module is built for Electron.
const { execFileSync } = require('node:child_process');

exports.default = async function beforePack() {
  execFileSync(process.execPath, ['scripts/native.mjs', 'electron'], { stdio: 'inherit' });
};
