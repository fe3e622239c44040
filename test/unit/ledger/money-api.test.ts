import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder, payment, receipt } from '../../fixtures/money';

let env: TestEnv;
afterEach(() => {
  env?.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

async function setup() {
  env = await openTestLedger();
  const funder = await addFunder(env);
  const client = await addClient(env, funder.id);
  return { funder, client };
}

describe('receipts and payments through the api', () => {
  it('a receipt then a payment: balances, running balance and the double entry', async () => {
    const { client } = await setup();
    const r = await receipt(env, client.id, '2026-04-06', 200_000);
    expect(r.entry.amount).toBe(200_000);
    expect(r.entry.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ['bank', 200_000],
      ['income:council', -200_000],
    ]);
    const p = await payment(env, client.id, '2026-04-07', 45_050);
    expect(p.payeeCreated).toBe(true);
    expect(p.balanceAfter).toBe(154_950);
    const page = await env.call<{ total: number; rows: Array<{ amount: number; runningBalance: number; payeeName: string | null }> }>('transactions.page', { clientId: client.id });
    expect(page.total).toBe(2);
    expect(page.rows.map((x) => [x.amount, x.runningBalance])).toEqual([
      [-45_050, 154_950],
      [200_000, 200_000],
    ]);
    expect(page.rows[0]!.payeeName).toBe('Bright Care Agency');
    const bal = await env.call<{ clients: Array<{ balance: number }> }>('balance.asOf', { asOf: '2026-04-06' });
    expect(bal.clients[0]!.balance).toBe(200_000);
  });

  it('refuses a payment beyond the client’s funds with INSUFFICIENT_FUNDS and writes nothing', async () => {
    const { client } = await setup();
    await receipt(env, client.id, '2026-04-06', 10_000);
    const auditBefore = (await env.call<unknown[]>('audit.list', { limit: 1000 })).length;
    await expect(payment(env, client.id, '2026-04-07', 10_001)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const page = await env.call<{ total: number }>('transactions.page', { clientId: client.id });
    expect(page.total).toBe(1);
    expect((await env.call<unknown[]>('payee.list', {})).length).toBe(0);
    expect((await env.call<unknown[]>('audit.list', { limit: 1000 })).length).toBe(auditBefore);
  });

  it('a back-dated payment may not overdraw a later day', async () => {
    const { client } = await setup();
    await receipt(env, client.id, '2026-04-06', 10_000);
    await payment(env, client.id, '2026-04-20', 8_000);
    // On 2026-04-10 the balance is £100, but paying £50 then would leave -£30 on the 20th.
    await expect(payment(env, client.id, '2026-04-10', 5_000)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await payment(env, client.id, '2026-04-10', 2_000);
  });

  it('an authorised override with a reason lets a payment through and is recorded', async () => {
    const { client } = await setup();
    const p = await payment(env, client.id, '2026-04-07', 5_000, { override: { by: 'Grace Hopper (manager)', reason: 'Council payment confirmed for tomorrow' } });
    expect(p.entry.override).toEqual({ by: 'Grace Hopper (manager)', reason: 'Council payment confirmed for tomorrow' });
    expect(p.balanceAfter).toBe(-5_000);
    const alerts = await env.call<{ alerts: Array<{ kind: string }> }>('alerts.scan', { asOf: '2026-04-07' });
    expect(alerts.alerts.map((a) => a.kind)).toContain('negative-balance');
  });

  it('a trust needs two different trustees to approve a payment', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    const c = await addClient(env, f.id, {
      arrangement: 'user-trust',
      trustees: [
        { name: 'Mary Jones', family: true },
        { name: 'Tom Jones', family: true },
        { name: 'Priya Shah', family: false },
      ],
    });
    await receipt(env, c.id, '2026-04-06', 50_000);
    await expect(payment(env, c.id, '2026-04-07', 1_000, { authorisations: [{ by: 'Mary Jones', method: 'written' }] })).rejects.toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    await expect(
      payment(env, c.id, '2026-04-07', 1_000, {
        authorisations: [
          { by: 'Mary Jones', method: 'written' },
          { by: 'mary jones', method: 'email' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    await expect(
      payment(env, c.id, '2026-04-07', 1_000, {
        authorisations: [
          { by: 'Mary Jones', method: 'written' },
          { by: 'A Stranger', method: 'written' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    const ok = await payment(env, c.id, '2026-04-07', 1_000, {
      authorisations: [
        { by: 'Mary Jones', method: 'written' },
        { by: 'Priya Shah', method: 'phone', note: 'Phone note 10:15' },
      ],
    });
    expect(ok.entry.authorisations.map((a) => a.by)).toEqual(['Mary Jones', 'Priya Shah']);
  });

  it('reversal nets to zero, points at the original, and cannot be repeated', async () => {
    const { client } = await setup();
    await receipt(env, client.id, '2026-04-06', 20_000);
    const p = await payment(env, client.id, '2026-04-07', 5_000);
    const rev = await env.call<{ id: number; reversesId: number; lines: Array<{ amount: number }>; amount: number }>('entry.reverse', { entryId: p.entry.id, reason: 'Paid the wrong agency' });
    expect(rev.reversesId).toBe(p.entry.id);
    expect(rev.amount).toBe(5_000);
    const orig = await env.call<{ reversedById: number }>('entry.get', { id: p.entry.id });
    expect(orig.reversedById).toBe(rev.id);
    await expect(env.call('entry.reverse', { entryId: p.entry.id, reason: 'Paid the wrong agency' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(env.call('entry.reverse', { entryId: rev.id, reason: 'Undo the undo' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const bal = await env.call<{ clients: Array<{ balance: number }> }>('balance.asOf', { asOf: '2026-04-30' });
    expect(bal.clients[0]!.balance).toBe(20_000);
  });

  it('reversing a receipt that was already spent needs an override', async () => {
    const { client } = await setup();
    const r = await receipt(env, client.id, '2026-04-06', 20_000);
    await payment(env, client.id, '2026-04-06', 15_000);
    await expect(env.call('entry.reverse', { entryId: r.entry.id, reason: 'Council recalled it' })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const rev = await env.call<{ override: unknown }>('entry.reverse', { entryId: r.entry.id, reason: 'Council recalled it', override: { by: 'Manager', reason: 'Council recall agreed, top-up due' } });
    expect(rev.override).toBeTruthy();
  });

  it('nothing is posted into a closed period, and periods only close forwards', async () => {
    const { client } = await setup();
    await env.call('period.close', { through: '2026-03-31' });
    await expect(receipt(env, client.id, '2026-03-31', 1_000)).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(env.call('period.close', { through: '2026-03-30' })).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(env.call('period.close', { through: '2026-04-06' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await receipt(env, client.id, '2026-04-01', 1_000);
    expect(await env.call('period.status')).toEqual({ closedThrough: '2026-03-31' });
  });

  it('a client in a pooled account cannot spend another client’s share', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    const pool = await env.call<{ id: number }>('bankAccount.create', { name: 'Client money pool', kind: 'pooled', sortCode: '12-34-56', accountNumber: '12345678' });
    const a = await addClient(env, f.id, { name: 'Client A', bankAccountId: pool.id });
    const b = await addClient(env, f.id, { name: 'Client B', bankAccountId: pool.id });
    await receipt(env, a.id, '2026-04-06', 100_000);
    await expect(payment(env, b.id, '2026-04-07', 1)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const accts = await env.call<Array<{ id: number; kind: string; balance: number; clientIds: number[] }>>('bankAccount.list');
    const p = accts.find((x) => x.id === pool.id)!;
    expect(p.clientIds).toEqual([a.id, b.id]);
    expect(p.balance).toBe(100_000);
  });
});

describe('client rules', () => {
  it('checks the NHS number check digit', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    await expect(addClient(env, f.id, { nhsNumber: '943 476 5918' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const c = await addClient(env, f.id, { nhsNumber: '943 476 5919' });
    expect(c.nhsNumber).toBe('9434765919');
  });

  it('under-16s hold no budget themselves; a child’s budget names the parent or guardian', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    await expect(addClient(env, f.id, { dateOfBirth: '2015-01-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(addClient(env, f.id, { dateOfBirth: '2015-01-01', budgetFor: 'child' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const c = await addClient(env, f.id, { dateOfBirth: '2015-01-01', budgetFor: 'child', accountHolder: 'Sam Parent' });
    expect(c.accountHolder).toBe('Sam Parent');
    const sixteen = await addClient(env, f.id, { name: 'Sixteen', dateOfBirth: '2010-04-06' });
    expect(sixteen.budgetFor).toBe('person');
  });

  it('a trust needs at least two trustees', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    await expect(addClient(env, f.id, { arrangement: 'user-trust', trustees: [{ name: 'Only One' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a patch changes only the fields it names (no defaults fill the rest)', async () => {
    env = await openTestLedger();
    const f = await addFunder(env);
    const c = await addClient(env, f.id, {
      preferredName: 'Ada',
      address: '1 High Street',
      nhsNumber: '943 476 5919',
      contacts: [{ name: 'Byron', relationship: 'Father' }],
      arrangement: 'isf',
      notes: 'Prefers email',
    });
    const after = await env.call<Record<string, unknown>>('client.update', { id: c.id, patch: { name: 'Ada King' } });
    expect(after).toMatchObject({
      name: 'Ada King',
      preferredName: 'Ada',
      address: '1 High Street',
      nhsNumber: '9434765919',
      dateOfBirth: '1980-05-01',
      arrangement: 'isf',
      notes: 'Prefers email',
      contacts: [{ name: 'Byron', relationship: 'Father', phone: '', email: '' }],
    });
  });

  it('editing a client records before and after in the audit log', async () => {
    const { client } = await setup();
    await env.call('client.update', { id: client.id, patch: { preferredName: 'Ada', address: '1 High Street, St Helens' } });
    const audit = await env.call<Array<{ action: string; before: { preferredName: string }; after: { preferredName: string; address: string } }>>('audit.list', { entity: 'client', entityId: String(client.id) });
    const upd = audit.find((a) => a.action === 'update')!;
    expect(upd.before.preferredName).toBe('');
    expect(upd.after.preferredName).toBe('Ada');
    expect(upd.after.address).toBe('1 High Street, St Helens');
  });
});
