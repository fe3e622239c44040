// `npm test`: build, then every unit test (vitest) and every end-to-end test (Playwright in
// Chromium against browser mode), then one closing line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const out = path.resolve('.test-output');
fs.mkdirSync(out, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args, extraEnv = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } }).status;

const steps = [
  ['node', ['scripts/native.mjs', 'node']],
  ['node', ['scripts/build-main.mjs']],
  [npx, ['vite', 'build', '--config', 'renderer/vite.config.mts', '--logLevel', 'warn']],
];
for (const [cmd, args] of steps) {
  if (run(cmd, args) !== 0) {
    console.error(`npm test: "${cmd} ${args.join(' ')}" failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const vitestJson = path.join(out, 'vitest.json');
const pwJson = path.join(out, 'playwright.json');
fs.rmSync(vitestJson, { force: true });
fs.rmSync(pwJson, { force: true });

const vStatus = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const pStatus = run(npx, ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
try {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  if (v.numFailedTestSuites > 0 && v.numFailedTests === 0) {
    failed += v.numFailedTestSuites;
    problems.push(`${v.numFailedTestSuites} vitest file(s) failed to load`);
  }
} catch {
  failed += 1;
  problems.push('vitest wrote no results');
}
try {
  const p = JSON.parse(fs.readFileSync(pwJson, 'utf8'));
  passed += p.stats.expected + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
  // Say why each skipped end-to-end test was skipped.
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'skipped') {
          const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
          console.log(`skipped: ${spec.title} — ${why}`);
        }
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of p.suites ?? []) walk(s);
  if ((p.errors ?? []).length) {
    failed += p.errors.length;
    problems.push(`${p.errors.length} Playwright error(s) outside tests`);
  }
} catch {
  failed += 1;
  problems.push('Playwright wrote no results');
}
if (vStatus !== 0 && failed === 0) {
  failed += 1;
  problems.push(`vitest exited ${vStatus}`);
}
if (pStatus !== 0 && failed === 0) {
  failed += 1;
  problems.push(`playwright exited ${pStatus}`);
}
for (const p of problems) console.error(`npm test: ${p}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
