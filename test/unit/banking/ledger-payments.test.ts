/**
 * Bulk payment batches: candidates with their checks (sort code, account number, name and
 * reference length), a batch refused when a row fails, the CSV file, marking sent (audited), and a
 * sent payment never going in another batch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchRow, PaymentBatch } from '../../../shared/contract-banking';
import type { Payee } from '../../../shared/contract-money';
import { bankEnv, closeEnv, payment, receipt, snapshot, type BankEnv } from './ledger-helpers';

let b: BankEnv | undefined;
afterEach(() => closeEnv(b));

async function setup(b: BankEnv) {
  await receipt(b, b.ann.id, '2026-04-06', 100_000);
  const good = await b.env.call<Payee>('payee.create', { name: 'Bright Care Agency (North West) Ltd', kind: 'agency', sortCode: '40-11-22', accountNumber: '87654321' });
  const bare = await b.env.call<Payee>('payee.create', { name: 'Corner Shop', kind: 'supplier' });
  const p1 = await payment(b, b.ann.id, '2026-04-08', 12_345, { payeeName: undefined, payeeId: good.id, reference: 'inv-1042' });
  const p2 = await payment(b, b.ann.id, '2026-04-09', 2_000, { payeeName: undefined, payeeId: bare.id });
  return { p1, p2 };
}

describe('bulk payment batches', () => {
  it('lists candidates with the file checks', async () => {
    b = await bankEnv();
    const { p1, p2 } = await setup(b);
    const c = await b.env.call<BatchRow[]>('bank.paymentBatch.candidates', { bankAccountId: b.pooled.id });
    const one = c.find((r) => r.entryId === p1)!;
    expect(one).toMatchObject({ sortCode: '401122', accountNumber: '87654321', name: 'BRIGHT CARE AGENCY', amount: 12_345, reference: 'INV-1042', problems: [] });
    expect(c.find((r) => r.entryId === p2)!.problems).toEqual(['no sort code for Corner Shop', 'no account number for Corner Shop']);
  });

  it('checks references: at most 18 characters, at least 6 letters and digits, a default when empty', async () => {
    b = await bankEnv();
    await setup(b);
    const payee = await b.env.call<Payee>('payee.create', { name: 'Ms Zoë O’Brien', kind: 'pa', sortCode: '401122', accountNumber: '11112222' });
    const ids = [];
    for (const reference of ['wk1', 'a reference that is far too long', '', '111111']) ids.push(await payment(b, b.ann.id, '2026-04-10', 1_000, { payeeName: undefined, payeeId: payee.id, reference }));
    const c = await b.env.call<BatchRow[]>('bank.paymentBatch.candidates', { bankAccountId: b.pooled.id });
    const row = (id: number) => c.find((r) => r.entryId === id)!;
    expect(row(ids[0]!).problems[0]).toMatch(/fewer than 6 letters and digits/);
    expect(row(ids[1]!).problems[0]).toMatch(/longer than 18 characters/);
    expect(row(ids[2]!)).toMatchObject({ reference: `STEWARD-${ids[2]}`, name: 'MS ZOE O BRIEN', problems: [] });
    expect(row(ids[3]!).problems[0]).toMatch(/one character repeated/);
  });

  it('refuses a batch with a row that fails the checks; nothing written', async () => {
    b = await bankEnv();
    const { p1, p2 } = await setup(b);
    const before = snapshot(b.db);
    await expect(b.env.call('bank.paymentBatch.create', { bankAccountId: b.pooled.id, paymentEntryIds: [p1, p2] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.env.call('bank.paymentBatch.create', { bankAccountId: b.catBank, paymentEntryIds: [p1] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(snapshot(b.db)).toEqual(before);
  });

  it('creates the batch, exports the CSV, marks it sent (audited); a sent payment cannot be batched again', async () => {
    b = await bankEnv();
    const { p1 } = await setup(b);
    const batch = await b.env.call<PaymentBatch>('bank.paymentBatch.create', { bankAccountId: b.pooled.id, paymentEntryIds: [p1] });
    expect(batch).toMatchObject({ status: 'draft', total: 12_345, count: 1 });
    const file = await b.env.call<{ fileName: string; mime: string; base64: string; bytes: number }>('bank.paymentBatch.file', { batchId: batch.id });
    expect(file.mime).toBe('text/csv');
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe('Sort code,Account number,Account name,Amount,Reference\r\n401122,87654321,BRIGHT CARE AGENCY,123.45,INV-1042\r\n');
    // A second draft with the same payment is allowed until one is sent.
    const draft2 = await b.env.call<PaymentBatch>('bank.paymentBatch.create', { bankAccountId: b.pooled.id, paymentEntryIds: [p1] });
    const sent = await b.env.call<PaymentBatch>('bank.paymentBatch.markSent', { batchId: batch.id });
    expect(sent).toMatchObject({ status: 'sent', sentBy: 'tester' });
    const audit = await b.env.call<Array<{ action: string }>>('audit.list', { entity: 'payment_batch' });
    expect(audit[0]!.action).toBe('send');
    await expect(b.env.call('bank.paymentBatch.markSent', { batchId: batch.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(b.env.call('bank.paymentBatch.markSent', { batchId: draft2.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(b.env.call('bank.paymentBatch.create', { bankAccountId: b.pooled.id, paymentEntryIds: [p1] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await b.env.call<BatchRow[]>('bank.paymentBatch.candidates', { bankAccountId: b.pooled.id })).map((r) => r.entryId)).not.toContain(p1);
    // SQL refuses it too.
    expect(() => b!.db.prepare("INSERT INTO payment_batch_items VALUES (?, ?, 1, '401122', '87654321', 'X', 1, 'X')").run(draft2.id, p1)).toThrow(/already in a sent batch/);
    expect((await b.env.call<PaymentBatch[]>('bank.paymentBatch.list', { bankAccountId: b.pooled.id })).map((x) => x.status)).toEqual(['draft', 'sent']);
  });
});
