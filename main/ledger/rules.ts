/**
 * The money rules, pure: weeks of funding held, the funder's surplus rule, the low-balance rule.
 * Each returns the figures it used and the rule in words, so an alert can show its working.
 */
import { formatPence } from '../../shared/money';
import type { FunderRules } from '../../shared/domain';
import type { Figure } from '../../shared/contract-money';

/**
 * Weeks of funding the balance covers, to one decimal place, halves rounded away from zero (so a
 * balance below zero reads as the mirror of the same balance above it); null without funding.
 */
export function weeksHeld(balance: number, weeklyFunding: number): number | null {
  if (weeklyFunding <= 0) return null;
  const tenths = Math.floor((Math.abs(balance) * 20 + weeklyFunding) / (2 * weeklyFunding));
  return balance < 0 && tenths > 0 ? -tenths / 10 : tenths / 10;
}

export interface Liabilities {
  /** Wages, PAYE/NI, pension and invoices owed but not yet paid (pence, positive). */
  unpaid: number;
  /** Holiday pay accrued to PAs and not yet taken (pence, positive). */
  holidayAccrued: number;
  /** Redundancy reserve the funder allows (pence, positive). */
  redundancyReserve: number;
}

export interface SurplusInput {
  balance: number;
  weeklyFunding: number;
  rules: FunderRules;
  liabilities: Liabilities;
}

export interface SurplusResult {
  surplus: number;
  threshold: number;
  allowance: number;
  contingency: number;
  deductions: number;
  countable: number;
  rule: string;
  figures: Figure[];
}

const money = (label: string, p: number): Figure => ({ label, pence: p, text: null });
const text = (label: string, t: string): Figure => ({ label, pence: null, text: t });

export function surplusRuleText(r: FunderRules): string {
  const deducted = [
    r.deductUnpaidLiabilities ? 'unpaid wages and invoices' : null,
    r.deductAccruedHolidayPay ? 'accrued holiday pay' : null,
    r.deductRedundancyReserve ? 'the redundancy reserve' : null,
  ].filter((x): x is string => x !== null);
  const base = deducted.length ? `balance less ${deducted.join(', ')}` : 'balance';
  return `Surplus = ${base}, above ${r.surplusThresholdWeeks} weeks of funding plus ${r.contingencyWeeks} weeks' contingency.`;
}

export function surplusCheck(i: SurplusInput): SurplusResult {
  const r = i.rules;
  const allowance = r.surplusThresholdWeeks * i.weeklyFunding;
  const contingency = r.contingencyWeeks * i.weeklyFunding;
  const threshold = allowance + contingency;
  const deductions =
    (r.deductUnpaidLiabilities ? i.liabilities.unpaid : 0) + (r.deductAccruedHolidayPay ? i.liabilities.holidayAccrued : 0) + (r.deductRedundancyReserve ? i.liabilities.redundancyReserve : 0);
  const countable = i.balance - deductions;
  const surplus = i.weeklyFunding > 0 ? Math.max(0, countable - threshold) : 0;
  const figures: Figure[] = [money('Balance', i.balance)];
  if (r.deductUnpaidLiabilities) figures.push(money('Less unpaid wages and invoices', i.liabilities.unpaid));
  if (r.deductAccruedHolidayPay) figures.push(money('Less accrued holiday pay', i.liabilities.holidayAccrued));
  if (r.deductRedundancyReserve) figures.push(money('Less redundancy reserve', i.liabilities.redundancyReserve));
  figures.push(
    money('Balance counted', countable),
    money('Weekly funding', i.weeklyFunding),
    money(`Allowed: ${r.surplusThresholdWeeks} weeks`, allowance),
    money(`Contingency: ${r.contingencyWeeks} weeks`, contingency),
    money('Surplus', surplus),
  );
  return { surplus, threshold, allowance, contingency, deductions, countable, rule: surplusRuleText(r), figures };
}

export interface LowBalanceInput {
  balance: number;
  /** Owed now: unpaid wages, PAYE/NI, pension, invoices. */
  unpaid: number;
  /** Average weekly spending over the recent weeks (pence). */
  weeklySpend: number;
  /** Scheduled funding and contributions due in the next 4 weeks (pence). */
  expectedIn: number;
  /** Weeks the average is taken over (for the rule text). */
  spendWeeks: number;
}

export interface LowBalanceResult {
  low: boolean;
  commitments: number;
  shortfall: number;
  rule: string;
  figures: Figure[];
}

/**
 * Low balance: the balance plus the funding and contributions due in the next 4 weeks does not
 * cover what is owed now plus 4 weeks of spending at the recent rate. (Funding is paid in advance,
 * so comparing the balance alone with 4 weeks of spending would flag nearly every client in the
 * days before each payment arrives.)
 */
export function lowBalanceCheck(i: LowBalanceInput): LowBalanceResult {
  const commitments = i.unpaid + 4 * i.weeklySpend;
  const available = i.balance + i.expectedIn;
  const low = commitments > 0 && available < commitments;
  return {
    low,
    commitments,
    shortfall: low ? commitments - available : 0,
    rule: `Low balance = the balance plus funding due in the next 4 weeks is below the next 4 weeks of known commitments: what is owed now plus 4 weeks of spending at the average of the last ${i.spendWeeks} weeks.`,
    figures: [
      money('Balance', i.balance),
      money('Funding and contributions due in the next 4 weeks', i.expectedIn),
      money('Owed now (wages, PAYE/NI, pension, invoices)', i.unpaid),
      money(`Average weekly spending (last ${i.spendWeeks} weeks)`, i.weeklySpend),
      money('Next 4 weeks of commitments', commitments),
      text('Shortfall', low ? formatPence(commitments - available) : 'none'),
    ],
  };
}
