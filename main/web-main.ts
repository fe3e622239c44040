/** Entry point of `npm run web` (bundled to dist/main/web.cjs). */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, defaultDataDir } from './api/create-context';
import { startWebServer } from './web';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      clock: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run web [-- --port N] [--data-dir DIR]\n\nServes Steward in browser mode on 127.0.0.1 and prints the URL with its session token.\n  --port N          port (default: a free one)\n  --data-dir DIR    preferences and automatic backups (default: the app data folder)\n  --clock ISO       fixed clock, for tests and demos\n',
    );
    return;
  }
  const fixed = values.clock ? new Date(values.clock) : null;
  if (fixed && Number.isNaN(fixed.getTime())) throw new Error(`--clock: not a date: ${values.clock}`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  fs.mkdirSync(dataDir, { recursive: true });
  const ctx = createContext({ mode: 'web', dataDir, ...(fixed ? { now: () => new Date(fixed.getTime()) } : {}) });
  const rendererDir = values['renderer-dir'] ?? path.join(__dirname, '..', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing). Run: npm run build`);
  }
  const port = values.port ? Number.parseInt(values.port, 10) : 0;
  const s = await startWebServer({ port, rendererDir, ctx });
  process.stdout.write(`Steward browser mode: open ${s.url}\n`);
  const stop = () => {
    void s.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
