/**
 * Builders for the planning tests: a real encrypted ledger with a fixed clock (2026-04-06), a
 * funder, a client who employs a PA, a provider, a personal budget, through the api.
 */
import { dispatch } from '../../../main/api';
import type { Method } from '../../../shared/contract';
import type { Client } from '../../../shared/contract-money';
import type { Pa } from '../../../shared/contract-payroll';
import type { Plan, PlanLineInput, Provider } from '../../../shared/contract-planning';
import type { ErrorBody } from '../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder } from '../../fixtures/money';

export const APPROVE_ALL = {
  withinBudget: { met: true, comment: 'Within the £20,000 budget' },
  lawful: { met: true, comment: '' },
  bestValue: { met: true, comment: 'Agency rate below the council framework' },
  realisticCosts: { met: true, comment: '' },
  safe: { met: true, comment: 'Contingency for missed visits' },
};

export interface Planning {
  env: TestEnv;
  funderId: number;
  client: Client;
  pa: Pa;
  agency: Provider;
  call<T>(method: Method, input?: unknown): Promise<T>;
  fail(method: Method, input: unknown): Promise<ErrorBody>;
  count(table: string): number;
  counts(): Record<string, number>;
  /** A draft plan with a PA line and an agency line and one outcome linked to both. */
  draft(lines?: PlanLineInput[]): Promise<Plan>;
  close(): void;
}

export const PA_LINE: PlanLineInput = { type: 'pa-hours', description: 'PA support, mornings', quantity: 1500, unit: 'hours-per-week', rate: 1500, category: 'pa-wages' };
export const TABLES = ['plan_versions', 'plan_lines', 'plan_transitions', 'personal_budgets', 'audit_log', 'risks', 'reviews', 'providers', 'complaints', 'case_notes', 'assessments'];

export async function planning(funderRules: Record<string, unknown> = {}): Promise<Planning> {
  const env = await openTestLedger();
  const funder = await addFunder(env, 'St Helens Council', funderRules);
  const client = await addClient(env, funder.id, { name: 'Amara Okafor' });
  await env.call('employer.set', { clientId: client.id, payFrequency: 'weekly', payDay: 'friday', pensionSchemeName: 'NEST', pensionBasis: 'relief-at-source' });
  const pa = await env.call<Pa>('pa.create', {
    clientId: client.id,
    name: 'Grace Hopper',
    niNumber: 'JG103759A',
    dateOfBirth: '1990-12-09',
    startDate: '2026-04-06',
    taxCode: '1257L',
    pensionStatus: 'eligible',
    standardRate: 1500,
    contractedHours: 1500,
  });
  const agency = await env.call<Provider>('provider.create', { name: 'Harbour Care Ltd', type: 'agency', area: 'St Helens', cqcId: '1-123456789', cqcRating: 'good', rates: [{ description: 'Weekday hour', amount: 2650, unit: 'hours-per-week' }] });
  const db = () => env.ctx.session.ledger!.db;
  const p: Planning = {
    env,
    funderId: funder.id,
    client,
    pa,
    agency,
    call: (m, i) => env.call(m, i),
    async fail(method, input) {
      const r = await dispatch(env.ctx, method, input);
      if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value)}`);
      return r.error;
    },
    count(table) {
      return (db().prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
    counts() {
      return Object.fromEntries(TABLES.map((t) => [t, p.count(t)]));
    },
    async draft(lines) {
      const plan = await env.call<Plan>('plan.create', { clientId: client.id, title: 'Support plan 2026', startDate: '2026-04-06' });
      const withLines = await env.call<Plan>('plan.lines.set', {
        planId: plan.id,
        lines: lines ?? [
          { ...PA_LINE, paId: pa.id },
          { type: 'agency-hours', description: 'Agency evening calls', providerId: agency.id, quantity: 350, unit: 'hours-per-week', rate: 2650, category: 'agency' },
        ],
      });
      return env.call<Plan>('plan.update', {
        id: plan.id,
        patch: {
          whatMatters: 'Going to the allotment on Saturdays',
          whatWorks: 'The same PA every morning',
          whatDoesNotWork: 'Rushed calls',
          outcomes: [{ text: 'I want to get up and dressed by 9 so I can get to my allotment', lineIds: withLines.lines.map((l) => l.id) }],
          moneyManagedBy: 'Steward managed account',
          spendingRecordedBy: 'Payments recorded in the ledger; receipts attached',
        },
      });
    },
    close() {
      env.ctx.session.ledger?.close();
      env.ctx.session.ledger = null;
    },
  };
  return p;
}
