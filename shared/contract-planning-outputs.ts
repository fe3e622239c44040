/**
 * Contract methods for the support-planning outputs (issue 5, points 8 and 9): plan against actual
 * for a client's active plan, and the support plan PDF. Both are reads: nothing in the ledger
 * changes. Money is integer pence; percentages are basis points (2500 = 25%). The rules behind the
 * figures are in main/planning/actuals.ts and docs/planning.md ("Plan against actual").
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { Category } from './domain';
import { Id } from './contract-money';
import { FileOut } from './contract-payroll-outputs';
import { LineType } from './contract-planning';

const Int = z.number().int();

/** Spending against time: ahead = spending faster than planned, behind = slower, within the tolerance = on-track. */
export const PACES = ['ahead', 'on-track', 'behind'] as const;
export const Pace = z.enum(PACES);
export type Pace = z.infer<typeof Pace>;

/** The figures shared by a line, an unplanned category and the total. */
const Figures = {
  /** Planned for the whole plan year (the line's annual cost pro rata to the days it runs in the year). */
  plannedYear: Int,
  /** Planned from the start of the plan year (or the line's start, if later) to asOf. */
  plannedToDate: Int,
  /** Spent on the mapped expense accounts from the start of the plan year to asOf. */
  actualToDate: Int,
  /** actualToDate ÷ days elapsed × days in the year, rounded half up (see actuals.ts for one-off lines). */
  projectedYearEnd: Int,
  /** plannedYear − actualToDate, pence; negative when overspent. */
  moneyLeft: Int,
  /** actualToDate / plannedYear, basis points; null when nothing is planned. */
  spentBps: Int.nullable(),
  /** plannedToDate / plannedYear, basis points (equals elapsedBps for a line running all year); null when nothing is planned. */
  expectedBps: Int.nullable(),
  pace: Pace,
};

export const ActualsLine = z.object({
  lineId: Id,
  position: Int,
  type: LineType,
  description: z.string(),
  category: Category,
  /** The expense accounts (categories) whose spending counts towards this line. */
  accounts: z.array(Category),
  /** First and last day the line runs within the plan year (null if it does not run in it). */
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
  ...Figures,
});
export type ActualsLine = z.infer<typeof ActualsLine>;

export const UnplannedSpend = z.object({ category: Category, actualToDate: Int, projectedYearEnd: Int });

export const ActualsPoint = z.object({
  /** The last day of the week (the plan year's last day for the final, shorter week). */
  date: z.string(),
  /** Cumulative planned from the start of the plan year to this date. */
  planned: Int,
  /** Cumulative actual to this date; null for weeks ending after asOf. */
  actual: Int.nullable(),
});

export const PlanActuals = z.object({
  clientId: Id,
  planId: Id,
  planVersion: Int,
  planTitle: z.string(),
  asOf: z.string(),
  planYear: z.object({
    /** 1 for the year from the plan's start date, 2 from its first anniversary, … */
    number: Int,
    start: z.string(),
    end: z.string(),
    days: Int,
    /** Days from start to asOf, both included. */
    daysElapsed: Int,
    /** daysElapsed / days, basis points. */
    elapsedBps: Int,
  }),
  /** Spending within this many basis points of the expected share counts as on track. */
  toleranceBps: Int,
  lines: z.array(ActualsLine),
  /** Spending on expense accounts no plan line maps to (included in the totals). */
  unplanned: z.array(UnplannedSpend),
  totals: z.object(Figures),
  /** Weekly cumulative planned against actual over the plan year, for the chart. */
  series: z.array(ActualsPoint),
});
export type PlanActuals = z.infer<typeof PlanActuals>;

export const planningOutputsContract = {
  /** Plan against actual for the plan active on asOf; null when the client has no plan active on that day. */
  'plan.actuals': { input: z.object({ clientId: Id, asOf: IsoDate }).strict(), output: PlanActuals.nullable(), writes: false },
  /** The support plan as a printable A4 PDF (any version, by id). */
  'plan.pdf': { input: z.object({ id: Id }).strict(), output: FileOut, writes: false },
} as const;
