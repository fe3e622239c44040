/**
 * `steward payroll calc`: JSON cases on stdin, a JSON array of results on stdout. Run here the way
 * users run it (the README's `npm run --silent steward -- payroll calc`, a real second process fed
 * on stdin) with no STEWARD_PASSPHRASE and no --ledger; plus the text-in/text-out core in process.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { payrollCalc } from '../../main/cli-payroll';
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
