/**
 * The CLI's planning commands. Registered into COMMANDS by cli.ts.
 *
 * `steward plan show --client ID [--json]`: the client's current support plan (the active version,
 *   else the newest): its lines with weekly and annual cost, the totals, the personal budget in force
 *   on the plan's start date and the gap (budget less the plan's first-year cost; negative = over).
 * `steward plan submit --plan ID [--by NAME] [--json]`: submit a draft; refused (exit 1, nothing
 *   written) when the budget check fails, exactly as through the app: the CLI calls the same api.
 * `steward oncost --hourly A --hours-per-week N --frequency weekly|fortnightly|four-weekly|monthly
 *   --date YYYY-MM-DD [--json]`: the PA on-cost calculator; no ledger needed. A is pounds
 *   ("13.50"), N hours ("37.5"). JSON figures are pence (hours-per-week in hundredths).
 *
 * `steward plan pdf` lives in cli-planning-pdf.ts (PLAN_PDF_COMMANDS), registered beside these in cli.ts.
 */
import type { CliContext, Command } from './cli';
import type { OutputOf } from '../shared/contract';
import { PAY_FREQUENCIES, type PayFrequency } from '../shared/contract-payroll';
import { isIsoDate } from '../shared/dates';
import { StewardError } from '../shared/errors';
import { MoneyError, formatPence, parseAmount } from '../shared/money';

function text(c: CliContext, name: string): string {
  const v = c.values[name];
  if (v === undefined) return c.usage(`--${name} is required`);
  if (typeof v !== 'string') return c.usage(`--${name} takes a value`);
  if (v.trim() === '') return c.usage(`--${name} cannot be empty`);
  return v.trim();
}

function idOption(c: CliContext, name: string, what: string): number {
  const t = text(c, name);
  if (!/^[1-9]\d{0,14}$/.test(t)) return c.usage(`--${name}: "${t}" is not a ${what} id (ids are positive whole numbers, like 12)`);
  return Number(t);
}

/** "37.5" hours → 3750 hundredths. */
export function parseHours(t: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export interface PlanShow {
  client: { id: number; name: string };
  plan: { id: number; version: number; status: string; title: string; startDate: string; endDate: string | null };
  lines: Array<{
    id: number;
    type: string;
    description: string;
    provider: string | null;
    pa: string | null;
    quantity: number;
    unit: string;
    rate: number;
    holidayWeeks: number;
    category: string;
    weeklyCost: number;
    annualCost: number;
    planYearCost: number;
  }>;
  totals: { weekly: number; annual: number; planYear: number; contingencyAnnual: number };
  budget: { id: number; annual: number; weekly: number; effectiveFrom: string; effectiveTo: string | null } | null;
  /** Budget less the plan's first-year cost, pence; negative when over; null without a budget. */
  gap: number | null;
  check: { status: string; canSubmit: boolean; messages: Array<{ level: string; code: string; message: string }> };
}

function showOf(plan: NonNullable<OutputOf<'plan.current'>>, check: OutputOf<'plan.check'>, budget: OutputOf<'budget.current'>): PlanShow {
  return {
    client: { id: plan.clientId, name: plan.clientName },
    plan: { id: plan.id, version: plan.version, status: plan.status, title: plan.title, startDate: plan.startDate, endDate: plan.endDate },
    lines: plan.lines.map((l) => ({
      id: l.id,
      type: l.type,
      description: l.description,
      provider: l.providerName,
      pa: l.paName,
      quantity: l.quantity,
      unit: l.unit,
      rate: l.rate,
      holidayWeeks: l.holidayWeeks,
      category: l.category,
      weeklyCost: l.weeklyCost,
      annualCost: l.annualCost,
      planYearCost: l.planYearCost,
    })),
    totals: plan.totals,
    budget: budget === null ? null : { id: budget.id, annual: budget.annualAmount, weekly: budget.weeklyAmount, effectiveFrom: budget.effectiveFrom, effectiveTo: budget.effectiveTo },
    gap: check.gap,
    check: { status: check.status, canSubmit: check.canSubmit, messages: check.messages },
  };
}

function humanShow(s: PlanShow): string {
  const rows = s.lines.map(
    (l) =>
      `  ${String(l.id).padStart(4)}  ${l.type.padEnd(18)} ${`${l.quantity / 100} ${l.unit}`.padEnd(24)} ${formatPence(l.rate).padStart(10)}  ${formatPence(l.weeklyCost).padStart(11)}/wk  ${formatPence(l.annualCost).padStart(12)}/yr  ${l.description || l.provider || l.pa || ''}`,
  );
  const gap = s.gap === null ? 'no personal budget in force' : s.gap < 0 ? `${formatPence(-s.gap)} a year OVER budget` : `${formatPence(s.gap)} a year left`;
  return [
    `${s.client.name}: support plan version ${s.plan.version} (${s.plan.status}) from ${s.plan.startDate}${s.plan.endDate ? ` to ${s.plan.endDate}` : ''}`,
    ...rows,
    `  Total ${formatPence(s.totals.weekly)} a week, ${formatPence(s.totals.annual)} a year (${formatPence(s.totals.planYear)} in the plan's first year)`,
    s.budget ? `  Personal budget ${formatPence(s.budget.annual)} a year (${formatPence(s.budget.weekly)} a week): ${gap}` : `  ${gap}`,
    ...s.check.messages.map((m) => `  ${m.level === 'error' ? 'Cannot submit' : 'Warning'}: ${m.message}`),
    '',
  ].join('\n');
}

export const PLANNING_COMMANDS: Record<string, Command> = {
  'plan show': {
    summary: "Show a client's current support plan: lines, totals, budget and gap",
    usage: 'steward plan show --ledger FILE --client ID [--json]',
    options: { ledger: { type: 'string' }, client: { type: 'string' } },
    async run(c) {
      const clientId = idOption(c, 'client', 'client');
      await c.openLedger();
      const plan = await c.call('plan.current', { clientId });
      if (plan === null) {
        throw new StewardError('NOT_FOUND', `--client: client ${clientId} has no support plan yet. Make one in the app's Planning screen.`, { where: 'client' });
      }
      const check = await c.call('plan.check', { id: plan.id });
      const budget = check.budgetId === null ? null : await c.call('budget.current', { clientId, asOf: plan.startDate });
      const s = showOf(plan, check, budget);
      c.print(s, () => humanShow(s));
    },
  },

  'plan submit': {
    summary: 'Submit a draft support plan for approval (refused if it fails the budget check)',
    usage: 'steward plan submit --ledger FILE --plan ID [--by NAME] [--json]',
    options: { ledger: { type: 'string' }, plan: { type: 'string' }, by: { type: 'string' } },
    async run(c) {
      const id = idOption(c, 'plan', 'support plan');
      const by = typeof c.values['by'] === 'string' ? c.values['by'] : undefined;
      await c.openLedger();
      const plan = await c.call('plan.submit', by === undefined ? { id } : { id, by });
      c.print({ id: plan.id, version: plan.version, status: plan.status, totals: plan.totals }, () => `Submitted version ${plan.version} of ${plan.clientName}'s support plan (${formatPence(plan.totals.annual)} a year).\n`);
    },
  },

  oncost: {
    summary: "A PA's true hourly and weekly cost: employer NI, pension, holiday pay, insurance, payroll fee",
    usage: 'steward oncost --hourly A --hours-per-week N --frequency weekly|fortnightly|four-weekly|monthly --date YYYY-MM-DD [--no-pension] [--holiday pro-rata|accrual|none] [--el-insurance A] [--payroll-fee A] [--json]',
    noLedger: true,
    options: {
      hourly: { type: 'string' },
      'hours-per-week': { type: 'string' },
      frequency: { type: 'string' },
      date: { type: 'string' },
      'no-pension': { type: 'boolean' },
      holiday: { type: 'string' },
      'el-insurance': { type: 'string' },
      'payroll-fee': { type: 'string' },
    },
    async run(c) {
      const money = (name: string): number => {
        const t = text(c, name);
        try {
          return parseAmount(t);
        } catch (e) {
          if (e instanceof MoneyError) return c.usage(`--${name}: ${e.message}`);
          throw e;
        }
      };
      const hourly = money('hourly');
      const hoursText = text(c, 'hours-per-week');
      const hoursPerWeek = parseHours(hoursText);
      if (hoursPerWeek === null) c.usage(`--hours-per-week: "${hoursText}" is not a number of hours (like 15 or 37.5)`);
      const frequency = text(c, 'frequency');
      if (!(PAY_FREQUENCIES as readonly string[]).includes(frequency)) c.usage(`--frequency: "${frequency}" is not one of ${PAY_FREQUENCIES.join(', ')}`);
      const date = text(c, 'date');
      if (!isIsoDate(date)) c.usage(`--date: "${date}" is not a date written YYYY-MM-DD`);
      const holiday = c.values['holiday'] === undefined ? 'pro-rata' : text(c, 'holiday');
      if (!['pro-rata', 'accrual', 'none'].includes(holiday)) c.usage(`--holiday: "${holiday}" is not one of pro-rata, accrual, none`);
      const r = await c.call('oncost.calculate', {
        hourly,
        hoursPerWeek: hoursPerWeek!,
        frequency: frequency as PayFrequency,
        date,
        pensionEnrolled: c.values['no-pension'] !== true,
        holidayScheme: holiday as 'pro-rata' | 'accrual' | 'none',
        ...(c.values['el-insurance'] !== undefined ? { elInsuranceAnnual: money('el-insurance') } : {}),
        ...(c.values['payroll-fee'] !== undefined ? { payrollFeePerPeriod: money('payroll-fee') } : {}),
      });
      c.print(r, () =>
        [
          `${formatPence(r.hourly)} an hour, ${r.hoursPerWeek / 100} hours a week, paid ${r.frequency} (${r.taxYear} figures): gross ${formatPence(r.grossPerWeek)} a week`,
          ...r.components.map((x) => `  ${x.label.padEnd(32)} ${formatPence(x.perHour).padStart(8)}/hr ${formatPence(x.perWeek).padStart(10)}/wk   ${x.basis}`),
          `  ${'On-costs'.padEnd(32)} ${formatPence(r.onCostPerHour).padStart(8)}/hr ${formatPence(r.onCostPerWeek).padStart(10)}/wk`,
          `  ${'True cost'.padEnd(32)} ${formatPence(r.totalPerHour).padStart(8)}/hr ${formatPence(r.totalPerWeek).padStart(10)}/wk`,
          '',
        ].join('\n'),
      );
    },
  },
};
