/**
 * The payroll benchmark: an organisation of 400 employers and 1,000 PAs (200 employers with 3 PAs,
 * 200 with 2), all paid monthly on the 28th, each PA with an approved April 2026 timesheet of 10
 * days. Built through the api, as the app would. Then timed:
 *  (a) compute and post: payrun.runAllDue drafts every employer's run (one commit), each run is
 *      approved, and payrun.postApproved posts them all (one commit) — target under 2 s for all
 *      400. Wall time and CPU time are both reported (the ledger commits with synchronous=FULL);
 *  (b) every payslip PDF of the posted runs (payslipPdf from main/payroll/outputs/payslip.ts) —
 *      target under 60 s for all 1,000.
 */
import path from 'node:path';
import { createContext } from '../../main/api/create-context';
import { dispatch } from '../../main/api';
import type { ApiContext } from '../../main/api/context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import { payslipPdf } from '../../main/payroll/outputs/payslip';
import type { Method } from '../../shared/contract';
import type { TargetRow } from './org-ledger';

export interface PayrollBenchOptions {
  employers: number;
  pas: number;
  passphrase: string;
  log: (s: string) => void;
}

export const PAYROLL_DEFAULTS = { employers: 400, pas: 1000 } as const;

async function call<T>(ctx: ApiContext, method: Method, input: unknown): Promise<T> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const int = (x: number): string => Math.round(x).toLocaleString('en-GB');

/** NI numbers that pass the format check: two allowed prefix letters, six digits, a suffix A–D. */
function niNumber(i: number): string {
  const prefixes = ['AB', 'CE', 'HK', 'JG', 'LR', 'PW', 'SX', 'TY'];
  return `${prefixes[i % prefixes.length]}${String(100000 + i).padStart(6, '0')}${'ABCD'[i % 4]}`;
}

export async function benchPayroll(dir: string, o: PayrollBenchOptions): Promise<TargetRow[]> {
  const file = path.join(dir, 'payroll.steward');
  const ctx = createContext({ mode: 'test', dataDir: path.join(dir, 'data'), prefs: new MemoryPrefsStore(), now: () => new Date('2026-04-06T09:00:00.000Z'), actor: 'bench' });
  await call(ctx, 'ledger.create', { path: file, passphrase: o.passphrase, organisationName: 'Payroll Bench Ltd' });

  // ---- Build (not timed against a target).
  const b0 = performance.now();
  const funder = await call<{ id: number }>(ctx, 'funder.create', { name: 'Bench Council', kind: 'council', rules: {} });
  const employerIds: number[] = [];
  let paIndex = 0;
  const extra = o.pas - 2 * o.employers; // employers that get a third PA
  for (let e = 0; e < o.employers; e++) {
    const c = await call<{ id: number }>(ctx, 'client.create', { name: `Employer ${String(e + 1).padStart(3, '0')}`, funderIds: [funder.id], startDate: '2026-04-06', dateOfBirth: '1970-01-01' });
    await call(ctx, 'employer.set', { clientId: c.id, payFrequency: 'monthly', payDay: 28, employmentAllowance: true });
    employerIds.push(c.id);
    const n = e < extra ? 3 : 2;
    for (let k = 0; k < n; k++, paIndex++) {
      const pa = await call<{ id: number }>(ctx, 'pa.create', {
        clientId: c.id,
        name: `PA ${paIndex + 1}`,
        niNumber: niNumber(paIndex),
        dateOfBirth: '1990-01-01',
        startDate: '2026-04-06',
        taxCode: '1257L',
        pensionStatus: 'eligible',
        standardRate: 1300 + (paIndex % 7) * 50,
        contractedHours: 3750,
        studentLoanPlans: paIndex % 5 === 0 ? ['plan2'] : [],
      });
      const lines = Array.from({ length: 10 }, (_, d) => ({ date: `2026-04-${String(d + 6).padStart(2, '0')}`, rateType: 'standard', hours: 600 + (paIndex % 5) * 100 }));
      const t = await call<{ id: number }>(ctx, 'timesheet.create', { paId: pa.id, periodStart: '2026-04-06', periodEnd: '2026-04-30', lines });
      await call(ctx, 'timesheet.approve', { id: t.id, approvals: [{ by: 'Bench Approver' }] });
    }
  }
  const buildMs = performance.now() - b0;
  o.log(`  built ${o.employers} employers and ${paIndex} PAs with approved timesheets in ${(buildMs / 1000).toFixed(1)} s\n`);

  // ---- (a) Compute and post every run, as an agent does for a period: "Run all due" drafts every
  // employer (payrun.runAllDue: one commit, a savepoint per employer), each run is approved (here
  // in one transaction), and the approved runs are posted together (payrun.postApproved: one
  // commit, a savepoint per run).
  const runs: Array<{ id: number; paIds: number[] }> = [];
  const ledgerDb = ctx.session.ledger!.db;
  const cpuA = process.cpuUsage();
  const a0 = performance.now();
  const due = await call<{ drafted: Array<{ runId: number }>; skipped: unknown[] }>(ctx, 'payrun.runAllDue', { taxYear: '2026-27', frequency: 'monthly', period: 1 });
  if (due.skipped.length > 0 || due.drafted.length !== employerIds.length) throw new Error(`run all due skipped ${due.skipped.length} employers`);
  ledgerDb.exec('BEGIN IMMEDIATE');
  for (const d of due.drafted) {
    const run = await call<{ id: number; lines: Array<{ paId: number }> }>(ctx, 'payrun.approve', { id: d.runId, approvals: [{ by: 'Bench Approver' }] });
    runs.push({ id: run.id, paIds: run.lines.map((l) => l.paId) });
  }
  ledgerDb.exec('COMMIT');
  const posted = await call<{ posted: unknown[]; skipped: unknown[] }>(ctx, 'payrun.postApproved', { ids: runs.map((r) => r.id) });
  if (posted.skipped.length > 0) throw new Error(`posting skipped ${posted.skipped.length} runs`);
  const postMs = performance.now() - a0;
  const cpuPost = process.cpuUsage(cpuA);
  const postCpuMs = (cpuPost.user + cpuPost.system) / 1000;
  const lines = runs.reduce((s, r) => s + r.paIds.length, 0);
  o.log(`  compute + post: ${(postMs / 1000).toFixed(2)} s\n`);

  // ---- (b) Every payslip PDF.
  const db = ctx.session.ledger!.db;
  let bytes = 0;
  const cpuB = process.cpuUsage();
  const p0 = performance.now();
  for (const r of runs) for (const paId of r.paIds) bytes += payslipPdf(db, r.id, paId).length;
  const pdfMs = performance.now() - p0;
  const cpuPdf = process.cpuUsage(cpuB);
  const pdfCpuMs = (cpuPdf.user + cpuPdf.system) / 1000;
  o.log(`  payslips: ${(pdfMs / 1000).toFixed(2)} s\n`);

  ctx.session.disarm();
  ctx.session.ledger?.close();
  ctx.session.ledger = null;

  return [
    {
      what: `compute + post ${runs.length} pay runs (draft, approve, post)`,
      figure: `${(postMs / 1000).toFixed(2)} s`,
      runs: 1,
      target: '< 2 s',
      status: postMs < 2000 ? 'MET' : 'MISSED',
      note:
        `${int(lines)} PA lines, ${(postMs / runs.length).toFixed(1)} ms per employer wall, ${(postCpuMs / runs.length).toFixed(1)} ms CPU ` +
        `(${(postCpuMs / 1000).toFixed(2)} s CPU in all): run all due, ${runs.length} approvals, post all approved; build took ${(buildMs / 1000).toFixed(1)} s`,
    },
    {
      what: `all ${int(lines)} payslip PDFs`,
      figure: `${(pdfMs / 1000).toFixed(2)} s`,
      runs: 1,
      target: '< 60 s',
      status: pdfMs < 60_000 ? 'MET' : 'MISSED',
      note: `${(pdfMs / lines).toFixed(1)} ms per payslip wall, ${(pdfCpuMs / lines).toFixed(1)} ms CPU; ${int(bytes / lines)} bytes each on average`,
    },
  ];
}
