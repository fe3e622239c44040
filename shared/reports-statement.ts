/**
 * The figures of a client statement (issue 6, point 1): what main/reports/statement builds from
 * the ledger and what the standard and easy-read PDFs print. Money is integer pence (signed: a
 * reversal inside a list is negative); dates are ISO days. The rules behind each figure are in
 * docs/statements.md.
 */
import { z } from 'zod';

const Int = z.number().int();
const Day = z.string();

/** One receipt or payment line (a reversal is its own line, with a negative amount and a note). */
export const StatementItem = z.object({
  entryId: Int,
  date: Day,
  /** Who paid (receipts) or was paid (payments). */
  party: z.string(),
  reference: z.string(),
  amount: Int,
  /** Plain note, e.g. "Reversal of the payment of 16 June 2026: Paid INV-1002 twice by mistake". */
  note: z.string(),
  /** For a reversal: the entry it reverses; for a reversed entry: the reversing entry (in or after the period). */
  reverses: Int.nullable(),
  reversedBy: Int.nullable(),
  /** Payments: the expense category (null for none). */
  category: z.string().nullable(),
});
export type StatementItem = z.infer<typeof StatementItem>;

export const ReceiptGroup = z.object({ source: z.enum(['council', 'contribution', 'other']), label: z.string(), items: z.array(StatementItem), subtotal: Int });
export type ReceiptGroup = z.infer<typeof ReceiptGroup>;

export const PaymentGroup = z.object({
  /** The support-plan line (null for "Not in the support plan" or a category group). */
  lineId: Int.nullable(),
  label: z.string(),
  /** 'line' (a plan line), 'category' (no plan in force: grouped by category), 'unplanned'. */
  kind: z.enum(['line', 'category', 'unplanned']),
  items: z.array(StatementItem),
  subtotal: Int,
});
export type PaymentGroup = z.infer<typeof PaymentGroup>;

export const BudgetLine = z.object({
  lineId: Int.nullable(),
  label: z.string(),
  plannedPeriod: Int,
  actualPeriod: Int,
  plannedYear: Int,
  plannedToDate: Int,
  actualToDate: Int,
  moneyLeft: Int,
  overspent: z.boolean(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const StatementFlag = z.object({
  kind: z.enum(['contribution-arrears', 'surplus', 'overspend', 'negative-balance']),
  /** For the standard statement. */
  text: z.string(),
  /** For the easy-read statement: short, plain words. */
  plain: z.string(),
  amount: Int.nullable(),
});
export type StatementFlag = z.infer<typeof StatementFlag>;

export const StatementData = z.object({
  clientId: Int,
  client: z.object({ name: z.string(), preferredName: z.string(), councilReference: z.string(), arrangement: z.string(), arrangementLabel: z.string(), address: z.string() }),
  funders: z.array(z.object({ id: Int, name: z.string(), reference: z.string() })),
  period: z.object({ from: Day, to: Day, days: Int }),
  generatedOn: Day,
  budget: z.object({
    /** 'personal-budget': the personal budget in force; 'schedules': weekly funding from council schedules; 'none'. */
    basis: z.enum(['personal-budget', 'schedules', 'none']),
    annual: Int.nullable(),
    weekly: Int.nullable(),
    effectiveFrom: Day.nullable(),
  }),
  openingBalance: Int,
  receipts: z.object({ groups: z.array(ReceiptGroup), total: Int }),
  payments: z.object({ groups: z.array(PaymentGroup), total: Int, grouping: z.enum(['plan', 'category']) }),
  closingBalance: Int,
  /** True when no money moved in the period. */
  noMovement: z.boolean(),
  plan: z
    .object({
      planId: Int,
      version: Int,
      title: z.string(),
      yearStart: Day,
      yearEnd: Day,
      lines: z.array(BudgetLine),
      totals: BudgetLine,
    })
    .nullable(),
  funding: z.object({
    weeklyFunding: Int,
    weeksHeld: z.number().nullable(),
    surplusThresholdWeeks: Int,
    contingencyWeeks: Int,
    /** Surplus under the funder's rule at the end of the period (0 when none). */
    surplus: Int,
    contributionArrears: Int,
  }),
  flags: z.array(StatementFlag),
  /** Notes printed under the tables (reversals, grouping rules). */
  notes: z.array(z.string()),
});
export type StatementData = z.infer<typeof StatementData>;
