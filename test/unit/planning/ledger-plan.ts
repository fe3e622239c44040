/**
 * A real encrypted ledger (fixed clock) with a client whose support plan is built, approved and
 * activated through the planning api, plus a personal budget, a provider, risks, a scheduled
 * review and payments for plan against actual.
 */
import type { Client, Funder } from '../../../shared/contract-money';
import type { Plan, Provider } from '../../../shared/contract-planning';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder, payment, receipt } from '../../fixtures/money';

export interface PlanWorld {
  env: TestEnv;
  funder: Funder;
  client: Client;
  provider: Provider;
  plan: Plan;
}

const CRITERIA = {
  withinBudget: { met: true, comment: 'Within the personal budget.' },
  lawful: { met: true },
  bestValue: { met: true, comment: 'Rates compared.' },
  realisticCosts: { met: true },
  safe: { met: true, comment: 'Risk plan agreed.' },
};

export async function planWorld(opts: { extraLines?: number; activate?: boolean } = {}): Promise<PlanWorld> {
  const env = await openTestLedger();
  const funder = await addFunder(env);
  const client = await addClient(env, funder.id, { name: 'Ada Lovelace', startDate: '2026-04-01' });
  await env.call('budget.set', { clientId: client.id, effectiveFrom: '2026-04-01', annualAmount: 4_000_000, funders: [{ funderId: funder.id, annualAmount: 4_000_000 }] });
  const provider = await env.call<Provider>('provider.create', { name: 'Bright Care Agency', type: 'agency', area: 'St Helens', cqcId: '1-123456789', cqcRating: 'good' });
  let plan = await env.call<Plan>('plan.create', { clientId: client.id, title: 'Living well at home', startDate: '2026-04-01', arrangement: 'managed-account' });
  const extra = Array.from({ length: opts.extraLines ?? 0 }, (_, i) => ({
    type: 'community-activity',
    description: `Community session ${i + 1}`,
    quantity: 100,
    unit: 'sessions-per-month',
    rate: 1000 + i,
    category: 'activities',
  }));
  plan = await env.call<Plan>('plan.lines.set', {
    planId: plan.id,
    lines: [
      { type: 'pa-hours', description: 'Morning routine', quantity: 1000, unit: 'hours-per-week', rate: 2000, category: 'pa-wages' },
      { type: 'agency-hours', description: 'Evening calls', providerId: provider.id, quantity: 500, unit: 'hours-per-week', rate: 2500, category: 'agency' },
      { type: 'community-activity', description: 'Art group', quantity: 100, unit: 'sessions-per-week', rate: 3000, category: 'activities' },
      { type: 'equipment', description: 'Riser chair', quantity: 100, unit: 'one-off', rate: 60_000, category: 'equipment', startDate: '2026-05-10' },
      ...extra,
    ],
  });
  const [pa, agency, art] = plan.lines;
  plan = await env.call<Plan>('plan.update', {
    id: plan.id,
    patch: {
      whatMatters: 'Seeing my sister on Sundays.',
      whatWorks: 'A calm start to the day.',
      whatDoesNotWork: 'Being rushed.',
      outcomes: [
        { text: 'I want to be up and dressed by 9.', lineIds: [pa!.id, agency!.id] },
        { text: 'I want to paint again.', lineIds: [art!.id] },
      ],
      moneyManagedBy: 'Steward Brokerage Ltd',
      spendingRecordedBy: 'Managed account ledger, reconciled monthly.',
    },
  });
  await env.call('risk.add', {
    clientId: client.id,
    description: 'The PA does not turn up.',
    likelihood: 2,
    impact: 4,
    mitigation: 'Back-up PA.',
    contingencyPlan: 'Ring the agency for cover.',
    informedChoice: 'I prefer a PA I know.',
    agreedBy: 'Ada and the broker',
  });
  await env.call('review.schedule', { clientId: client.id, dueDate: '2026-06-24', note: 'Six-week review' });
  if (opts.activate !== false) {
    await env.call('plan.submit', { id: plan.id });
    await env.call('plan.approve', { id: plan.id, criteria: CRITERIA, by: 'Mary Somerville' });
    plan = await env.call<Plan>('plan.activate', { id: plan.id });
  }
  return { env, funder, client, provider, plan };
}

/** Spending for plan against actual: the same agency/activities/equipment amounts the pure test uses. */
export async function spend(w: PlanWorld): Promise<void> {
  const { env, client } = w;
  await receipt(env, client.id, '2026-04-02', 1_000_000);
  await payment(env, client.id, '2026-04-30', 200_000, { category: 'pa-wages', payeeName: 'Grace Hopper' });
  await payment(env, client.id, '2026-05-12', 58_000, { category: 'equipment', payeeName: 'Mobility Plus' });
  await payment(env, client.id, '2026-05-15', 100_000, { category: 'agency' });
  await payment(env, client.id, '2026-06-10', 12_000, { category: 'activities', payeeName: 'Open Studio' });
  await payment(env, client.id, '2026-06-12', 5_000, { category: 'therapies', payeeName: 'Physio' });
}

/** Close the ledger so the CLI can open the file. */
export function closeLedger(env: TestEnv): void {
  env.ctx.session.disarm();
  env.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
}
