/**
 * Matching through the api: ranked suggestions with reasons, auto-match of unambiguous exact pairs
 * only, a pooled line split across clients (to the penny), unmatch with a reason, and creating an
 * entry from an unmatched line (client required, and on the account).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AutoMatchResult, BankLineRow, LinesPage, Suggestion } from '../../../shared/contract-banking';
import { bankEnv, closeEnv, csv, importCsv, payment, receipt, snapshot, type BankEnv } from './ledger-helpers';

let b: BankEnv | undefined;
afterEach(() => closeEnv(b));

async function lines(b: BankEnv, bankAccountId: number, status: 'all' | 'matched' | 'unmatched' = 'all'): Promise<BankLineRow[]> {
  return (await b.env.call<LinesPage>('bank.lines', { bankAccountId, status })).rows;
}

describe('suggestions and auto-match', () => {
  it('auto-matches an unambiguous exact pair on import, within the date window', async () => {
    b = await bankEnv();
    const e1 = await receipt(b, b.cat.id, '2026-04-06', 50_000);
    const e2 = await payment(b, b.cat.id, '2026-04-08', 12_000);
    const r = await importCsv(
      b,
      b.catBank,
      csv([
        ['2026-04-07', 'ST HELENS COUNCIL', '500.00'],
        ['2026-04-10', 'BRIGHT CARE AGENCY', '-120.00'],
        ['2026-04-20', 'BRIGHT CARE AGENCY', '-99.00'],
      ]),
    );
    expect(r.autoMatched).toBe(2);
    const rows = await lines(b, b.catBank);
    expect(rows.map((l) => l.entryIds)).toEqual([[e1], [e2], []]);
    expect(rows[0]!.status).toBe('matched');
    expect(rows[0]!.clientIds).toEqual([b.cat.id]);
  });

  it('leaves ambiguous pairs for a person: two equal entries near one line, or an entry outside the window', async () => {
    b = await bankEnv();
    await receipt(b, b.ann.id, '2026-04-06', 10_000);
    await receipt(b, b.bob.id, '2026-04-07', 10_000);
    await receipt(b, b.ann.id, '2026-04-06', 7_000);
    const r = await importCsv(
      b,
      b.pooled.id,
      csv([
        ['2026-04-06', 'COUNCIL', '100.00'],
        ['2026-04-20', 'COUNCIL', '70.00'],
      ]),
    );
    expect(r.autoMatched).toBe(0);
    const again = await b.env.call<AutoMatchResult>('bank.autoMatch', { bankAccountId: b.pooled.id });
    expect(again.matched).toBe(0);
    expect(again.ambiguous).toBe(1);
  });

  it('ranks suggestions with a score and the reasons', async () => {
    b = await bankEnv();
    await receipt(b, b.cat.id, '2026-04-06', 100_000);
    const exact = await payment(b, b.cat.id, '2026-04-08', 12_000, { payeeName: 'Bright Care Agency', reference: 'INV 1042' });
    await payment(b, b.cat.id, '2026-04-09', 5_000, { payeeName: 'Tesco' });
    await importCsv(b, b.catBank, csv([['2026-04-10', 'BRIGHT CARE INV 1042', '-120.00']]));
    const [line] = await lines(b, b.catBank);
    // auto-match took it: unmatch to look at the suggestions
    await b.env.call('bank.unmatch', { bankLineId: line!.id, reason: 'checking the suggestions' });
    const s = await b.env.call<Suggestion[]>('bank.suggestions', { bankLineId: line!.id });
    expect(s[0]!.entryId).toBe(exact);
    expect(s[0]!.reasons).toEqual(expect.arrayContaining(['amount equal', '2 days apart', 'reference matches']));
    expect(s[0]!.score).toBeGreaterThan(s[1]!.score);
    expect(s.every((x) => x.amount < 0)).toBe(true); // a receipt is never offered for money out
  });
});

describe('manual matching and splits', () => {
  it('splits one pooled bank line across two clients’ entries; the amounts must sum exactly', async () => {
    b = await bankEnv();
    const a = await receipt(b, b.ann.id, '2026-04-06', 10_000);
    const c = await receipt(b, b.bob.id, '2026-04-06', 20_000);
    await importCsv(b, b.pooled.id, csv([['2026-04-06', 'COUNCIL BULK', '300.00']]));
    const [line] = await lines(b, b.pooled.id);
    expect(line!.status).toBe('unmatched');
    const before = snapshot(b.db);
    await expect(b.env.call('bank.match', { bankLineId: line!.id, entryIds: [a] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(snapshot(b.db)).toEqual(before);
    const m = await b.env.call<BankLineRow>('bank.match', { bankLineId: line!.id, entryIds: [a, c] });
    expect(m.status).toBe('matched');
    expect(m.clientIds.sort()).toEqual([b.ann.id, b.bob.id].sort());
    await expect(b.env.call('bank.match', { bankLineId: line!.id, entryIds: [a, c] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an entry from another bank account and an entry already matched', async () => {
    b = await bankEnv();
    const catEntry = await receipt(b, b.cat.id, '2026-04-06', 10_000);
    const annEntry = await receipt(b, b.ann.id, '2026-04-06', 10_000);
    await importCsv(b, b.pooled.id, csv([['2026-04-06', 'COUNCIL', '100.00'], ['2026-04-07', 'COUNCIL', '100.00']]));
    const rows = await lines(b, b.pooled.id);
    await expect(b.env.call('bank.match', { bankLineId: rows[0]!.id, entryIds: [catEntry] })).rejects.toMatchObject({ code: 'VALIDATION' });
    // auto-match: one line per candidate? both lines are within the window of the one entry: ambiguous, left alone
    expect(rows.every((r) => r.status === 'unmatched')).toBe(true);
    await b.env.call('bank.match', { bankLineId: rows[0]!.id, entryIds: [annEntry] });
    await expect(b.env.call('bank.match', { bankLineId: rows[1]!.id, entryIds: [annEntry] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('unmatch needs a reason and is audited', async () => {
    b = await bankEnv();
    const e = await receipt(b, b.cat.id, '2026-04-06', 10_000);
    await importCsv(b, b.catBank, csv([['2026-04-06', 'COUNCIL', '100.00']]));
    const [line] = await lines(b, b.catBank);
    expect(line!.entryIds).toEqual([e]);
    await expect(b.env.call('bank.unmatch', { bankLineId: line!.id, reason: 'no' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const u = await b.env.call<BankLineRow>('bank.unmatch', { bankLineId: line!.id, reason: 'wrong client' });
    expect(u.status).toBe('unmatched');
    const audit = await b.env.call<Array<{ action: string; after: { reason?: string } }>>('audit.list', { entity: 'bank_line' });
    expect(audit[0]).toMatchObject({ action: 'unmatch', after: { reason: 'wrong client' } });
  });
});

describe('bank.createEntry', () => {
  it('creates a bank-charge payment for a named pooled client and matches it', async () => {
    b = await bankEnv();
    await receipt(b, b.ann.id, '2026-04-01', 10_000);
    await importCsv(b, b.pooled.id, csv([['2026-04-04', 'SERVICE CHARGE', '-5.00']]));
    const [line] = await lines(b, b.pooled.id);
    const r = await b.env.call<{ entryId: number; line: BankLineRow }>('bank.createEntry', {
      bankLineId: line!.id,
      clientId: b.ann.id,
      kind: 'payment',
      category: 'other',
      payee: 'Bank',
      authorisations: [{ by: 'Office manager', method: 'written' }],
    });
    expect(r.line.entryIds).toEqual([r.entryId]);
    const entry = await b.env.call<{ amount: number; date: string; clientId: number }>('entry.get', { id: r.entryId });
    expect(entry).toMatchObject({ amount: -500, date: '2026-04-04', clientId: b.ann.id });
  });

  it('creates a council receipt from an unmatched line', async () => {
    b = await bankEnv();
    await importCsv(b, b.catBank, csv([['2026-04-04', 'ST HELENS COUNCIL', '250.00']]));
    const [line] = await lines(b, b.catBank);
    const r = await b.env.call<{ entryId: number }>('bank.createEntry', { bankLineId: line!.id, clientId: b.cat.id, kind: 'receipt', source: 'council' });
    const entry = await b.env.call<{ amount: number; source: string }>('entry.get', { id: r.entryId });
    expect(entry).toMatchObject({ amount: 25_000, source: 'council' });
  });

  it('refuses a client not on the pooled account, a wrong kind, and a payment with no authorisation; nothing written', async () => {
    b = await bankEnv();
    await importCsv(b, b.pooled.id, csv([['2026-04-04', 'SERVICE CHARGE', '-5.00']]));
    const [line] = await lines(b, b.pooled.id);
    const before = snapshot(b.db);
    const auth = [{ by: 'Office manager', method: 'written' }];
    await expect(b.env.call('bank.createEntry', { bankLineId: line!.id, clientId: b.cat.id, kind: 'payment', authorisations: auth })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.env.call('bank.createEntry', { bankLineId: line!.id, clientId: b.ann.id, kind: 'receipt' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.env.call('bank.createEntry', { bankLineId: line!.id, clientId: b.ann.id, kind: 'payment' })).rejects.toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    await expect(b.env.call('bank.createEntry', { bankLineId: 999, clientId: b.ann.id, kind: 'payment', authorisations: auth })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(snapshot(b.db)).toEqual(before);
  });
});
