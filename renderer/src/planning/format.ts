/**
 * Words, number parsing and the live cost preview the planning screens share.
 *
 * The live totals in the plan editor are a preview worked out here as the broker types; once the
 * lines are saved the server's figures (main/planning/costing.ts) are shown instead and are the ones
 * that count. The preview follows the same stated rule (contract-planning.ts, LINE_UNITS):
 *   weekly units run (52 − holiday weeks) weeks a year; monthly units 12 times a year; yearly units
 *   and one-off lines once; annual = quantity × rate × times a year, rounded half up to the penny;
 *   weekly = annual ÷ 52, rounded half up.
 */
import type { LineType, LineUnit, PlanStatus } from '../../../shared/contract-planning';
import { MoneyError, parseAmount } from '../../../shared/money';

export const LINE_TYPE_LABEL: Record<LineType, string> = {
  'pa-hours': 'PA hours',
  'agency-hours': 'Agency hours',
  respite: 'Respite or short breaks',
  'day-activity': 'Day activity',
  therapy: 'Therapy',
  equipment: 'Equipment',
  transport: 'Transport',
  'community-activity': 'Community activity',
  contingency: 'Contingency',
  other: 'Other',
};

export const UNIT_LABEL: Record<LineUnit, string> = {
  'hours-per-week': 'hours a week',
  'sessions-per-week': 'sessions a week',
  'days-per-week': 'days a week',
  'nights-per-week': 'nights a week',
  'hours-per-month': 'hours a month',
  'sessions-per-month': 'sessions a month',
  'hours-per-year': 'hours a year',
  'sessions-per-year': 'sessions a year',
  'nights-per-year': 'nights a year',
  'weeks-per-year': 'weeks a year',
  'one-off': 'one-off',
};

export const STATUS_LABEL: Record<PlanStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  approved: 'Approved',
  active: 'Active',
  superseded: 'Superseded',
  ended: 'Ended',
};

export const ARRANGEMENT_LABEL = {
  'direct-payment': 'Direct payment',
  'managed-account': 'Managed account',
  isf: 'Individual service fund',
  'user-trust': 'User trust',
  'council-arranged': 'Council-arranged',
  mixed: 'Mixed',
} as const;

export const CRITERION_LABEL = {
  withinBudget: 'Within budget',
  lawful: 'Lawful',
  bestValue: 'Best value',
  realisticCosts: 'Realistic costs',
  safe: 'Safe',
} as const;

export function isWeeklyUnit(u: LineUnit): boolean {
  return u.endsWith('-per-week');
}

function timesPerYearHundredths(unit: LineUnit, holidayWeeks: number): number {
  if (isWeeklyUnit(unit)) return 5200 - holidayWeeks;
  if (unit.endsWith('-per-month')) return 1200;
  return 100;
}

/** Round a non-negative fraction num/den half up. */
function divHalfUp(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/** Preview of a line's annual and weekly cost in pence (quantity and holiday weeks in hundredths, rate in pence). */
export function previewLineCost(quantity: number, unit: LineUnit, rate: number, holidayWeeks: number): { annual: number; weekly: number } {
  const annual = divHalfUp(quantity * rate * timesPerYearHundredths(unit, holidayWeeks), 10_000);
  return { annual, weekly: divHalfUp(annual, 52) };
}

/** Pounds typed by a person to pence, or an error message naming the field. */
export function parsePounds(text: string, field: string): { ok: true; value: number } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: `${field}: enter an amount in pounds, e.g. 13.50` };
  try {
    return { ok: true, value: parseAmount(text) };
  } catch (e) {
    return { ok: false, message: `${field}: ${e instanceof MoneyError ? e.message : 'not an amount of money'}` };
  }
}

/** A decimal like "37.5" to hundredths (3750), or an error message naming the field. */
export function parseHundredths(text: string, field: string): { ok: true; value: number } | { ok: false; message: string } {
  const s = text.trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return { ok: false, message: `${field}: write a number with at most two decimal places, e.g. 37.5` };
  const negative = s.startsWith('-');
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const value = Number.parseInt(whole ?? '0', 10) * 100 + Number.parseInt(frac.padEnd(2, '0'), 10);
  return { ok: true, value: negative ? -value : value };
}

/** 3750 → "37.5", 1500 → "15". */
export function hundredthsText(n: number): string {
  const s = (n / 100).toFixed(2);
  return s.replace(/\.?0+$/, '');
}

/** Pence to a plain "13.50" for an input's value. */
export function poundsText(p: number): string {
  return (p / 100).toFixed(2);
}

/** The ?from=…&to=… part of the location hash. */
export function hashQuery(): URLSearchParams {
  const q = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(q);
}
