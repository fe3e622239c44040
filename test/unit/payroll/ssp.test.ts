/**
 * SSP worked examples. 2025-26: £118.75 a week, AWE at least £125, 3 waiting days.
 * From 6 April 2026: lower of £123.25 and 80% of AWE, no earnings limit, no waiting days.
 * Weeks run Sunday to Saturday; amount = weekly rate x paid QDs / QDs in the week, rounded up.
 * Calendar: 1 June 2025 is a Sunday; 5 April 2026 is a Sunday.
 */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../shared/money';
import { calculateSsp, sspAmount } from '../../../main/payroll/ssp';
import { TAX_YEAR_2025_26, TAX_YEAR_2026_27 } from '../../../main/payroll/tax-years';

const gbp = parseAmount;
const MON_FRI = [1, 2, 3, 4, 5];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

describe('SSP 2025-26', () => {
  it('three waiting days, then paid', () => {
    // Mon 2 June to Fri 13 June 2025. Week of Sun 1 June: QDs Mon-Fri sick; Mon, Tue, Wed waiting;
    // Thu, Fri paid: 118.75 x 2 / 5 = 47.50. Week of Sun 8 June: 5 QDs paid = 118.75. Total 166.25.
    const r = calculateSsp({ averageWeeklyEarnings: gbp('300'), qualifyingDays: MON_FRI, firstSickDay: '2025-06-02', lastSickDay: '2025-06-13' });
    expect(r.weeks.map((w) => [w.weekStart, w.waitingDays, w.paidDays, w.amount])).toEqual([
      ['2025-06-01', 3, 2, gbp('47.50')],
      ['2025-06-08', 0, 5, gbp('118.75')],
    ]);
    expect(r.total).toBe(gbp('166.25'));
    expect(r.waitingDaysServed).toBe(3);
  });

  it('nothing below the lower earnings limit', () => {
    const r = calculateSsp({ averageWeeklyEarnings: gbp('124.99'), qualifyingDays: MON_FRI, firstSickDay: '2025-06-02', lastSickDay: '2025-06-13' });
    expect(r.total).toBe(0);
    expect(r.refusals[0]).toEqual({ date: '2025-06-02', reason: 'earnings-below-lel' });
  });

  it('fewer than 4 days is not a period of incapacity', () => {
    const r = calculateSsp({ averageWeeklyEarnings: gbp('300'), qualifyingDays: MON_FRI, firstSickDay: '2025-06-02', lastSickDay: '2025-06-04' });
    expect(r.total).toBe(0);
    expect(r.refusals.map((x) => x.reason)).toEqual(['not-a-piw', 'not-a-piw', 'not-a-piw']);
  });

  it('a linked spell pays from day one once waiting days are served', () => {
    // Mon-Wed, 3 QDs paid: 118.75 x 3 / 5 = 71.25.
    const r = calculateSsp({
      averageWeeklyEarnings: gbp('300'), qualifyingDays: MON_FRI, firstSickDay: '2025-06-02', lastSickDay: '2025-06-04',
      linkedPiw: { waitingDaysAlreadyServed: 3 },
    });
    expect(r.total).toBe(gbp('71.25'));
  });

  it('part weeks round up to the penny', () => {
    // QDs every day. Sun 1 June to Thu 5 June: Sun, Mon, Tue waiting; Wed, Thu paid:
    // 118.75 x 2 / 7 = 33.9286 -> 33.93.
    const r = calculateSsp({ averageWeeklyEarnings: gbp('300'), qualifyingDays: EVERY_DAY, firstSickDay: '2025-06-01', lastSickDay: '2025-06-05' });
    expect(r.total).toBe(gbp('33.93'));
    // One day of seven: 118.75 / 7 = 16.9643 -> 16.97 (HMRC's daily-rate table).
    expect(sspAmount(TAX_YEAR_2025_26, gbp('300'), 1, 7)).toBe(gbp('16.97'));
  });
});

describe('SSP from 6 April 2026', () => {
  it('no waiting days; flat rate when 80% of AWE is higher', () => {
    // AWE 200: 80% = 160 > 123.25. Mon 13 - Fri 17 April 2026: 5 QDs paid = 123.25.
    const r = calculateSsp({ averageWeeklyEarnings: gbp('200'), qualifyingDays: MON_FRI, firstSickDay: '2026-04-13', lastSickDay: '2026-04-17' });
    expect(r.total).toBe(gbp('123.25'));
    expect(r.waitingDaysServed).toBe(0);
  });

  it('80% of AWE when lower, and no earnings limit', () => {
    // AWE 100: 80% = 80.00 < 123.25; 5 QDs = 80.00. 3 of 5: 80 x 3 / 5 = 48.00.
    expect(calculateSsp({ averageWeeklyEarnings: gbp('100'), qualifyingDays: MON_FRI, firstSickDay: '2026-04-13', lastSickDay: '2026-04-17' }).total).toBe(gbp('80.00'));
    expect(sspAmount(TAX_YEAR_2026_27, gbp('100'), 3, 5)).toBe(gbp('48.00'));
    // AWE 33.33: 80% = 26.664; 1 of 5 days: 5.3328 -> 5.34 (rounded up).
    expect(sspAmount(TAX_YEAR_2026_27, gbp('33.33'), 1, 5)).toBe(gbp('5.34'));
  });

  it('a spell across 6 April 2026 changes rules on that day', () => {
    // Wed 1 - Fri 10 April 2026, AWE 200. Wed 1, Thu 2, Fri 3 are 2025-26 waiting days; from Mon 6
    // the new rules pay 5 QDs: min(123.25, 160) = 123.25.
    const r = calculateSsp({ averageWeeklyEarnings: gbp('200'), qualifyingDays: MON_FRI, firstSickDay: '2026-04-01', lastSickDay: '2026-04-10' });
    expect(r.total).toBe(gbp('123.25'));
    // AWE 100: below the 2025-26 LEL, so the first three days are refused; from 6 April 80% x 100 = 80.00.
    const low = calculateSsp({ averageWeeklyEarnings: gbp('100'), qualifyingDays: MON_FRI, firstSickDay: '2026-04-01', lastSickDay: '2026-04-10' });
    expect(low.total).toBe(gbp('80.00'));
    expect(low.refusals.map((x) => x.date)).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
  });
});
