/**
 * The CLI: `steward <command> …`. Every command goes through the same api dispatcher as the app.
 * The passphrase comes from STEWARD_PASSPHRASE or --passphrase-file, never from an argument.
 * Exit codes: 0 success, 1 failure (CODE: message on stderr), 2 usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { StewardError } from '../shared/errors';
import type { Method } from '../shared/contract';
import { dispatch } from './api';
import { createContext, defaultDataDir } from './api/create-context';
import type { ApiContext } from './api/context';
import { APP_VERSION } from './version';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  /** Fixed clock for tests; otherwise the real time. */
  now?: () => Date;
}

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  run(ctx: CliContext): Promise<void>;
}

interface CliContext {
  values: Record<string, string | boolean | undefined>;
  io: CliIo;
  api: ApiContext;
  json: boolean;
  /** Call the api; throws StewardError on failure. */
  call(method: Method, input: unknown): Promise<unknown>;
  passphrase(): string;
  openLedger(): Promise<void>;
  print(value: unknown, human: () => string): void;
}

const COMMON: Options = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'passphrase-file': { type: 'string' },
  passphrase: { type: 'string' },
};

function need(values: CliContext['values'], name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}

export const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'Create a new encrypted ledger file',
    usage: 'steward init --ledger FILE [--name "Organisation name"] [--json]',
    options: { ledger: { type: 'string' }, name: { type: 'string' } },
    async run(c) {
      const file = need(c.values, 'ledger');
      const name = typeof c.values['name'] === 'string' ? c.values['name'] : path.basename(file).replace(/\.steward$/i, '');
      const info = await c.call('ledger.create', { path: file, passphrase: c.passphrase(), organisationName: name });
      c.print(info, () => `Created ${(info as { path: string }).path}\n`);
    },
  },
  verify: {
    summary: 'Check a ledger: file integrity and schema version',
    usage: 'steward verify --ledger FILE [--json]',
    options: { ledger: { type: 'string' } },
    async run(c) {
      await c.openLedger();
      const r = (await c.call('ledger.verify', {})) as { ok: boolean; schemaVersion: number; integrity: string; problems: Array<{ code: string; message: string }> };
      c.print(r, () => (r.ok ? `OK: integrity ${r.integrity}, schema version ${r.schemaVersion}\n` : ''));
      if (!r.ok) {
        const first = r.problems[0];
        throw new StewardError((first?.code as 'CORRUPT') ?? 'CORRUPT', first?.message ?? 'The ledger did not verify.');
      }
    },
  },
  backup: {
    summary: 'Write a verified encrypted backup of a ledger',
    usage: 'steward backup --ledger FILE --out FILE [--json]',
    options: { ledger: { type: 'string' }, out: { type: 'string' } },
    async run(c) {
      const out = need(c.values, 'out');
      await c.openLedger();
      const r = (await c.call('ledger.backup', { file: out })) as { path: string; bytes: number };
      c.print(r, () => `Backed up to ${r.path} (${r.bytes} bytes, verified)\n`);
    },
  },
  restore: {
    summary: 'Check a backup whole, then restore it to a new ledger file',
    usage: 'steward restore --backup FILE --ledger NEW_FILE [--json]',
    options: { backup: { type: 'string' }, ledger: { type: 'string' } },
    async run(c) {
      const backup = need(c.values, 'backup');
      const target = need(c.values, 'ledger');
      const info = (await c.call('ledger.restore', { backupPath: backup, targetPath: target, passphrase: c.passphrase() })) as { path: string };
      c.print(info, () => `Restored ${backup} to ${info.path}\n`);
    },
  },
};

function helpText(): string {
  const lines = [
    `Steward ${APP_VERSION}: personal-budget ledgers, payroll and statements.`,
    '',
    'Usage: steward <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(12)} ${c.summary}`),
    '',
    'Every command takes --help. The passphrase comes from the STEWARD_PASSPHRASE environment',
    'variable or --passphrase-file FILE; it is never accepted as an argument.',
    'Exit codes: 0 success, 1 failure (error code and message on stderr), 2 usage.',
    '',
  ];
  return lines.join('\n');
}

function commandHelp(name: string, c: Command): string {
  const opts = Object.keys(c.options).map((o) => `--${o}`);
  return `${c.summary}\n\nUsage: ${c.usage}\n\nOptions: ${[...opts, '--passphrase-file FILE', '--json', '--help'].join(', ')}\nPassphrase: STEWARD_PASSPHRASE or --passphrase-file.\n`.replace(/^/, `steward ${name}: `);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  // Subcommands like "client add" are keyed "client add".
  let key = name;
  let args = rest;
  if (!COMMANDS[key] && rest[0] && COMMANDS[`${name} ${rest[0]}`]) {
    key = `${name} ${rest[0]}`;
    args = rest.slice(1);
  }
  const cmd = COMMANDS[key];
  if (!cmd) {
    io.stderr(`steward: unknown command "${argv.slice(0, 2).join(' ')}". Run steward --help.\n`);
    return 2;
  }
  let values: CliContext['values'];
  try {
    values = parseArgs({ args, options: { ...COMMON, ...cmd.options }, allowPositionals: false, strict: true }).values as CliContext['values'];
  } catch (e) {
    io.stderr(`steward ${key}: ${e instanceof Error ? e.message : String(e)}\nUsage: ${cmd.usage}\n`);
    return 2;
  }
  if (values['help']) {
    io.stdout(commandHelp(key, cmd));
    return 0;
  }
  if (values['passphrase'] !== undefined) {
    io.stderr(`steward ${key}: a passphrase is never taken as an argument (it would show in process lists and shell history). Set STEWARD_PASSPHRASE or use --passphrase-file FILE.\n`);
    return 2;
  }
  const api = createContext({ mode: 'cli', dataDir: io.env['STEWARD_DATA_DIR'] ? path.resolve(io.env['STEWARD_DATA_DIR']) : defaultDataDir(), ...(io.now ? { now: io.now } : {}) });
  const json = values['json'] === true;
  const c: CliContext = {
    values,
    io,
    api,
    json,
    async call(method, input) {
      const r = await dispatch(api, method, input);
      if (!r.ok) throw new StewardError(r.error.code, r.error.message, r.error.where === undefined ? {} : { where: r.error.where });
      return r.value;
    },
    passphrase() {
      const file = values['passphrase-file'];
      if (typeof file === 'string') {
        try {
          return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
        } catch {
          throw new UsageError(`cannot read the passphrase file ${file}`);
        }
      }
      const env = io.env['STEWARD_PASSPHRASE'];
      if (env === undefined || env === '') throw new UsageError('no passphrase: set STEWARD_PASSPHRASE or use --passphrase-file FILE');
      return env;
    },
    async openLedger() {
      const file = need(values, 'ledger');
      await c.call('ledger.unlock', { path: file, passphrase: c.passphrase() });
    },
    print(value, human) {
      io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : human());
    },
  };
  try {
    await cmd.run(c);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`steward ${key}: ${e.message}\nUsage: ${cmd.usage}\n`);
      return 2;
    }
    if (e instanceof StewardError) {
      io.stderr(`${e.code}: ${e.message}\n`);
      return 1;
    }
    io.stderr(`INTERNAL: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    // The CLI closes without the automatic backup the app makes on lock.
    api.session.disarm();
    api.session.ledger?.close();
    api.session.ledger = null;
  }
}
