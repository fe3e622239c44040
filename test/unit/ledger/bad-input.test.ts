/**
 * Bad input to the money methods: each is refused with a stable code, a message a broker can act
 * on (it names the field or the thing), the field in `where` where there is one, and NOTHING is
 * written (journal, lines, audit log, payees, attachments, schedules, clients compared before and
 * after).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api';
import type { Method } from '../../../shared/contract';
import { MAX_AMOUNT } from '../../../shared/contract-money';
import type { ErrorBody } from '../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder, payment, receipt } from '../../fixtures/money';

let env: TestEnv;
let clientA: number;
let clientB: number;
let twoFunders: number;
let trust: number;
let ended: number;
let entryA: number;
let entryB: number;
let payeeOfB: number;

const PDF = Buffer.from('%PDF-1.4\n%evidence\n').toString('base64');

beforeEach(async () => {
  env = await openTestLedger();
  const f = await addFunder(env);
  const f2 = await addFunder(env, 'Sefton Council');
  clientA = (await addClient(env, f.id, { name: 'Client A' })).id;
  clientB = (await addClient(env, f.id, { name: 'Client B' })).id;
  twoFunders = (await addClient(env, f.id, { name: 'Two Funders', funderIds: [f.id, f2.id] })).id;
  trust = (
    await addClient(env, f.id, {
      name: 'Trust Client',
      arrangement: 'user-trust',
      trustees: [
        { name: 'Mary Jones', family: true },
        { name: 'Priya Shah', family: false },
      ],
    })
  ).id;
  ended = (await addClient(env, f.id, { name: 'Ended Client' })).id;
  await env.call('client.end', { id: ended, date: '2026-04-06', reason: 'Moved to another area', authorisedBy: 'Manager' });
  entryA = (await receipt(env, clientA, '2026-04-06', 100_000)).entry.id;
  entryB = (await receipt(env, clientB, '2026-04-06', 50_000)).entry.id;
  await receipt(env, trust, '2026-04-06', 50_000);
  await payment(env, clientA, '2026-04-06', 1_000);
  payeeOfB = (await env.call<{ id: number }>('payee.create', { name: 'Sam (PA to Client B)', kind: 'pa', clientId: clientB })).id;
  await env.call('period.close', { through: '2026-03-31' });
});

afterEach(() => {
  env.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

function snapshot(): Record<string, number> {
  const db = env.ctx.session.ledger!.db;
  const out: Record<string, number> = {};
  for (const t of ['journal_entries', 'journal_lines', 'audit_log', 'payees', 'attachments', 'schedules', 'clients', 'funders', 'period_closes', 'bank_accounts']) {
    out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  out['ended_clients'] = (db.prepare("SELECT COUNT(*) AS n FROM clients WHERE status = 'ended'").get() as { n: number }).n;
  out['open_schedules'] = (db.prepare('SELECT COUNT(*) AS n FROM schedules WHERE end_date IS NULL').get() as { n: number }).n;
  return out;
}

/** Call, expect a refusal, and check nothing was written. */
async function refused(method: Method, input: unknown): Promise<ErrorBody> {
  const before = snapshot();
  const r = await dispatch(env.ctx, method, input);
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
  expect(r.error.message.length, 'a message').toBeGreaterThan(10);
  expect(snapshot(), `${method}: nothing written`).toEqual(before);
  return r.error;
}

const pay = (extra: Record<string, unknown>) => ({
  clientId: clientA,
  date: '2026-04-07',
  amount: 1_000,
  payeeName: 'Bright Care Agency',
  category: 'agency',
  authorisations: [{ by: 'Ada Lovelace', method: 'email' }],
  ...extra,
});
const rec = (extra: Record<string, unknown>) => ({ clientId: clientA, date: '2026-04-07', amount: 1_000, source: 'council', ...extra });

describe('unknown ids', () => {
  it('receipt for an unknown client: NOT_FOUND naming the client', async () => {
    expect(await refused('receipt.add', rec({ clientId: 999 }))).toMatchObject({ code: 'NOT_FOUND', where: 'clientId', message: expect.stringMatching(/client 999/) as string });
  });

  it('payment for an unknown client', async () => {
    expect(await refused('payment.add', pay({ clientId: 999 }))).toMatchObject({ code: 'NOT_FOUND', where: 'clientId' });
  });

  it('receipt from a funder that does not fund the client', async () => {
    expect(await refused('receipt.add', rec({ funderId: 999 }))).toMatchObject({ code: 'VALIDATION', where: 'funderId', message: expect.stringMatching(/Funder 999 does not fund Client A/) as string });
  });

  it('council receipt for a client with two funders and no funder named', async () => {
    expect(await refused('receipt.add', rec({ clientId: twoFunders }))).toMatchObject({ code: 'VALIDATION', where: 'funderId', message: expect.stringMatching(/more than one funder/) as string });
  });

  it('payment to an unknown payee', async () => {
    expect(await refused('payment.add', pay({ payeeName: undefined, payeeId: 999 }))).toMatchObject({ code: 'NOT_FOUND', where: 'payeeId', message: expect.stringMatching(/payee 999/) as string });
  });

  it('reversing an unknown entry', async () => {
    expect(await refused('entry.reverse', { entryId: 999, reason: 'Posted in error' })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/entry 999/) as string });
  });

  it('a client with an unknown funder', async () => {
    expect(await refused('client.create', { name: 'New', funderIds: [999], startDate: '2026-04-06' })).toMatchObject({ code: 'NOT_FOUND', where: 'funderId', message: expect.stringMatching(/funder 999/) as string });
  });

  it('a schedule for an unknown client', async () => {
    expect(await refused('schedule.create', { clientId: 999, source: 'council', amount: 1_000, cadence: 'weekly', firstDate: '2026-04-06' })).toMatchObject({ code: 'NOT_FOUND', where: 'clientId' });
  });

  it('evidence for an unknown client', async () => {
    expect(await refused('attachment.add', { clientId: 999, filename: 'a.pdf', dataBase64: PDF })).toMatchObject({ code: 'NOT_FOUND', where: 'clientId' });
  });
});

describe('amounts', () => {
  for (const [label, amount, text] of [
    ['negative', -100, /more than £0.00/],
    ['zero', 0, /more than £0.00/],
    ['fractional pence', 10.5, /whole pence/],
    ['too large', MAX_AMOUNT + 1, /larger than £10,000,000/],
    ['not a number', '10.00', /amount/],
  ] as const) {
    it(`${label}: VALIDATION on amount, for receipts, payments and schedules`, async () => {
      for (const [method, input] of [
        ['receipt.add', rec({ amount })],
        ['payment.add', pay({ amount })],
        ['schedule.create', { clientId: clientA, source: 'council', amount, cadence: 'weekly', firstDate: '2026-04-06' }],
      ] as const) {
        const e = await refused(method, input);
        expect(e, method).toMatchObject({ code: 'VALIDATION', where: 'amount' });
        expect(e.message, method).toMatch(text);
      }
    });
  }

  it('the largest amount is accepted (the boundary is exact)', async () => {
    const r = await dispatch(env.ctx, 'receipt.add', rec({ amount: MAX_AMOUNT, source: 'other' }));
    expect(r.ok).toBe(true);
  });
});

describe('dates', () => {
  it('an impossible day (2026-02-30) on a receipt, payment, reversal and schedule', async () => {
    for (const [method, input] of [
      ['receipt.add', rec({ date: '2026-02-30' })],
      ['payment.add', pay({ date: '2026-02-30' })],
      ['entry.reverse', { entryId: entryA, reason: 'Posted in error', date: '2026-02-30' }],
      ['schedule.create', { clientId: clientA, source: 'council', amount: 1_000, cadence: 'weekly', firstDate: '2026-02-30' }],
    ] as const) {
      const e = await refused(method, input);
      expect(e, method).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/YYYY-MM-DD/) as string });
      expect(e.where, method).toMatch(/date|firstDate/i);
    }
  });

  it('a date written the British way', async () => {
    expect(await refused('receipt.add', rec({ date: '07/04/2026' }))).toMatchObject({ code: 'VALIDATION', where: 'date' });
  });

  it('a receipt in a closed period: PERIOD_CLOSED on date, saying through when', async () => {
    expect(await refused('receipt.add', rec({ date: '2026-03-31' }))).toMatchObject({ code: 'PERIOD_CLOSED', where: 'date', message: expect.stringMatching(/closed through 2026-03-31/) as string });
  });

  it('a reversal dated before the entry it reverses', async () => {
    expect(await refused('entry.reverse', { entryId: entryA, reason: 'Posted in error', date: '2026-04-05' })).toMatchObject({ code: 'VALIDATION', where: 'date', message: expect.stringMatching(/2026-04-06/) as string });
  });

  it('a schedule ending before it starts', async () => {
    expect(await refused('schedule.create', { clientId: clientA, source: 'council', amount: 1_000, cadence: 'weekly', firstDate: '2026-04-06', endDate: '2026-04-05' })).toMatchObject({ code: 'VALIDATION', where: 'endDate' });
  });
});

describe('categories, sources and cadences', () => {
  it('an unknown payment category', async () => {
    expect(await refused('payment.add', pay({ category: 'holiday-fund' }))).toMatchObject({ code: 'VALIDATION', where: 'category' });
  });

  it('an unknown receipt source', async () => {
    expect(await refused('receipt.add', rec({ source: 'gift' }))).toMatchObject({ code: 'VALIDATION', where: 'source' });
  });

  it('an unknown cadence', async () => {
    expect(await refused('schedule.create', { clientId: clientA, source: 'council', amount: 1_000, cadence: 'fortnightly', firstDate: '2026-04-06' })).toMatchObject({ code: 'VALIDATION', where: 'cadence' });
  });

  it('a contribution receipt naming a funder', async () => {
    expect(await refused('receipt.add', rec({ source: 'contribution', funderId: 1 }))).toMatchObject({ code: 'VALIDATION', where: 'funderId', message: expect.stringMatching(/funder/) as string });
  });

  it('a contribution schedule naming a funder', async () => {
    expect(await refused('schedule.create', { clientId: clientA, source: 'contribution', funderId: 1, amount: 1_000, cadence: 'weekly', firstDate: '2026-04-06' })).toMatchObject({
      code: 'VALIDATION',
      where: 'funderId',
      message: expect.stringMatching(/paid by the client/) as string,
    });
  });

  it('a field the method does not know', async () => {
    expect(await refused('receipt.add', rec({ vat: 20 }))).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('authorisation and overrides', () => {
  it('a payment with no authorisation', async () => {
    expect(await refused('payment.add', pay({ authorisations: undefined }))).toMatchObject({ code: 'VALIDATION', where: 'authorisations' });
    expect(await refused('payment.add', pay({ authorisations: [] }))).toMatchObject({ code: 'VALIDATION', where: 'authorisations', message: expect.stringMatching(/who authorised/) as string });
  });

  it('an authorisation with no name', async () => {
    expect(await refused('payment.add', pay({ authorisations: [{ by: '  ', method: 'email' }] }))).toMatchObject({ code: 'VALIDATION', where: 'authorisations.0.by' });
  });

  it('a trust payment with one trustee, or a stranger', async () => {
    expect(await refused('payment.add', pay({ clientId: trust, authorisations: [{ by: 'Mary Jones' }] }))).toMatchObject({ code: 'AUTHORISATION_REQUIRED', where: 'authorisations', message: expect.stringMatching(/two different trustees/) as string });
    expect(await refused('payment.add', pay({ clientId: trust, authorisations: [{ by: 'Mary Jones' }, { by: 'A Stranger' }] }))).toMatchObject({
      code: 'AUTHORISATION_REQUIRED',
      message: expect.stringMatching(/A Stranger is not a trustee/) as string,
    });
  });

  it('an override whose reason is too short', async () => {
    expect(await refused('payment.add', pay({ amount: 500_000, override: { by: 'Manager', reason: 'ok' } }))).toMatchObject({ code: 'VALIDATION', where: 'override.reason', message: expect.stringMatching(/reason/) as string });
    expect(await refused('entry.reverse', { entryId: entryA, reason: 'Posted in error', override: { by: 'Manager', reason: '   ok   ' } })).toMatchObject({ code: 'VALIDATION', where: 'override.reason' });
  });

  it('a payment beyond the funds without an override writes nothing, not even the new payee', async () => {
    const e = await refused('payment.add', pay({ amount: 500_000, payeeName: 'A Brand New Supplier' }));
    expect(e).toMatchObject({ code: 'INSUFFICIENT_FUNDS', where: 'amount', details: { available: 99_000, amount: 500_000 } });
    expect(e.message).toMatch(/Client A has £990.00 available on 2026-04-07; this payment is £5,000.00/);
  });

  it('a reversal reason too short', async () => {
    expect(await refused('entry.reverse', { entryId: entryA, reason: 'oops' })).toMatchObject({ code: 'VALIDATION', where: 'reason' });
  });
});

describe('payees', () => {
  it('payee given both by id and by name, or neither', async () => {
    expect(await refused('payment.add', pay({ payeeId: payeeOfB }))).toMatchObject({ code: 'VALIDATION', where: 'payeeId', message: expect.stringMatching(/payee/) as string });
    expect(await refused('payment.add', pay({ payeeName: undefined }))).toMatchObject({ code: 'VALIDATION', where: 'payeeId' });
  });

  it("another client's payee: FORBIDDEN", async () => {
    expect(await refused('payment.add', pay({ payeeName: undefined, payeeId: payeeOfB }))).toMatchObject({
      code: 'FORBIDDEN',
      where: 'payeeId',
      message: expect.stringMatching(/Sam \(PA to Client B\) is another client's payee/) as string,
    });
  });
});

describe('an ended client', () => {
  it('refuses receipts and payments with CONFLICT naming the end date', async () => {
    for (const [method, input] of [
      ['receipt.add', rec({ clientId: ended })],
      ['payment.add', pay({ clientId: ended })],
    ] as const) {
      expect(await refused(method, input), method).toMatchObject({ code: 'CONFLICT', where: 'clientId', message: expect.stringMatching(/ended on 2026-04-06/) as string });
    }
  });

  it('cannot be ended again or reopened', async () => {
    expect(await refused('client.end', { id: ended, date: '2026-04-07', reason: 'Again, by mistake', authorisedBy: 'Manager' })).toMatchObject({ code: 'CONFLICT' });
    expect(await refused('client.setStatus', { id: ended, status: 'active', reason: 'Came back' })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/cannot be reopened/) as string });
  });
});

describe('attachments', () => {
  it('a file that is not a PDF, PNG or JPEG', async () => {
    const e = await refused('attachment.add', { clientId: clientA, filename: 'invoice.docx', dataBase64: Buffer.from('PK\u0003\u0004 not a pdf').toString('base64') });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'dataBase64', message: expect.stringMatching(/"invoice.docx" is not a PDF, PNG or JPEG/) as string });
  });

  it('a PDF by name only (content decides)', async () => {
    expect(await refused('attachment.add', { clientId: clientA, filename: 'invoice.pdf', dataBase64: Buffer.from('<html>').toString('base64') })).toMatchObject({ code: 'VALIDATION', where: 'dataBase64' });
  });

  it('an empty file', async () => {
    expect(await refused('attachment.add', { clientId: clientA, filename: 'empty.pdf', dataBase64: '' })).toMatchObject({ code: 'VALIDATION', where: 'dataBase64', message: expect.stringMatching(/empty/) as string });
    expect(await refused('attachment.add', { clientId: clientA, filename: 'empty.pdf', dataBase64: '==' })).toMatchObject({ code: 'VALIDATION', where: 'dataBase64', message: expect.stringMatching(/empty/) as string });
  });

  it('over 10 MB (one byte over, and far over)', async () => {
    const justOver = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    justOver.write('%PDF-1.4', 0, 'latin1');
    expect(await refused('attachment.add', { clientId: clientA, filename: 'big.pdf', dataBase64: justOver.toString('base64') })).toMatchObject({
      code: 'VALIDATION',
      where: 'dataBase64',
      message: expect.stringMatching(/at most 10 MB/) as string,
    });
    const farOver = Buffer.alloc(12 * 1024 * 1024, 0x20);
    farOver.write('%PDF-1.4', 0, 'latin1');
    expect(await refused('attachment.add', { clientId: clientA, filename: 'bigger.pdf', dataBase64: farOver.toString('base64') })).toMatchObject({
      code: 'VALIDATION',
      where: 'dataBase64',
      message: expect.stringMatching(/10 MB/) as string,
    });
  });

  it('exactly 10 MB is accepted', async () => {
    const exact = Buffer.alloc(10 * 1024 * 1024, 0x20);
    exact.write('%PDF-1.4', 0, 'latin1');
    const r = await dispatch(env.ctx, 'attachment.add', { clientId: clientA, filename: 'exact.pdf', dataBase64: exact.toString('base64') });
    expect(r.ok).toBe(true);
  });

  it('not base64, or a file name with a slash', async () => {
    expect(await refused('attachment.add', { clientId: clientA, filename: 'a.pdf', dataBase64: '%PDF-1.4 raw text!' })).toMatchObject({ code: 'VALIDATION', where: 'dataBase64', message: expect.stringMatching(/base64/) as string });
    expect(await refused('attachment.add', { clientId: clientA, filename: '../../etc/passwd.pdf', dataBase64: PDF })).toMatchObject({ code: 'VALIDATION', where: 'filename' });
  });

  it("evidence for another client's entry: FORBIDDEN", async () => {
    expect(await refused('attachment.add', { clientId: clientA, entryId: entryB, filename: 'a.pdf', dataBase64: PDF })).toMatchObject({ code: 'FORBIDDEN', where: 'entryId', message: expect.stringMatching(/another client/) as string });
  });
});
