/**
 * Ending a client: the final settlement. Overpaid contributions go back to the client first (when
 * the funder's rule says so) and the rest to the funder; the balance ends at zero, schedules end,
 * the status is 'ended', and nothing more can be posted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Client, ClientDetail, Entry, Payee } from '../../../shared/contract-money';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder, payment, receipt } from '../../fixtures/money';

let env: TestEnv;
afterEach(() => {
  env.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

interface EndResult {
  client: Client;
  refundToClient: number;
  refundToFunder: number;
  entries: Entry[];
}

const counts = () => {
  const db = env.ctx.session.ledger!.db;
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { entries: n('journal_entries'), audit: n('audit_log'), payees: n('payees') };
};

const endIt = (id: number, date = '2026-04-24') => env.call<EndResult>('client.end', { id, date, reason: 'Moved to a residential placement', authorisedBy: 'Grace Hopper (manager)' });
const balanceOn = async (clientId: number, asOf: string) => (await env.call<{ clients: Array<{ balance: number }> }>('balance.asOf', { asOf, clientId })).clients[0]!.balance;

/**
 * Council £2,000 4-weekly and a £10 weekly contribution from 6 April 2026. By 24 April three
 * contributions were due (6, 13, 20 April: £30), £55 was paid (£25 extra on the 20th), £500 was
 * spent: balance £2,000 + £55 − £500 = £1,555.
 */
async function setup(rules: Record<string, unknown> = {}) {
  env = await openTestLedger();
  env.clock.set('2026-04-24T10:00:00.000Z');
  const funder = await addFunder(env, 'St Helens Council', rules);
  const client = await addClient(env, funder.id);
  await env.call('schedule.create', { clientId: client.id, source: 'council', amount: 200_000, cadence: 'four-weekly', firstDate: '2026-04-06' });
  await env.call('schedule.create', { clientId: client.id, source: 'contribution', amount: 1_000, cadence: 'weekly', firstDate: '2026-04-06' });
  await receipt(env, client.id, '2026-04-06', 200_000);
  for (const d of ['2026-04-06', '2026-04-13', '2026-04-20']) await receipt(env, client.id, d, 1_000, 'contribution');
  await receipt(env, client.id, '2026-04-20', 2_500, 'contribution');
  const spent = await payment(env, client.id, '2026-04-10', 50_000);
  expect(await balanceOn(client.id, '2026-04-24')).toBe(155_500);
  return { funder, client, spent };
}

describe('client.end: the final settlement', () => {
  it('refunds overpaid contributions to the client first, the rest to the funder; balance ends at 0', async () => {
    const { client } = await setup();
    const r = await endIt(client.id);
    expect(r.refundToClient).toBe(2_500);
    expect(r.refundToFunder).toBe(153_000);
    expect(r.entries.map((e) => [e.kind, e.source, e.date, e.amount, e.payeeName])).toEqual([
      ['refund', 'contribution', '2026-04-24', -2_500, 'Ada Lovelace'],
      ['refund', 'council', '2026-04-24', -153_000, 'St Helens Council'],
    ]);
    expect(r.entries[0]!.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ['income:contribution', 2_500],
      ['bank', -2_500],
    ]);
    expect(r.entries[1]!.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ['income:council', 153_000],
      ['bank', -153_000],
    ]);
    expect(r.entries.every((e) => e.authorisations[0]?.by === 'Grace Hopper (manager)')).toBe(true);
    expect(await balanceOn(client.id, '2026-04-24')).toBe(0);
    expect(await balanceOn(client.id, '2027-04-24')).toBe(0);

    const detail = await env.call<ClientDetail>('client.get', { id: client.id, asOf: '2026-04-24' });
    const acct = Object.fromEntries(detail.accounts.map((a) => [a.code, a.balance]));
    expect(acct['bank']).toBe(0);
    expect(acct['income:contribution']).toBe(-3_000); // exactly the £30 assessed is kept
    expect(acct['income:council']).toBe(-47_000); // the £470 spent on care (less the £30 contributed)
    expect(detail.contributions).toEqual({ assessedToDate: 3_000, receivedToDate: 3_000, arrears: 0 });

    const payees = await env.call<Payee[]>('payee.list', { clientId: client.id });
    expect(payees.find((p) => p.name === 'Ada Lovelace')).toMatchObject({ kind: 'client', clientId: client.id });
    expect(payees.find((p) => p.name === 'St Helens Council')).toMatchObject({ kind: 'funder', clientId: null });
  });

  it('ends the client and every schedule on the end date, with the reason in the audit log', async () => {
    const { client } = await setup();
    const r = await endIt(client.id);
    expect(r.client).toMatchObject({ status: 'ended', endDate: '2026-04-24' });
    const detail = await env.call<ClientDetail>('client.get', { id: client.id });
    expect(detail.client).toMatchObject({ status: 'ended', endDate: '2026-04-24' });
    expect(detail.schedules.map((s) => s.endDate)).toEqual(['2026-04-24', '2026-04-24']);
    const audit = await env.call<Array<{ action: string; after: { reason?: string; status?: string } }>>('audit.list', { entity: 'client', entityId: String(client.id) });
    expect(audit.find((a) => a.action === 'end')?.after).toMatchObject({ status: 'ended', reason: 'Moved to a residential placement' });
  });

  it('an ended client raises no alerts and expects nothing after the end date', async () => {
    const { client } = await setup();
    await endIt(client.id);
    env.clock.set('2026-08-01T10:00:00.000Z');
    const scan = await env.call<{ alerts: Array<{ clientId: number }> }>('alerts.scan', {});
    expect(scan.alerts.filter((a) => a.clientId === client.id)).toEqual([]);
    const detail = await env.call<ClientDetail>('client.get', { id: client.id, asOf: '2026-08-01' });
    expect(detail.expected.filter((d) => d.dueDate > '2026-04-24')).toEqual([]);
  });

  it('with refundContributionFirst off, everything goes back to the funder', async () => {
    const { client } = await setup({ refundContributionFirst: false });
    const r = await endIt(client.id);
    expect([r.refundToClient, r.refundToFunder]).toEqual([0, 155_500]);
    expect(r.entries.map((e) => [e.source, e.amount])).toEqual([['council', -155_500]]);
    expect(await balanceOn(client.id, '2026-04-24')).toBe(0);
  });

  it('when the overpayment is more than the balance, the client gets the balance and the funder nothing', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    const c = await addClient(env, f.id);
    await env.call('schedule.create', { clientId: c.id, source: 'contribution', amount: 1_000, cadence: 'weekly', firstDate: '2026-04-06' });
    await receipt(env, c.id, '2026-04-06', 10_000);
    await receipt(env, c.id, '2026-04-06', 1_000, 'contribution');
    await receipt(env, c.id, '2026-04-07', 20_000, 'contribution');
    await payment(env, c.id, '2026-04-08', 25_000);
    // Assessed by 10 April: 1 × £10 (due 6 April); received £210: £200 overpaid; balance £60.
    const r = await endIt(c.id, '2026-04-10');
    expect([r.refundToClient, r.refundToFunder]).toEqual([6_000, 0]);
    expect(r.entries.map((e) => [e.source, e.amount])).toEqual([['contribution', -6_000]]);
    expect(await balanceOn(c.id, '2026-04-10')).toBe(0);
  });

  it('a zero balance ends with no entries', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    const c = await addClient(env, f.id);
    const before = counts();
    const r = await endIt(c.id, '2026-04-10');
    expect(r).toMatchObject({ refundToClient: 0, refundToFunder: 0, entries: [], client: { status: 'ended' } });
    expect(counts().entries).toBe(before.entries);
  });
});

describe('client.end refusals write nothing', () => {
  it('a balance below zero (after an override) must be brought to zero first', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    const c = await addClient(env, f.id);
    await payment(env, c.id, '2026-04-06', 5_000, { override: { by: 'Manager', reason: 'Council payment confirmed for tomorrow' } });
    const before = counts();
    await expect(endIt(c.id, '2026-04-10')).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', message: expect.stringMatching(/-£50.00/) as string });
    expect(counts()).toEqual(before);
    expect((await env.call<ClientDetail>('client.get', { id: c.id })).client.status).toBe('active');
  });

  it('entries dated after the end date', async () => {
    const { client } = await setup();
    const before = counts();
    await expect(endIt(client.id, '2026-04-15')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/after 2026-04-15/) as string });
    expect(counts()).toEqual(before);
  });

  it('an end date in a closed period', async () => {
    const { client } = await setup();
    await env.call('period.close', { through: '2026-04-23' });
    const before = counts();
    await expect(endIt(client.id, '2026-04-23')).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    expect(counts()).toEqual(before);
  });
});

describe('after the end nothing more can be posted', () => {
  it('receipts, payments, a second end and reopening are refused (CONFLICT) and write nothing', async () => {
    const { client } = await setup();
    await endIt(client.id);
    const before = counts();
    await expect(receipt(env, client.id, '2026-04-25', 1_000)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(receipt(env, client.id, '2026-04-25', 1_000, 'contribution')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(payment(env, client.id, '2026-04-25', 1, { override: { by: 'Manager', reason: 'Late invoice from the agency' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(endIt(client.id, '2026-04-30')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(env.call('client.setStatus', { id: client.id, status: 'active', reason: 'Came back' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(counts()).toEqual(before);
  });

  it('reversing one of its entries is refused too (it would post to an ended client)', async () => {
    const { client, spent } = await setup();
    const r = await endIt(client.id);
    const before = counts();
    await expect(env.call('entry.reverse', { entryId: r.entries[1]!.id, reason: 'Funder refund sent twice' }), 'reversing the refund').rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(env.call('entry.reverse', { entryId: spent.entry.id, reason: 'Agency refunded the invoice' }), 'reversing a payment').rejects.toMatchObject({ code: 'CONFLICT' });
    expect(counts()).toEqual(before);
    expect(await balanceOn(client.id, '2027-01-01')).toBe(0);
  });

  it('a schedule that had not started by the end date expects nothing afterwards', async () => {
    env = await openTestLedger();
    env.clock.set('2026-04-24T10:00:00.000Z');
    const f = await addFunder(env);
    const c = await addClient(env, f.id);
    await env.call('schedule.create', { clientId: c.id, source: 'contribution', amount: 1_000, cadence: 'weekly', firstDate: '2026-05-04' });
    await endIt(c.id);
    const detail = await env.call<ClientDetail>('client.get', { id: c.id, asOf: '2026-06-01' });
    expect(detail.expected.map((d) => d.dueDate)).toEqual([]);
    // (+ 0 folds a -0 from negating an empty sum; it is the same amount)
    const { assessedToDate, receivedToDate, arrears } = detail.contributions;
    expect([assessedToDate + 0, receivedToDate + 0, arrears + 0]).toEqual([0, 0, 0]);
  });
});
