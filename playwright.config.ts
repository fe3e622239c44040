import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium (browsers cannot be downloaded on the build machines). Elsewhere set
// STEWARD_CHROMIUM to a Chromium/Chrome binary, or leave it unset to use Playwright's own.
const candidates = [process.env['STEWARD_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
const executablePath = candidates.find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: '.test-output/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
