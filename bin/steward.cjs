#!/usr/bin/env node
// The installed `steward` command: runs the bundled CLI (npm run build:main makes it).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'main', 'cli.cjs');
if (!fs.existsSync(entry)) {
  process.stderr.write('steward: the CLI is not built yet. Run: npm run build:main\n');
  process.exit(1);
}
require(entry);
