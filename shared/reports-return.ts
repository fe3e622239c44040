/**
 * The figures of a council monitoring return (issue 6, point 3; DOMAIN.md "What councils ask
 * for"): the period, funding streams with weekly and yearly amounts, the client's contribution,
 * spending by category, the balance, the surplus under the funder's rule and the evidence list.
 * The PDF and the Excel workbook print exactly these figures. Money is integer pence (signed where
 * it can go below zero); dates are ISO days.
 */
import { z } from 'zod';
import { Figure } from './contract-money';

const Int = z.number().int();
const Pence = z.number().int();

/** One council (or NHS) payment schedule and what it brought in during the period. */
export const ReturnFundingStream = z.object({
  scheduleId: Int,
  funderId: Int,
  funderName: z.string(),
  cadence: z.enum(['weekly', 'four-weekly', 'monthly']),
  cadenceLabel: z.string(),
  /** Amount of each payment. */
  amount: Pence,
  /** shared/domain.ts weeklyEquivalent of the amount at its cadence. */
  weekly: Pence,
  /** The payment × payments a year: weekly × 52, 4-weekly × 13, monthly × 12. */
  yearly: Pence,
  firstDate: z.string(),
  endDate: z.string().nullable(),
  /** Payments due in the period (due dates from..to) and their sum. */
  dueInPeriod: Int,
  expectedInPeriod: Pence,
  /**
   * Council receipts from this stream's funder in the period (reversals netted). When one funder
   * has several schedules, its receipts fill the streams in order up to what each expected; the
   * last stream takes any remainder.
   */
  receivedInPeriod: Pence,
});
export type ReturnFundingStream = z.infer<typeof ReturnFundingStream>;

export const ReturnSpendingLine = z.object({ code: z.string(), category: z.string(), label: z.string(), amount: Pence });
export type ReturnSpendingLine = z.infer<typeof ReturnSpendingLine>;

/** How Steward stands on one item a council asks for. */
export const EVIDENCE_STATUSES = ['held', 'missing', 'expired', 'not-kept', 'not-applicable'] as const;
export const EvidenceStatus = z.enum(EVIDENCE_STATUSES);
export type EvidenceStatus = z.infer<typeof EvidenceStatus>;
export const EVIDENCE_STATUS_LABEL: Record<EvidenceStatus, string> = {
  held: 'Held',
  missing: 'Missing',
  expired: 'Expired',
  'not-kept': 'Not held by Steward',
  'not-applicable': 'Not applicable',
};

export const ReturnEvidenceItem = z.object({
  /** Stable key: bank-statements, payroll, hmrc-pension, timesheets, holiday, el-insurance, dbs, invoices, contracts. */
  key: z.string(),
  item: z.string(),
  status: EvidenceStatus,
  /** What Steward holds (or why it is missing), in words. */
  detail: z.string(),
  /** How many records back the item (0 when none). */
  count: Int,
});
export type ReturnEvidenceItem = z.infer<typeof ReturnEvidenceItem>;

export const ReturnAttachment = z.object({
  id: Int,
  entryId: Int.nullable(),
  /** The entry's date, or the day the file was added for a client attachment. */
  date: z.string(),
  filename: z.string(),
  mime: z.string(),
  bytes: Int,
  sha256: z.string(),
  /** What it evidences, e.g. "Payment 42 on 2026-05-03 to Acme Ltd (equipment)". */
  about: z.string(),
});
export type ReturnAttachment = z.infer<typeof ReturnAttachment>;

export const ReturnPayRun = z.object({
  id: Int,
  periodStart: z.string(),
  periodEnd: z.string(),
  payDate: z.string(),
  pas: z.array(z.object({ paId: Int, name: z.string() })),
});
export type ReturnPayRun = z.infer<typeof ReturnPayRun>;

export const ReturnData = z.object({
  clientId: Int,
  clientName: z.string(),
  councilRef: z.string(),
  arrangement: z.string(),
  funder: z.object({ id: Int, name: z.string(), kind: z.string() }).nullable(),
  period: z.object({ from: z.string(), to: z.string(), days: Int }),
  generatedOn: z.string(),
  funding: z.object({
    streams: z.array(ReturnFundingStream),
    weekly: Pence,
    yearly: Pence,
    expectedInPeriod: Pence,
    /** Council receipts in the period (reversals netted), all streams together. */
    receivedInPeriod: Pence,
    rule: z.string(),
  }),
  contribution: z.object({
    schedules: z.array(z.object({ scheduleId: Int, cadence: z.string(), cadenceLabel: z.string(), amount: Pence, weekly: Pence, yearly: Pence, firstDate: z.string(), endDate: z.string().nullable() })),
    weekly: Pence,
    yearly: Pence,
    /** Contributions falling due in the period and what came in during it. */
    assessedInPeriod: Pence,
    receivedInPeriod: Pence,
    /** To the end of the period, as the alerts count it (main/ledger/alerts.ts clientMoney). */
    assessedToDate: Pence,
    receivedToDate: Pence,
    arrears: Pence,
    rule: z.string(),
  }),
  spending: z.object({ lines: z.array(ReturnSpendingLine), total: Pence, rule: z.string() }),
  balance: z.object({
    opening: Pence,
    receipts: z.object({ council: Pence, contribution: Pence, other: Pence, total: Pence }),
    /** Money that left the client's bank share (payments, wages, HMRC, pension, refunds), net of reversals. */
    paidOut: Pence,
    closing: Pence,
    /** Owed but not yet paid (wages, PAYE/NI, pension, invoices) at the start and the end. */
    unpaidOpening: Pence,
    unpaidClosing: Pence,
    rule: z.string(),
  }),
  surplus: z.object({
    asOf: z.string(),
    balance: Pence,
    weeklyFunding: Pence,
    weeksHeld: z.number().nullable(),
    surplus: Pence,
    threshold: Pence,
    countable: Pence,
    rule: z.string(),
    figures: z.array(Figure),
  }),
  evidence: z.array(ReturnEvidenceItem),
  attachments: z.array(ReturnAttachment),
  payRuns: z.array(ReturnPayRun),
});
export type ReturnData = z.infer<typeof ReturnData>;
