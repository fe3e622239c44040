/** The shared reports world builds through the api and holds the money its comment promises. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankMovements, bankShareAt, reportsWorld, type ReportsWorld } from './fixture';

let w: ReportsWorld;
beforeAll(async () => {
  w = await reportsWorld();
}, 60_000);
afterAll(() => w?.close());

describe('the reports fixture', () => {
  it('has four clients, an active plan, a posted pay run and a reversal', async () => {
    expect(w.plan.status).toBe('active');
    expect(w.payRun.status).toBe('posted');
    const rows = bankMovements(w.db(), w.zoe.id, '2026-06-01', '2026-06-28');
    // council in, therapies out, the mistaken payment and its reversal
    expect(rows.map((r) => r.amount)).toEqual([400_000, -5_000, -7_000, 7_000]);
    expect(bankMovements(w.db(), w.edmund.id, '2026-01-01', '2026-12-31')).toEqual([]);
    expect(bankShareAt(w.db(), w.tomasz.id, '2026-07-31')).toBe(5 * 120_000 - 4 * 100_000);
    expect(bankShareAt(w.db(), w.beatrix.id, '2026-07-31')).toBe(4 * 50_000 - 122_000);
  });
});
