/**
 * bank.split through the api: one pooled bank line split across existing entries and new
 * receipts/payments for several clients, as one transaction. Any failure (parts not summing, a
 * client not on the account, a payment without authorisation, an entry already matched) writes
 * nothing: no journal entries, no matches, no audit rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BankLineRow, LinesPage } from '../../../shared/contract-banking';
import { bankEnv, closeEnv, count, csv, importCsv, payment, receipt, snapshot, type BankEnv } from './ledger-helpers';

let b: BankEnv | undefined;
afterEach(() => closeEnv(b));

const auth = [{ by: 'Dee Duty', method: 'written' as const }];

async function lines(b: BankEnv, bankAccountId: number): Promise<BankLineRow[]> {
  return (await b.env.call<LinesPage>('bank.lines', { bankAccountId, status: 'all' })).rows;
}

/** A pooled account with money for Ann and Bob, and a statement: £300 in, £100 out. */
async function pooledWithLines(b: BankEnv): Promise<{ inLine: BankLineRow; outLine: BankLineRow }> {
  await receipt(b, b.ann.id, '2026-04-01', 100_000);
  await receipt(b, b.bob.id, '2026-04-01', 100_000);
  await importCsv(
    b,
    b.pooled.id,
    csv([
      ['2026-04-10', 'COUNCIL BACS', '300.00'],
      ['2026-04-12', 'BRIGHT CARE AGENCY', '-100.00'],
    ]),
  );
  const rows = await lines(b, b.pooled.id);
  const inLine = rows.find((l) => l.amount === 30_000)!;
  const outLine = rows.find((l) => l.amount === -10_000)!;
  expect(inLine.status).toBe('unmatched');
  expect(outLine.status).toBe('unmatched');
  return { inLine, outLine };
}

function journalOf(b: BankEnv, id: number) {
  return b.db.prepare('SELECT client_id, kind, bank_amount, date, reference, memo FROM journal_entries WHERE id = ?').get(id) as { client_id: number; kind: string; bank_amount: number; date: string; memo: string };
}

describe('bank.split', () => {
  it('splits a line into two new receipts for two clients, in one go', async () => {
    b = await bankEnv();
    const { inLine } = await pooledWithLines(b);
    const before = snapshot(b.db);
    const row = await b.env.call<BankLineRow>('bank.split', {
      bankLineId: inLine.id,
      parts: [
        { clientId: b.ann.id, kind: 'receipt', amount: 17_500, source: 'council' },
        { clientId: b.bob.id, kind: 'receipt', amount: 12_500 },
      ],
    });
    expect(row.status).toBe('matched');
    expect(row.entryIds).toHaveLength(2);
    expect(row.clientIds.sort()).toEqual([b.ann.id, b.bob.id].sort());
    const [a, c] = row.entryIds.map((id) => journalOf(b!, id));
    expect(a).toMatchObject({ client_id: b.ann.id, bank_amount: 17_500, date: '2026-04-10', memo: 'COUNCIL BACS' });
    expect(c).toMatchObject({ client_id: b.bob.id, bank_amount: 12_500, date: '2026-04-10' });
    const after = snapshot(b.db);
    expect(after.journal_entries - before.journal_entries).toBe(2);
    expect(after.bank_matches - before.bank_matches).toBe(2);
    const how = b.db.prepare('SELECT how FROM bank_matches WHERE bank_line_id = ? AND ended_at IS NULL').all(inLine.id) as Array<{ how: string }>;
    expect(how.map((h) => h.how)).toEqual(['created', 'created']);
    const audit = b.db.prepare("SELECT after_json FROM audit_log WHERE action = 'match' AND entity = 'bank_line' AND entity_id = ? ORDER BY id DESC LIMIT 1").get(String(inLine.id)) as { after_json: string } | undefined;
    expect(audit).toBeDefined();
    expect(JSON.parse(audit!.after_json)).toMatchObject({ entryIds: row.entryIds, created: row.entryIds, split: true });
  });

  it('mixes an existing entry and a new payment', async () => {
    b = await bankEnv();
    const { outLine } = await pooledWithLines(b);
    const existing = await payment(b, b.ann.id, '2026-04-11', 4_000);
    const row = await b.env.call<BankLineRow>('bank.split', {
      bankLineId: outLine.id,
      parts: [{ entryId: existing }, { clientId: b.bob.id, kind: 'payment', amount: 6_000, category: 'agency', payee: 'Bright Care Agency', authorisations: auth }],
    });
    expect(row.status).toBe('matched');
    expect(row.entryIds[0]).toBe(existing);
    expect(row.entryIds).toHaveLength(2);
    expect(journalOf(b, row.entryIds[1]!)).toMatchObject({ client_id: b.bob.id, bank_amount: -6_000, date: '2026-04-12' });
    const how = b.db.prepare('SELECT entry_id AS e, how FROM bank_matches WHERE bank_line_id = ? AND ended_at IS NULL ORDER BY entry_id').all(outLine.id) as Array<{ e: number; how: string }>;
    expect(how).toEqual([
      { e: existing, how: 'manual' },
      { e: row.entryIds[1], how: 'created' },
    ]);
  });

  it('parts that do not come to the line are refused (VALIDATION) and nothing is written', async () => {
    b = await bankEnv();
    const { inLine, outLine } = await pooledWithLines(b);
    const existing = await payment(b, b.ann.id, '2026-04-11', 4_000);
    const before = snapshot(b.db);
    await expect(
      b.env.call('bank.split', {
        bankLineId: inLine.id,
        parts: [
          { clientId: b.ann.id, kind: 'receipt', amount: 17_500 },
          { clientId: b.bob.id, kind: 'receipt', amount: 12_499 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      b.env.call('bank.split', { bankLineId: outLine.id, parts: [{ entryId: existing }, { clientId: b.bob.id, kind: 'payment', amount: 6_001, authorisations: auth }] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(snapshot(b.db)).toEqual(before);
    expect((await lines(b, b.pooled.id)).every((l) => l.status === 'unmatched')).toBe(true);
  });

  it('a client not on the pooled account is refused, and the parts before it are not kept', async () => {
    b = await bankEnv();
    const { inLine } = await pooledWithLines(b);
    const before = snapshot(b.db);
    const journal = count(b.db, 'journal_entries');
    await expect(
      b.env.call('bank.split', {
        bankLineId: inLine.id,
        parts: [
          { clientId: b.ann.id, kind: 'receipt', amount: 20_000 },
          { clientId: b.cat.id, kind: 'receipt', amount: 10_000 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(count(b.db, 'journal_entries')).toBe(journal);
    expect(snapshot(b.db)).toEqual(before);
  });

  it('a new payment part without authorisation is refused, and nothing is written', async () => {
    b = await bankEnv();
    const { outLine } = await pooledWithLines(b);
    const before = snapshot(b.db);
    await expect(
      b.env.call('bank.split', {
        bankLineId: outLine.id,
        parts: [
          { clientId: b.ann.id, kind: 'payment', amount: 5_000, authorisations: auth },
          { clientId: b.bob.id, kind: 'payment', amount: 5_000 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    expect(snapshot(b.db)).toEqual(before);
  });

  it('an existing entry already matched elsewhere is refused after the new parts were made, and they are undone', async () => {
    b = await bankEnv();
    const { outLine } = await pooledWithLines(b);
    const existing = await payment(b, b.ann.id, '2026-04-11', 4_000);
    await importCsv(b, b.pooled.id, csv([['2026-04-11', 'OTHER', '-40.00']]), 'other.csv');
    const other = (await lines(b, b.pooled.id)).find((l) => l.amount === -4_000)!;
    if (other.status !== 'matched') await b.env.call('bank.match', { bankLineId: other.id, entryIds: [existing] });
    const before = snapshot(b.db);
    await expect(
      b.env.call('bank.split', { bankLineId: outLine.id, parts: [{ clientId: b.bob.id, kind: 'payment', amount: 6_000, authorisations: auth }, { entryId: existing }] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(snapshot(b.db)).toEqual(before);
  });

  it('a new part in the wrong direction, or an entry listed twice, is refused', async () => {
    b = await bankEnv();
    const { inLine } = await pooledWithLines(b);
    const before = snapshot(b.db);
    await expect(b.env.call('bank.split', { bankLineId: inLine.id, parts: [{ clientId: b.ann.id, kind: 'payment', amount: 30_000, authorisations: auth }] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const e = await receipt(b, b.ann.id, '2026-04-10', 15_000);
    await expect(b.env.call('bank.split', { bankLineId: inLine.id, parts: [{ entryId: e }, { entryId: e }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(count(b.db, 'bank_matches')).toBe(before.bank_matches);
  });
});
