/**
 * Plan against actual (issue 5, point 8): for the support plan active on a date, what was planned
 * to that date, what was spent, where the year is heading and how much money is left, per plan
 * line and in total, with a weekly series for the chart. Pure functions (`planActuals`) plus a
 * reader (`readPlanActuals`) that takes the client's expense postings from the ledger.
 *
 * The rules (also in docs/planning.md, "Plan against actual"):
 *
 * - Plan year. Years run from the plan's start date: year 1 from the start date, year 2 from its
 *   first anniversary, and so on (calendar months, so a plan starting 29 February has its
 *   anniversary on 28 February). The year reported is the one containing asOf. Its days are 365 or
 *   366.
 * - When a line runs. From the latest of the plan year's start, the plan's start and the line's
 *   start date, to the earliest of the plan year's end, the line's end date, the plan's end date,
 *   the day the plan ended and the day before a later version was activated.
 * - Planned. A recurring line: annual cost × days it runs (up to the date) ÷ days in the plan
 *   year, rounded half up to the penny. A line running the whole year plans exactly its annual
 *   cost. A one-off line is planned in full on its start date (the plan's start date if it has
 *   none), in the plan year containing that date, and nothing in other years.
 * - Actual. The sum of the client's journal lines on the line's expense accounts dated from the
 *   start of the plan year to asOf (reversals count on their own date, so a reversed payment nets
 *   to nothing). Expense lines are debits, so spending is positive and a refund negative.
 * - Which accounts. A line maps to the expense account of its category. A PA-hours line recorded
 *   under "pa-wages" is costed with the employer's on-costs (rate = gross + on-cost: employer NI,
 *   pension, holiday pay, employer's liability insurance, payroll fee; see the on-cost calculator),
 *   so it also takes the on-cost accounts "employer-ni", "pension", "insurance" and "fees" (holiday
 *   pay is paid as wages) - except any of those that another line of the plan names as its own
 *   category, which then belongs to that line alone.
 * - Shared accounts. Where several lines map to the same account, that account's spending is split
 *   between them in proportion to their planned to date (if all of those are 0, their planned for
 *   the year; if those are 0 too, equally), exactly: each gets the rounded-down share and the
 *   pennies left over go to the largest remainders (earlier lines first on a tie). The lines' actuals
 *   therefore always add up to the spending. Spending on accounts no line maps to is listed as
 *   unplanned and counted in the totals.
 * - Projected year end. Recurring line: actual to date ÷ days the line has run so far × days it
 *   runs in the plan year, rounded half up (for a line running all year this is actual ÷ days
 *   elapsed × days in the plan year). A line not started yet projects actual + planned for the year.
 *   A one-off line projects its actual once its date has passed, otherwise the larger of its actual
 *   and its planned amount. Unplanned spending projects actual ÷ days elapsed × days in the year.
 *   The total is the sum of the lines' and the unplanned projections.
 * - Money left = planned for the year − actual to date (negative when overspent).
 * - Spending rate. spent = actual ÷ planned for the year, expected = planned to date ÷ planned for
 *   the year (both basis points, half up); expected equals the share of the year elapsed for a line
 *   running all year. Pace is "ahead" when spent is more than expected + the tolerance (default 500
 *   basis points = 5 percentage points), "behind" when less than expected − the tolerance, else
 *   "on-track". With nothing planned, any spending is "ahead".
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CATEGORIES, type Category } from '../../shared/domain';
import { addDays, addMonths, daysBetween, isIsoDate } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import type { Plan, PlanLine } from '../../shared/contract-planning';
import type { ActualsLine, Pace, PlanActuals } from '../../shared/contract-planning-outputs';
import { getPlan, listVersions } from './plans';

export const DEFAULT_TOLERANCE_BPS = 500;

/** The on-cost accounts a PA-hours line on "pa-wages" also takes (see the header). */
export const PA_ONCOST_CATEGORIES: readonly Category[] = ['employer-ni', 'pension', 'insurance', 'fees'];

/** One day's spending on one expense account (pence, debit positive). */
export interface Posting {
  category: Category;
  date: string;
  amount: number;
}

/** What the reader needs of a plan version to pick the one active on a date. */
export interface VersionInfo {
  id: number;
  version: number;
  status: string;
  activatedOn: string | null;
  endedOn: string | null;
}

/** a × b ÷ c rounded half up (a, b, c whole; c > 0; a may be negative: rounds half away from zero). */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError('mulDivHalfUp: divisor must be positive');
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return Number(neg ? -q : q);
}

/** Inclusive day count from a to b (0 when b is before a). */
function span(a: string, b: string): number {
  return b < a ? 0 : daysBetween(a, b) + 1;
}
const maxDate = (...ds: Array<string | null | undefined>): string => ds.filter((d): d is string => !!d).reduce((m, d) => (d > m ? d : m));
const minDate = (...ds: Array<string | null | undefined>): string => ds.filter((d): d is string => !!d).reduce((m, d) => (d < m ? d : m));

export interface PlanYear {
  number: number;
  start: string;
  end: string;
  days: number;
}

/** The plan year (from the plan's start date) containing asOf. asOf must not be before the start. */
export function planYearOf(planStart: string, asOf: string): PlanYear {
  if (asOf < planStart) throw new RangeError('asOf is before the plan start');
  let k = Math.max(0, Math.floor(daysBetween(planStart, asOf) / 366));
  while (addMonths(planStart, 12 * (k + 1)) <= asOf) k += 1;
  const start = addMonths(planStart, 12 * k);
  const next = addMonths(planStart, 12 * (k + 1));
  return { number: k + 1, start, end: addDays(next, -1), days: daysBetween(start, next) };
}

/**
 * The version in force on asOf: activated on or before it, not ended before it and not replaced by
 * a later activation on or before it. Null when there is none.
 */
export function activeVersionOn<V extends VersionInfo>(versions: readonly V[], asOf: string): { plan: V; inForceTo: string | null } | null {
  const activated = versions.filter((v) => v.activatedOn !== null && ['active', 'superseded', 'ended'].includes(v.status));
  const cands = activated
    .filter((v) => (v.activatedOn as string) <= asOf && (v.endedOn === null || v.endedOn >= asOf))
    .sort((a, b) => ((a.activatedOn as string) < (b.activatedOn as string) ? 1 : (a.activatedOn as string) > (b.activatedOn as string) ? -1 : b.version - a.version));
  const plan = cands[0];
  if (!plan) return null;
  const after = activated.filter((v) => v.id !== plan.id && (v.activatedOn as string) > (plan.activatedOn as string)).map((v) => addDays(v.activatedOn as string, -1));
  const ends = [plan.endedOn, ...after].filter((d): d is string => d !== null);
  return { plan, inForceTo: ends.length === 0 ? null : minDate(...ends) };
}

/** The expense accounts each line maps to (see the header). */
export function accountsForLines(lines: ReadonlyArray<Pick<PlanLine, 'type' | 'category'>>): Category[][] {
  const own = new Set(lines.map((l) => l.category));
  return lines.map((l) => {
    const out: Category[] = [l.category];
    if (l.type === 'pa-hours' && l.category === 'pa-wages') for (const c of PA_ONCOST_CATEGORIES) if (!own.has(c)) out.push(c);
    return out;
  });
}

/** Split `total` pence by `weights` exactly: floor shares, leftover pennies to the largest remainders (earlier first). */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((s, w) => s + w, 0);
  const ws = sum > 0 ? weights : weights.map(() => 1);
  const wsum = sum > 0 ? sum : weights.length;
  const neg = total < 0;
  const abs = BigInt(Math.abs(total));
  const parts = ws.map((w, i) => {
    const n = abs * BigInt(w);
    return { i, q: n / BigInt(wsum), r: n % BigInt(wsum) };
  });
  let left = abs - parts.reduce((s, p) => s + p.q, 0n);
  const order = [...parts].sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const p of order) {
    if (left <= 0n) break;
    if (ws[p.i]! > 0) {
      p.q += 1n;
      left -= 1n;
    }
  }
  return parts.map((p) => (neg ? -Number(p.q) : Number(p.q)));
}

interface Window {
  /** First and last day the line runs in the plan year; null when it does not run in it. */
  from: string | null;
  to: string | null;
  oneOffDate: string | null;
}

function lineWindow(plan: Pick<Plan, 'startDate' | 'endDate' | 'endedOn'>, inForceTo: string | null, line: PlanLine, year: PlanYear): Window {
  const end = minDate(year.end, line.endDate, plan.endDate, plan.endedOn, inForceTo);
  if (line.unit === 'one-off') {
    const d = line.startDate ?? plan.startDate;
    const runs = d >= year.start && d <= end;
    return { from: runs ? d : null, to: runs ? d : null, oneOffDate: runs ? d : null };
  }
  const from = maxDate(year.start, plan.startDate, line.startDate);
  return from <= end ? { from, to: end, oneOffDate: null } : { from: null, to: null, oneOffDate: null };
}

/** Planned for a line from its start in the year to `upTo` (inclusive). */
function plannedTo(line: PlanLine, w: Window, year: PlanYear, upTo: string): number {
  if (w.from === null || w.to === null) return 0;
  if (w.oneOffDate !== null) return w.oneOffDate <= upTo ? line.annualCost : 0;
  return mulDivHalfUp(line.annualCost, span(w.from, minDate(w.to, upTo)), year.days);
}

function bps(part: number, whole: number): number | null {
  return whole === 0 ? null : mulDivHalfUp(part, 10_000, whole);
}

function paceOf(actual: number, spent: number | null, expected: number | null, tol: number): Pace {
  if (spent === null || expected === null) return actual > 0 ? 'ahead' : actual < 0 ? 'behind' : 'on-track';
  if (spent > expected + tol) return 'ahead';
  if (spent < expected - tol) return 'behind';
  return 'on-track';
}

function figures(plannedYear: number, plannedToDate: number, actualToDate: number, projectedYearEnd: number, tol: number) {
  const spentBps = bps(actualToDate, plannedYear);
  const expectedBps = bps(plannedToDate, plannedYear);
  return {
    plannedYear,
    plannedToDate,
    actualToDate,
    projectedYearEnd,
    moneyLeft: plannedYear - actualToDate,
    spentBps,
    expectedBps,
    pace: paceOf(actualToDate, spentBps, expectedBps, tol),
  };
}

export interface ActualsInput {
  plan: Pick<Plan, 'id' | 'clientId' | 'version' | 'title' | 'startDate' | 'endDate' | 'endedOn' | 'lines'>;
  /** Last day the plan is in force because a later version replaced it or it ended (null: open). */
  inForceTo: string | null;
  asOf: string;
  /** The client's expense postings; only those in the plan year up to asOf are counted. */
  postings: readonly Posting[];
  toleranceBps?: number;
}

/** Plan against actual (pure). See the header for every rule. */
export function planActuals(input: ActualsInput): PlanActuals {
  const { plan, asOf } = input;
  const tol = input.toleranceBps ?? DEFAULT_TOLERANCE_BPS;
  if (!isIsoDate(asOf)) throw new StewardError('VALIDATION', `"${asOf}" is not a date: write it as YYYY-MM-DD.`, { where: 'asOf' });
  if (asOf < plan.startDate) {
    throw new StewardError('VALIDATION', `The plan starts on ${plan.startDate}, after ${asOf}: choose a date on or after the start.`, { where: 'asOf' });
  }
  const year = planYearOf(plan.startDate, asOf);
  const daysElapsed = span(year.start, asOf);
  const lines = [...plan.lines].sort((a, b) => a.position - b.position);
  const accounts = accountsForLines(lines);
  const windows = lines.map((l) => lineWindow(plan, input.inForceTo, l, year));
  const plannedYear = lines.map((l, i) => plannedTo(l, windows[i]!, year, year.end));
  const plannedToDate = lines.map((l, i) => plannedTo(l, windows[i]!, year, asOf));

  // Spending per account in the window, and per account per day for the series.
  const inWindow = input.postings.filter((p) => p.date >= year.start && p.date <= asOf);
  const byAccount = new Map<Category, number>();
  for (const p of inWindow) byAccount.set(p.category, (byAccount.get(p.category) ?? 0) + p.amount);

  const claimants = new Map<Category, number[]>();
  accounts.forEach((acs, i) => acs.forEach((c) => claimants.set(c, [...(claimants.get(c) ?? []), i])));
  const actual = lines.map(() => 0);
  for (const [cat, idx] of claimants) {
    const total = byAccount.get(cat) ?? 0;
    if (total === 0) continue;
    const byToDate = idx.map((i) => plannedToDate[i]!);
    const weights = byToDate.some((w) => w > 0) ? byToDate : idx.map((i) => plannedYear[i]!);
    splitByWeights(total, weights).forEach((share, k) => {
      actual[idx[k]!]! += share;
    });
  }

  const outLines: ActualsLine[] = lines.map((l, i) => {
    const w = windows[i]!;
    const a = actual[i]!;
    let projected: number;
    if (w.oneOffDate !== null) projected = w.oneOffDate <= asOf ? a : Math.max(a, plannedYear[i]!);
    else if (w.from === null || w.to === null) projected = a;
    else {
      const ran = span(w.from, minDate(w.to, asOf));
      projected = ran === 0 ? a + plannedYear[i]! : mulDivHalfUp(a, span(w.from, w.to), ran);
    }
    return {
      lineId: l.id,
      position: l.position,
      type: l.type,
      description: l.description,
      category: l.category,
      accounts: accounts[i]!,
      activeFrom: w.from,
      activeTo: w.to,
      ...figures(plannedYear[i]!, plannedToDate[i]!, a, projected, tol),
    };
  });

  const unplanned = CATEGORIES.filter((c) => !claimants.has(c) && (byAccount.get(c) ?? 0) !== 0).map((c) => {
    const a = byAccount.get(c)!;
    return { category: c, actualToDate: a, projectedYearEnd: mulDivHalfUp(a, year.days, daysElapsed) };
  });

  const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
  const totalActual = sum(outLines.map((l) => l.actualToDate)) + sum(unplanned.map((u) => u.actualToDate));
  const totals = figures(
    sum(plannedYear),
    sum(plannedToDate),
    totalActual,
    sum(outLines.map((l) => l.projectedYearEnd)) + sum(unplanned.map((u) => u.projectedYearEnd)),
    tol,
  );

  // Weekly series: week k ends on day 7k of the plan year; the last point is the year's last day.
  const daily = new Map<string, number>();
  for (const p of inWindow) daily.set(p.date, (daily.get(p.date) ?? 0) + p.amount);
  const sortedDays = [...daily.keys()].sort();
  const series: PlanActuals['series'] = [];
  let di = 0;
  let running = 0;
  for (let k = 1; ; k += 1) {
    const date = minDate(addDays(year.start, 7 * k - 1), year.end);
    while (di < sortedDays.length && sortedDays[di]! <= date) {
      running += daily.get(sortedDays[di]!)!;
      di += 1;
    }
    series.push({ date, planned: sum(lines.map((l, i) => plannedTo(l, windows[i]!, year, date))), actual: date <= asOf ? running : null });
    if (date === year.end) break;
  }

  return {
    clientId: plan.clientId,
    planId: plan.id,
    planVersion: plan.version,
    planTitle: plan.title,
    asOf,
    planYear: { number: year.number, start: year.start, end: year.end, days: year.days, daysElapsed, elapsedBps: mulDivHalfUp(daysElapsed, 10_000, year.days) },
    toleranceBps: tol,
    lines: outLines,
    unplanned,
    totals,
    series,
  };
}

/** The client's spending on each expense account per day, from `from` to `to` inclusive. */
export function readExpensePostings(db: Database, clientId: number, from: string, to: string): Posting[] {
  const rows = db
    .prepare(
      `SELECT substr(a.code, 9) AS category, l.date AS date, SUM(l.amount) AS amount
         FROM journal_lines l JOIN accounts a ON a.id = l.account_id
        WHERE a.client_id = ? AND a.code >= 'expense:' AND a.code < 'expense;' AND l.date >= ? AND l.date <= ?
        GROUP BY a.code, l.date ORDER BY l.date, a.code`,
    )
    .all(clientId, from, to) as Array<{ category: string; date: string; amount: number }>;
  const known = new Set<string>(CATEGORIES);
  return rows.filter((r) => known.has(r.category) && r.amount !== 0).map((r) => ({ category: r.category as Category, date: r.date, amount: r.amount }));
}

/**
 * Plan against actual from the ledger: `versions` are the client's plan versions (summaries) and
 * `load` reads one version in full (lines with their annual cost), both from main/planning.
 * Null when no version is active on asOf.
 */
export function readPlanActuals(
  db: Database,
  clientId: number,
  asOf: string,
  versions: readonly VersionInfo[],
  load: (id: number) => Plan,
  toleranceBps = DEFAULT_TOLERANCE_BPS,
): PlanActuals | null {
  if (!isIsoDate(asOf)) throw new StewardError('VALIDATION', `"${asOf}" is not a date: write it as YYYY-MM-DD.`, { where: 'asOf' });
  const active = activeVersionOn(versions, asOf);
  if (!active) return null;
  const plan = load(active.plan.id);
  if (asOf < plan.startDate) return null;
  const year = planYearOf(plan.startDate, asOf);
  return planActuals({ plan, inForceTo: active.inForceTo, asOf, postings: readExpensePostings(db, clientId, year.start, asOf), toleranceBps });
}

/** Plan against actual for a client from the ledger, using the planning engine's own plan reads. */
export function clientPlanActuals(db: Database, clientId: number, asOf: string, toleranceBps = DEFAULT_TOLERANCE_BPS): PlanActuals | null {
  return readPlanActuals(db, clientId, asOf, listVersions(db, clientId), (id) => getPlan(db, id), toleranceBps);
}
