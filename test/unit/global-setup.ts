// Before any test: the native SQLite module built for Node, and the main-side bundles (the CLI
// tests run dist/main/cli.cjs as a real second process).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/native.mjs', 'node', '--quiet'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
}
