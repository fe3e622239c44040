/**
 * Statement figures against the shared fixture (test/unit/reports/fixture.ts). Amounts the
 * fixture fixes are written out by hand; amounts the payroll engine works out (net wages, PAYE/NI)
 * are read from the journal rows of their own entries, independently of the statement code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatementData } from '../../../../main/reports/statement';
import { StatementData } from '../../../../shared/reports-statement';
import { StewardError } from '../../../../shared/errors';
import { bankMovements, bankShareAt, PERIODS, reportsWorld, TODAY, type ReportsWorld } from '../fixture';

let w: ReportsWorld;
beforeAll(async () => {
  w = await reportsWorld();
}, 60_000);
afterAll(() => w.close());

/** The bank-side amount of one entry, straight from its journal lines. */
function bankOf(entryId: number): number {
  return (w.db().prepare(`SELECT SUM(l.amount) AS s FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.entry_id = ? AND a.code = 'bank'`).get(entryId) as { s: number }).s;
}

function thrown(fn: () => unknown): StewardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StewardError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('buildStatementData', () => {
  it('Zoë, 1–28 June: opening, receipts, payments by plan line, a reversal shown both ways, closing', () => {
    const d = StatementData.parse(buildStatementData(w.db(), w.zoe.id, PERIODS.p3.from, PERIODS.p3.to, TODAY));
    const netWages = -bankOf(w.entries.netWages);
    const hmrc = -bankOf(w.entries.hmrc);
    const pension = (w.db().prepare("SELECT COALESCE(SUM(-bank_amount),0) AS s FROM journal_entries WHERE client_id = ? AND category = 'pension' AND date <= '2026-05-31'").get(w.zoe.id) as { s: number }).s;
    // By hand: received to 31 May £4,000 + £80 + £4,000 + £80 + £25 refund; paid agency £450 + £470,
    // art £30, chair £580, and the payroll liabilities.
    const opening = 400_000 + 8_000 + 400_000 + 8_000 + 2_500 - 45_000 - 47_000 - 3_000 - 58_000 - netWages - hmrc - pension;
    expect(netWages).toBeGreaterThan(0);
    expect(d.openingBalance).toBe(opening);
    expect(d.openingBalance).toBe(bankShareAt(w.db(), w.zoe.id, '2026-05-31'));
    expect(d.receipts.groups.map((g) => [g.source, g.subtotal])).toEqual([['council', 400_000]]);
    expect(d.receipts.groups[0]!.items[0]).toMatchObject({ date: '2026-06-01', party: 'St Helens Council', reference: 'SHC DP 0601', amount: 400_000 });
    // Payments: the mistaken agency payment and its reversal under the agency line (net £0), the
    // hydrotherapy pool (no plan line) under "Not in the support plan".
    expect(d.payments.grouping).toBe('plan');
    expect(d.payments.groups.map((g) => [g.label, g.kind, g.subtotal])).toEqual([
      ['Agency cover at weekends', 'line', 0],
      ['Not in the support plan', 'unplanned', 5_000],
    ]);
    const agency = d.payments.groups[0]!.items;
    expect(agency.map((i) => [i.entryId, i.amount, i.reversedBy, i.reverses])).toEqual([
      [w.entries.mistaken, 7_000, w.entries.mistakenReversal, null],
      [w.entries.mistakenReversal, -7_000, null, w.entries.mistaken],
    ]);
    expect(agency[1]!.note).toContain('Paid INV-1002 twice by mistake');
    expect(d.payments.total).toBe(5_000);
    expect(d.closingBalance).toBe(opening + 400_000 - 5_000);
    expect(d.closingBalance).toBe(bankShareAt(w.db(), w.zoe.id, PERIODS.p3.to));
    expect(d.noMovement).toBe(false);
    // Every bank movement of the period appears exactly once.
    const moves = bankMovements(w.db(), w.zoe.id, PERIODS.p3.from, PERIODS.p3.to);
    const listed = [...d.receipts.groups.flatMap((g) => g.items), ...d.payments.groups.flatMap((g) => g.items)].map((i) => i.entryId).sort((a, b) => a - b);
    expect(listed).toEqual(moves.map((m) => m.entryId).sort((a, b) => a - b));
  });

  it('puts net wages, PAYE/NI and pension under the PA line, and every receipt source in its group', () => {
    const d = buildStatementData(w.db(), w.zoe.id, PERIODS.p1.from, PERIODS.p2.to, TODAY);
    const pa = d.payments.groups.find((g) => g.label === 'Morning and evening support from my PA')!;
    expect(pa.kind).toBe('line');
    expect(pa.items.map((i) => i.entryId)).toEqual(expect.arrayContaining([w.entries.netWages, w.entries.hmrc]));
    expect(pa.items.find((i) => i.entryId === w.entries.netWages)!.party).toBe('Siân Jones');
    expect(d.payments.groups.find((g) => g.label === 'Riser chair')!.items.map((i) => [i.party, i.reference, i.amount])).toEqual([['Mobility Shop', 'Riser chair', 58_000]]);
    expect(d.receipts.groups.map((g) => [g.source, g.subtotal])).toEqual([
      ['council', 800_000],
      ['contribution', 16_000],
      ['other', 2_500],
    ]);
    expect(d.openingBalance).toBe(0);
    expect(d.openingBalance + d.receipts.total - d.payments.total).toBe(d.closingBalance);
    // The budget: the personal budget in force (£52,000 a year, £1,000 a week).
    expect(d.budget).toEqual({ basis: 'personal-budget', annual: 5_200_000, weekly: 100_000, effectiveFrom: '2026-04-06' });
  });

  it('budget against actual per line for the period and the year to date', () => {
    const d = buildStatementData(w.db(), w.zoe.id, PERIODS.p3.from, PERIODS.p3.to, TODAY);
    expect(d.plan).not.toBeNull();
    const art = d.plan!.lines.find((l) => l.label === 'Art group')!;
    // Art group: £30 a week = £1,560 a year over 365 days; planned to 28 June (84 days) and to 31 May (56 days).
    expect(art.plannedYear).toBe(156_000);
    expect(art.plannedToDate).toBe(Math.round((156_000 * 84) / 365));
    expect(art.plannedPeriod).toBe(Math.round((156_000 * 84) / 365) - Math.round((156_000 * 56) / 365));
    expect(art.actualToDate).toBe(3_000);
    expect(art.actualPeriod).toBe(0);
    const unplanned = d.plan!.lines.find((l) => l.lineId === null)!;
    expect(unplanned).toMatchObject({ label: 'Not in the support plan', actualPeriod: 5_000, actualToDate: 5_000 });
    expect(d.plan!.totals.actualToDate).toBe(d.plan!.lines.reduce((s, l) => s + l.actualToDate, 0));
  });

  it('weeks held, the funder’s thresholds and the contribution arrears flag', () => {
    const d = buildStatementData(w.db(), w.zoe.id, PERIODS.p3.from, PERIODS.p3.to, TODAY);
    // Weekly funding: £4,000 every 4 weeks = £1,000 a week, plus the £80 4-weekly contribution = £20.
    expect(d.funding.weeklyFunding).toBe(102_000);
    expect(d.funding.weeksHeld).toBe(Math.round((d.closingBalance / 102_000) * 10) / 10);
    expect(d.funding).toMatchObject({ surplusThresholdWeeks: 8, contingencyWeeks: 2, surplus: 0 });
    // Contributions due 6 Apr, 4 May, 1 Jun (3 × £80), two paid.
    expect(d.funding.contributionArrears).toBe(8_000);
    expect(d.flags.map((f) => f.kind)).toEqual(['contribution-arrears']);
    expect(d.flags[0]!.plain).toBe('You owe £80.00 of your contribution. Your broker will talk to you about it.');
  });

  it('a client with no plan: payments grouped by category; budget from the council schedule', () => {
    const d = buildStatementData(w.db(), w.tomasz.id, PERIODS.p4.from, PERIODS.p4.to, TODAY);
    expect(d.payments.grouping).toBe('category');
    expect(d.payments.groups.map((g) => [g.label, g.subtotal])).toEqual([['Agency care', 100_000]]);
    expect(d.budget).toEqual({ basis: 'schedules', annual: null, weekly: 30_000, effectiveFrom: null });
    expect(d.plan).toBeNull();
    // Pooled account: Tomasz's own share only. £1,200 × 3 received, £1,000 × 2 paid by 28 June.
    expect(d.openingBalance).toBe(3 * 120_000 - 2 * 100_000);
    expect(d.closingBalance).toBe(d.openingBalance + 120_000 - 100_000);
  });

  it('a balance but no movement in the period: a statement saying so', () => {
    const d = buildStatementData(w.db(), w.zoe.id, '2026-07-28', '2026-07-31', TODAY);
    expect(d.noMovement).toBe(true);
    expect(d.receipts.groups).toEqual([]);
    expect(d.payments.groups).toEqual([]);
    expect(d.openingBalance).toBe(d.closingBalance);
    expect(d.closingBalance).toBe(bankShareAt(w.db(), w.zoe.id, '2026-07-31'));
  });

  it('refuses a client with no activity (NO_ACTIVITY), an unknown client and an end before the start', () => {
    const e = thrown(() => buildStatementData(w.db(), w.edmund.id, PERIODS.p3.from, PERIODS.p3.to, TODAY));
    expect(e.code).toBe('VALIDATION');
    expect(e.details).toMatchObject({ reason: 'NO_ACTIVITY' });
    expect(e.message).toContain('Edmund Quiet has no money recorded');
    // Zoë before her first receipt: no activity up to then either.
    expect(thrown(() => buildStatementData(w.db(), w.zoe.id, '2026-03-01', '2026-03-31', TODAY)).details).toMatchObject({ reason: 'NO_ACTIVITY' });
    expect(thrown(() => buildStatementData(w.db(), 9999, PERIODS.p3.from, PERIODS.p3.to, TODAY)).code).toBe('NOT_FOUND');
    expect(thrown(() => buildStatementData(w.db(), w.zoe.id, PERIODS.p3.to, PERIODS.p3.from, TODAY)).code).toBe('VALIDATION');
  });
});
