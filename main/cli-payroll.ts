/**
 * The CLI's payroll commands. Registered into COMMANDS by cli.ts.
 *
 * `steward payroll run --employer ID --period N [--tax-year 2026-27] [--approved-by NAME …] [--post]`
 * drafts one employer's pay run for period N (docs/payroll.md, "Pay periods by number"); the tax
 * year defaults to the one containing today by the app clock. With --post it drafts, approves (by
 * the --approved-by names: two different trustees for a trust) and posts in one atomic step: all of
 * it lands or none of it. Flags are checked before the ledger is opened (usage errors, exit 2);
 * refusals print CODE: message on stderr, exit 1, and write nothing.
 *
 * `steward payroll calc` reads a JSON array of cases on stdin and writes a JSON array of results, in
 * the same order, on stdout (one line): PAYE tax and Class 1 NI for each payment, by the app's own
 * engine (main/payroll/calc.ts). It opens no ledger and needs no passphrase. A bad case gives
 * {"error":{"code":"VALIDATION","message":"cases[i].field: …"}} in its place and the others are
 * still computed (exit 0). Input that is not a JSON array prints `VALIDATION: …` on stderr, nothing
 * on stdout, exit 1.
 */
import type { CliContext, Command } from './cli';
import type { PayRun } from '../shared/contract-payruns';
import { AUTH_METHODS, type AuthMethod } from '../shared/domain';
import { formatPence } from '../shared/money';
import { calculateCases } from './payroll/calc';
import { taxYearLabel } from './payroll/calendar';

export interface PayrollCalcOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** The whole of `payroll calc` apart from reading stdin: text in, output and exit code out. */
export function payrollCalc(text: string): PayrollCalcOutput {
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const what = text.trim() === '' ? 'stdin is empty' : `stdin is not JSON (${why})`;
    return { stdout: '', stderr: `VALIDATION: ${what}; expected a JSON array of cases.\n`, code: 1 };
  }
  if (!Array.isArray(input)) {
    const got = input === null ? 'null' : typeof input === 'object' ? 'an object' : `a ${typeof input}`;
    return { stdout: '', stderr: `VALIDATION: expected a JSON array of cases, got ${got}.\n`, code: 1 };
  }
  return { stdout: `${JSON.stringify(calculateCases(input))}\n`, stderr: '', code: 0 };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

// ---------- payroll run ----------

function flagText(c: CliContext, name: string): string | undefined {
  const v = c.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return c.usage(`--${name} takes a value`);
  if (v.trim() === '') return c.usage(`--${name} cannot be empty`);
  return v.trim();
}

function positive(c: CliContext, name: string, text: string, what: string): number {
  if (!/^[1-9]\d{0,5}$/.test(text)) return c.usage(`--${name}: "${text}" is not ${what}`);
  return Number(text);
}

/** The run as a plain table: one row per PA, then the totals. */
export function payRunText(run: PayRun): string {
  const head = ['PA', 'Gross', 'Tax', 'Employee NI', 'Loans', 'Net', 'Employer NI'];
  const row = (name: string, f: PayRun['totals']): string[] => [
    name,
    formatPence(f.gross),
    formatPence(f.tax),
    formatPence(f.employeeNi),
    formatPence(f.studentLoan + f.postgraduateLoan),
    formatPence(f.net),
    formatPence(f.employerNi),
  ];
  const rows = [...run.lines.map((l) => row(l.paName, l)), row('Total', run.totals)];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    `Pay run ${run.id} (${run.status}): ${run.periodStart} to ${run.periodEnd}, paid ${run.payDate}, tax year ${run.taxYear} period ${run.taxPeriod}`,
    fmt(head),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...rows.map(fmt),
    ...(run.notes ? [run.notes] : []),
    '',
  ].join('\n');
}

export const PAYROLL_COMMANDS: Record<string, Command> = {
  'payroll run': {
    summary: "Draft an employer's pay run for period N (with --post: approve and post it too)",
    usage:
      'steward payroll run --ledger FILE --employer ID --period N [--tax-year 2026-27] [--approved-by NAME [--approved-by NAME2]] ' +
      '[--approved-how written|email|phone|in-person] [--post] [--json]',
    options: {
      ledger: { type: 'string' },
      employer: { type: 'string' },
      period: { type: 'string' },
      'tax-year': { type: 'string' },
      'approved-by': { type: 'string', multiple: true },
      'approved-how': { type: 'string' },
      post: { type: 'boolean' },
    },
    async run(c) {
      const clientId = positive(c, 'employer', flagText(c, 'employer') ?? c.usage('--employer is required (the client id of the employer)'), 'an id (ids are positive whole numbers, like 12)');
      const period = positive(c, 'period', flagText(c, 'period') ?? c.usage('--period is required (1 to 12 monthly, 1 to 53 weekly, …)'), 'a period number (a whole number from 1)');
      const yearText = flagText(c, 'tax-year');
      if (yearText !== undefined) {
        const m = /^(\d{4})-(\d{2})$/.exec(yearText);
        if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) c.usage(`--tax-year: "${yearText}" is not a tax year; write it like 2026-27`);
      }
      const rawBy = c.values['approved-by'];
      const by = (Array.isArray(rawBy) ? rawBy : typeof rawBy === 'string' ? [rawBy] : []).map((b) => b.trim());
      if (by.some((b) => b === '')) c.usage('--approved-by cannot be empty');
      const how = flagText(c, 'approved-how');
      if (how !== undefined && !(AUTH_METHODS as readonly string[]).includes(how)) c.usage(`--approved-how is one of ${AUTH_METHODS.join(', ')} (got "${how}")`);
      const method = (how ?? 'written') as AuthMethod;
      const post = c.values['post'] === true;
      if (post && by.length === 0) c.usage('--post needs --approved-by NAME (who approved the run; repeat it for the second trustee of a trust)');
      if (!post && by.length > 0) c.usage('--approved-by goes with --post (without --post the run is only drafted)');

      const taxYear = yearText ?? taxYearLabel(c.today());
      await c.openLedger();
      const run = post
        ? await c.atomically(async () => {
            const draft = await c.call('payrun.draftPeriod', { clientId, taxYear, period });
            await c.call('payrun.approve', { id: draft.id, approvals: by.map((b) => ({ by: b, method })) });
            return c.call('payrun.post', { id: draft.id });
          })
        : await c.call('payrun.draftPeriod', { clientId, taxYear, period });
      c.print(run, () => payRunText(run));
    },
  },

  'payroll calc': {
    summary: 'PAYE tax and NI for payments: JSON cases on stdin, results on stdout (no ledger)',
    usage: 'steward payroll calc < cases.json   (a JSON array of cases on stdin; no --ledger, no passphrase)',
    options: {},
    noLedger: true,
    async run(c) {
      if (process.stdin.isTTY) c.usage('give the cases on stdin: a JSON array, e.g. steward payroll calc < cases.json');
      const r = payrollCalc(await readStdin());
      c.io.stdout(r.stdout);
      c.io.stderr(r.stderr);
      return r.code;
    },
  },
};
