/**
 * Costing a support plan line, exactly, in integer pence. Pure: no clock, no I/O.
 *
 * Quantities are hundredths of a unit (1500 = 15 hours a week) and holiday weeks hundredths of a
 * week (560 = 5.6 weeks). Every division is done once, in BigInt, rounded half up
 * (payroll/arithmetic.ts mulDivRoundHalfUp), so the same line always costs the same to the penny.
 *
 * The rule (also in docs/planning.md):
 * - weekly units (hours-, sessions-, days-, nights-per-week) run (52 − holiday weeks) weeks:
 *     annual = round½↑( quantity × rate × (5200 − holidayWeeks) / 10000 )
 * - monthly units (hours-, sessions-per-month) run 12 months:
 *     annual = round½↑( quantity × rate × 12 / 100 )
 * - yearly units (hours-, sessions-, nights-per-year, weeks-per-year) and one-off:
 *     annual = round½↑( quantity × rate / 100 )
 * - weekly = round½↑( annual / 52 )
 * - planYearCost (what the line costs in the plan's first year, the plan start date to the day
 *   before its first anniversary, or to the plan's end date if sooner): a one-off line costs its
 *   full amount if it falls in that year (its start date, or the plan's start without one), else 0;
 *   any other line costs round½↑( annual × days it runs in that year / days in that year ).
 */
import { addDays, addMonths, toDayNumber } from '../../shared/dates';
import { MAX_HOURLY_LINE_RATE, MAX_LINE_RATE, type LineUnit } from '../../shared/contract-planning';
import { mulDivRoundHalfUp } from '../payroll/arithmetic';

export const WEEKLY_UNITS: readonly LineUnit[] = ['hours-per-week', 'sessions-per-week', 'days-per-week', 'nights-per-week'];
export const MONTHLY_UNITS: readonly LineUnit[] = ['hours-per-month', 'sessions-per-month'];
export const HOURLY_UNITS: readonly LineUnit[] = ['hours-per-week', 'hours-per-month', 'hours-per-year'];

/**
 * Largest quantity accepted for each unit, in hundredths: no more hours, days or nights than the
 * period holds (168 hours a week, 744 a month, 8,784 a year; 7 days or nights a week; 366 nights a
 * year; 52 weeks a year), and a generous ceiling for sessions and one-off items.
 */
export const MAX_QUANTITY: Record<LineUnit, number> = {
  'hours-per-week': 16_800,
  'sessions-per-week': 2_100,
  'days-per-week': 700,
  'nights-per-week': 700,
  'hours-per-month': 74_400,
  'sessions-per-month': 9_300,
  'hours-per-year': 878_400,
  'sessions-per-year': 100_000,
  'nights-per-year': 36_600,
  'weeks-per-year': 5_200,
  'one-off': 100_000,
};

/** Largest rate per unit, pence: £1,000 an hour for hourly units, £100,000 otherwise. */
export function maxRate(unit: LineUnit): number {
  return HOURLY_UNITS.includes(unit) ? MAX_HOURLY_LINE_RATE : MAX_LINE_RATE;
}

export interface CostableLine {
  quantity: number;
  unit: LineUnit;
  rate: number;
  holidayWeeks: number;
  startDate: string | null;
  endDate: string | null;
}

/** Cost of a full year of the line running, pence. */
export function annualCost(l: CostableLine): number {
  const qr = l.quantity * l.rate;
  if (WEEKLY_UNITS.includes(l.unit)) return mulDivRoundHalfUp(qr, 5200 - l.holidayWeeks, 10_000);
  if (MONTHLY_UNITS.includes(l.unit)) return mulDivRoundHalfUp(qr, 12, 100);
  return mulDivRoundHalfUp(qr, 1, 100);
}

export function weeklyCost(annual: number): number {
  return mulDivRoundHalfUp(annual, 1, 52);
}

/** The plan's first year: start to the day before the anniversary, or the plan's end if sooner. */
export function planYear(planStart: string, planEnd: string | null): { start: string; end: string; days: number } {
  const anniversaryEve = addDays(addMonths(planStart, 12), -1);
  const days = toDayNumber(anniversaryEve) - toDayNumber(planStart) + 1;
  const end = planEnd !== null && planEnd < anniversaryEve ? planEnd : anniversaryEve;
  return { start: planStart, end, days };
}

export function planYearCost(l: CostableLine, planStart: string, planEnd: string | null): number {
  const y = planYear(planStart, planEnd);
  if (l.unit === 'one-off') {
    const on = l.startDate ?? planStart;
    return on >= y.start && on <= y.end ? annualCost(l) : 0;
  }
  const from = l.startDate !== null && l.startDate > y.start ? l.startDate : y.start;
  const to = l.endDate !== null && l.endDate < y.end ? l.endDate : y.end;
  const running = toDayNumber(to) - toDayNumber(from) + 1;
  if (running <= 0) return 0;
  return mulDivRoundHalfUp(annualCost(l), running, y.days);
}

export interface LineCosts {
  annualCost: number;
  weeklyCost: number;
  planYearCost: number;
}

export function lineCosts(l: CostableLine, planStart: string, planEnd: string | null): LineCosts {
  const annual = annualCost(l);
  return { annualCost: annual, weeklyCost: weeklyCost(annual), planYearCost: planYearCost(l, planStart, planEnd) };
}
