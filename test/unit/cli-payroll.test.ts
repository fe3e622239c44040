/**
 * `steward payroll calc`: JSON cases on stdin, a JSON array of results on stdout. Run here the way
 * users run it (the README's `npm run --silent steward -- payroll calc`, a real second process fed
 * on stdin) with no STEWARD_PASSPHRASE and no --ledger; plus the text-in/text-out core in process.
 *
 * `steward payroll run`: in process through runCli with a fixed clock (2026-04-06, so tax year
 * 2026-27 by default) on a temp ledger: draft, draft+approve+post as one step, refusals that write
 * nothing (a trust with one approver, a posted period, an unknown employer, period 13/60) and
 * usage errors.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { payrollCalc } from '../../main/cli-payroll';
import { dispatch } from '../../main/api';
import { createContext } from '../../main/api/create-context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import type { Method } from '../../shared/contract';
import type { PayRun } from '../../shared/contract-payruns';
import { fixedClock } from '../fixtures/clock';
import { PASSPHRASE } from '../fixtures/ledger';
import { tempDir } from '../fixtures/temp';

/** Monthly, month 1, 2026-27, 1257L, £3,000, category A: £390.20 tax, £156.16 / £387.45 NI. */
const GOOD = {
  taxYear: '2026-27',
  frequency: 'monthly',
  period: 1,
  taxCode: '1257L',
  basis: 'cumulative',
  grossPay: 300000,
  previousTaxablePay: 0,
  previousTax: 0,
  niCategory: 'A',
};
const GOOD_RESULT = { tax: 39020, employeeNI: 15616, employerNI: 38745 };

const CASES = [
  GOOD,
  { ...GOOD, taxCode: '12X7L' },
  // Month 2, no pay this month, £6,000 and £1,000 tax before: a refund of £219.40.
  { ...GOOD, period: 2, grossPay: 0, previousTaxablePay: 600000, previousTax: 100000 },
  { ...GOOD, taxYear: '2025-26', frequency: 'weekly', period: 53, taxCode: 'S1257L', grossPay: 50000, niCategory: 'X' },
  { ...GOOD, taxCode: 'C1257L', basis: 'week1month1', period: 7, previousTaxablePay: 2000000, previousTax: 300000 },
];

function envWithoutPassphrase(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STEWARD_DATA_DIR: tempDir() };
  delete env['STEWARD_PASSPHRASE'];
  return env;
}

/** The README command, as a user types it, with `input` piped to stdin. */
function steward(args: string[], input: string) {
  return spawnSync('npm', ['run', '--silent', 'steward', '--', ...args], {
    input,
    encoding: 'utf8',
    env: envWithoutPassphrase(),
    shell: process.platform === 'win32',
  });
}

describe('npm run --silent steward -- payroll calc', () => {
  it('reads cases on stdin and prints one JSON array of results, in order, with no passphrase or ledger', () => {
    const r = steward(['payroll', 'calc'], JSON.stringify(CASES, null, 2));
    expect(r.status).toBe(0);
    // Exactly one line of JSON: nothing else on stdout.
    expect(r.stdout).toMatch(/^\[[^\n]*\]\n$/);
    const out: unknown = JSON.parse(r.stdout);
    expect(out).toEqual([
      GOOD_RESULT,
      { error: { code: 'VALIDATION', message: expect.stringMatching(/^cases\[1\]\.taxCode: "12X7L" is not a tax code/) as unknown } },
      { tax: -21940, employeeNI: 0, employerNI: 0 },
      { error: { code: 'VALIDATION', message: expect.stringMatching(/^cases\[3\]\.niCategory: "X" is not an NI category letter/) as unknown } },
      GOOD_RESULT,
    ]);
    // The same engine, the same answers, in process.
    expect(r.stdout).toBe(payrollCalc(JSON.stringify(CASES)).stdout);
  });

  it('refuses input that is not a JSON array: VALIDATION on stderr, nothing on stdout, exit 1', () => {
    for (const input of [JSON.stringify(GOOD), 'not json']) {
      const r = steward(['payroll', 'calc'], input);
      expect(r.status, input).toBe(1);
      expect(r.stdout, input).toBe('');
      expect(r.stderr, input).toMatch(/^VALIDATION: /m);
    }
  });

  it('an empty array gives an empty array', () => {
    const r = steward(['payroll', 'calc'], '[]\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('[]\n');
  });
});

describe('payrollCalc (in process)', () => {
  it('gives compact JSON and exit 0 even when some cases fail', () => {
    const r = payrollCalc(JSON.stringify([GOOD, { ...GOOD, period: 0 }]));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      `${JSON.stringify([GOOD_RESULT, { error: { code: 'VALIDATION', message: 'cases[1].period: 0 is not a tax period: periods start at 1' } }])}\n`,
    );
  });

  it('names what it got when the top level is wrong', () => {
    expect(payrollCalc('{}')).toEqual({ stdout: '', stderr: 'VALIDATION: expected a JSON array of cases, got an object.\n', code: 1 });
    expect(payrollCalc('42').stderr).toBe('VALIDATION: expected a JSON array of cases, got a number.\n');
    expect(payrollCalc('null').stderr).toBe('VALIDATION: expected a JSON array of cases, got null.\n');
    expect(payrollCalc('  ').stderr).toBe('VALIDATION: stdin is empty; expected a JSON array of cases.\n');
    expect(payrollCalc('[1,').stderr).toMatch(/^VALIDATION: stdin is not JSON \(.*\); expected a JSON array of cases\.\n$/);
  });
});

describe('steward payroll calc flags', () => {
  async function cli(args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), env: { STEWARD_DATA_DIR: tempDir() } });
    return { code, out, err };
  }

  it('has --help and is listed under "steward payroll"', async () => {
    const help = await cli(['payroll', 'calc', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: steward payroll calc');
    const group = await cli(['payroll', '--help']);
    expect(group.code).toBe(0);
    expect(group.out).toContain('steward payroll calc');
  });

  it('takes no --ledger and no positional arguments (usage, exit 2)', async () => {
    expect((await cli(['payroll', 'calc', '--ledger', 'x.steward'])).code).toBe(2);
    expect((await cli(['payroll', 'calc', 'cases.json'])).code).toBe(2);
  });
});

// ---------- steward payroll run ----------

async function stewardIn(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (x) => (out += x),
    stderr: (x) => (err += x),
    env: { STEWARD_DATA_DIR: tempDir(), STEWARD_PASSPHRASE: PASSPHRASE },
    now: fixedClock().now,
  });
  return { code, out, err };
}

/** Work on a ledger through the api in process (setup and inspection), then close it again. */
async function withLedger<T>(file: string, fn: (call: <R = unknown>(m: Method, i: unknown) => Promise<R>) => Promise<T>): Promise<T> {
  const ctx = createContext({ mode: 'test', dataDir: tempDir(), prefs: new MemoryPrefsStore(), remember: null, now: fixedClock().now });
  const call = async <R,>(m: Method, i: unknown): Promise<R> => {
    const r = await dispatch(ctx, m, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.code}: ${r.error.message}`);
    return r.value as R;
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

/** A ledger with one employer (a trust if asked), one PA and an approved April timesheet of £3,000. */
async function payrollLedger(trust = false): Promise<{ file: string; clientId: number; run: (args: string[]) => ReturnType<typeof stewardIn> }> {
  const file = path.join(tempDir(), 'org.steward');
  expect((await stewardIn(['init', '--ledger', file, '--name', 'Riverside Support'])).code).toBe(0);
  const approvers = trust ? [{ by: 'Tom Trustee' }, { by: 'Tess Trustee' }] : [{ by: 'Ada Lovelace' }];
  const clientId = await withLedger(file, async (call) => {
    const funder = await call<{ id: number }>('funder.create', { name: 'St Helens Council', kind: 'council', rules: {} });
    const extra = trust ? { arrangement: 'user-trust', trustees: [{ name: 'Tom Trustee' }, { name: 'Tess Trustee' }] } : {};
    const c = await call<{ id: number }>('client.create', { name: 'Ada Lovelace', funderIds: [funder.id], startDate: '2026-04-06', dateOfBirth: '1980-05-01', ...extra });
    await call('employer.set', { clientId: c.id, payFrequency: 'monthly', payDay: 28 });
    const pa = await call<{ id: number }>('pa.create', {
      clientId: c.id,
      name: 'Grace Hopper',
      niNumber: 'JG103759A',
      dateOfBirth: '1990-12-09',
      startDate: '2026-04-06',
      taxCode: '1257L',
      pensionStatus: 'eligible',
      standardRate: 1500,
      contractedHours: 3750,
    });
    const lines = Array.from({ length: 20 }, (_, i) => ({ date: `2026-04-${String(i + 6).padStart(2, '0')}`, rateType: 'standard', hours: 1000 }));
    const t = await call<{ id: number }>('timesheet.create', { paId: pa.id, periodStart: '2026-04-06', periodEnd: '2026-04-30', lines });
    await call('timesheet.approve', { id: t.id, approvals: approvers });
    return c.id;
  });
  return { file, clientId, run: (args) => stewardIn([...args, '--ledger', file]) };
}

const runsOf = (file: string, clientId: number) => withLedger(file, (call) => call<PayRun[]>('payrun.list', { clientId }));
/** Net wages owed after pay day: 0 until a run is posted (the journal shows what was posted). */
const netOwed = (file: string, clientId: number) => withLedger(file, async (call) => (await call<{ netWages: number }>('payroll.liabilities', { clientId, asOf: '2026-04-30' })).netWages);

describe('steward payroll run', () => {
  it('drafts the period (tax year from the app clock) and prints the run as JSON or a table', async () => {
    const l = await payrollLedger();
    const r = await l.run(['payroll', 'run', '--employer', String(l.clientId), '--period', '1', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out) as PayRun;
    expect(run).toMatchObject({ clientId: l.clientId, periodStart: '2026-04-01', periodEnd: '2026-04-30', payDate: '2026-04-28', taxYear: '2026-27', status: 'draft' });
    expect(run.totals).toMatchObject({ gross: 300_000, tax: 39020, employeeNi: 15616, employerNi: 38745, net: 245_364 });
    expect(await netOwed(l.file, l.clientId)).toBe(0);

    const l2 = await payrollLedger();
    const t = await l2.run(['payroll', 'run', '--employer', String(l2.clientId), '--period', '1', '--tax-year', '2026-27']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^Pay run \d+ \(draft\): 2026-04-01 to 2026-04-30, paid 2026-04-28, tax year 2026-27 period 1\n/);
    expect(t.out).toMatch(/Grace Hopper +£3,000\.00 +£390\.20 +£156\.16 +£0\.00 +£2,453\.64 +£387\.45/);
    expect(t.out).toMatch(/Total +£3,000\.00/);
  });

  it('with --post drafts, approves and posts in one step', async () => {
    const l = await payrollLedger();
    const r = await l.run(['payroll', 'run', '--employer', String(l.clientId), '--period', '1', '--post', '--approved-by', 'Ada Lovelace', '--approved-how', 'email', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out) as PayRun;
    expect(run.status).toBe('posted');
    expect(run.approvals).toEqual([{ by: 'Ada Lovelace', method: 'email', at: '2026-04-06' }]);
    expect(run.entryId).not.toBeNull();
    expect(await netOwed(l.file, l.clientId)).toBe(245_364);

    // The same period again: CONFLICT naming the posted run, nothing written.
    const again = await l.run(['payroll', 'run', '--employer', String(l.clientId), '--period', '1']);
    expect(again.code).toBe(1);
    expect(again.out).toBe('');
    expect(again.err).toMatch(/^CONFLICT: Period 1 of 2026-27 \(2026-04-01 to 2026-04-30\) is already posted \(pay run \d+\)/);
    expect(await runsOf(l.file, l.clientId)).toHaveLength(1);
  });

  it('a trust with one approver: AUTHORISATION_REQUIRED, and the draft is not left behind', async () => {
    const l = await payrollLedger(true);
    const r = await l.run(['payroll', 'run', '--employer', String(l.clientId), '--period', '1', '--post', '--approved-by', 'Tom Trustee']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^AUTHORISATION_REQUIRED: Pay runs for Ada Lovelace's trust need two different trustees/);
    expect(await runsOf(l.file, l.clientId)).toEqual([]);
    expect(await netOwed(l.file, l.clientId)).toBe(0);
    const ok = await l.run(['payroll', 'run', '--employer', String(l.clientId), '--period', '1', '--post', '--approved-by', 'Tom Trustee', '--approved-by', 'Tess Trustee', '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as PayRun).status).toBe('posted');
  });

  it('refuses an unknown employer and a period out of range (exit 1), writing nothing', async () => {
    const l = await payrollLedger();
    const unknown = await l.run(['payroll', 'run', '--employer', '999', '--period', '1']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^NOT_FOUND: /);
    for (const p of ['13', '60']) {
      const r = await l.run(['payroll', 'run', '--employer', String(l.clientId), '--period', p]);
      expect(r.code, p).toBe(1);
      expect(r.err, p).toMatch(/^VALIDATION: /);
    }
    const noSheets = await l.run(['payroll', 'run', '--employer', String(l.clientId), '--period', '2']);
    expect(noSheets.code).toBe(1);
    expect(noSheets.err).toMatch(/^VALIDATION: There are no approved timesheets/);
    expect(await runsOf(l.file, l.clientId)).toEqual([]);
  });

  it('usage errors (exit 2) before anything is opened', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--period', '1'], /--employer is required/],
      [['--employer', '1'], /--period is required/],
      [['--employer', '1', '--period', '0'], /--period: "0" is not a period number/],
      [['--employer', 'x', '--period', '1'], /--employer: "x" is not an id/],
      [['--employer', '1', '--period', '1', '--tax-year', '2026-28'], /--tax-year: "2026-28" is not a tax year/],
      [['--employer', '1', '--period', '1', '--post'], /--post needs --approved-by/],
      [['--employer', '1', '--period', '1', '--approved-by', 'Ada'], /--approved-by goes with --post/],
      [['--employer', '1', '--period', '1', '--post', '--approved-by', 'Ada', '--approved-how', 'fax'], /--approved-how is one of/],
    ];
    for (const [args, msg] of cases) {
      const r = await stewardIn(['payroll', 'run', ...args, '--ledger', path.join(tempDir(), 'none.steward')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(msg);
    }
  });
});
