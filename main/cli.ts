/**
 * The CLI: `steward <command> …`. Every command goes through the same api dispatcher as the app.
 * The passphrase comes from STEWARD_PASSPHRASE or --passphrase-file, never from an argument.
 * Exit codes: 0 success, 1 failure (CODE: message on stderr), 2 usage.
 * The client-money commands (funder, client, receipt, payment, …) live in cli-money.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { StewardError } from '../shared/errors';
import type { InputOf, Method, OutputOf } from '../shared/contract';
import { dayOf } from '../shared/dates';
import { dispatch } from './api';
import { createContext, defaultDataDir } from './api/create-context';
import type { ApiContext } from './api/context';
import { APP_VERSION } from './version';
import { MONEY_COMMANDS } from './cli-money';
import { PAYROLL_COMMANDS } from './cli-payroll';
import { PAYSLIP_COMMANDS } from './cli-payslips';
import { PLANNING_COMMANDS } from './cli-planning';
import { PLAN_PDF_COMMANDS } from './cli-planning-pdf';
import { BANKING_COMMANDS } from './cli-banking';
import { STATEMENT_COMMANDS } from './cli-statements';
import { RETURN_COMMANDS } from './cli-returns';
import { EXPORT_COMMANDS } from './cli-exports';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  /** Fixed clock for tests; otherwise the real time. */
  now?: () => Date;
}

class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;
/** Parsed flags: strings, booleans, and string lists for repeatable flags (`multiple: true`). */
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: Options;
  /** True for commands that open no ledger (their help does not ask for a passphrase). */
  noLedger?: boolean;
  /** Resolves to the exit code when it is not 0 (e.g. verify reports its own problems and returns 1). */
  run(ctx: CliContext): Promise<number | void>;
}

export interface CliContext {
  values: Values;
  io: CliIo;
  api: ApiContext;
  json: boolean;
  /** Call the api; throws StewardError on failure. */
  call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  passphrase(): string;
  openLedger(): Promise<void>;
  print(value: unknown, human: () => string): void;
  /** A usage error (exit 2): nothing is opened or written. */
  usage(message: string): never;
  /** Today by the app clock, YYYY-MM-DD. */
  today(): string;
  /**
   * Run several api writes as one: they land together or not at all. Each api write is its own
   * transaction; inside this they become savepoints of one outer transaction, rolled back whole on
   * any failure. Needs the ledger open.
   */
  atomically<T>(fn: () => Promise<T>): Promise<T>;
}

const COMMON: Options = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'passphrase-file': { type: 'string' },
  passphrase: { type: 'string' },
};

function need(values: Values, name: string): string {
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
      c.print(info, () => `Created ${info.path}\n`);
    },
  },
  verify: {
    summary: 'Check a ledger: file integrity and schema version',
    usage: 'steward verify --ledger FILE [--json]',
    options: { ledger: { type: 'string' } },
    async run(c) {
      await c.openLedger();
      const r = await c.call('ledger.verify', {});
      c.print(r, () => (r.ok ? `OK: integrity ${r.integrity}, schema version ${r.schemaVersion}\n` : ''));
      if (r.ok) return 0;
      // The first problem leads (CODE: message); any others follow, one a line.
      const problems = r.problems.length ? r.problems : [{ code: 'CORRUPT', message: 'The ledger did not verify.' }];
      c.io.stderr(problems.map((p) => `${p.code}: ${p.message}\n`).join(''));
      return 1;
    },
  },
  backup: {
    summary: 'Write a verified encrypted backup of a ledger',
    usage: 'steward backup --ledger FILE --out FILE [--json]',
    options: { ledger: { type: 'string' }, out: { type: 'string' } },
    async run(c) {
      const out = need(c.values, 'out');
      await c.openLedger();
      const r = await c.call('ledger.backup', { file: out });
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
      const info = await c.call('ledger.restore', { backupPath: backup, targetPath: target, passphrase: c.passphrase() });
      c.print(info, () => `Restored ${backup} to ${info.path}\n`);
    },
  },
  ...MONEY_COMMANDS,
  ...PAYROLL_COMMANDS,
  ...PAYSLIP_COMMANDS,
  ...PLANNING_COMMANDS,
  ...PLAN_PDF_COMMANDS,
  ...BANKING_COMMANDS,
  ...STATEMENT_COMMANDS,
  ...RETURN_COMMANDS,
  ...EXPORT_COMMANDS,
};

function helpText(): string {
  const lines = [
    `Steward ${APP_VERSION}: personal-budget ledgers, payroll and statements.`,
    '',
    'Usage: steward <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(18)} ${c.summary}`),
    '',
    'Every command takes --help, --ledger FILE and --json. The passphrase comes from the',
    'STEWARD_PASSPHRASE environment variable or --passphrase-file FILE; it is never accepted as an',
    'argument. Amounts are written 1234.56 or £1,234.56; JSON output gives amounts in pence.',
    'Exit codes: 0 success, 1 failure (error code and message on stderr), 2 usage (a missing or',
    'malformed flag: nothing is written).',
    '',
  ];
  return lines.join('\n');
}

function commandHelp(name: string, c: Command): string {
  const opts = Object.keys(c.options).map((o) => `--${o}`);
  if (c.noLedger) return `steward ${name}: ${c.summary}\n\nUsage: ${c.usage}\n\nOptions: ${[...opts, '--help'].join(', ')}\nNo ledger is opened and no passphrase is needed.\n`;
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
  const group = Object.keys(COMMANDS).filter((k) => k.startsWith(`${name} `));
  if (!cmd && group.length > 0 && !(rest[0] && !rest[0].startsWith('-'))) {
    // "steward client" or "steward client --help": list the group's subcommands.
    const help = rest.includes('--help') || rest.includes('-h');
    const text = `steward ${name}: choose a subcommand:\n${group.map((k) => `  steward ${k.padEnd(18)} ${COMMANDS[k]!.summary}`).join('\n')}\n`;
    if (help) io.stdout(text);
    else io.stderr(text);
    return help ? 0 : 2;
  }
  if (!cmd) {
    io.stderr(`steward: unknown command "${argv.slice(0, 2).join(' ')}". Run steward --help.\n`);
    return 2;
  }
  let values: Values;
  try {
    values = parseArgs({ args, options: { ...COMMON, ...cmd.options }, allowPositionals: false, strict: true }).values as Values;
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
    async call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
      const r = await dispatch(api, method, input);
      if (!r.ok) throw new StewardError(r.error.code, r.error.message, r.error.where === undefined ? {} : { where: r.error.where });
      // The dispatcher has checked the value against the contract's output schema.
      return r.value as OutputOf<M>;
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
    usage(message) {
      throw new UsageError(message);
    },
    today() {
      return dayOf(api.now());
    },
    async atomically<T>(fn: () => Promise<T>): Promise<T> {
      const ledger = api.session.ledger;
      if (!ledger) throw new StewardError('LOCKED', 'The ledger is locked. Unlock it to continue.');
      ledger.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn();
        ledger.db.exec('COMMIT');
        return out;
      } catch (e) {
        if (ledger.db.inTransaction) ledger.db.exec('ROLLBACK');
        throw e;
      }
    },
  };
  try {
    return (await cmd.run(c)) ?? 0;
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
