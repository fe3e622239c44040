/**
 * Payroll liabilities through the api: what a posted run leaves owing (payroll.liabilities) and
 * paying it out (payroll.payLiability): Dr liability / Cr bank, audited, with refusals that write
 * nothing: more than is owed, a closed period, too little money, an unknown client, another
 * client's payee, and a trust payment with one trustee.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ops, type Ops } from './ops-fixture';

let o: Ops;
afterEach(() => o?.close());

// £3,000 in month 1 (1257L, A, no loans): tax £390.20, employee NI £156.16, employer NI £387.45.
const NET = 300_000 - 39020 - 15616; // £2,453.64
const PAYE_NI = 39020 + 15616 + 38745; // £933.81

async function posted(clientExtra: Record<string, unknown> = {}, approvers?: string[]) {
  o = await ops();
  const c = await o.employer('Ada Lovelace', {}, clientExtra);
  const pa = await o.pa(c.id, 'Grace Hopper', 'JG103759A');
  await o.sheet(pa.id, '2026-04-06', '2026-04-30', 20, 1000, approvers);
  await o.fund(c.id, '2026-04-06', 500_000);
  const run = await o.postPeriod(c.id, 1, '2026-27', approvers);
  return { c, run };
}

function entryLines(entryId: number): Record<string, number> {
  const rows = o.env.ctx.session
    .ledger!.db.prepare('SELECT a.code, l.amount FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.entry_id = ? ORDER BY l.seq')
    .all(entryId) as Array<{ code: string; amount: number }>;
  return Object.fromEntries(rows.map((r) => [r.code, r.amount]));
}

const pay = (clientId: number, extra: Record<string, unknown> = {}) => ({
  clientId,
  liability: 'net-wages',
  amount: NET,
  date: '2026-04-28',
  payeeName: 'Grace Hopper',
  authorisations: [{ by: 'Ada Lovelace', method: 'email' }],
  ...extra,
});

describe('payroll.liabilities', () => {
  it('reads what the posted run left owing, as at a date', async () => {
    const { c, run } = await posted();
    expect(run.status).toBe('posted');
    expect(await o.env.call('payroll.liabilities', { clientId: c.id, asOf: '2026-04-30' })).toEqual({ netWages: NET, payeNi: PAYE_NI, pension: 0 });
    // Before pay day nothing was owed yet.
    expect(await o.env.call('payroll.liabilities', { clientId: c.id, asOf: '2026-04-27' })).toEqual({ netWages: 0, payeNi: 0, pension: 0 });
    expect(await o.fail('payroll.liabilities', { clientId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('payroll.payLiability', () => {
  it('pays net wages: Dr liability:net-wages / Cr bank, audited, and the outstanding figure falls', async () => {
    const { c } = await posted();
    const r = await o.env.call<{ entryId: number; liability: string; amount: number; outstandingAfter: number }>('payroll.payLiability', pay(c.id, { amount: 200_000 }));
    expect(r).toEqual({ entryId: expect.any(Number), liability: 'net-wages', amount: 200_000, outstandingAfter: NET - 200_000 });
    expect(entryLines(r.entryId)).toEqual({ 'liability:net-wages': 200_000, bank: -200_000 });
    const p = await o.env.call<{ entryId: number; outstandingAfter: number }>('payroll.payLiability', pay(c.id, { liability: 'paye-ni', amount: PAYE_NI, payeeName: 'HMRC', date: '2026-05-20' }));
    expect(p.outstandingAfter).toBe(0);
    expect(entryLines(p.entryId)).toEqual({ 'liability:paye-ni': PAYE_NI, bank: -PAYE_NI });
    expect(await o.env.call('payroll.liabilities', { clientId: c.id, asOf: '2026-06-01' })).toEqual({ netWages: NET - 200_000, payeNi: 0, pension: 0 });
    const audit = await o.env.call<Array<{ action: string }>>('audit.list', { entity: 'entry', entityId: String(r.entryId) });
    expect(audit.map((a) => a.action)).toContain('pay-liability');
  });

  it('refuses paying more than is owed (VALIDATION, "amount") and writes nothing', async () => {
    const { c } = await posted();
    const before = o.counts();
    const e = await o.fail('payroll.payLiability', pay(c.id, { amount: NET + 1 }));
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'amount' });
    expect(e.message).toContain('owes £2,453.64 on net wages');
    expect(await o.fail('payroll.payLiability', pay(c.id, { liability: 'pension', amount: 1 }))).toMatchObject({ code: 'VALIDATION', where: 'amount' });
    // Dated before the run was posted: nothing was owed then.
    expect(await o.fail('payroll.payLiability', pay(c.id, { date: '2026-04-27', amount: 100 }))).toMatchObject({ code: 'VALIDATION', where: 'amount' });
    expect(o.counts()).toEqual(before);
  });

  it('refuses a payment into a closed period (PERIOD_CLOSED, "date") and writes nothing', async () => {
    const { c } = await posted();
    o.env.clock.set('2026-06-10T09:00:00.000Z');
    await o.env.call('period.close', { through: '2026-05-31' });
    const before = o.counts();
    expect(await o.fail('payroll.payLiability', pay(c.id, { date: '2026-05-30' }))).toMatchObject({ code: 'PERIOD_CLOSED', where: 'date' });
    expect(o.counts()).toEqual(before);
    await o.env.call('payroll.payLiability', pay(c.id, { date: '2026-06-01' }));
  });

  it('refuses when the bank share would go below zero (INSUFFICIENT_FUNDS, "amount")', async () => {
    const { c } = await posted();
    // £5,000 in; £3,000 goes to an agency first, leaving £2,000.
    await o.env.call('payment.add', { clientId: c.id, date: '2026-04-20', amount: 300_000, payeeName: 'Bright Care Agency', category: 'agency', authorisations: [{ by: 'Ada Lovelace' }] });
    const before = o.counts();
    const e = await o.fail('payroll.payLiability', pay(c.id));
    expect(e).toMatchObject({ code: 'INSUFFICIENT_FUNDS', where: 'amount' });
    expect(e.message).toContain('£2,000.00 available');
    expect(o.counts()).toEqual(before);
  });

  it("refuses an unknown client, another client's payee, and both payee fields", async () => {
    const { c } = await posted();
    const other = await o.env.call<{ id: number }>('client.create', { name: 'Bob Smith', funderIds: [o.funder.id], startDate: '2026-04-06', dateOfBirth: '1980-05-01' });
    const payee = await o.env.call<{ id: number }>('payee.create', { name: "Bob's cleaner", kind: 'supplier', clientId: other.id, sortCode: '', accountNumber: '' });
    const before = o.counts();
    expect(await o.fail('payroll.payLiability', pay(999))).toMatchObject({ code: 'NOT_FOUND' });
    const { payeeName: _n, ...noName } = pay(c.id);
    expect(await o.fail('payroll.payLiability', { ...noName, payeeId: payee.id })).toMatchObject({ code: 'FORBIDDEN', where: 'payeeId' });
    expect(await o.fail('payroll.payLiability', pay(c.id, { payeeId: payee.id }))).toMatchObject({ code: 'VALIDATION', where: 'payeeId' });
    expect(await o.fail('payroll.payLiability', pay(c.id, { amount: 0 }))).toMatchObject({ code: 'VALIDATION', where: 'amount' });
    expect(await o.fail('payroll.payLiability', pay(c.id, { liability: 'invoices' }))).toMatchObject({ code: 'VALIDATION', where: 'liability' });
    expect(o.counts()).toEqual(before);
  });

  it("a trust's payment needs two different trustees", async () => {
    const trust = { arrangement: 'user-trust', trustees: [{ name: 'Tom Trustee', family: true }, { name: 'Tess Trustee', family: false }] };
    const { c } = await posted(trust, ['Tom Trustee', 'Tess Trustee']);
    const before = o.counts();
    const one = await o.fail('payroll.payLiability', pay(c.id, { authorisations: [{ by: 'Tom Trustee' }] }));
    expect(one).toMatchObject({ code: 'AUTHORISATION_REQUIRED', where: 'authorisations' });
    expect(o.counts()).toEqual(before);
    const r = await o.env.call<{ outstandingAfter: number }>('payroll.payLiability', pay(c.id, { authorisations: [{ by: 'Tom Trustee' }, { by: 'tess trustee' }] }));
    expect(r.outstandingAfter).toBe(0);
  });
});

