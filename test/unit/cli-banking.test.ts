/**
 * The banking CLI commands, run in-process through runCli with a fixed clock (2026-04-06) and temp
 * folders: `bank import` (counts and details, re-import skipped, a refused file writes nothing and
 * names line and column, usage errors) and `bank reconcile` (both amount spellings, dry run by
 * default, a difference exits 1, --confirm records).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { dispatch } from '../../main/api';
import { createContext } from '../../main/api/create-context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import type { InputOf, Method, OutputOf } from '../../shared/contract';
import type { Client, Funder } from '../../shared/contract-money';
import { StewardError } from '../../shared/errors';
import { fixedClock } from './../fixtures/clock';
import { PASSPHRASE } from './../fixtures/ledger';
import { tempDir } from './../fixtures/temp';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { STEWARD_DATA_DIR: tempDir(), STEWARD_PASSPHRASE: PASSPHRASE },
    now: fixedClock().now,
  });
  return { code, out, err };
}

async function inspect<T>(file: string, fn: (call: <M extends Method>(m: M, i: InputOf<M>) => Promise<OutputOf<M>>) => Promise<T>): Promise<T> {
  const ctx = createContext({ mode: 'test', dataDir: tempDir(), prefs: new MemoryPrefsStore(), remember: null, now: fixedClock().now });
  const call = async <M extends Method>(m: M, i: InputOf<M>): Promise<OutputOf<M>> => {
    const r = await dispatch(ctx, m, i);
    if (!r.ok) throw new StewardError(r.error.code, r.error.message);
    return r.value as OutputOf<M>;
  };
  try {
    await call('ledger.unlock', { path: file, passphrase: PASSPHRASE });
    return await fn(call);
  } finally {
    ctx.session.disarm();
    ctx.session.ledger?.close();
    ctx.session.ledger = null;
  }
}

/** A ledger with one client (dedicated bank account) and a £500.00 receipt on 2026-04-06. */
async function setup() {
  const file = path.join(tempDir(), 'org.steward');
  expect((await cli(['init', '--ledger', file, '--name', 'Riverside Support'])).code).toBe(0);
  const run = (args: string[]) => cli([...args, '--ledger', file]);
  const json = async <T>(args: string[]): Promise<T> => {
    const r = await run([...args, '--json']);
    expect(r.err, args.join(' ')).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as T;
  };
  const funder = await json<Funder>(['funder', 'add', '--name', 'Kent County Council']);
  const client = await json<Client>(['client', 'add', '--name', 'Ada Lovelace', '--funder', String(funder.id), '--dob', '1980-05-01', '--start-date', '2026-04-01']);
  await json(['receipt', 'add', '--client', String(client.id), '--date', '2026-04-06', '--amount', '500', '--source', 'council']);
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  return { file, run, json, account: String(client.bankAccountId), write };
}

const GOOD = 'Date,Description,Amount,Balance\n2026-04-06,KENT CC,500.00,500.00\n2026-04-06,SERVICE CHARGE,-2.50,497.50\n';

type ImportOut = { importId: number | null; imported: number; skipped: number; errors: number; autoMatched: number; details: { skipped: Array<{ line: number; reason: string }>; errors: Array<{ line: number; column: string | null; code: string }> } };

describe('steward bank import', () => {
  it('imports with counts and details; a second import skips every line', async () => {
    const s = await setup();
    const f = s.write('april.csv', GOOD);
    const r = await s.json<ImportOut>(['bank', 'import', '--account', s.account, '--file', f, '--preset', 'generic']);
    expect(r).toMatchObject({ imported: 2, skipped: 0, errors: 0, autoMatched: 1 });
    const again = await s.json<ImportOut>(['bank', 'import', '--account', s.account, '--file', f]);
    expect(again).toMatchObject({ imported: 0, skipped: 2, errors: 0 });
    expect(again.details.skipped.map((x) => x.line)).toEqual([2, 3]);
    const human = await s.run(['bank', 'import', '--account', s.account, '--file', f]);
    expect(human.out).toMatch(/Imported 0 lines .*2 skipped/);
  });

  it('a file that does not parse: exit 1, VALIDATION naming line and column, nothing written', async () => {
    const s = await setup();
    const f = s.write('bad.csv', 'Date,Description,Amount,Balance\n2026-04-06,A,1.00,\n2026-04-31,B,2.00,\n');
    const before = await inspect(s.file, async (call) => (await call('audit.list', { limit: 1000 })).length);
    const r = await s.run(['bank', 'import', '--account', s.account, '--file', f, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^VALIDATION: the statement was not imported .*line 3, column Date/);
    const out = JSON.parse(r.out) as ImportOut;
    expect(out).toMatchObject({ importId: null, imported: 0, errors: 1 });
    expect(out.details.errors[0]).toMatchObject({ line: 3, column: 'Date', code: 'bad_date' });
    expect(await inspect(s.file, async (call) => (await call('audit.list', { limit: 1000 })).length)).toBe(before);
    expect(await inspect(s.file, async (call) => (await call('bank.lines', { bankAccountId: Number(s.account) })).total)).toBe(0);
  });

  it('usage errors (exit 2) and a missing file (exit 1)', async () => {
    const s = await setup();
    const f = s.write('april.csv', GOOD);
    expect((await s.run(['bank', 'import', '--file', f])).code).toBe(2);
    expect((await s.run(['bank', 'import', '--account', 'x1', '--file', f])).code).toBe(2);
    expect((await s.run(['bank', 'import', '--account', s.account, '--file', f, '--format', 'xls'])).code).toBe(2);
    const missing = await s.run(['bank', 'import', '--account', s.account, '--file', path.join(tempDir(), 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^FILE_NOT_FOUND: /);
    const unknown = await s.run(['bank', 'import', '--account', '99', '--file', f]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^NOT_FOUND: /);
  });
});

describe('steward bank reconcile', () => {
  it('dry run by default (both amount spellings), exit 1 on a difference, --confirm records', async () => {
    const s = await setup();
    await s.json(['bank', 'import', '--account', s.account, '--file', s.write('april.csv', GOOD), '--preset', 'generic']);
    // £500 in the ledger; the statement also shows a £2.50 charge not yet in the ledger.
    const dry = await s.json<{ ok: boolean; ledgerBalance: number; difference: number; unclearedItems: unknown[] }>(['bank', 'reconcile', '--account', s.account, '--date', '2026-04-06', '--statement-balance', '497.50']);
    expect(dry).toMatchObject({ ok: true, ledgerBalance: 50_000, difference: 0 });
    expect(dry.unclearedItems).toHaveLength(1);
    const pounds = await s.json<{ ok: boolean }>(['bank', 'reconcile', '--account', s.account, '--date', '2026-04-06', '--statement-balance', '£497.50']);
    expect(pounds.ok).toBe(true);
    expect(await inspect(s.file, async (call) => (await call('bank.reconciliations', { bankAccountId: Number(s.account) })).length)).toBe(0);
    const off = await s.run(['bank', 'reconcile', '--account', s.account, '--date', '2026-04-06', '--statement-balance', '£1,234.56', '--json']);
    expect(off.code).toBe(1);
    expect(off.err).toMatch(/^UNBALANCED: /);
    expect(JSON.parse(off.out)).toMatchObject({ ok: false });
    const human = await s.run(['bank', 'reconcile', '--account', s.account, '--date', '2026-04-06', '--statement-balance', '497.50']);
    expect(human.out).toMatch(/Agrees\./);
    const conf = await s.json<{ reconciliation: { id: number; lockedEntryCount: number } }>(['bank', 'reconcile', '--account', s.account, '--date', '2026-04-06', '--statement-balance', '497.50', '--confirm', '--note', 'April']);
    expect(conf.reconciliation.lockedEntryCount).toBe(1);
    expect(await inspect(s.file, async (call) => (await call('bank.reconciliations', { bankAccountId: Number(s.account) })).length)).toBe(1);
  });

  it('usage errors: bad amount, bad date, --note without --confirm', async () => {
    const s = await setup();
    const base = ['bank', 'reconcile', '--account', s.account, '--date', '2026-04-06'];
    expect((await s.run([...base, '--statement-balance', '12.345'])).code).toBe(2);
    expect((await s.run(['bank', 'reconcile', '--account', s.account, '--date', '06/04/2026', '--statement-balance', '1'])).code).toBe(2);
    expect((await s.run([...base, '--statement-balance', '1', '--note', 'x'])).code).toBe(2);
    expect((await s.run([...base])).code).toBe(2);
  });
});
