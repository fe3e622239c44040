/**
 * Domain vocabulary shared by main, the renderer and the CLI: funder rules, client arrangements,
 * the chart of accounts every client gets, payment categories, alert kinds. Pure data and zod.
 */
import { z } from 'zod';

export const CADENCES = ['weekly', 'four-weekly', 'monthly'] as const;
export const Cadence = z.enum(CADENCES);
export type Cadence = z.infer<typeof Cadence>;
export const CADENCE_LABEL: Record<Cadence, string> = { weekly: 'Weekly', 'four-weekly': '4-weekly', monthly: 'Monthly' };

/** Weekly equivalent of an amount paid at a cadence, in pence (rounded half up to the penny). */
export function weeklyEquivalent(amount: number, cadence: Cadence): number {
  switch (cadence) {
    case 'weekly':
      return amount;
    case 'four-weekly':
      return Math.floor((amount + 2) / 4);
    case 'monthly':
      // 12 months = 52 weeks; integer arithmetic, half up.
      return Math.floor((amount * 12 + 26) / 52);
  }
}

export const FUNDER_KINDS = ['council', 'nhs', 'other'] as const;
export const FunderKind = z.enum(FUNDER_KINDS);

/**
 * A funder's rules. Defaults follow common practice in published council policies (DOMAIN.md):
 * 4-weekly in advance, net of the client's contribution, surplus above 8 weeks of funding,
 * 2 weeks' contingency kept, known liabilities deducted first, overpaid contributions refunded to
 * the client first, records kept for the current year plus 6.
 */
export const FunderRules = z
  .object({
    cadence: Cadence,
    inAdvance: z.boolean(),
    paidNetOfContribution: z.boolean(),
    surplusThresholdWeeks: z.number().int('Whole weeks only').min(0).max(52, 'At most 52 weeks'),
    contingencyWeeks: z.number().int('Whole weeks only').min(0).max(26, 'At most 26 weeks'),
    deductUnpaidLiabilities: z.boolean(),
    deductAccruedHolidayPay: z.boolean(),
    deductRedundancyReserve: z.boolean(),
    refundContributionFirst: z.boolean(),
    retentionYears: z.number().int().min(1).max(30),
    /**
     * How old a PA's DBS check may be before the funder wants it renewed (years). Many councils'
     * direct-payment guidance asks for a recheck every 3 years; funders stored before this rule
     * existed read as 3 (DEFAULT_FUNDER_RULES is merged under the stored rules).
     */
    dbsMaxAgeYears: z.number().int('Whole years only').min(1, 'At least 1 year').max(10, 'At most 10 years'),
    /**
     * Weeks from the start of a support plan to its first review. The Care and Support (Direct
     * Payments) Regulations 2014, reg 7, require a review within the first 6 months (26 weeks);
     * many councils review at 6–12 weeks. Funders stored before this rule existed read as 26.
     */
    firstReviewWeeks: z.number().int('Whole weeks only').min(1, 'At least 1 week').max(26, 'At most 26 weeks (the law asks for a first review within 6 months)'),
  })
  .strict();
export type FunderRules = z.infer<typeof FunderRules>;

export const DEFAULT_FUNDER_RULES: FunderRules = {
  cadence: 'four-weekly',
  inAdvance: true,
  paidNetOfContribution: true,
  surplusThresholdWeeks: 8,
  contingencyWeeks: 2,
  deductUnpaidLiabilities: true,
  deductAccruedHolidayPay: true,
  deductRedundancyReserve: false,
  refundContributionFirst: true,
  retentionYears: 7,
  dbsMaxAgeYears: 3,
  firstReviewWeeks: 26,
};

export const ARRANGEMENTS = ['managed-account', 'isf', 'user-trust', 'direct-payment-brokerage'] as const;
export const Arrangement = z.enum(ARRANGEMENTS);
export type Arrangement = z.infer<typeof Arrangement>;
export const ARRANGEMENT_LABEL: Record<Arrangement, string> = {
  'managed-account': 'Managed account',
  isf: 'Individual Service Fund',
  'user-trust': 'Independent User Trust',
  'direct-payment-brokerage': 'Direct payment (broker support only)',
};

export const BUDGET_FOR = ['person', 'carer', 'child'] as const;
export const BudgetFor = z.enum(BUDGET_FOR);
export type BudgetFor = z.infer<typeof BudgetFor>;
export const BUDGET_FOR_LABEL: Record<BudgetFor, string> = {
  person: 'The person',
  carer: 'A carer',
  child: 'A disabled child (parent or guardian holds the account)',
};

export const CLIENT_STATUSES = ['active', 'suspended', 'ended'] as const;
export const ClientStatus = z.enum(CLIENT_STATUSES);
export type ClientStatus = z.infer<typeof ClientStatus>;

/** Receipt sources. "council" means the client's funder, whichever kind it is. */
export const RECEIPT_SOURCES = ['council', 'contribution', 'other'] as const;
export const ReceiptSource = z.enum(RECEIPT_SOURCES);
export type ReceiptSource = z.infer<typeof ReceiptSource>;

/** Expense categories (slugs are a public interface: the CLI and support-plan lines use them). */
export const CATEGORIES = [
  'pa-wages',
  'employer-ni',
  'pension',
  'agency',
  'respite',
  'activities',
  'equipment',
  'transport',
  'insurance',
  'therapies',
  'fees',
  'other',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;
export const CATEGORY_LABEL: Record<Category, string> = {
  'pa-wages': 'PA wages',
  'employer-ni': "Employer's NI",
  pension: 'Pension (employer)',
  agency: 'Agency care',
  respite: 'Respite and short breaks',
  activities: 'Day and community activities',
  equipment: 'Equipment',
  transport: 'Transport',
  insurance: 'Insurance',
  therapies: 'Therapies',
  fees: 'Management and payroll fees',
  other: 'Other',
};

export const ACCOUNT_TYPES = ['asset', 'liability', 'income', 'expense', 'equity'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/**
 * The chart every client gets. Codes are stable. Amounts are signed: debit positive, credit
 * negative, so an asset's balance is the sum of its lines and income/liability balances are
 * negative sums.
 */
export const CLIENT_CHART: ReadonlyArray<{ code: string; name: string; type: AccountType }> = [
  { code: 'bank', name: 'Bank (client share)', type: 'asset' },
  { code: 'income:council', name: 'Council or NHS funding', type: 'income' },
  { code: 'income:contribution', name: 'Client contribution', type: 'income' },
  { code: 'income:other', name: 'Other income', type: 'income' },
  ...CATEGORIES.map((c) => ({ code: `expense:${c}`, name: CATEGORY_LABEL[c], type: 'expense' as const })),
  { code: 'liability:paye-ni', name: 'PAYE and NI payable', type: 'liability' },
  { code: 'liability:pension', name: 'Pension payable', type: 'liability' },
  { code: 'liability:net-wages', name: 'Net wages payable', type: 'liability' },
  { code: 'liability:invoices', name: 'Invoices payable', type: 'liability' },
  { code: 'liability:holiday-accrual', name: 'Accrued holiday pay', type: 'liability' },
  { code: 'liability:funder-refund', name: 'Surplus owed to the funder', type: 'liability' },
  { code: 'equity:contingency-reserve', name: 'Contingency reserve (designated)', type: 'equity' },
  { code: 'equity:redundancy-reserve', name: 'Redundancy reserve (designated)', type: 'equity' },
  { code: 'equity:fund', name: 'General fund', type: 'equity' },
];

export const AUTH_METHODS = ['written', 'email', 'phone', 'in-person'] as const;
export const AuthMethod = z.enum(AUTH_METHODS);
export type AuthMethod = z.infer<typeof AuthMethod>;

export const PAYEE_KINDS = ['pa', 'agency', 'supplier', 'hmrc', 'pension', 'client', 'funder', 'other'] as const;
export const PayeeKind = z.enum(PAYEE_KINDS);
export type PayeeKind = z.infer<typeof PayeeKind>;

export const ENTRY_KINDS = ['receipt', 'payment', 'reversal', 'refund', 'transfer', 'payroll', 'adjustment'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ALERT_KINDS = [
  'surplus',
  'low-balance',
  'negative-balance',
  'receipt-missing',
  'receipt-late',
  'receipt-short',
  'receipt-duplicate',
  'contribution-arrears',
] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;
export const ALERT_LABEL: Record<AlertKind, string> = {
  surplus: 'Surplus',
  'low-balance': 'Low balance',
  'negative-balance': 'Below zero',
  'receipt-missing': 'Missing receipt',
  'receipt-late': 'Late receipt',
  'receipt-short': 'Short receipt',
  'receipt-duplicate': 'Possible duplicate receipt',
  'contribution-arrears': 'Contribution arrears',
};

/** Attachments: evidence files kept encrypted inside the ledger. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Journal entry kinds as people read them (exports, the client page). */
export const ENTRY_KIND_LABEL: Readonly<Record<string, string>> = {
  receipt: 'Receipt',
  payment: 'Payment',
  reversal: 'Reversal',
  refund: 'Refund',
  transfer: 'Transfer',
  payroll: 'Payroll',
  adjustment: 'Adjustment',
};
