import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../../main/cli';
import { APP_VERSION } from '../../main/version';
import { createLedgerFile } from '../../main/store/ledger-file';
import { fixedClock } from '../fixtures/clock';
import { PASSPHRASE } from '../fixtures/ledger';
import { tempDir } from '../fixtures/temp';

const BIN = path.resolve('dist/main/cli.cjs');

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const dataDir = tempDir();
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { STEWARD_DATA_DIR: dataDir, ...env },
    now: fixedClock().now,
  });
  return { code, out, err };
}

describe('steward CLI', () => {
  it('--version and --help', async () => {
    expect(await cli(['--version'])).toMatchObject({ code: 0, out: `${APP_VERSION}\n` });
    const h = await cli(['--help']);
    expect(h.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(h.out).toContain(name);
    expect((await cli([])).code).toBe(2);
  });

  it('has --help for every command', async () => {
    for (const name of Object.keys(COMMANDS)) {
      const r = await cli([...name.split(' '), '--help']);
      expect(r.code, name).toBe(0);
      expect(r.out, name).toContain(`Usage: ${COMMANDS[name]!.usage}`);
    }
  });

  it('init → verify → backup, with --json output', async () => {
    const dir = tempDir();
    const ledger = path.join(dir, 'agents.steward');
    const env = { STEWARD_PASSPHRASE: PASSPHRASE };
    const init = await cli(['init', '--ledger', ledger, '--name', 'Acme Agents', '--json'], env);
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ path: ledger, organisationName: 'Acme Agents', createdAt: '2026-04-06T09:00:00.000Z' });
    const verify = await cli(['verify', '--ledger', ledger, '--json'], env);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.out)).toMatchObject({ ok: true, integrity: 'ok', problems: [] });
    const out = path.join(dir, 'copy.steward');
    const backup = await cli(['backup', '--ledger', ledger, '--out', out, '--json'], env);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.out)).toMatchObject({ path: out, verified: true });
    expect((await cli(['verify', '--ledger', out], env)).out).toMatch(/^OK: integrity ok/);
    const restored = path.join(dir, 'restored.steward');
    const damaged = path.join(dir, 'damaged.steward');
    const bytes = Buffer.from(fs.readFileSync(out));
    bytes.fill(0x41, 4096, 4096 + 512);
    fs.writeFileSync(damaged, bytes);
    const bad = await cli(['restore', '--backup', damaged, '--ledger', restored], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^CORRUPT: /);
    expect(fs.existsSync(restored)).toBe(false);
    const good = await cli(['restore', '--backup', out, '--ledger', restored, '--json'], env);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({ path: restored, organisationName: 'Acme Agents' });
    expect((await cli(['restore', '--backup', out, '--ledger', restored], env)).err).toMatch(/^FILE_EXISTS: /);
  });

  it('reads the passphrase from --passphrase-file, never from an argument', async () => {
    const dir = tempDir();
    const pf = path.join(dir, 'pass.txt');
    fs.writeFileSync(pf, `${PASSPHRASE}\n`);
    const ledger = path.join(dir, 'f.steward');
    expect((await cli(['init', '--ledger', ledger, '--passphrase-file', pf])).code).toBe(0);
    const arg = await cli(['verify', '--ledger', ledger, '--passphrase', PASSPHRASE]);
    expect(arg.code).toBe(2);
    expect(arg.err).toMatch(/never taken as an argument/);
    const none = await cli(['verify', '--ledger', ledger]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/STEWARD_PASSPHRASE/);
  });

  it('failures exit 1 with the error code on stderr; usage errors exit 2', async () => {
    const dir = tempDir();
    const ledger = path.join(dir, 'g.steward');
    await cli(['init', '--ledger', ledger], { STEWARD_PASSPHRASE: PASSPHRASE });
    const wrong = await cli(['verify', '--ledger', ledger], { STEWARD_PASSPHRASE: 'Wrong Horse 42 battery' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^WRONG_PASSPHRASE: /);
    const weak = await cli(['init', '--ledger', path.join(dir, 'h.steward')], { STEWARD_PASSPHRASE: 'weak' });
    expect(weak).toMatchObject({ code: 1 });
    expect(weak.err).toMatch(/^WEAK_PASSPHRASE: /);
    expect(fs.existsSync(path.join(dir, 'h.steward'))).toBe(false);
    expect((await cli(['verify'], { STEWARD_PASSPHRASE: PASSPHRASE })).code).toBe(2);
    expect((await cli(['verify', '--ledger', ledger, '--bogus'], { STEWARD_PASSPHRASE: PASSPHRASE })).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('the installed bin: a second process opening a held ledger gets LEDGER_IN_USE (exit 1)', () => {
    const dir = tempDir();
    const ledger = path.join(dir, 'held.steward');
    const h = createLedgerFile(ledger, PASSPHRASE, { organisationName: 'Held', createdAt: '2026-04-06' });
    try {
      const r = spawnSync(process.execPath, [BIN, 'verify', '--ledger', ledger], {
        env: { ...process.env, STEWARD_PASSPHRASE: PASSPHRASE, STEWARD_DATA_DIR: dir },
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^LEDGER_IN_USE: /);
    } finally {
      h.close();
    }
    const ok = spawnSync(process.execPath, [BIN, 'verify', '--ledger', ledger, '--json'], {
      env: { ...process.env, STEWARD_PASSPHRASE: PASSPHRASE, STEWARD_DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
  });
});

describe('npm run steward', () => {
  it('runs the CLI from source (the README command)', () => {
    const r = spawnSync('npm', ['run', '-s', 'steward', '--', '--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(APP_VERSION);
  });
});
