/**
 * Holiday taken and holiday balances for PAs. Hours are integer hundredths of an hour (750 = 7.5 h).
 *
 * Leave year: 1 April to 31 March (Steward's fixed leave year; most direct-payment employment
 * contracts use it or the tax year; gov.uk "Holiday entitlement": the leave year is set by the
 * contract, and runs from the start of employment if the contract does not say).
 *
 * Two schemes (the PA's holidayScheme):
 * - pro-rata (regular hours): a full leave year's entitlement is 5.6 weeks × contracted weekly
 *   hours (Working Time Regulations 1998 regs 13 and 13A; the engine's statutoryWeeksTenths = 56).
 *   It is pro-rated by the days employed in the leave year (start and leaving dates), rounded UP to
 *   the hundredth so the PA is never short. Accrued so far = the full year's hours × days employed
 *   in the leave year up to asOf ÷ days in the leave year, rounded DOWN to the hundredth (on the last
 *   day employed it equals the entitlement). Balance = entitlement − taken: a PA on regular hours
 *   may book the year's holiday before it accrues. Not applied: the 28-day cap for people working
 *   more than 5 days a week (Steward holds weekly hours, not days).
 * - accrual (irregular hours and part-year workers, leave years from 1 April 2024): accrued =
 *   12.07% of the hours worked in approved timesheets (lines dated in the leave year up to asOf),
 *   worked out per timesheet (pay period) with the engine's holidayAccrualMinutes. That function is
 *   ceil(time × 12.07%) in whatever whole unit it is given, so it is applied to hundredths of an
 *   hour directly: exact, with no conversion through minutes, rounded UP to the hundredth.
 *   Entitlement = accrued; balance = accrued − taken.
 *
 * Taken = holiday_taken entries dated in the leave year up to asOf.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { cached } from '../store/statements';
import type { z } from 'zod';
import { StewardError } from '../../shared/errors';
import { addDays, daysBetween } from '../../shared/dates';
import type { HolidayAdd, HolidayBalance, HolidayTaken, Pa } from '../../shared/contract-payroll';
import { audit } from '../api/audit';
import type { Stamp } from '../ledger/journal';
import { mulDivCeil, mulDivFloor } from './arithmetic';
import { holidayAccrualMinutes } from './holiday';
import { getPa } from './people';
import { TAX_YEARS, taxYearFor } from './tax-years';
import type { TaxYearTable } from './types';

function invalid(message: string, where: string): StewardError {
  return new StewardError('VALIDATION', message, { where });
}

/** The leave year (1 April – 31 March) containing `date`. */
export function leaveYearOf(date: string): { start: string; end: string } {
  const y = Number(date.slice(0, 4));
  const startYear = date.slice(5) >= '04-01' ? y : y - 1;
  return { start: `${startYear}-04-01`, end: `${startYear + 1}-03-31` };
}

/**
 * The tax-year table whose holiday figures apply to a leave year: the tax year beginning on 6 April
 * inside it. If Steward holds no table for that year, the nearest held table: the figures used
 * (5.6 weeks, 12.07%) are fixed by the Working Time Regulations, not by the tax year.
 */
function holidayTable(leaveYearStart: string): TaxYearTable {
  try {
    return taxYearFor(addDays(leaveYearStart, 5));
  } catch {
    const sorted = [...TAX_YEARS].sort((a, b) => a.id.localeCompare(b.id));
    const label = leaveYearStart.slice(0, 4);
    return sorted.find((t) => t.id.slice(0, 4) >= label) ?? sorted[sorted.length - 1]!;
  }
}

const maxDate = (a: string, b: string): string => (a > b ? a : b);
const minDate = (a: string, b: string): string => (a < b ? a : b);

/** Days from a to b inclusive; 0 when b is before a. */
function inclusiveDays(a: string, b: string): number {
  return b < a ? 0 : daysBetween(a, b) + 1;
}

function takenHours(db: Database, paId: number, from: string, to: string): number {
  return (cached(db, 'SELECT COALESCE(SUM(hours), 0) AS h FROM holiday_taken WHERE pa_id = ? AND date >= ? AND date <= ?').get(paId, from, to) as { h: number }).h;
}

/** Hours accrued under the accrual scheme from approved timesheet lines dated from..to. */
function accruedFromTimesheets(db: Database, pa: Pa, from: string, to: string, table: TaxYearTable): number {
  if (to < from) return 0;
  const rows = cached(db, 
      `SELECT t.id, SUM(l.hours) AS hours FROM timesheet_lines l JOIN timesheets t ON t.id = l.timesheet_id
        WHERE t.pa_id = ? AND t.status = 'approved' AND l.date >= ? AND l.date <= ? GROUP BY t.id ORDER BY t.id`,
    )
    .all(pa.id, from, to) as Array<{ id: number; hours: number }>;
  // Hundredths in, hundredths out: see the file comment.
  return rows.reduce((s, r) => s + holidayAccrualMinutes(table, r.hours), 0);
}

function balanceOf(db: Database, pa: Pa, asOf: string): HolidayBalance {
  const ly = leaveYearOf(asOf);
  const table = holidayTable(ly.start);
  const taken = takenHours(db, pa.id, ly.start, asOf);
  const empStart = maxDate(pa.startDate, ly.start);
  const empEnd = minDate(pa.leavingDate ?? ly.end, ly.end);
  if (pa.holidayScheme === 'accrual') {
    const accrued = accruedFromTimesheets(db, pa, empStart, minDate(asOf, empEnd), table);
    return { paId: pa.id, scheme: 'accrual', leaveYearStart: ly.start, leaveYearEnd: ly.end, entitlementHours: accrued, accruedHours: accrued, takenHours: taken, balanceHours: accrued - taken };
  }
  const yearDays = inclusiveDays(ly.start, ly.end);
  const employed = inclusiveDays(empStart, empEnd);
  const elapsed = inclusiveDays(empStart, minDate(asOf, empEnd));
  // A full year's hours × 10 (statutoryWeeksTenths is weeks in tenths: 56 = 5.6 weeks).
  const fullTimesTen = pa.contractedHours * table.holiday.statutoryWeeksTenths;
  const entitlement = mulDivCeil(fullTimesTen, employed, 10 * yearDays);
  const accrued = elapsed >= employed ? entitlement : mulDivFloor(fullTimesTen, elapsed, 10 * yearDays);
  return { paId: pa.id, scheme: 'pro-rata', leaveYearStart: ly.start, leaveYearEnd: ly.end, entitlementHours: entitlement, accruedHours: accrued, takenHours: taken, balanceHours: entitlement - taken };
}

/** The PA's holiday balance in the leave year containing asOf (hundredths of an hour). NOT_FOUND for an unknown PA. */
export function holidayBalance(db: Database, paId: number, asOf: string): HolidayBalance {
  return balanceOf(db, getPa(db, paId), asOf);
}

// ---------- Entries ----------

interface HolidayRow {
  id: number;
  pa_id: number;
  date: string;
  hours: number;
  note: string;
  pay_run_id: number | null;
  created_at: string;
}

function entryOf(r: HolidayRow): HolidayTaken {
  return { id: r.id, paId: r.pa_id, date: r.date, hours: r.hours, note: r.note, payRunId: r.pay_run_id, createdAt: r.created_at };
}

export function getHoliday(db: Database, id: number): HolidayTaken {
  const r = cached(db, 'SELECT * FROM holiday_taken WHERE id = ?').get(id) as HolidayRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no holiday entry ${id}. Run holiday.list for the PA to see entry ids.`, { where: 'id' });
  return entryOf(r);
}

/** A PA's holiday entries by date. NOT_FOUND for an unknown PA. */
export function listHoliday(db: Database, paId: number): HolidayTaken[] {
  getPa(db, paId);
  return (cached(db, 'SELECT * FROM holiday_taken WHERE pa_id = ? ORDER BY date, id').all(paId) as HolidayRow[]).map(entryOf);
}

/** Unpaid holiday entries of a PA dated from..to (for a pay run). */
export function unpaidHoliday(db: Database, paId: number, from: string, to: string): HolidayTaken[] {
  return (cached(db, 'SELECT * FROM holiday_taken WHERE pa_id = ? AND pay_run_id IS NULL AND date >= ? AND date <= ? ORDER BY date, id').all(paId, from, to) as HolidayRow[]).map(entryOf);
}

/**
 * Record holiday a PA took (or will take) on a day. Checked: the PA was employed on the day, the
 * hours are 0.01–24, and the hours fit in the leave year's balance counting every entry already
 * recorded in that leave year (for the accrual scheme, what has accrued from approved timesheets).
 */
export function addHoliday(db: Database, input: z.output<typeof HolidayAdd>, st: Stamp): HolidayTaken {
  const pa = getPa(db, input.paId);
  if (input.date < pa.startDate) throw invalid(`${pa.name} started on ${pa.startDate}; holiday on ${input.date} is before that.`, 'date');
  if (pa.leavingDate !== null && input.date > pa.leavingDate) {
    throw invalid(`${pa.name} left on ${pa.leavingDate}; holiday on ${input.date} is after that. Pay untaken holiday in the final pay instead.`, 'date');
  }
  if (!Number.isInteger(input.hours) || input.hours <= 0 || input.hours > 2400) {
    throw invalid('Holiday hours are hundredths of an hour above 0 and at most 2400 (24 hours), e.g. 750 for 7.5 hours.', 'hours');
  }
  const whole = balanceOf(db, pa, leaveYearOf(input.date).end);
  const left = whole.balanceHours;
  if (input.hours > left) {
    const h = (n: number): string => (n / 100).toFixed(2);
    throw invalid(
      `${pa.name} has ${h(left)} hours of holiday left in the leave year ${whole.leaveYearStart} to ${whole.leaveYearEnd} (${h(whole.entitlementHours)} ${pa.holidayScheme === 'accrual' ? 'accrued from approved timesheets' : 'entitlement'} less holiday already recorded); ${h(input.hours)} hours is more than that.`,
      'hours',
    );
  }
  const info = cached(db, 'INSERT INTO holiday_taken(pa_id, date, hours, note, created_at) VALUES (?, ?, ?, ?, ?)').run(pa.id, input.date, input.hours, input.note, st.at);
  const after = getHoliday(db, Number(info.lastInsertRowid));
  audit(db, { ...st, action: 'create', entity: 'holiday', entityId: after.id, after });
  return after;
}

/** Remove an unpaid entry. CONFLICT once a posted run paid it, or while an approved run includes it. */
export function removeHoliday(db: Database, id: number, st: Stamp): HolidayTaken {
  const before = getHoliday(db, id);
  if (before.payRunId !== null) {
    throw new StewardError('CONFLICT', `Holiday entry ${id} (${before.date}) was paid in pay run ${before.payRunId} and cannot be removed. Reverse that run first if it is wrong.`, { where: 'id' });
  }
  const approved = cached(db, 
      `SELECT r.id FROM pay_run_lines l JOIN pay_runs r ON r.id = l.pay_run_id, json_each(l.holiday_ids_json) j
        WHERE l.pa_id = ? AND r.status = 'approved' AND j.value = ? LIMIT 1`,
    )
    .get(before.paId, id) as { id: number } | undefined;
  if (approved) {
    throw new StewardError('CONFLICT', `Holiday entry ${id} (${before.date}) is paid in approved pay run ${approved.id}. Post that run, or leave the entry.`, { where: 'id' });
  }
  cached(db, 'DELETE FROM holiday_taken WHERE id = ?').run(id);
  audit(db, { ...st, action: 'remove', entity: 'holiday', entityId: id, before });
  return before;
}
