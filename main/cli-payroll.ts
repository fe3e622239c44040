/**
 * The CLI's payroll commands. Registered into COMMANDS by cli.ts.
 *
 * `steward payroll calc` reads a JSON array of cases on stdin and writes a JSON array of results, in
 * the same order, on stdout (one line): PAYE tax and Class 1 NI for each payment, by the app's own
 * engine (main/payroll/calc.ts). It opens no ledger and needs no passphrase. A bad case gives
 * {"error":{"code":"VALIDATION","message":"cases[i].field: …"}} in its place and the others are
 * still computed (exit 0). Input that is not a JSON array prints `VALIDATION: …` on stderr, nothing
 * on stdout, exit 1.
 */
import type { Command } from './cli';
import { calculateCases } from './payroll/calc';

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

export const PAYROLL_COMMANDS: Record<string, Command> = {
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
