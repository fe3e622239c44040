/** shared/dates.ts, shared/nhs.ts and the weekly equivalent in shared/domain.ts (all pure). */
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, dayOf, daysBetween, fromDayNumber, IsoDate, isIsoDate, toDayNumber } from '../../../shared/dates';
import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from '../../../shared/nhs';
import { weeklyEquivalent } from '../../../shared/domain';

describe('dates', () => {
  it('isIsoDate accepts real days only', () => {
    for (const ok of ['2026-04-06', '2024-02-29', '2000-02-29', '2026-12-31', '1900-01-01']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-00', '2026-04-31', '2026-4-6', '06/04/2026', '2026-04-06T00:00', ' 2026-04-06', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('IsoDate trims, and refuses impossible and out-of-range days with a message', () => {
    expect(IsoDate.parse(' 2026-04-06 ')).toBe('2026-04-06');
    const bad = IsoDate.safeParse('2026-02-30');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Write the date as YYYY-MM-DD (for example 2026-04-06)');
    expect(IsoDate.safeParse('1899-12-31').error?.issues[0]?.message).toBe('The date is out of range');
    expect(IsoDate.safeParse('2200-01-01').error?.issues[0]?.message).toBe('The date is out of range');
  });

  it('day numbers round-trip and count from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2026-04-06')).toBe(20_549);
    expect(fromDayNumber(20_549)).toBe('2026-04-06');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(() => toDayNumber('6 April 2026')).toThrow(RangeError);
  });

  it('addDays and daysBetween cross months, years and leap days', () => {
    expect(addDays('2026-04-06', 28)).toBe('2026-05-04');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // the clocks go forward on 29 March 2026: no effect on days
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-04-10', '2026-04-06')).toBe(-4);
  });

  it('addMonths clamps to the month end (31 Jan + 1 month = 28/29 Feb) and goes backwards', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-01-15', -25)).toBe('2023-12-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-04-06', 0)).toBe('2026-04-06');
  });

  it('dayOf gives the UK calendar day of an instant (BST and GMT)', () => {
    expect(dayOf(new Date('2026-04-06T09:00:00.000Z'))).toBe('2026-04-06');
    // 23:30 UTC on 6 April is 00:30 BST on 7 April in the UK.
    expect(dayOf(new Date('2026-04-06T23:30:00.000Z'))).toBe('2026-04-07');
    expect(dayOf(new Date('2026-04-06T22:59:59.999Z'))).toBe('2026-04-06');
    // In winter the UK is on GMT = UTC.
    expect(dayOf(new Date('2026-01-15T23:30:00.000Z'))).toBe('2026-01-15');
    expect(dayOf(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31');
    expect(dayOf(new Date('2027-01-01T00:00:00.000Z'))).toBe('2027-01-01');
  });

  it('ageOn counts whole years; a 29 February birthday comes of age on 1 March', () => {
    expect(ageOn('2010-04-06', '2026-04-05')).toBe(15);
    expect(ageOn('2010-04-06', '2026-04-06')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
});

describe('NHS numbers', () => {
  it('check digit: modulus 11 with weights 10..2', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('401023213')).toBe(7);
    // sum = 3×3 + 2×1 = 11, 11 mod 11 = 0: 11 − 0 = 11 becomes 0.
    expect(nhsCheckDigit('000000031')).toBe(0);
    // sum = 2×6 = 12, 12 mod 11 = 1, 11 − 1 = 10: no valid check digit.
    expect(nhsCheckDigit('000000006')).toBeNull();
  });

  it('check digit of anything but nine digits is null, never NaN', () => {
    expect(nhsCheckDigit('94347659')).toBeNull();
    expect(nhsCheckDigit('94347659X')).toBeNull();
    expect(nhsCheckDigit('')).toBeNull();
  });

  it('valid numbers, with spaces or hyphens', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(isValidNhsNumber('4010232137')).toBe(true);
    expect(isValidNhsNumber('0000000310')).toBe(true);
  });

  it('invalid: wrong check digit, check digit 10, wrong length, letters', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`000000006${d}`), `000000006${d}`).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('943476591A')).toBe(false);
    expect(isValidNhsNumber('')).toBe(false);
  });

  it('normalises and formats as 3-3-4', () => {
    expect(normaliseNhsNumber(' 943 476-5919 ')).toBe('9434765919');
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});

describe('weeklyEquivalent (pence, half up)', () => {
  it('weekly is the amount itself', () => {
    expect(weeklyEquivalent(12_345, 'weekly')).toBe(12_345);
  });

  it('four-weekly ÷ 4, halves up', () => {
    expect(weeklyEquivalent(200_000, 'four-weekly')).toBe(50_000);
    expect(weeklyEquivalent(200_001, 'four-weekly')).toBe(50_000); // 50,000.25
    expect(weeklyEquivalent(200_002, 'four-weekly')).toBe(50_001); // 50,000.5
    expect(weeklyEquivalent(200_003, 'four-weekly')).toBe(50_001); // 50,000.75
  });

  it('monthly × 12 ÷ 52, to the nearest penny', () => {
    expect(weeklyEquivalent(100_000, 'monthly')).toBe(23_077); // 23,076.92
    expect(weeklyEquivalent(86_667, 'monthly')).toBe(20_000); // 20,000.08
    expect(weeklyEquivalent(13, 'monthly')).toBe(3); // exactly 3
    expect(weeklyEquivalent(2, 'monthly')).toBe(0); // 0.46
    expect(weeklyEquivalent(3, 'monthly')).toBe(1); // 0.69
  });

  it('a year of four-weekly or monthly payments is 52 weekly equivalents, within rounding', () => {
    for (const annual of [1_040_000, 2_600_000, 1_234_567]) {
      const fw = Math.round(annual / 13);
      expect(Math.abs(weeklyEquivalent(fw, 'four-weekly') * 52 - fw * 13)).toBeLessThanOrEqual(26);
      const m = Math.round(annual / 12);
      expect(Math.abs(weeklyEquivalent(m, 'monthly') * 52 - m * 12)).toBeLessThanOrEqual(26);
    }
  });
});
