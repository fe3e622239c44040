// Make sure the native SQLite module is built for Node before any test opens a ledger.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/native.mjs', 'node', '--quiet'], { stdio: 'inherit' });
}
