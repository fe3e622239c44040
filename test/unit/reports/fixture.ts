/**
 * The world the statement, return and export tests share: a real encrypted ledger made through the
 * api with a fixed clock (2026-08-01), one council funder (default rules: 4-weekly, surplus above 8
 * weeks, 2 weeks' contingency) and four clients:
 *
 * - Zoë Ní Bhriain (accented name; dedicated bank account; council ref SHC-1001): council £4,000.00
 *   every 4 weeks from 2026-04-06, contribution £80.00 every 4 weeks (only two paid: arrears), a
 *   personal budget of £52,000.00 a year, an ACTIVE support plan from 2026-04-06 (PA hours, agency
 *   hours, an art group, a riser chair), an employer with one PA (Siân Jones) paid in tax month 1
 *   (posted run, net wages, PAYE/NI and any pension paid out), payments to an agency, an art
 *   group, a mobility shop (with a PNG receipt attached), a hydrotherapy pool (not in the plan),
 *   other income (a refund), and a mistaken payment reversed two days later.
 * - Tomasz Nowak (pooled account): council £1,200.00 every 4 weeks; agency at each month end.
 * - Beatrix O'Neill (pooled account): council £500.00 monthly from 2026-04-15; respite and activities.
 * - Edmund Quiet (pooled account): no money at all (for "no activity").
 *
 * The 4-weekly periods of the council schedule are 6 Apr–3 May, 4–31 May, 1–28 Jun, 29 Jun–26 Jul.
 * Build it once per test file (beforeAll): each ledger costs a key derivation.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { dispatch } from '../../../main/api';
import type { Method } from '../../../shared/contract';
import type { BankAccount, Client, Funder } from '../../../shared/contract-money';
import type { Pa } from '../../../shared/contract-payroll';
import type { PayRun } from '../../../shared/contract-payruns';
import type { Plan, Provider } from '../../../shared/contract-planning';
import type { ErrorBody } from '../../../shared/errors';
import { testEnv, PASSPHRASE, type TestEnv } from '../../fixtures/ledger';

export const REPORTS_NOW = '2026-08-01T09:00:00.000Z';
export const TODAY = '2026-08-01';
/** The council schedule's 4-weekly periods (Zoë and Tomasz). */
export const PERIODS = {
  p1: { from: '2026-04-06', to: '2026-05-03' },
  p2: { from: '2026-05-04', to: '2026-05-31' },
  p3: { from: '2026-06-01', to: '2026-06-28' },
  p4: { from: '2026-06-29', to: '2026-07-26' },
} as const;

/** A 1×1 PNG (a receipt "scan"). */
export const RECEIPT_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const AUTH = [{ by: 'Mary Somerville', method: 'email' }];
const CRITERIA = {
  withinBudget: { met: true, comment: 'Within the personal budget.' },
  lawful: { met: true },
  bestValue: { met: true, comment: 'Rates compared.' },
  realisticCosts: { met: true },
  safe: { met: true, comment: 'Risk plan agreed.' },
};

export interface ReportsWorld {
  env: TestEnv;
  db(): Database;
  call<T>(method: Method, input?: unknown): Promise<T>;
  fail(method: Method, input: unknown): Promise<ErrorBody>;
  funder: Funder;
  pooled: BankAccount;
  zoe: Client;
  tomasz: Client;
  beatrix: Client;
  edmund: Client;
  pa: Pa;
  payRun: PayRun;
  plan: Plan;
  agency: Provider;
  /** Entry ids worth naming in tests. */
  entries: { equipment: number; mistaken: number; mistakenReversal: number; netWages: number; hmrc: number; refund: number };
  attachmentId: number;
  /** Rows in each table, to show that a refused request wrote nothing. */
  counts(): Record<string, number>;
  close(): void;
}

const COUNTED = ['journal_entries', 'journal_lines', 'audit_log', 'attachments', 'clients'];

export async function reportsWorld(): Promise<ReportsWorld> {
  const env = testEnv({ now: REPORTS_NOW });
  await env.call('ledger.create', { path: env.ledgerPath, passphrase: PASSPHRASE, organisationName: 'Riverside Support Brokers' });
  const call = <T>(method: Method, input: unknown = {}): Promise<T> => env.call<T>(method, input);
  const db = (): Database => env.ctx.session.ledger!.db;

  const funder = await call<Funder>('funder.create', { name: 'St Helens Council', kind: 'council', rules: {} });
  const pooled = await call<BankAccount>('bankAccount.create', { name: 'Client pooled account', kind: 'pooled', sortCode: '20-00-00', accountNumber: '12345678' });

  // ---- Zoë: dedicated account, plan, payroll, the most varied money.
  const zoe = await call<Client>('client.create', {
    name: 'Zoë Ní Bhriain',
    funderIds: [funder.id],
    startDate: '2026-04-01',
    dateOfBirth: '1975-02-14',
    councilReference: 'SHC-1001',
    address: '12 Mill Lane, St Helens WA10 1AA',
  });
  await call('schedule.create', { clientId: zoe.id, source: 'council', funderId: funder.id, amount: 400_000, cadence: 'four-weekly', firstDate: '2026-04-06' });
  await call('schedule.create', { clientId: zoe.id, source: 'contribution', amount: 8_000, cadence: 'four-weekly', firstDate: '2026-04-06' });
  await call('budget.set', { clientId: zoe.id, effectiveFrom: '2026-04-06', annualAmount: 5_200_000, funders: [{ funderId: funder.id, annualAmount: 5_200_000 }] });
  const agency = await call<Provider>('provider.create', { name: 'Harbour Care Ltd', type: 'agency', area: 'St Helens', cqcId: '1-123456789', cqcRating: 'good' });
  let plan = await call<Plan>('plan.create', { clientId: zoe.id, title: 'Living well at home', startDate: '2026-04-06', arrangement: 'managed-account' });
  plan = await call<Plan>('plan.lines.set', {
    planId: plan.id,
    lines: [
      { type: 'pa-hours', description: 'Morning and evening support from my PA', quantity: 4000, unit: 'hours-per-week', rate: 1500, category: 'pa-wages' },
      { type: 'agency-hours', description: 'Agency cover at weekends', providerId: agency.id, quantity: 400, unit: 'hours-per-week', rate: 2650, category: 'agency' },
      { type: 'community-activity', description: 'Art group', quantity: 100, unit: 'sessions-per-week', rate: 3000, category: 'activities' },
      { type: 'equipment', description: 'Riser chair', quantity: 100, unit: 'one-off', rate: 60_000, category: 'equipment', startDate: '2026-05-10' },
    ],
  });
  const [paLine, agencyLine, artLine] = plan.lines;
  plan = await call<Plan>('plan.update', {
    id: plan.id,
    patch: {
      whatMatters: 'Painting, and seeing my sister on Sundays.',
      whatWorks: 'The same PA every morning.',
      whatDoesNotWork: 'Being rushed.',
      outcomes: [
        { text: 'I want to be up and dressed by 9.', lineIds: [paLine!.id, agencyLine!.id] },
        { text: 'I want to paint again.', lineIds: [artLine!.id] },
      ],
      moneyManagedBy: 'Riverside Support Brokers',
      spendingRecordedBy: 'Managed account ledger, reconciled monthly.',
    },
  });
  await call('plan.submit', { id: plan.id });
  await call('plan.approve', { id: plan.id, criteria: CRITERIA, by: 'Mary Somerville' });
  plan = await call<Plan>('plan.activate', { id: plan.id, date: '2026-04-06' });

  await call('employer.set', { clientId: zoe.id, payFrequency: 'monthly', payDay: 28 });
  const pa = await call<Pa>('pa.create', {
    clientId: zoe.id,
    name: 'Siân Jones',
    niNumber: 'JG103759A',
    dateOfBirth: '1990-12-09',
    startDate: '2026-04-06',
    taxCode: '1257L',
    pensionStatus: 'eligible',
    standardRate: 1500,
    contractedHours: 3750,
  });
  {
    const start = Date.parse('2026-04-06T00:00:00Z');
    const lines = Array.from({ length: 20 }, (_, i) => ({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), rateType: 'standard', hours: 1000 }));
    const t = await call<{ id: number }>('timesheet.create', { paId: pa.id, periodStart: '2026-04-06', periodEnd: '2026-04-30', lines });
    await call('timesheet.approve', { id: t.id, approvals: [{ by: 'Zoë Ní Bhriain' }] });
  }

  const receipt = async (clientId: number, date: string, amount: number, source: 'council' | 'contribution' | 'other', reference = '', memo = ''): Promise<number> =>
    (await call<{ entry: { id: number } }>('receipt.add', { clientId, date, amount, source, reference, memo })).entry.id;
  const payment = async (clientId: number, date: string, amount: number, payeeName: string, category: string, reference = ''): Promise<number> =>
    (await call<{ entry: { id: number } }>('payment.add', { clientId, date, amount, payeeName, category, reference, authorisations: AUTH })).entry.id;

  await receipt(zoe.id, '2026-04-06', 400_000, 'council', 'SHC DP 0406');
  await receipt(zoe.id, '2026-04-10', 8_000, 'contribution', 'SO ZNB');
  let run = await call<PayRun>('payrun.draftPeriod', { clientId: zoe.id, taxYear: '2026-27', period: 1 });
  await call('payrun.approve', { id: run.id, approvals: [{ by: 'Zoë Ní Bhriain' }] });
  run = await call<PayRun>('payrun.post', { id: run.id });
  const owed = await call<{ netWages: number; payeNi: number; pension: number }>('payroll.liabilities', { clientId: zoe.id, asOf: '2026-04-30' });
  const netWages = (await call<{ entryId: number }>('payroll.payLiability', { clientId: zoe.id, liability: 'net-wages', amount: owed.netWages, date: '2026-04-28', payeeName: 'Siân Jones', reference: 'April wages', authorisations: AUTH })).entryId;
  await payment(zoe.id, '2026-04-30', 45_000, 'Harbour Care Ltd', 'agency', 'INV-1001');
  await payment(zoe.id, '2026-05-02', 3_000, 'Art Group CIC', 'activities', 'Term 1');
  await receipt(zoe.id, '2026-05-04', 400_000, 'council', 'SHC DP 0504');
  await receipt(zoe.id, '2026-05-08', 8_000, 'contribution', 'SO ZNB');
  const equipment = await payment(zoe.id, '2026-05-12', 58_000, 'Mobility Shop', 'equipment', 'Riser chair');
  const attachment = await call<{ id: number }>('attachment.add', { clientId: zoe.id, entryId: equipment, filename: 'riser-chair-receipt.png', dataBase64: RECEIPT_PNG_BASE64 });
  const refund = await receipt(zoe.id, '2026-05-15', 2_500, 'other', 'Refund', 'Refund from the leisure centre');
  const hmrc = (await call<{ entryId: number }>('payroll.payLiability', { clientId: zoe.id, liability: 'paye-ni', amount: owed.payeNi, date: '2026-05-20', payeeName: 'HMRC', reference: '120PA00012345 month 1', authorisations: AUTH })).entryId;
  if (owed.pension > 0) {
    await call('payroll.payLiability', { clientId: zoe.id, liability: 'pension', amount: owed.pension, date: '2026-05-20', payeeName: 'NEST', reference: 'April contributions', authorisations: AUTH });
  }
  await payment(zoe.id, '2026-05-31', 47_000, 'Harbour Care Ltd', 'agency', 'INV-1002');
  await receipt(zoe.id, '2026-06-01', 400_000, 'council', 'SHC DP 0601');
  await payment(zoe.id, '2026-06-15', 5_000, 'Hydrotherapy Pool', 'therapies', 'Session 1');
  const mistaken = await payment(zoe.id, '2026-06-16', 7_000, 'Harbour Care Ltd', 'agency', 'INV-1002 again');
  const mistakenReversal = (await call<{ id: number }>('entry.reverse', { entryId: mistaken, reason: 'Paid INV-1002 twice by mistake', date: '2026-06-18' })).id;
  await receipt(zoe.id, '2026-06-29', 400_000, 'council', 'SHC DP 0629');
  await payment(zoe.id, '2026-06-30', 44_000, 'Harbour Care Ltd', 'agency', 'INV-1003');
  await receipt(zoe.id, '2026-07-27', 400_000, 'council', 'SHC DP 0727');

  // ---- Tomasz and Beatrix share the pooled account; Edmund is on it with nothing.
  const tomasz = await call<Client>('client.create', { name: 'Tomasz Nowak', funderIds: [funder.id], startDate: '2026-04-01', councilReference: 'SHC-1002', bankAccountId: pooled.id });
  await call('schedule.create', { clientId: tomasz.id, source: 'council', funderId: funder.id, amount: 120_000, cadence: 'four-weekly', firstDate: '2026-04-06' });
  for (const d of ['2026-04-06', '2026-05-04', '2026-06-01', '2026-06-29', '2026-07-27']) await receipt(tomasz.id, d, 120_000, 'council', `SHC DP ${d.slice(5, 7)}${d.slice(8)}`);
  for (const [d, ref] of [['2026-04-30', 'HC-T-04'], ['2026-05-31', 'HC-T-05'], ['2026-06-30', 'HC-T-06'], ['2026-07-31', 'HC-T-07']] as const) await payment(tomasz.id, d, 100_000, 'Harbour Care Ltd', 'agency', ref);

  const beatrix = await call<Client>('client.create', { name: "Beatrix O'Neill", funderIds: [funder.id], startDate: '2026-04-01', councilReference: 'SHC-1003', bankAccountId: pooled.id });
  await call('schedule.create', { clientId: beatrix.id, source: 'council', funderId: funder.id, amount: 50_000, cadence: 'monthly', firstDate: '2026-04-15' });
  for (const d of ['2026-04-15', '2026-05-15', '2026-06-15', '2026-07-15']) await receipt(beatrix.id, d, 50_000, 'council');
  await payment(beatrix.id, '2026-06-20', 120_000, 'Seaview Respite', 'respite', 'Week at Seaview');
  await payment(beatrix.id, '2026-07-03', 2_000, 'Art Group CIC', 'activities', 'Taster');

  const edmund = await call<Client>('client.create', { name: 'Edmund Quiet', funderIds: [funder.id], startDate: '2026-04-01', councilReference: 'SHC-1004', bankAccountId: pooled.id });

  const world: ReportsWorld = {
    env,
    db,
    call,
    async fail(method, input) {
      const r = await dispatch(env.ctx, method, input);
      if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value).slice(0, 300)}`);
      return r.error;
    },
    funder,
    pooled,
    zoe,
    tomasz,
    beatrix,
    edmund,
    pa,
    payRun: run,
    plan,
    agency,
    entries: { equipment, mistaken, mistakenReversal, netWages, hmrc, refund },
    attachmentId: attachment.id,
    counts() {
      return Object.fromEntries(COUNTED.map((t) => [t, (db().prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
    },
    close() {
      env.ctx.session.disarm();
      env.ctx.session.ledger?.close();
      env.ctx.session.ledger = null;
    },
  };
  return world;
}

/**
 * The client's bank-share movements from the journal itself (independent of any report code):
 * every line on the client's `bank` account dated from..to, with its entry.
 */
export function bankMovements(db: Database, clientId: number, from: string, to: string): Array<{ entryId: number; date: string; kind: string; source: string | null; category: string | null; reference: string; amount: number }> {
  return db
    .prepare(
      `SELECT e.id AS entryId, e.date, e.kind, e.source, e.category, e.reference, l.amount
         FROM journal_lines l JOIN accounts a ON a.id = l.account_id JOIN journal_entries e ON e.id = l.entry_id
        WHERE a.client_id = ? AND a.code = 'bank' AND l.date BETWEEN ? AND ?
        ORDER BY l.date, e.id`,
    )
    .all(clientId, from, to) as Array<{ entryId: number; date: string; kind: string; source: string | null; category: string | null; reference: string; amount: number }>;
}

/** The client's bank share at the end of `date`, straight from the journal. */
export function bankShareAt(db: Database, clientId: number, date: string): number {
  return (
    db
      .prepare(`SELECT COALESCE(SUM(l.amount), 0) AS s FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.client_id = ? AND a.code = 'bank' AND l.date <= ?`)
      .get(clientId, date) as { s: number }
  ).s;
}
