/**
 * Expected receipts and matching (pure): due dates per cadence, counts, and how recorded receipts
 * are matched to due dates. Every figure below is worked by hand from the schedule.
 */
import { describe, expect, it } from 'vitest';
import { countDue, dueDates, GRACE_DAYS, lateWindowDays, matchReceipts, matchWindowDays, type ReceivedItem, type ScheduleLike } from '../../../main/ledger/receipts-match';

const weekly: ScheduleLike = { id: 7, amount: 10_000, cadence: 'weekly', firstDate: '2026-04-06', endDate: null };
const fourWeekly: ScheduleLike = { id: 1, amount: 200_000, cadence: 'four-weekly', firstDate: '2026-04-06', endDate: null };
const monthly31: ScheduleLike = { id: 3, amount: 86_667, cadence: 'monthly', firstDate: '2026-01-31', endDate: null };

const rc = (entryId: number, date: string, amount: number): ReceivedItem => ({ entryId, date, amount });

describe('constants', () => {
  it('grace of 3 days; weekly matches 3 days early and 6 late, others 14 either side', () => {
    expect(GRACE_DAYS).toBe(3);
    expect([matchWindowDays('weekly'), lateWindowDays('weekly')]).toEqual([3, 6]);
    expect([matchWindowDays('four-weekly'), lateWindowDays('four-weekly')]).toEqual([14, 14]);
    expect([matchWindowDays('monthly'), lateWindowDays('monthly')]).toEqual([14, 14]);
  });
});

describe('dueDates', () => {
  it('weekly: every 7 days from the first date, both ends inclusive', () => {
    expect(dueDates(weekly, '2026-04-06', '2026-05-04')).toEqual(['2026-04-06', '2026-04-13', '2026-04-20', '2026-04-27', '2026-05-04']);
  });

  it('weekly: a window that starts mid-cycle gives only the dates inside it', () => {
    expect(dueDates(weekly, '2026-04-15', '2026-04-30')).toEqual(['2026-04-20', '2026-04-27']);
    expect(dueDates(weekly, '2026-04-14', '2026-04-19')).toEqual([]);
  });

  it('weekly: nothing before the first date', () => {
    expect(dueDates(weekly, '2026-03-01', '2026-04-12')).toEqual(['2026-04-06']);
    expect(dueDates(weekly, '2026-03-01', '2026-04-05')).toEqual([]);
  });

  it('four-weekly: every 28 days (13 a year)', () => {
    expect(dueDates(fourWeekly, '2026-04-06', '2026-08-24')).toEqual(['2026-04-06', '2026-05-04', '2026-06-01', '2026-06-29', '2026-07-27', '2026-08-24']);
    const year = dueDates(fourWeekly, '2026-04-06', '2027-04-04');
    expect(year).toHaveLength(13);
    expect(year[12]).toBe('2027-03-08');
  });

  it('monthly from the 31st clamps to each month end without drifting', () => {
    expect(dueDates(monthly31, '2026-01-01', '2026-07-31')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31']);
    const leap: ScheduleLike = { ...monthly31, firstDate: '2028-01-31' };
    expect(dueDates(leap, '2028-01-01', '2028-03-31')).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  it('stops at the end date (inclusive)', () => {
    expect(dueDates({ ...weekly, endDate: '2026-04-20' }, '2026-04-06', '2026-05-04')).toEqual(['2026-04-06', '2026-04-13', '2026-04-20']);
    expect(dueDates({ ...weekly, endDate: '2026-04-19' }, '2026-04-06', '2026-05-04')).toEqual(['2026-04-06', '2026-04-13']);
    expect(dueDates({ ...monthly31, endDate: '2026-03-30' }, '2026-01-01', '2026-12-31')).toEqual(['2026-01-31', '2026-02-28']);
  });
});

describe('countDue', () => {
  it('weekly', () => {
    expect(countDue(weekly, '2026-04-05')).toBe(0);
    expect(countDue(weekly, '2026-04-06')).toBe(1);
    expect(countDue(weekly, '2026-04-19')).toBe(2);
    expect(countDue(weekly, '2026-04-20')).toBe(3);
  });

  it('four-weekly and monthly', () => {
    expect(countDue(fourWeekly, '2026-06-28')).toBe(3);
    expect(countDue(fourWeekly, '2027-04-04')).toBe(13);
    expect(countDue(fourWeekly, '2027-04-05')).toBe(14);
    expect(countDue(monthly31, '2026-03-30')).toBe(2);
    expect(countDue(monthly31, '2026-03-31')).toBe(3);
    expect(countDue(monthly31, '2026-12-31')).toBe(12);
  });

  it('an end date caps the count', () => {
    expect(countDue({ ...weekly, endDate: '2026-04-20' }, '2027-01-01')).toBe(3);
    expect(countDue({ ...monthly31, endDate: '2026-02-28' }, '2027-01-01')).toBe(2);
  });

  it('agrees with dueDates for every day of a year', () => {
    for (const s of [weekly, fourWeekly, monthly31]) {
      let day = new Date(Date.UTC(2026, 0, 1));
      for (let i = 0; i < 400; i++) {
        const iso = day.toISOString().slice(0, 10);
        expect(countDue(s, iso), `${s.cadence} ${iso}`).toBe(dueDates(s, '2000-01-01', iso).length);
        day = new Date(day.getTime() + 86_400_000);
      }
    }
  });
});

describe('matchReceipts', () => {
  it('four-weekly: on time, late, short, missing and the next one upcoming', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-06', 200_000), rc(2, '2026-05-08', 200_000), rc(3, '2026-06-01', 150_000)], '2026-04-06', '2026-07-20');
    expect(m.due).toEqual([
      { scheduleId: 1, dueDate: '2026-04-06', expected: 200_000, received: rc(1, '2026-04-06', 200_000), late: false, short: false, status: 'received' },
      { scheduleId: 1, dueDate: '2026-05-04', expected: 200_000, received: rc(2, '2026-05-08', 200_000), late: true, short: false, status: 'late' },
      { scheduleId: 1, dueDate: '2026-06-01', expected: 200_000, received: rc(3, '2026-06-01', 150_000), late: false, short: true, status: 'short' },
      { scheduleId: 1, dueDate: '2026-06-29', expected: 200_000, received: null, late: false, short: false, status: 'missing' },
      { scheduleId: 1, dueDate: '2026-07-27', expected: 200_000, received: null, late: false, short: false, status: 'upcoming' },
    ]);
    expect(m.duplicates).toEqual([]);
    expect(m.unscheduled).toEqual([]);
  });

  it('late is more than GRACE_DAYS after the due date; exactly 3 days is on time', () => {
    const onTime = matchReceipts(fourWeekly, [rc(1, '2026-04-09', 200_000)], '2026-04-06', '2026-04-20');
    expect(onTime.due[0]).toMatchObject({ dueDate: '2026-04-06', late: false, status: 'received' });
    const late = matchReceipts(fourWeekly, [rc(1, '2026-04-10', 200_000)], '2026-04-06', '2026-04-20');
    expect(late.due[0]).toMatchObject({ dueDate: '2026-04-06', late: true, status: 'late' });
  });

  it('short and late at once is reported as short, with both flags', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-15', 199_999)], '2026-04-06', '2026-04-20');
    expect(m.due[0]).toMatchObject({ late: true, short: true, status: 'short' });
  });

  it('a receipt above the expected amount is neither short nor late', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-06', 250_000)], '2026-04-06', '2026-04-20');
    expect(m.due[0]).toMatchObject({ short: false, late: false, status: 'received' });
  });

  it('an unmatched due date is upcoming within the grace days and missing after them; the next due date always shows', () => {
    expect(matchReceipts(fourWeekly, [], '2026-04-06', '2026-04-09').due.map((d) => [d.dueDate, d.status])).toEqual([
      ['2026-04-06', 'upcoming'],
      ['2026-05-04', 'upcoming'],
    ]);
    expect(matchReceipts(fourWeekly, [], '2026-04-06', '2026-04-10').due.map((d) => [d.dueDate, d.status])).toEqual([
      ['2026-04-06', 'missing'],
      ['2026-05-04', 'upcoming'],
    ]);
  });

  it('keeps only the next due date after the as-at date', () => {
    const m = matchReceipts(weekly, [], '2026-04-06', '2026-04-12');
    expect(m.due.map((d) => [d.dueDate, d.status])).toEqual([
      ['2026-04-06', 'missing'],
      ['2026-04-13', 'upcoming'],
    ]);
  });

  it('an early receipt matches the coming due date (up to the early window)', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-06', 200_000), rc(2, '2026-04-20', 200_000)], '2026-04-06', '2026-04-21');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null, d.status])).toEqual([
      ['2026-04-06', 1, 'received'],
      ['2026-05-04', 2, 'received'],
    ]);
  });

  it('receipts after the as-at date are ignored entirely', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-06', 200_000), rc(2, '2026-05-04', 200_000)], '2026-04-06', '2026-04-20');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null])).toEqual([
      ['2026-04-06', 1],
      ['2026-05-04', null],
    ]);
    expect(m.unscheduled).toEqual([]);
    expect(m.duplicates).toEqual([]);
  });

  it('matches in date order (then entry id), each receipt to the earliest unmatched due date it fits', () => {
    // Given out of order; 04-06 was missed and caught up on 04-18 (late), 04-20 is 14 days from
    // both 04-06 and 05-04 and goes to the earliest still open.
    const m = matchReceipts(fourWeekly, [rc(9, '2026-04-20', 200_000), rc(4, '2026-04-18', 200_000)], '2026-04-06', '2026-04-21');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null, d.status])).toEqual([
      ['2026-04-06', 4, 'late'],
      ['2026-05-04', 9, 'received'],
    ]);
    // The same day: the lower entry id first.
    const same = matchReceipts(fourWeekly, [rc(12, '2026-04-06', 200_000), rc(11, '2026-04-06', 200_000)], '2026-04-06', '2026-04-21');
    expect(same.due[0]!.received?.entryId).toBe(11);
    expect(same.duplicates).toEqual([{ receipt: rc(12, '2026-04-06', 200_000), duplicateOf: rc(11, '2026-04-06', 200_000), dueDate: '2026-04-06' }]);
  });

  it('a receipt in the window of two open due dates goes to the earlier one, as late', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-20', 200_000)], '2026-04-06', '2026-05-20');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null, d.status])).toEqual([
      ['2026-04-06', 1, 'late'],
      ['2026-05-04', null, 'missing'],
      ['2026-06-01', null, 'upcoming'],
    ]);
  });

  it('a second receipt of the same amount for a date already paid is a possible duplicate', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-06', 200_000), rc(2, '2026-04-07', 200_000)], '2026-04-06', '2026-04-10');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null])).toEqual([
      ['2026-04-06', 1],
      ['2026-05-04', null],
    ]);
    expect(m.duplicates).toEqual([{ receipt: rc(2, '2026-04-07', 200_000), duplicateOf: rc(1, '2026-04-06', 200_000), dueDate: '2026-04-06' }]);
    expect(m.unscheduled).toEqual([]);
  });

  it('a second receipt of another amount is unscheduled, not a duplicate', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-04-06', 200_000), rc(2, '2026-04-07', 5_000)], '2026-04-06', '2026-04-10');
    expect(m.duplicates).toEqual([]);
    expect(m.unscheduled).toEqual([rc(2, '2026-04-07', 5_000)]);
  });

  it('a receipt far from any due date is unscheduled', () => {
    const m = matchReceipts(fourWeekly, [rc(1, '2026-03-01', 200_000)], '2026-03-01', '2026-04-10');
    expect(m.unscheduled).toEqual([rc(1, '2026-03-01', 200_000)]);
    expect(m.due.map((d) => [d.dueDate, d.status])).toEqual([
      ['2026-04-06', 'missing'],
      ['2026-05-04', 'upcoming'],
    ]);
  });

  it('weekly: a receipt 4 to 6 days late is late for its own week, not early for the next', () => {
    // Contributions due every Monday; the first is paid on Friday, the next two on time.
    const m = matchReceipts(weekly, [rc(1, '2026-04-10', 10_000), rc(2, '2026-04-13', 10_000), rc(3, '2026-04-20', 10_000)], '2026-04-06', '2026-04-21');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null, d.status])).toEqual([
      ['2026-04-06', 1, 'late'],
      ['2026-04-13', 2, 'received'],
      ['2026-04-20', 3, 'received'],
      ['2026-04-27', null, 'upcoming'],
    ]);
    expect(m.duplicates).toEqual([]);
    expect(m.unscheduled).toEqual([]);
  });

  it('weekly: a receipt 2 days after a week already paid is a duplicate, not next week paid early', () => {
    const m = matchReceipts(weekly, [rc(1, '2026-04-06', 10_000), rc(2, '2026-04-08', 10_000)], '2026-04-06', '2026-04-10');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null, d.status])).toEqual([
      ['2026-04-06', 1, 'received'],
      ['2026-04-13', null, 'upcoming'],
    ]);
    expect(m.duplicates).toEqual([{ receipt: rc(2, '2026-04-08', 10_000), duplicateOf: rc(1, '2026-04-06', 10_000), dueDate: '2026-04-06' }]);
  });

  it('weekly: 3 days early is early for the coming week', () => {
    const m = matchReceipts(weekly, [rc(1, '2026-04-06', 10_000), rc(2, '2026-04-10', 10_000)], '2026-04-06', '2026-04-10');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null, d.status])).toEqual([
      ['2026-04-06', 1, 'received'],
      ['2026-04-13', 2, 'received'],
    ]);
  });

  it('monthly from the 31st: receipts on the clamped month ends are on time', () => {
    const m = matchReceipts(monthly31, [rc(1, '2026-01-31', 86_667), rc(2, '2026-02-28', 86_667), rc(3, '2026-03-31', 86_667)], '2026-01-01', '2026-04-20');
    expect(m.due.map((d) => [d.dueDate, d.received?.entryId ?? null, d.status])).toEqual([
      ['2026-01-31', 1, 'received'],
      ['2026-02-28', 2, 'received'],
      ['2026-03-31', 3, 'received'],
      ['2026-04-30', null, 'upcoming'],
    ]);
  });

  it('an ended schedule expects nothing after its end date', () => {
    const m = matchReceipts({ ...fourWeekly, endDate: '2026-05-04' }, [], '2026-04-06', '2026-07-01');
    expect(m.due.map((d) => [d.dueDate, d.status])).toEqual([
      ['2026-04-06', 'missing'],
      ['2026-05-04', 'missing'],
    ]);
  });
});

describe('late payments catch up before anything is called a duplicate', () => {
  it('a weekly payment 8 days late clears its own missing week, not a duplicate of the next', () => {
    const s = { id: 1, amount: 2_500, cadence: 'weekly' as const, firstDate: '2026-03-02', endDate: null };
    // Due 03-02 paid 03-10 (8 days late); due 03-09 paid on time on 03-09.
    const m = matchReceipts(
      s,
      [
        { entryId: 10, date: '2026-03-09', amount: 2_500 },
        { entryId: 11, date: '2026-03-10', amount: 2_500 },
      ],
      '2026-03-02',
      '2026-03-12',
    );
    expect(m.duplicates).toEqual([]);
    expect(m.due.slice(0, 2).map((d) => [d.dueDate, d.received?.entryId, d.status])).toEqual([
      ['2026-03-02', 11, 'late'],
      ['2026-03-09', 10, 'received'],
    ]);
  });

  it('a true duplicate (same amount, nothing outstanding) is still flagged', () => {
    const s = { id: 1, amount: 2_500, cadence: 'weekly' as const, firstDate: '2026-03-02', endDate: null };
    const m = matchReceipts(
      s,
      [
        { entryId: 10, date: '2026-03-02', amount: 2_500 },
        { entryId: 11, date: '2026-03-03', amount: 2_500 },
      ],
      '2026-03-02',
      '2026-03-04',
    );
    expect(m.duplicates.map((d) => [d.receipt.entryId, d.duplicateOf.entryId])).toEqual([[11, 10]]);
  });
});
