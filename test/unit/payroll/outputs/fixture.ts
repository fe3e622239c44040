/**
 * A ledger for the payroll-output tests: organisation "Riverside Support", one employer (client
 * Ada Lovelace, monthly, PAYE and Accounts Office references, a NEST pension), two PAs with
 * timesheets of standard and weekend hours, May posted and June drafted or posted. Pension
 * contributions are put on the draft lines by hand before approval (the figures the outputs must
 * carry through), keeping net = gross − deductions, so these tests do not depend on how the run
 * works pension out.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../../../../main/api';
import type { Method } from '../../../../shared/contract';
import type { FileOut } from '../../../../shared/contract-payroll-outputs';
import type { Pa } from '../../../../shared/contract-payroll';
import type { PayRun } from '../../../../shared/contract-payruns';
import type { Timesheet } from '../../../../shared/contract-timesheets';
import type { ErrorBody } from '../../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../../fixtures/ledger';
import { addClient, addFunder } from '../../../fixtures/money';
import { tempDir } from '../../../fixtures/temp';

export const ORG = 'Riverside Support';

export const GRACE = {
  name: 'Grace Hopper',
  niNumber: 'JG103759A',
  dateOfBirth: '1990-12-09',
  address: '1 Harbour Row\nPortsmouth\nPO1 2AB',
  startDate: '2026-04-06',
  taxCode: '1257L',
  pensionStatus: 'eligible',
  standardRate: 1350,
  weekendRate: 1500,
  contractedHours: 3750,
  studentLoanPlans: ['plan2'],
};

export const ALAN = {
  name: 'Alan Mathison Turing',
  niNumber: 'AB123456C',
  dateOfBirth: '1985-06-23',
  startDate: '2026-04-06',
  taxCode: '1257L',
  pensionStatus: 'eligible',
  standardRate: 1400,
  contractedHours: 1200,
};

export const MAY = { periodStart: '2026-05-01', periodEnd: '2026-05-31', payDate: '2026-05-28' };
export const JUNE = { periodStart: '2026-06-01', periodEnd: '2026-06-30', payDate: '2026-06-26' };

export interface World {
  env: TestEnv;
  clientId: number;
  grace: Pa;
  alan: Pa;
  sheets: Timesheet[];
  may: PayRun;
  june: PayRun;
}

/** Dated lines: `days` days from the period's first day at `hours` a day, plus weekend lines. */
function lines(periodStart: string, days: number, hours: number, weekendDays: number, weekendHours: number) {
  const ym = periodStart.slice(0, 8);
  const out: Array<{ date: string; rateType: string; hours: number }> = [];
  for (let i = 0; i < days; i += 1) out.push({ date: `${ym}${String(i + 1).padStart(2, '0')}`, rateType: 'standard', hours });
  for (let i = 0; i < weekendDays; i += 1) out.push({ date: `${ym}${String(days + i + 1).padStart(2, '0')}`, rateType: 'weekend', hours: weekendHours });
  return out;
}

export async function sheet(env: TestEnv, paId: number, period: { periodStart: string; periodEnd: string }, l: ReturnType<typeof lines>): Promise<Timesheet> {
  const t = await env.call<Timesheet>('timesheet.create', { paId, periodStart: period.periodStart, periodEnd: period.periodEnd, lines: l });
  return env.call<Timesheet>('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace' }] });
}

/** Put pension contributions on a draft run's line (employee off net pay), as a scheme would. */
export function setPension(env: TestEnv, runId: number, paId: number, employee: number, employer: number): void {
  const db = env.ctx.session.ledger!.db;
  db.prepare('UPDATE pay_run_lines SET employee_pension = ?, employer_pension = ?, net = net + employee_pension - ? WHERE pay_run_id = ? AND pa_id = ?').run(employee, employer, employee, runId, paId);
}

export async function world(opts: { postJune?: boolean; beforeJune?: (env: TestEnv, pas: { grace: Pa; alan: Pa }) => Promise<void> } = {}): Promise<World> {
  const env = await openTestLedger({ organisationName: ORG });
  const funder = await addFunder(env);
  const client = await addClient(env, funder.id);
  await env.call('employer.set', {
    clientId: client.id,
    payFrequency: 'monthly',
    payDay: 28,
    payeReference: '123/AB45678',
    accountsOfficeReference: '123PX00123456',
    pensionSchemeName: 'NEST',
    pensionProvider: 'NEST Corporation',
    pensionBasis: 'relief-at-source',
  });
  const grace = await env.call<Pa>('pa.create', { clientId: client.id, ...GRACE });
  const alan = await env.call<Pa>('pa.create', { clientId: client.id, ...ALAN });
  const sheets: Timesheet[] = [];
  sheets.push(await sheet(env, grace.id, MAY, lines(MAY.periodStart, 20, 900, 2, 800))); // 180 h × £13.50 + 16 h × £15
  sheets.push(await sheet(env, alan.id, MAY, lines(MAY.periodStart, 10, 525, 0, 0))); // 52.5 h × £14
  const mayDraft = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY });
  setPension(env, mayDraft.id, grace.id, 4200, 3150);
  await env.call('payrun.approve', { id: mayDraft.id, approvals: [{ by: 'Ada Lovelace', method: 'email' }] });
  const may = await env.call<PayRun>('payrun.post', { id: mayDraft.id });
  if (opts.beforeJune) await opts.beforeJune(env, { grace, alan });
  sheets.push(await sheet(env, grace.id, JUNE, lines(JUNE.periodStart, 22, 1000, 3, 700)));
  sheets.push(await sheet(env, alan.id, JUNE, lines(JUNE.periodStart, 8, 450, 0, 0)));
  let june = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...JUNE });
  setPension(env, june.id, grace.id, 4700, 3525);
  june = await env.call<PayRun>('payrun.get', { id: june.id });
  if (opts.postJune) {
    await env.call('payrun.approve', { id: june.id, approvals: [{ by: 'Ada Lovelace' }] });
    june = await env.call<PayRun>('payrun.post', { id: june.id });
  }
  return { env, clientId: client.id, grace, alan, sheets, may, june };
}

export async function fail(env: TestEnv, method: Method, input: unknown): Promise<ErrorBody> {
  const r = await dispatch(env.ctx, method, input);
  if (r.ok) throw new Error(`${method} succeeded`);
  return r.error;
}

/** Row counts of every table that a write would touch. */
export function counts(env: TestEnv): Record<string, number> {
  const db = env.ctx.session.ledger!.db;
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { runs: n('pay_runs'), lines: n('pay_run_lines'), entries: n('journal_entries'), audit: n('audit_log'), timesheets: n('timesheets') };
}

/** Write a FileOut to a temp folder; returns its path. */
export function saveFile(f: FileOut, dir = tempDir()): string {
  const file = path.join(dir, f.fileName);
  fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
  if (process.env['STEWARD_PDF_PNG_DIR'] && f.fileName.endsWith('.pdf')) {
    fs.mkdirSync(process.env['STEWARD_PDF_PNG_DIR'], { recursive: true });
    const png = path.join(process.env['STEWARD_PDF_PNG_DIR'], f.fileName.replace(/\.pdf$/, ''));
    spawnSync('pdftoppm', ['-png', '-r', process.env['STEWARD_PDF_PNG_DPI'] ?? '60', file, png]);
  }
  return file;
}

/** pdftotext -layout of a PDF file. */
export function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

export function pdfPages(file: string): number {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /Pages:\s+(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`pdfinfo failed: ${r.stderr}`);
  return Number(m[1]);
}

/** Text with runs of spaces squeezed, for matching across -layout columns. */
export function squeeze(s: string): string {
  return s.replace(/[ \t]+/g, ' ');
}
