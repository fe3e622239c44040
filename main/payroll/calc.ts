/**
 * One payment, case in, result out: PAYE tax and Class 1 NI for a single pay period, by the same
 * engine the app uses (calculatePaye, calculateNi). Pure: no clock, no I/O, no ledger. This is what
 * `steward payroll calc` runs for each case it reads (main/cli-payroll.ts).
 *
 * A case is plain JSON, every amount integer pence:
 *   { taxYear: "2026-27", frequency: "weekly" | "fortnightly" | "four-weekly" | "monthly",
 *     period, taxCode: "1257L", basis: "cumulative" | "week1month1", grossPay,
 *     previousTaxablePay, previousTax, niCategory: "A" }
 * The previous figures are totals earlier in this tax year in this employment. grossPay is both the
 * taxable pay and the NI earnings of the period. The tax year's figures are chosen by its label,
 * never by a date. A result is { tax, employeeNI, employerNI }: tax negative is a refund
 * (cumulative basis only); employer NI is before Employment Allowance. A case that does not
 * validate gives { error: { code: "VALIDATION", message } } naming the field, e.g.
 * `cases[2].taxCode: "12X7L" is not a tax code …`; the other cases are unaffected.
 */
import { z } from 'zod';
import { pence } from '../../shared/money';
import { maxPeriod, PayrollInputError } from './calendar';
import { calculateNi, isNiCategory } from './ni';
import { calculatePaye } from './paye';
import { parseTaxCode } from './tax-code';
import { TAX_YEARS } from './tax-years';
import { NI_CATEGORIES } from './types';
import type { PayFrequency, TaxYearTable } from './types';

/** Frequencies as a case spells them, and the engine's name for each. */
export const CASE_FREQUENCIES = {
  weekly: 'weekly',
  fortnightly: 'fortnightly',
  'four-weekly': 'fourWeekly',
  monthly: 'monthly',
} as const satisfies Record<string, PayFrequency>;
export type CaseFrequency = keyof typeof CASE_FREQUENCIES;

/** Largest amount a case may carry: £10,000,000,000 in pence (keeps every sum a safe integer). */
export const MAX_CASE_PENCE = 1_000_000_000_000;

/** The figures for a tax year by its label ("2025-26"), or undefined when the engine has none. */
export function taxYearById(id: string): TaxYearTable | undefined {
  return TAX_YEARS.find((t) => t.id === id);
}

const show = (v: unknown): string => (v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v));
const required = (iss: { input: unknown }, fallback: string): string =>
  iss.input === undefined ? 'is required' : fallback;

function penceField(what: string, allowNegative: boolean) {
  const base = z
    .number({ error: (iss) => required(iss, `${show(iss.input)} is not a number of pence`) })
    .int({ error: (iss) => `${show(iss.input)} is not a whole number of pence (amounts are integer pence: 1234 is £12.34)` })
    .max(MAX_CASE_PENCE, { error: (iss) => `${show(iss.input)} is too large (at most ${MAX_CASE_PENCE} pence)` });
  return allowNegative
    ? base.min(-MAX_CASE_PENCE, { error: (iss) => `${show(iss.input)} is too small (at least ${-MAX_CASE_PENCE} pence)` })
    : base.min(0, { error: (iss) => `${show(iss.input)} is negative: ${what} cannot be below 0` });
}

/** The engine's reason a code is refused, without repeating the code itself. */
function taxCodeProblem(code: string): string | null {
  try {
    parseTaxCode(code);
    return null;
  } catch (e) {
    if (!(e instanceof PayrollInputError)) throw e;
    // The generic refusal keeps its examples; the others keep their reason ("a K code needs …").
    const examples = /\(examples: [^)]*\)/.exec(e.message);
    if (examples) return `${show(code)} is not a tax code ${examples[0]}`;
    const reason = e.message.replace(`"${code}"`, '').replace(/^\s*(is not a valid code)?\s*:?\s*/, '');
    return `${show(code)} is not a tax code: ${reason}`;
  }
}

const TAX_YEAR_IDS = TAX_YEARS.map((t) => t.id);
const FREQUENCY_NAMES = Object.keys(CASE_FREQUENCIES) as CaseFrequency[];

export const PayrollCase = z
  .strictObject({
    taxYear: z
      .string({ error: (iss) => required(iss, `${show(iss.input)} is not a tax year (write it like "2026-27")`) })
      .refine((v) => taxYearById(v) !== undefined, {
        error: (iss) => `${show(iss.input)} is not a tax year the payroll has figures for (${TAX_YEAR_IDS.join(', ')})`,
      }),
    frequency: z.enum(FREQUENCY_NAMES, {
      error: (iss) => required(iss, `${show(iss.input)} is not a pay frequency (${FREQUENCY_NAMES.join(', ')})`),
    }),
    period: z
      .number({ error: (iss) => required(iss, `${show(iss.input)} is not a tax period number`) })
      .int({ error: (iss) => `${show(iss.input)} is not a whole tax period number` })
      .min(1, { error: (iss) => `${show(iss.input)} is not a tax period: periods start at 1` })
      .max(56, { error: (iss) => `${show(iss.input)} is not a tax period (at most 53 weekly, 54 fortnightly, 56 four-weekly, 12 monthly)` }),
    taxCode: z
      .string({ error: (iss) => required(iss, `${show(iss.input)} is not a tax code (write it as text, like "1257L")`) })
      .superRefine((v, ctx) => {
        const problem = taxCodeProblem(v);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: v });
      }),
    basis: z.enum(['cumulative', 'week1month1'], {
      error: (iss) => required(iss, `${show(iss.input)} is not a basis (cumulative, week1month1)`),
    }),
    grossPay: penceField('grossPay', false),
    previousTaxablePay: penceField('previousTaxablePay', false),
    previousTax: penceField('previousTax', false),
    niCategory: z
      .string({ error: (iss) => required(iss, `${show(iss.input)} is not an NI category letter`) })
      .refine((v) => isNiCategory(v), {
        error: (iss) => `${show(iss.input)} is not an NI category letter (${NI_CATEGORIES.join(', ')})`,
      }),
  })
  .superRefine((c, ctx) => {
    // Runs even when a field failed, so only look at a period and frequency that are themselves valid.
    const frequency = (CASE_FREQUENCIES as Record<string, PayFrequency | undefined>)[c.frequency];
    if (frequency === undefined || !Number.isInteger(c.period) || c.period < 1 || c.period > 56) return;
    const max = maxPeriod(frequency);
    if (c.period > max) {
      const what =
        frequency === 'monthly'
          ? 'tax month (1 to 12)'
          : `tax week of the pay day for ${c.frequency} pay (1 to ${max}; ${max} is the extra "week 53" payment)`;
      ctx.addIssue({ code: 'custom', path: ['period'], message: `${c.period} is not a ${what}`, input: c.period });
    }
  });
export type PayrollCase = z.infer<typeof PayrollCase>;

export interface PayrollCaseResult {
  readonly tax: number;
  readonly employeeNI: number;
  readonly employerNI: number;
}

export interface PayrollCaseError {
  readonly error: { readonly code: 'VALIDATION' | 'INTERNAL'; readonly message: string };
}

export type PayrollCaseOutcome = PayrollCaseResult | PayrollCaseError;

function issueMessage(where: string, issue: z.core.$ZodIssue, input: unknown): string {
  const field = issue.path.length > 0 ? `${where}.${issue.path.map(String).join('.')}` : where;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (a case has taxYear, frequency, period, taxCode, basis, grossPay, previousTaxablePay, previousTax, niCategory)`;
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    return `${field}: a case must be a JSON object, got ${Array.isArray(input) ? 'an array' : show(input)}`;
  }
  return `${field}: ${issue.message}`;
}

/** Tax and NI for a case that has passed validation. */
export function calculateValidCase(c: PayrollCase): PayrollCaseResult {
  const year = taxYearById(c.taxYear);
  if (!year) throw new PayrollInputError(`No payroll figures for tax year ${c.taxYear}`);
  const frequency = CASE_FREQUENCIES[c.frequency];
  const paye = calculatePaye({
    year,
    taxCode: c.taxCode,
    frequency,
    period: c.period,
    taxablePayThisPeriod: pence(c.grossPay),
    // On week 1/month 1 the engine ignores the previous figures.
    taxablePayToDateBefore: pence(c.previousTaxablePay),
    taxPaidToDateBefore: pence(c.previousTax),
    // The code's own W1/M1/X marker and week 53/54/56 also select week 1/month 1 (the engine's rule).
    week1Month1: c.basis === 'week1month1',
  });
  const category = c.niCategory;
  if (!isNiCategory(category)) throw new PayrollInputError(`"${category}" is not an NI category letter`);
  const ni = calculateNi({ year, category, frequency, grossPay: pence(c.grossPay) });
  return { tax: paye.taxThisPeriod, employeeNI: ni.employee, employerNI: ni.employer };
}

/**
 * Validate and calculate one case. `index` is its place in the input array, used in messages
 * (`cases[index].field: …`). Never throws: a bad case comes back as an error object.
 */
export function calculateCase(input: unknown, index: number): PayrollCaseOutcome {
  const where = `cases[${index}]`;
  const parsed = PayrollCase.safeParse(input);
  if (!parsed.success) {
    // One message per field (the first problem found with it), in the order of the case's fields.
    const seen = new Set<string>();
    const messages: string[] = [];
    for (const issue of parsed.error.issues) {
      const key = issue.code === 'unrecognized_keys' ? '\u0000keys' : issue.path.map(String).join('.');
      if (seen.has(key)) continue;
      seen.add(key);
      messages.push(issueMessage(where, issue, input));
    }
    return { error: { code: 'VALIDATION', message: messages.join('; ') } };
  }
  try {
    return calculateValidCase(parsed.data);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof PayrollInputError) return { error: { code: 'VALIDATION', message: `${where}: ${message}` } };
    return { error: { code: 'INTERNAL', message: `${where}: ${message}` } };
  }
}

/** Every case, in order; a bad case gives an error in its place and the others still compute. */
export function calculateCases(cases: readonly unknown[]): PayrollCaseOutcome[] {
  return cases.map((c, i) => calculateCase(c, i));
}
