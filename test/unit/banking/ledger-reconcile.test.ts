/**
 * Reconciliation through the api: statement = ledger ± uncleared items (both kinds listed), the
 * pooled three-way check with per-client figures, confirming locks matched entries (reversal
 * refused by code and by the SQL trigger), un-reconciling needs a reason and is audited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LinesPage, ReconcileResult, Reconciliation } from '../../../shared/contract-banking';
import { postEntry } from '../../../main/ledger/journal';
import { bankEnv, closeEnv, csv, importCsv, payment, receipt, snapshot, type BankEnv } from './ledger-helpers';

let b: BankEnv | undefined;
afterEach(() => closeEnv(b));

async function pooledSetup(b: BankEnv) {
  const a1 = await receipt(b, b.ann.id, '2026-04-06', 50_000);
  const b1 = await receipt(b, b.bob.id, '2026-04-06', 30_000);
  const a2 = await payment(b, b.ann.id, '2026-04-10', 12_000);
  const b2 = await payment(b, b.bob.id, '2026-04-28', 4_000); // not through the bank yet
  await importCsv(
    b,
    b.pooled.id,
    csv([
      ['2026-04-06', 'COUNCIL', '500.00', '500.00'],
      ['2026-04-07', 'COUNCIL', '300.00', '800.00'],
      ['2026-04-11', 'BRIGHT CARE', '-120.00', '680.00'],
      ['2026-04-15', 'SERVICE CHARGE', '-2.50', '677.50'], // not in the ledger yet
    ]),
  );
  return { a1, b1, a2, b2 };
}

describe('bank.reconcile (dry run)', () => {
  it('pooled: statement = ledger ± uncleared items, with the three-way check per client', async () => {
    b = await bankEnv();
    const { b2 } = await pooledSetup(b);
    const before = snapshot(b.db);
    const r = await b.env.call<ReconcileResult>('bank.reconcile', { bankAccountId: b.pooled.id, date: '2026-04-30', statementBalance: 67_750 });
    expect(snapshot(b.db)).toEqual(before);
    expect(r.ledgerBalance).toBe(50_000 + 30_000 - 12_000 - 4_000);
    expect(r.unclearedItems).toEqual([
      expect.objectContaining({ type: 'entry', id: b2, amount: -4_000, clientId: b.bob.id }),
      expect.objectContaining({ type: 'bankLine', amount: -250, description: 'SERVICE CHARGE' }),
    ]);
    expect(r.adjustedStatementBalance).toBe(67_750 - 4_000 + 250);
    expect(r.difference).toBe(0);
    expect(r.statementRunningBalance).toBe(67_750);
    expect(r.pooled).toEqual({
      clientsTotal: 64_000,
      pooledLedger: 64_000,
      perClient: [
        { clientId: b.ann.id, clientName: 'Ann Archer', bankShare: 38_000, clientLedger: 38_000, difference: 0 },
        { clientId: b.bob.id, clientName: 'Bob Baker', bankShare: 26_000, clientLedger: 26_000, difference: 0 },
      ],
    });
    expect(r.ok).toBe(true);
    expect(r.matchedEntryCount).toBe(3);
  });

  it('lists every difference when the statement balance is wrong', async () => {
    b = await bankEnv();
    await pooledSetup(b);
    const r = await b.env.call<ReconcileResult>('bank.reconcile', { bankAccountId: b.pooled.id, date: '2026-04-30', statementBalance: 67_700 });
    expect(r.ok).toBe(false);
    expect(r.difference).toBe(50);
    expect(r.differences.map((d) => d.code)).toEqual(['statement-vs-ledger', 'statement-balance-vs-lines']);
  });

  it('dedicated account: no pooled block', async () => {
    b = await bankEnv();
    await receipt(b, b.cat.id, '2026-04-06', 10_000);
    const r = await b.env.call<ReconcileResult>('bank.reconcile', { bankAccountId: b.catBank, date: '2026-04-30', statementBalance: 0 });
    expect(r.pooled).toBeNull();
    expect(r.unclearedItems).toHaveLength(1);
    expect(r.ok).toBe(true);
  });
});

describe('bank.reconcileConfirm locks matched entries', () => {
  it('confirm, reversal refused (code and SQL trigger), unreconcile with a reason, reversal allowed', async () => {
    b = await bankEnv();
    const { a1, a2, b2 } = await pooledSetup(b);
    const input = { bankAccountId: b.pooled.id, date: '2026-04-30', statementBalance: 67_750, note: 'April statement' };
    const { reconciliation } = await b.env.call<{ reconciliation: Reconciliation }>('bank.reconcileConfirm', input);
    expect(reconciliation).toMatchObject({ status: 'active', lockedEntryCount: 3, statementBalance: 67_750, note: 'April statement' });
    // A locked entry: friendly refusal.
    await expect(b.env.call('entry.reverse', { entryId: a2, reason: 'entered twice' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // The SQL trigger refuses it too, whoever posts.
    const db = b.db;
    const lines = db.prepare('SELECT account_id AS accountId, amount FROM journal_lines WHERE entry_id = ?').all(a1) as Array<{ accountId: number; amount: number }>;
    let caught: unknown;
    try {
      db.transaction(() =>
        postEntry(db, { clientId: b!.ann.id, date: '2026-05-01', kind: 'reversal', reversesId: a1, reason: 'bypass', lines: lines.map((l) => ({ accountId: l.accountId, amount: -l.amount })) }, { at: 'x', actor: 'x' }),
      )();
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'CONFLICT', details: { reason: 'RECONCILED' } });
    // An uncleared entry is not locked.
    await b.env.call('entry.reverse', { entryId: b2, reason: 'cancelled before it went' });
    // Unmatching a locked line is refused.
    const page = await b.env.call<LinesPage>('bank.lines', { bankAccountId: b.pooled.id, status: 'matched' });
    expect(page.rows[0]!.reconciliationId).toBe(reconciliation.id);
    await expect(b.env.call('bank.unmatch', { bankLineId: page.rows[0]!.id, reason: 'wrong one' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Reconciling the same date again is refused while the first stands.
    await expect(b.env.call('bank.reconcileConfirm', input)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Un-reconcile: a reason, audited; then the reversal goes through.
    await expect(b.env.call('bank.unreconcile', { reconciliationId: reconciliation.id, reason: 'x' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const undone = await b.env.call<Reconciliation>('bank.unreconcile', { reconciliationId: reconciliation.id, reason: 'receipt entered twice' });
    expect(undone).toMatchObject({ status: 'undone', undoneReason: 'receipt entered twice', undoneBy: 'tester' });
    const audit = await b.env.call<Array<{ action: string }>>('audit.list', { entity: 'reconciliation' });
    expect(audit.map((a) => a.action)).toEqual(['unreconcile', 'reconcile']);
    await b.env.call('entry.reverse', { entryId: a2, reason: 'entered twice' });
    const list = await b.env.call<Reconciliation[]>('bank.reconciliations', { bankAccountId: b.pooled.id });
    expect(list).toHaveLength(1);
  });

  it('refuses to confirm a reconciliation that does not agree; nothing written', async () => {
    b = await bankEnv();
    await pooledSetup(b);
    const before = snapshot(b.db);
    await expect(b.env.call('bank.reconcileConfirm', { bankAccountId: b.pooled.id, date: '2026-04-30', statementBalance: 1, note: '' })).rejects.toMatchObject({ code: 'UNBALANCED' });
    expect(snapshot(b.db)).toEqual(before);
  });
});
