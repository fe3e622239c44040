/**
 * Personal budgets and support plan versions: create, edit (drafts only), costed lines, the budget
 * check, the transitions draft → submitted → returned | approved → active → superseded | ended,
 * and the differences between two versions. Every write runs inside the caller's transaction and
 * writes an audit row. See docs/planning.md.
 *
 * A returned version is never edited: it stays as the record of what the council saw and why it
 * came back. The broker makes a new draft from it (createPlan with copyFrom), which becomes the next
 * version number.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import {
  CRITERIA,
  LINE_TYPES_NEEDING_PROVIDER,
  UNDER_WARN_BPS_DEFAULT,
  type BudgetCheck,
  type BudgetSet,
  type PersonalBudget,
  type Plan,
  type PlanContentPatch,
  type PlanCreate,
  type PlanDiff,
  type PlanLine,
  type PlanLineInput,
  type PlanStatus,
  type PlanSummary,
  type ApprovalCriteria,
} from '../../shared/contract-planning';
import { addDays } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import { formatPence } from '../../shared/money';
import { audit } from '../api/audit';
import { mulDivRoundHalfUp } from '../payroll/arithmetic';
import { cached } from '../store/statements';
import { clientRef, invalid, paRef, providerRef, type PlanningStamp } from './common';
import { HOURLY_UNITS, lineCosts, MAX_QUANTITY, maxRate, WEEKLY_UNITS } from './costing';

type LineIn = z.output<typeof PlanLineInput>;

// ---------- Settings ----------

export function underWarnBps(db: Database): number {
  const r = cached(db, 'SELECT under_warn_bps AS bps FROM planning_settings WHERE id = 1').get() as { bps: number } | undefined;
  return r?.bps ?? UNDER_WARN_BPS_DEFAULT;
}

export function setUnderWarnBps(db: Database, bps: number, st: PlanningStamp): { underWarnBps: number } {
  const before = underWarnBps(db);
  cached(db, 'INSERT INTO planning_settings(id, under_warn_bps) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET under_warn_bps = excluded.under_warn_bps').run(bps);
  audit(db, { at: st.at, actor: st.actor, action: 'planning.settings.set', entity: 'planning_settings', entityId: 1, before: { underWarnBps: before }, after: { underWarnBps: bps } });
  return { underWarnBps: bps };
}

// ---------- Personal budgets ----------

interface BudgetRow {
  id: number;
  client_id: number;
  effective_from: string;
  effective_to: string | null;
  annual_amount: number;
  weekly_amount: number;
  client_contribution: number;
  urgent_interim: number;
  notes: string;
  created_at: string;
}

function budgetOf(db: Database, r: BudgetRow): PersonalBudget {
  const funders = cached(db, 'SELECT b.funder_id AS funderId, f.name AS funderName, b.annual_amount AS annualAmount FROM personal_budget_funders b JOIN funders f ON f.id = b.funder_id WHERE b.budget_id = ? ORDER BY f.name, f.id').all(r.id) as PersonalBudget['funders'];
  return {
    id: r.id,
    clientId: r.client_id,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    annualAmount: r.annual_amount,
    weeklyAmount: r.weekly_amount,
    funders,
    clientContribution: r.client_contribution,
    urgentInterim: r.urgent_interim === 1,
    notes: r.notes,
    createdAt: r.created_at,
  };
}

export function listBudgets(db: Database, clientId: number): PersonalBudget[] {
  clientRef(db, clientId);
  return (cached(db, 'SELECT * FROM personal_budgets WHERE client_id = ? ORDER BY effective_from, id').all(clientId) as BudgetRow[]).map((r) => budgetOf(db, r));
}

/** The budget in force on a day (the latest starting on or before it that has not ended), or null. */
export function budgetInForce(db: Database, clientId: number, asOf: string): PersonalBudget | null {
  const r = cached(db, 'SELECT * FROM personal_budgets WHERE client_id = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?) ORDER BY effective_from DESC, id DESC LIMIT 1').get(
    clientId,
    asOf,
    asOf,
  ) as BudgetRow | undefined;
  return r ? budgetOf(db, r) : null;
}

export function currentBudget(db: Database, clientId: number, asOf: string): PersonalBudget | null {
  clientRef(db, clientId);
  return budgetInForce(db, clientId, asOf);
}

export function setBudget(db: Database, i: z.output<typeof BudgetSet>, st: PlanningStamp): PersonalBudget {
  clientRef(db, i.clientId);
  if (i.effectiveTo !== null && i.effectiveTo < i.effectiveFrom) invalid('effectiveTo', `The budget ends (${i.effectiveTo}) before it starts (${i.effectiveFrom}).`);
  const seen = new Set<number>();
  i.funders.forEach((f, n) => {
    if (seen.has(f.funderId)) invalid(`funders[${n}].funderId`, `Funder ${f.funderId} is listed twice.`);
    seen.add(f.funderId);
    if (!cached(db, 'SELECT 1 FROM funders WHERE id = ?').get(f.funderId)) invalid(`funders[${n}].funderId`, `There is no funder ${f.funderId}. Run "steward funder list" to see funder ids.`);
  });
  if (i.clientContribution > i.annualAmount) {
    invalid('clientContribution', `The client's contribution (${formatPence(i.clientContribution)}) is more than the whole budget (${formatPence(i.annualAmount)}).`);
  }
  if (i.funders.length > 0) {
    const sum = i.funders.reduce((s, f) => s + f.annualAmount, 0) + i.clientContribution;
    if (sum !== i.annualAmount) {
      invalid(
        'funders',
        `The funders' shares and the client's contribution add up to ${formatPence(sum)}, not the annual budget of ${formatPence(i.annualAmount)}. Make them add up (or leave the funders out).`,
      );
    }
  }
  // Overlaps: an open-ended budget that started earlier is closed the day before; any other overlap is refused.
  const existing = cached(db, 'SELECT * FROM personal_budgets WHERE client_id = ? ORDER BY effective_from, id').all(i.clientId) as BudgetRow[];
  const closing: BudgetRow[] = [];
  for (const b of existing) {
    const bEnd = b.effective_to ?? '9999-12-31';
    const iEnd = i.effectiveTo ?? '9999-12-31';
    const overlaps = b.effective_from <= iEnd && i.effectiveFrom <= bEnd;
    if (!overlaps) continue;
    if (b.effective_to === null && b.effective_from < i.effectiveFrom) {
      closing.push(b);
      continue;
    }
    invalid(
      'effectiveFrom',
      `This budget overlaps the budget from ${b.effective_from}${b.effective_to ? ` to ${b.effective_to}` : ''} (${formatPence(b.annual_amount)} a year). Budgets for a client cannot overlap; start the new one after it ends.`,
    );
  }
  for (const b of closing) {
    const to = addDays(i.effectiveFrom, -1);
    cached(db, 'UPDATE personal_budgets SET effective_to = ? WHERE id = ?').run(to, b.id);
    audit(db, { at: st.at, actor: st.actor, action: 'budget.close', entity: 'personal_budget', entityId: b.id, before: { effectiveTo: null }, after: { effectiveTo: to } });
  }
  const weekly = i.weeklyAmount ?? mulDivRoundHalfUp(i.annualAmount, 1, 52);
  const id = Number(
    cached(
      db,
      'INSERT INTO personal_budgets(client_id, effective_from, effective_to, annual_amount, weekly_amount, client_contribution, urgent_interim, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(i.clientId, i.effectiveFrom, i.effectiveTo, i.annualAmount, weekly, i.clientContribution, i.urgentInterim ? 1 : 0, i.notes, st.at).lastInsertRowid,
  );
  for (const f of i.funders) cached(db, 'INSERT INTO personal_budget_funders(budget_id, funder_id, annual_amount) VALUES (?, ?, ?)').run(id, f.funderId, f.annualAmount);
  const out = budgetOf(db, cached(db, 'SELECT * FROM personal_budgets WHERE id = ?').get(id) as BudgetRow);
  audit(db, { at: st.at, actor: st.actor, action: 'budget.set', entity: 'personal_budget', entityId: id, after: out });
  return out;
}

// ---------- Plans: reading ----------

interface PlanRow {
  id: number;
  client_id: number;
  client_name: string;
  version: number;
  based_on_id: number | null;
  status: PlanStatus;
  title: string;
  start_date: string;
  end_date: string | null;
  what_matters: string;
  what_works: string;
  what_does_not_work: string;
  outcomes_json: string;
  arrangement: Plan['arrangement'];
  money_managed_by: string;
  spending_recorded_by: string;
  return_reasons_json: string;
  approval_json: string | null;
  activated_on: string | null;
  ended_on: string | null;
  created_at: string;
  updated_at: string;
}

interface LineRow {
  id: number;
  plan_id: number;
  lineage: number;
  position: number;
  type: PlanLine['type'];
  description: string;
  provider_id: number | null;
  provider_name: string | null;
  pa_id: number | null;
  pa_name: string | null;
  quantity: number;
  unit: PlanLine['unit'];
  rate: number;
  gross_hourly_rate: number | null;
  on_cost_hourly: number | null;
  on_cost_tax_year: string | null;
  start_date: string | null;
  end_date: string | null;
  holiday_weeks: number;
  category: PlanLine['category'];
  notes: string;
}

const PLAN_SELECT = 'SELECT p.*, c.name AS client_name FROM plan_versions p JOIN clients c ON c.id = p.client_id';

function planRow(db: Database, id: number, where = 'id'): PlanRow {
  const r = cached(db, `${PLAN_SELECT} WHERE p.id = ?`).get(id) as PlanRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no support plan version ${id}. Use plan.versions for a client's versions.`, { where });
  return r;
}

function linesOf(db: Database, p: PlanRow): PlanLine[] {
  const rows = cached(
    db,
    'SELECT l.*, pr.name AS provider_name, pa.name AS pa_name FROM plan_lines l LEFT JOIN providers pr ON pr.id = l.provider_id LEFT JOIN pas pa ON pa.id = l.pa_id WHERE l.plan_id = ? ORDER BY l.position, l.id',
  ).all(p.id) as LineRow[];
  return rows.map((r) => {
    const costs = lineCosts({ quantity: r.quantity, unit: r.unit, rate: r.rate, holidayWeeks: r.holiday_weeks, startDate: r.start_date, endDate: r.end_date }, p.start_date, p.end_date);
    return {
      id: r.id,
      planId: r.plan_id,
      lineage: r.lineage,
      position: r.position,
      type: r.type,
      description: r.description,
      providerId: r.provider_id,
      providerName: r.provider_name,
      paId: r.pa_id,
      paName: r.pa_name,
      quantity: r.quantity,
      unit: r.unit,
      rate: r.rate,
      grossHourlyRate: r.gross_hourly_rate,
      onCostHourly: r.on_cost_hourly,
      onCostTaxYear: r.on_cost_tax_year,
      startDate: r.start_date,
      endDate: r.end_date,
      holidayWeeks: r.holiday_weeks,
      category: r.category,
      notes: r.notes,
      ...costs,
    };
  });
}

export function totalsOf(lines: readonly PlanLine[]): Plan['totals'] {
  let weekly = 0;
  let annual = 0;
  let planYear = 0;
  let contingencyAnnual = 0;
  for (const l of lines) {
    weekly += l.weeklyCost;
    annual += l.annualCost;
    planYear += l.planYearCost;
    if (l.type === 'contingency') contingencyAnnual += l.annualCost;
  }
  return { weekly, annual, planYear, contingencyAnnual };
}

function summaryOf(r: PlanRow, totals: Plan['totals']): PlanSummary {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    version: r.version,
    status: r.status,
    basedOnId: r.based_on_id,
    title: r.title,
    startDate: r.start_date,
    endDate: r.end_date,
    whatMatters: r.what_matters,
    whatWorks: r.what_works,
    whatDoesNotWork: r.what_does_not_work,
    outcomes: JSON.parse(r.outcomes_json) as Plan['outcomes'],
    arrangement: r.arrangement,
    moneyManagedBy: r.money_managed_by,
    spendingRecordedBy: r.spending_recorded_by,
    totals,
    returnReasons: JSON.parse(r.return_reasons_json) as string[],
    approval: r.approval_json === null ? null : (JSON.parse(r.approval_json) as Plan['approval']),
    activatedOn: r.activated_on,
    endedOn: r.ended_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function planOf(db: Database, r: PlanRow): Plan {
  const lines = linesOf(db, r);
  const history = (cached(db, 'SELECT from_status AS "from", to_status AS "to", at, by_name AS by, note FROM plan_transitions WHERE plan_id = ? ORDER BY id').all(r.id) as Plan['history']).map((h) => ({ ...h }));
  return { ...summaryOf(r, totalsOf(lines)), lines, history };
}

export function getPlan(db: Database, id: number): Plan {
  return planOf(db, planRow(db, id));
}

export function listVersions(db: Database, clientId: number): PlanSummary[] {
  clientRef(db, clientId);
  const rows = cached(db, `${PLAN_SELECT} WHERE p.client_id = ? ORDER BY p.version`).all(clientId) as PlanRow[];
  return rows.map((r) => summaryOf(r, totalsOf(linesOf(db, r))));
}

/** The active version, else the newest of any status, else null. */
export function currentPlan(db: Database, clientId: number): Plan | null {
  clientRef(db, clientId);
  const r = (cached(db, `${PLAN_SELECT} WHERE p.client_id = ? AND p.status = 'active'`).get(clientId) ??
    cached(db, `${PLAN_SELECT} WHERE p.client_id = ? ORDER BY p.version DESC LIMIT 1`).get(clientId)) as PlanRow | undefined;
  return r ? planOf(db, r) : null;
}

// ---------- Plans: writing ----------

function transition(db: Database, planId: number, from: PlanStatus | null, to: PlanStatus, st: PlanningStamp, by: string | undefined, note = ''): void {
  const who = by !== undefined && by.trim() !== '' ? by.trim() : st.actor;
  cached(db, 'INSERT INTO plan_transitions(plan_id, from_status, to_status, at, by_name, note) VALUES (?, ?, ?, ?, ?, ?)').run(planId, from, to, st.at, who, note);
}

function requireDraft(p: PlanRow, where = 'id'): void {
  if (p.status !== 'draft') {
    throw new StewardError(
      'IMMUTABLE',
      `Version ${p.version} of ${p.client_name}'s support plan is ${p.status}: only a draft can be changed. Make a new version from it (plan.create with copyFrom ${p.id}).`,
      { where },
    );
  }
}

const ARRANGEMENT_FROM_CLIENT: Record<string, Plan['arrangement']> = {
  'managed-account': 'managed-account',
  isf: 'isf',
  'user-trust': 'user-trust',
  'direct-payment-brokerage': 'direct-payment',
};

export function createPlan(db: Database, i: z.output<typeof PlanCreate>, st: PlanningStamp): Plan {
  const client = clientRef(db, i.clientId);
  const from = i.copyFrom === null ? null : planRow(db, i.copyFrom, 'copyFrom');
  if (from && from.client_id !== i.clientId) invalid('copyFrom', `Support plan version ${from.id} belongs to ${from.client_name}, not ${client.name}.`);
  const next = (cached(db, 'SELECT COALESCE(MAX(version), 0) + 1 AS v FROM plan_versions WHERE client_id = ?').get(i.clientId) as { v: number }).v;
  const startDate = i.startDate ?? from?.start_date ?? st.today;
  const endDate = i.endDate !== undefined ? i.endDate : (from?.end_date ?? null);
  if (endDate !== null && endDate < startDate) invalid('endDate', `The plan ends (${endDate}) before it starts (${startDate}).`);
  const arrangement = i.arrangement ?? from?.arrangement ?? ARRANGEMENT_FROM_CLIENT[client.arrangement] ?? 'direct-payment';
  const id = Number(
    cached(
      db,
      `INSERT INTO plan_versions(client_id, version, based_on_id, status, title, start_date, end_date, what_matters, what_works, what_does_not_work,
         outcomes_json, arrangement, money_managed_by, spending_recorded_by, created_at, updated_at)
       VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)`,
    ).run(
      i.clientId,
      next,
      from?.id ?? null,
      i.title ?? from?.title ?? '',
      startDate,
      endDate,
      from?.what_matters ?? '',
      from?.what_works ?? '',
      from?.what_does_not_work ?? '',
      arrangement,
      from?.money_managed_by ?? '',
      from?.spending_recorded_by ?? '',
      st.at,
      st.at,
    ).lastInsertRowid,
  );
  if (from) {
    // Copy the lines, keeping each line's lineage, and point the outcomes at the copies.
    const map = new Map<number, number>();
    const rows = cached(db, 'SELECT * FROM plan_lines WHERE plan_id = ? ORDER BY position, id').all(from.id) as LineRow[];
    for (const r of rows) {
      const newId = Number(
        cached(
          db,
          `INSERT INTO plan_lines(plan_id, lineage, position, type, description, provider_id, pa_id, quantity, unit, rate, gross_hourly_rate, on_cost_hourly,
             on_cost_tax_year, start_date, end_date, holiday_weeks, category, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, r.lineage, r.position, r.type, r.description, r.provider_id, r.pa_id, r.quantity, r.unit, r.rate, r.gross_hourly_rate, r.on_cost_hourly, r.on_cost_tax_year, r.start_date, r.end_date, r.holiday_weeks, r.category, r.notes)
          .lastInsertRowid,
      );
      map.set(r.id, newId);
    }
    const outcomes = (JSON.parse(from.outcomes_json) as Plan['outcomes']).map((o) => ({ text: o.text, lineIds: o.lineIds.flatMap((l) => (map.has(l) ? [map.get(l)!] : [])) }));
    cached(db, 'UPDATE plan_versions SET outcomes_json = ? WHERE id = ?').run(JSON.stringify(outcomes), id);
  }
  transition(db, id, null, 'draft', st, undefined, from ? `New version made from version ${from.version} (${from.status})` : 'New plan');
  const out = getPlan(db, id);
  audit(db, { at: st.at, actor: st.actor, action: 'plan.create', entity: 'plan_version', entityId: id, after: { clientId: i.clientId, version: next, copyFrom: from?.id ?? null } });
  return out;
}

const PATCH_COLUMNS: Record<string, string> = {
  title: 'title',
  startDate: 'start_date',
  endDate: 'end_date',
  whatMatters: 'what_matters',
  whatWorks: 'what_works',
  whatDoesNotWork: 'what_does_not_work',
  outcomes: 'outcomes_json',
  arrangement: 'arrangement',
  moneyManagedBy: 'money_managed_by',
  spendingRecordedBy: 'spending_recorded_by',
};

function checkOutcomeLinks(db: Database, planId: number, outcomes: Plan['outcomes'], prefix: string): void {
  const ids = new Set((cached(db, 'SELECT id FROM plan_lines WHERE plan_id = ?').all(planId) as Array<{ id: number }>).map((r) => r.id));
  outcomes.forEach((o, n) =>
    o.lineIds.forEach((l, k) => {
      if (!ids.has(l)) invalid(`${prefix}outcomes[${n}].lineIds[${k}]`, `Line ${l} is not a line of this plan version: link outcomes to the plan's own lines.`);
    }),
  );
}

export function updatePlan(db: Database, id: number, patch: z.output<typeof PlanContentPatch>, st: PlanningStamp): Plan {
  const p = planRow(db, id);
  requireDraft(p);
  const start = patch.startDate ?? p.start_date;
  const end = patch.endDate !== undefined ? patch.endDate : p.end_date;
  if (end !== null && end < start) invalid(patch.endDate !== undefined ? 'patch.endDate' : 'patch.startDate', `The plan ends (${end}) before it starts (${start}).`);
  if (patch.outcomes) checkOutcomeLinks(db, id, patch.outcomes, 'patch.');
  const before = summaryOf(p, { weekly: 0, annual: 0, planYear: 0, contingencyAnnual: 0 });
  for (const [k, v] of Object.entries(patch)) {
    const col = PATCH_COLUMNS[k];
    if (col === undefined) continue;
    const value = k === 'outcomes' ? JSON.stringify(v) : (v as string | null);
    db.prepare(`UPDATE plan_versions SET ${col} = ? WHERE id = ?`).run(value, id);
  }
  cached(db, 'UPDATE plan_versions SET updated_at = ? WHERE id = ?').run(st.at, id);
  const out = getPlan(db, id);
  const changed: Record<string, unknown> = {};
  const was: Record<string, unknown> = {};
  for (const k of Object.keys(patch)) {
    changed[k] = (out as unknown as Record<string, unknown>)[k];
    was[k] = (before as unknown as Record<string, unknown>)[k];
  }
  audit(db, { at: st.at, actor: st.actor, action: 'plan.update', entity: 'plan_version', entityId: id, before: was, after: changed });
  return out;
}

/** Check one line; `w` names it in errors ("lines[2]" or "line"). */
function checkLine(db: Database, clientId: number, l: LineIn, w: string): void {
  const max = MAX_QUANTITY[l.unit];
  if (l.quantity > max) invalid(`${w}.quantity`, `A quantity of ${l.quantity / 100} ${l.unit} is more than possible (at most ${max / 100}). Quantities are hundredths: 1500 means 15.`);
  const maxR = maxRate(l.unit);
  if (l.rate > maxR) invalid(`${w}.rate`, `A rate of ${formatPence(l.rate)} is too high for ${l.unit} (at most ${formatPence(maxR)}${HOURLY_UNITS.includes(l.unit) ? ' an hour' : ''}). Rates are pence: 1350 means £13.50.`);
  if (l.holidayWeeks > 0 && !WEEKLY_UNITS.includes(l.unit)) invalid(`${w}.holidayWeeks`, `Holiday weeks only apply to weekly lines (hours, sessions, days or nights a week), not ${l.unit}.`);
  if (l.startDate !== null && l.endDate !== null && l.endDate < l.startDate) invalid(`${w}.endDate`, `The line ends (${l.endDate}) before it starts (${l.startDate}).`);
  if (LINE_TYPES_NEEDING_PROVIDER.includes(l.type) && l.providerId === null) {
    invalid(`${w}.providerId`, `A ${l.type} line needs a provider from the directory: pick one from provider.list or add it with provider.create.`);
  }
  if (l.providerId !== null) providerRef(db, l.providerId, `${w}.providerId`);
  if (l.paId !== null) {
    if (l.type !== 'pa-hours') invalid(`${w}.paId`, `Only a pa-hours line names a PA; this line is ${l.type}.`);
    paRef(db, l.paId, clientId, `${w}.paId`);
  }
  const hasGross = l.grossHourlyRate !== null;
  const hasOnCost = l.onCostHourly !== null;
  if ((hasGross || hasOnCost) && l.type !== 'pa-hours') invalid(`${w}.grossHourlyRate`, `Only a pa-hours line carries a gross rate and on-cost; this line is ${l.type}.`);
  if (hasGross !== hasOnCost) invalid(hasGross ? `${w}.onCostHourly` : `${w}.grossHourlyRate`, 'Give both the gross hourly rate and the on-cost per hour (from oncost.calculate), or neither.');
  if (hasGross && hasOnCost && l.grossHourlyRate! + l.onCostHourly! !== l.rate) {
    invalid(`${w}.rate`, `The rate (${formatPence(l.rate)}) must be the gross hourly rate (${formatPence(l.grossHourlyRate!)}) plus the on-cost (${formatPence(l.onCostHourly!)}) = ${formatPence(l.grossHourlyRate! + l.onCostHourly!)}.`);
  }
}

/**
 * Replace a draft's lines: lines with an id (of this plan) are kept and updated in place, lines
 * without are added, the plan's other lines are removed (and unlinked from outcomes). Everything is
 * checked before anything is written.
 */
export function setLines(db: Database, planId: number, lines: readonly LineIn[], st: PlanningStamp, whereOf: (n: number) => string = (n) => `lines[${n}]`, action = 'plan.lines.set'): Plan {
  const p = planRow(db, planId, 'planId');
  requireDraft(p, 'planId');
  const existing = new Map((cached(db, 'SELECT * FROM plan_lines WHERE plan_id = ?').all(planId) as LineRow[]).map((r) => [r.id, r]));
  const kept = new Set<number>();
  lines.forEach((l, n) => {
    if (l.id !== undefined) {
      if (!existing.has(l.id)) invalid(`${whereOf(n)}.id`, `Line ${l.id} is not a line of this plan version (leave the id out for a new line).`);
      if (kept.has(l.id)) invalid(`${whereOf(n)}.id`, `Line ${l.id} is given twice.`);
      kept.add(l.id);
    }
    checkLine(db, p.client_id, l, whereOf(n));
  });
  const before = getPlan(db, planId);
  for (const id of existing.keys()) if (!kept.has(id)) cached(db, 'DELETE FROM plan_lines WHERE id = ?').run(id);
  const cols = (l: LineIn) =>
    [l.type, l.description, l.providerId, l.paId, l.quantity, l.unit, l.rate, l.grossHourlyRate, l.onCostHourly, l.onCostTaxYear, l.startDate, l.endDate, l.holidayWeeks, l.category, l.notes] as const;
  lines.forEach((l, n) => {
    if (l.id !== undefined) {
      cached(
        db,
        `UPDATE plan_lines SET position = ?, type = ?, description = ?, provider_id = ?, pa_id = ?, quantity = ?, unit = ?, rate = ?, gross_hourly_rate = ?,
           on_cost_hourly = ?, on_cost_tax_year = ?, start_date = ?, end_date = ?, holiday_weeks = ?, category = ?, notes = ? WHERE id = ?`,
      ).run(n, ...cols(l), l.id);
    } else {
      // A new line starts its own lineage. Its id is above every id and lineage still held, so a
      // lineage that lives on in another version is never taken by an unrelated line.
      const id = (cached(db, 'SELECT MAX(COALESCE(MAX(id), 0), COALESCE(MAX(lineage), 0)) + 1 AS id FROM plan_lines').get() as { id: number }).id;
      cached(
        db,
        `INSERT INTO plan_lines(id, plan_id, lineage, position, type, description, provider_id, pa_id, quantity, unit, rate, gross_hourly_rate, on_cost_hourly,
           on_cost_tax_year, start_date, end_date, holiday_weeks, category, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, planId, id, n, ...cols(l));
    }
  });
  // Outcomes keep only links to lines that still exist.
  const outcomes = (JSON.parse(p.outcomes_json) as Plan['outcomes']).map((o) => ({ text: o.text, lineIds: o.lineIds.filter((id) => kept.has(id)) }));
  cached(db, 'UPDATE plan_versions SET outcomes_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(outcomes), st.at, planId);
  const out = getPlan(db, planId);
  audit(db, { at: st.at, actor: st.actor, action, entity: 'plan_version', entityId: planId, before: { lines: before.lines, totals: before.totals }, after: { lines: out.lines, totals: out.totals } });
  return out;
}

function asInput(l: PlanLine): LineIn {
  return {
    id: l.id,
    type: l.type,
    description: l.description,
    providerId: l.providerId,
    paId: l.paId,
    quantity: l.quantity,
    unit: l.unit,
    rate: l.rate,
    grossHourlyRate: l.grossHourlyRate,
    onCostHourly: l.onCostHourly,
    onCostTaxYear: l.onCostTaxYear,
    startDate: l.startDate,
    endDate: l.endDate,
    holidayWeeks: l.holidayWeeks,
    category: l.category,
    notes: l.notes,
  };
}

export function addLine(db: Database, planId: number, line: LineIn, st: PlanningStamp): Plan {
  const current = getPlan(db, planId).lines.map(asInput);
  const n = current.length;
  const { id: _ignored, ...fresh } = line;
  void _ignored;
  return setLines(db, planId, [...current, fresh], st, (k) => (k === n ? 'line' : `lines[${k}]`), 'plan.line.add');
}

function lineRow(db: Database, id: number, where = 'id'): LineRow {
  const r = cached(db, 'SELECT * FROM plan_lines WHERE id = ?').get(id) as LineRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no plan line ${id}.`, { where });
  return r;
}

export function updateLine(db: Database, id: number, line: LineIn, st: PlanningStamp): Plan {
  const r = lineRow(db, id);
  const lines = getPlan(db, r.plan_id).lines.map(asInput);
  const n = lines.findIndex((l) => l.id === id);
  lines[n] = { ...line, id };
  return setLines(db, r.plan_id, lines, st, (k) => (k === n ? 'line' : `lines[${k}]`), 'plan.line.update');
}

export function removeLine(db: Database, id: number, st: PlanningStamp): Plan {
  const r = lineRow(db, id);
  const lines = getPlan(db, r.plan_id).lines.map(asInput).filter((l) => l.id !== id);
  return setLines(db, r.plan_id, lines, st, (k) => `lines[${k}]`, 'plan.line.remove');
}

// ---------- Budget check ----------

/**
 * The plan's cost in its first year (planYearCost, which counts each line's dates) against the
 * personal budget in force on the plan's start date. Over budget, no budget, or no lines: cannot be
 * submitted. Under budget by more than the organisation's warning percentage (planning settings,
 * default 10%): a warning, submission allowed.
 */
export function checkPlan(db: Database, id: number): BudgetCheck {
  const plan = getPlan(db, id);
  const budget = budgetInForce(db, plan.clientId, plan.startDate);
  const bps = underWarnBps(db);
  const planAnnual = plan.totals.planYear;
  const messages: BudgetCheck['messages'] = [];
  if (plan.lines.length === 0) messages.push({ level: 'error', code: 'NO_LINES', message: 'The plan has no costed lines yet: add what the budget will pay for.' });
  if (plan.totals.contingencyAnnual === 0 && plan.lines.length > 0) {
    messages.push({ level: 'warning', code: 'NO_CONTINGENCY', message: 'The plan has no contingency line: consider one for when support does not turn up or costs change.' });
  }
  let status: BudgetCheck['status'];
  let gap: number | null = null;
  if (budget === null) {
    status = 'no-budget';
    messages.push({ level: 'error', code: 'NO_BUDGET', message: `No personal budget is in force on the plan's start date (${plan.startDate}): record it with budget.set first.` });
  } else {
    gap = budget.annualAmount - planAnnual;
    if (gap < 0) {
      status = 'over';
      messages.push({
        level: 'error',
        code: 'OVER_BUDGET',
        message: `The plan costs ${formatPence(-gap)} a year more than the personal budget of ${formatPence(budget.annualAmount)}. Reduce the plan or ask the funder to review the budget.`,
      });
    } else if (gap * 10_000 > budget.annualAmount * bps) {
      status = 'under';
      messages.push({
        level: 'warning',
        code: 'UNDER_BUDGET',
        message: `The plan uses ${formatPence(gap)} a year less than the personal budget of ${formatPence(budget.annualAmount)} (more than ${bps / 100}% under): check nothing is missing, or the funder may reclaim the difference.`,
      });
    } else status = 'within';
  }
  return {
    planId: id,
    status,
    budgetId: budget?.id ?? null,
    budgetAnnual: budget?.annualAmount ?? null,
    budgetWeekly: budget?.weeklyAmount ?? null,
    planAnnual,
    planWeekly: plan.totals.weekly,
    contingencyAnnual: plan.totals.contingencyAnnual,
    gap,
    underWarnBps: bps,
    canSubmit: !messages.some((m) => m.level === 'error'),
    messages,
  };
}

/** Throw the check's first error (VALIDATION naming what to fix) when the plan cannot be submitted. */
export function assertSubmittable(db: Database, id: number): BudgetCheck {
  const c = checkPlan(db, id);
  const e = c.messages.find((m) => m.level === 'error');
  if (e) {
    const where = e.code === 'NO_BUDGET' ? 'budget' : 'lines';
    throw new StewardError('VALIDATION', e.message, { where, details: { reason: e.code, gap: c.gap, budgetAnnual: c.budgetAnnual, planAnnual: c.planAnnual } });
  }
  return c;
}

// ---------- Transitions ----------

function setStatus(db: Database, p: PlanRow, to: PlanStatus, st: PlanningStamp, extra: Record<string, string | null> = {}): void {
  const sets = ['status = ?', 'updated_at = ?', ...Object.keys(extra).map((c) => `${c} = ?`)].join(', ');
  db.prepare(`UPDATE plan_versions SET ${sets} WHERE id = ?`).run(to, st.at, ...Object.values(extra), p.id);
}

function expectStatus(p: PlanRow, allowed: readonly PlanStatus[], doing: string): void {
  if (!allowed.includes(p.status)) {
    throw new StewardError('CONFLICT', `Version ${p.version} of ${p.client_name}'s support plan is ${p.status}; only a ${allowed.join(' or ')} version can be ${doing}.`, { where: 'id' });
  }
}

export function submitPlan(db: Database, id: number, by: string | undefined, st: PlanningStamp): Plan {
  const p = planRow(db, id);
  expectStatus(p, ['draft'], 'submitted');
  const outcomes = JSON.parse(p.outcomes_json) as Plan['outcomes'];
  if (outcomes.length === 0) invalid('outcomes', 'Write at least one outcome in the person’s own words before submitting the plan.');
  const check = assertSubmittable(db, id);
  setStatus(db, p, 'submitted', st);
  transition(db, id, 'draft', 'submitted', st, by, check.messages.map((m) => m.message).join(' '));
  audit(db, { at: st.at, actor: st.actor, action: 'plan.submit', entity: 'plan_version', entityId: id, before: { status: 'draft' }, after: { status: 'submitted', check } });
  return getPlan(db, id);
}

export function returnPlan(db: Database, id: number, reasons: readonly string[], by: string | undefined, st: PlanningStamp): Plan {
  const p = planRow(db, id);
  expectStatus(p, ['submitted'], 'returned');
  setStatus(db, p, 'returned', st, { return_reasons_json: JSON.stringify(reasons) });
  transition(db, id, 'submitted', 'returned', st, by, reasons.join('; '));
  audit(db, { at: st.at, actor: st.actor, action: 'plan.return', entity: 'plan_version', entityId: id, before: { status: 'submitted' }, after: { status: 'returned', reasons } });
  return getPlan(db, id);
}

export function approvePlan(db: Database, id: number, criteria: z.output<typeof ApprovalCriteria>, by: string, st: PlanningStamp): Plan {
  const p = planRow(db, id);
  expectStatus(p, ['submitted'], 'approved');
  for (const k of CRITERIA) {
    if (!criteria[k].met) invalid(`criteria.${k}.met`, `The "${k}" sign-off criterion is not met: a plan is approved only when all five are met. Return it with reasons instead (plan.return).`);
  }
  assertSubmittable(db, id);
  const approval = { criteria, by, at: st.at };
  setStatus(db, p, 'approved', st, { approval_json: JSON.stringify(approval) });
  transition(db, id, 'submitted', 'approved', st, by);
  audit(db, { at: st.at, actor: st.actor, action: 'plan.approve', entity: 'plan_version', entityId: id, before: { status: 'submitted' }, after: { status: 'approved', approval } });
  return getPlan(db, id);
}

export function activatePlan(db: Database, id: number, date: string | undefined, by: string | undefined, st: PlanningStamp): Plan {
  const p = planRow(db, id);
  expectStatus(p, ['approved'], 'activated');
  const on = date ?? p.start_date;
  const prev = cached(db, `${PLAN_SELECT} WHERE p.client_id = ? AND p.status = 'active'`).get(p.client_id) as PlanRow | undefined;
  if (prev) {
    if (prev.activated_on !== null && on < prev.activated_on) invalid('date', `Version ${prev.version} has been active since ${prev.activated_on}; this version cannot start before that.`);
    setStatus(db, prev, 'superseded', st);
    transition(db, prev.id, 'active', 'superseded', st, by, `Superseded by version ${p.version} from ${on}`);
    audit(db, { at: st.at, actor: st.actor, action: 'plan.supersede', entity: 'plan_version', entityId: prev.id, before: { status: 'active' }, after: { status: 'superseded', by: p.id } });
  }
  setStatus(db, p, 'active', st, { activated_on: on });
  transition(db, id, 'approved', 'active', st, by, `Active from ${on}`);
  audit(db, { at: st.at, actor: st.actor, action: 'plan.activate', entity: 'plan_version', entityId: id, before: { status: 'approved' }, after: { status: 'active', activatedOn: on, superseded: prev?.id ?? null } });
  return getPlan(db, id);
}

export function endPlan(db: Database, id: number, date: string, reason: string, by: string | undefined, st: PlanningStamp): Plan {
  const p = planRow(db, id);
  expectStatus(p, ['active', 'approved'], 'ended');
  if (p.activated_on !== null && date < p.activated_on) invalid('date', `The plan cannot end (${date}) before it became active (${p.activated_on}).`);
  setStatus(db, p, 'ended', st, { ended_on: date });
  transition(db, id, p.status, 'ended', st, by, reason === '' ? `Ended ${date}` : `Ended ${date}: ${reason}`);
  audit(db, { at: st.at, actor: st.actor, action: 'plan.end', entity: 'plan_version', entityId: id, before: { status: p.status }, after: { status: 'ended', endedOn: date, reason } });
  return getPlan(db, id);
}

// ---------- Differences ----------

const CONTENT_FIELDS = ['title', 'startDate', 'endDate', 'whatMatters', 'whatWorks', 'whatDoesNotWork', 'arrangement', 'moneyManagedBy', 'spendingRecordedBy'] as const;
const LINE_FIELDS = [
  'type',
  'description',
  'providerId',
  'paId',
  'quantity',
  'unit',
  'rate',
  'grossHourlyRate',
  'onCostHourly',
  'startDate',
  'endDate',
  'holidayWeeks',
  'category',
  'notes',
  'annualCost',
  'weeklyCost',
] as const;

/**
 * What changed from one version to another of the same client's plan: content fields (outcomes
 * compared by text and the lineages of the lines they link), lines matched by lineage (added,
 * removed, changed with the fields that differ), and the totals.
 */
export function diffPlans(db: Database, fromId: number, toId: number): PlanDiff {
  const a = getPlan(db, fromId);
  const b = (() => {
    try {
      return getPlan(db, toId);
    } catch (e) {
      if (e instanceof StewardError && e.code === 'NOT_FOUND') throw new StewardError('NOT_FOUND', e.message, { where: 'toId' });
      throw e;
    }
  })();
  if (a.clientId !== b.clientId) invalid('toId', `Versions ${fromId} and ${toId} are plans of different clients.`);
  const fields: PlanDiff['fields'] = [];
  for (const f of CONTENT_FIELDS) if (a[f] !== b[f]) fields.push({ field: f, from: a[f], to: b[f] });
  const lineageOf = (p: Plan) => new Map(p.lines.map((l) => [l.id, l.lineage]));
  const la = lineageOf(a);
  const lb = lineageOf(b);
  const outcomes = (p: Plan, m: Map<number, number>) => p.outcomes.map((o) => ({ text: o.text, lines: o.lineIds.map((id) => m.get(id) ?? id).sort((x, y) => x - y) }));
  if (JSON.stringify(outcomes(a, la)) !== JSON.stringify(outcomes(b, lb))) fields.push({ field: 'outcomes', from: a.outcomes, to: b.outcomes });
  const byLineage = (p: Plan) => new Map(p.lines.map((l) => [l.lineage, l]));
  const ma = byLineage(a);
  const mb = byLineage(b);
  const linesAdded = b.lines.filter((l) => !ma.has(l.lineage));
  const linesRemoved = a.lines.filter((l) => !mb.has(l.lineage));
  const linesChanged: PlanDiff['linesChanged'] = [];
  for (const l of b.lines) {
    const old = ma.get(l.lineage);
    if (!old) continue;
    const changed = LINE_FIELDS.filter((f) => old[f] !== l[f]);
    if (changed.length) linesChanged.push({ from: old, to: l, fields: [...changed] });
  }
  return {
    fromId,
    toId,
    fields,
    linesAdded,
    linesRemoved,
    linesChanged,
    totals: { from: a.totals, to: b.totals, weeklyChange: b.totals.weekly - a.totals.weekly, annualChange: b.totals.annual - a.totals.annual },
  };
}



