/**
 * Builders for the payroll-operations tests (run-all, liabilities, hmrc-due, reminders): a real
 * encrypted ledger with a fixed clock, employers, PAs and approved timesheets made through the api.
 */
import { dispatch } from '../../../main/api';
import type { Method } from '../../../shared/contract';
import type { Client, Funder } from '../../../shared/contract-money';
import type { Pa } from '../../../shared/contract-payroll';
import type { PayRun } from '../../../shared/contract-payruns';
import type { Timesheet } from '../../../shared/contract-timesheets';
import type { ErrorBody } from '../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder } from '../../fixtures/money';

export interface Ops {
  env: TestEnv;
  funder: Funder;
  /** A client set up as an employer. */
  employer(name: string, employer?: Record<string, unknown>, client?: Record<string, unknown>): Promise<Client>;
  pa(clientId: number, name: string, niNumber: string, extra?: Record<string, unknown>): Promise<Pa>;
  /** An approved timesheet: one line a day from periodStart for `days` days of `hours` hundredths. */
  sheet(paId: number, periodStart: string, periodEnd: string, days: number, hours: number, approvers?: string[]): Promise<Timesheet>;
  /** Draft period n of 2026-27 (or taxYear), approve and post it. */
  postPeriod(clientId: number, period: number, taxYear?: string, approvers?: string[]): Promise<PayRun>;
  fund(clientId: number, date: string, amount: number): Promise<void>;
  fail(method: Method, input: unknown): Promise<ErrorBody>;
  counts(): { runs: number; entries: number; audit: number; lines: number };
  close(): void;
}

export async function ops(funderRules: Record<string, unknown> = {}): Promise<Ops> {
  const env = await openTestLedger();
  const funder = await addFunder(env, 'St Helens Council', funderRules);
  const db = () => env.ctx.session.ledger!.db;
  const o: Ops = {
    env,
    funder,
    async employer(name, employer = {}, client = {}) {
      const c = await addClient(env, funder.id, { name, ...client });
      await env.call('employer.set', { clientId: c.id, payFrequency: 'monthly', payDay: 28, ...employer });
      return c;
    },
    pa(clientId, name, niNumber, extra = {}) {
      return env.call<Pa>('pa.create', {
        clientId,
        name,
        niNumber,
        dateOfBirth: '1990-12-09',
        startDate: '2026-04-06',
        taxCode: '1257L',
        pensionStatus: 'eligible',
        standardRate: 1500,
        contractedHours: 3750,
        ...extra,
      });
    },
    async sheet(paId, periodStart, periodEnd, days, hours, approvers = ['Ada Lovelace']) {
      const start = Date.parse(`${periodStart}T00:00:00Z`);
      const lines = Array.from({ length: days }, (_, i) => ({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), rateType: 'standard', hours }));
      const t = await env.call<Timesheet>('timesheet.create', { paId, periodStart, periodEnd, lines });
      return env.call<Timesheet>('timesheet.approve', { id: t.id, approvals: approvers.map((by) => ({ by })) });
    },
    async postPeriod(clientId, period, taxYear = '2026-27', approvers = ['Ada Lovelace']) {
      const run = await env.call<PayRun>('payrun.draftPeriod', { clientId, taxYear, period });
      await env.call('payrun.approve', { id: run.id, approvals: approvers.map((by) => ({ by })) });
      return env.call<PayRun>('payrun.post', { id: run.id });
    },
    async fund(clientId, date, amount) {
      await env.call('receipt.add', { clientId, date, amount, source: 'council' });
    },
    async fail(method, input) {
      const r = await dispatch(env.ctx, method, input);
      if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value)}`);
      return r.error;
    },
    counts() {
      const n = (t: string) => (db().prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
      return { runs: n('pay_runs'), entries: n('journal_entries'), audit: n('audit_log'), lines: n('pay_run_lines') };
    },
    close() {
      env.ctx.session.ledger?.close();
      env.ctx.session.ledger = null;
    },
  };
  return o;
}
