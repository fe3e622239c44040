/** Support plan versions through the api on a real encrypted ledger: lifecycle, immutability, budget check, diff, bad input. */
import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetCheck, Plan, PlanDiff, PlanSummary } from '../../../shared/contract-planning';
import { addClient } from '../../fixtures/money';
import { APPROVE_ALL, PA_LINE, planning, type Planning } from './fixture';

let t: Planning;
afterEach(() => t?.close());

const db = () => t.env.ctx.session.ledger!.db;

async function budget(annualAmount: number, extra: Record<string, unknown> = {}) {
  return t.call('budget.set', { clientId: t.client.id, effectiveFrom: '2026-04-01', annualAmount, ...extra });
}

async function submitted(): Promise<Plan> {
  await budget(1_750_000);
  const d = await t.draft();
  return t.call<Plan>('plan.submit', { id: d.id, by: 'Sam Broker' });
}

describe('support plan lines and totals', () => {
  it('costs each line exactly and totals the plan', async () => {
    t = await planning();
    const p = await t.draft();
    expect(p.status).toBe('draft');
    expect(p.version).toBe(1);
    expect(p.lines.map((l) => [l.type, l.annualCost, l.weeklyCost, l.planYearCost])).toEqual([
      ['pa-hours', 1_170_000, 22_500, 1_170_000], // 15 h × £15.00 × 52
      ['agency-hours', 482_300, 9_275, 482_300], // 3.5 h × £26.50 × 52
    ]);
    expect(p.totals).toEqual({ weekly: 31_775, annual: 1_652_300, planYear: 1_652_300, contingencyAnnual: 0 });
    expect(p.lines[0]).toMatchObject({ paName: 'Grace Hopper', category: 'pa-wages' });
    expect(p.lines[1]).toMatchObject({ providerName: 'Harbour Care Ltd', category: 'agency' });
    expect(p.outcomes[0]!.lineIds).toEqual(p.lines.map((l) => l.id));
  });

  it('a PA line stores the gross rate and the on-cost from the calculator; the rate must be their sum', async () => {
    t = await planning();
    const oc = await t.call<{ onCostPerHour: number; taxYear: string }>('oncost.calculate', { hourly: 1500, hoursPerWeek: 1500, frequency: 'weekly', date: '2026-04-10' });
    const plan = await t.draft([{ ...PA_LINE, paId: t.pa.id, grossHourlyRate: 1500, onCostHourly: oc.onCostPerHour, onCostTaxYear: oc.taxYear, rate: 1500 + oc.onCostPerHour }]);
    expect(plan.lines[0]).toMatchObject({ grossHourlyRate: 1500, onCostHourly: oc.onCostPerHour, onCostTaxYear: '2026-27', rate: 1500 + oc.onCostPerHour });
    const e = await t.fail('plan.line.update', { id: plan.lines[0]!.id, line: { ...PA_LINE, grossHourlyRate: 1500, onCostHourly: 300, rate: 1900 } });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'line.rate' });
    expect(e.message).toContain('£15.00');
  });

  it('line add, update and remove keep ids, and a removed line is unlinked from the outcomes', async () => {
    t = await planning();
    const p = await t.draft();
    const added = await t.call<Plan>('plan.line.add', { planId: p.id, line: { type: 'contingency', quantity: 100, unit: 'one-off', rate: 50_000, category: 'other' } });
    expect(added.lines).toHaveLength(3);
    expect(added.totals.contingencyAnnual).toBe(50_000);
    const agencyLine = added.lines[1]!;
    const updated = await t.call<Plan>('plan.line.update', { id: agencyLine.id, line: { type: 'agency-hours', providerId: t.agency.id, quantity: 400, unit: 'hours-per-week', rate: 2650, category: 'agency' } });
    expect(updated.lines[1]).toMatchObject({ id: agencyLine.id, quantity: 400, annualCost: 551_200 });
    const removed = await t.call<Plan>('plan.line.remove', { id: agencyLine.id });
    expect(removed.lines.map((l) => l.id)).toEqual([added.lines[0]!.id, added.lines[2]!.id]);
    expect(removed.outcomes[0]!.lineIds).toEqual([added.lines[0]!.id]);
  });
});

describe('budget check', () => {
  it('over budget blocks submission with the gap in pounds, and nothing is written', async () => {
    t = await planning();
    await budget(1_600_000);
    const p = await t.draft();
    const c = await t.call<BudgetCheck>('plan.check', { id: p.id });
    expect(c).toMatchObject({ status: 'over', budgetAnnual: 1_600_000, planAnnual: 1_652_300, gap: -52_300, canSubmit: false });
    const before = t.counts();
    const e = await t.fail('plan.submit', { id: p.id });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'lines' });
    expect(e.message).toBe('The plan costs £523.00 a year more than the personal budget of £16,000.00. Reduce the plan or ask the funder to review the budget.');
    expect(t.counts()).toEqual(before);
    expect((await t.call<Plan>('plan.get', { id: p.id })).status).toBe('draft');
  });

  it('under by more than the warning percentage warns but allows submission; the percentage is an organisation setting', async () => {
    t = await planning();
    await budget(2_000_000);
    const p = await t.draft();
    const c = await t.call<BudgetCheck>('plan.check', { id: p.id });
    expect(c).toMatchObject({ status: 'under', gap: 347_700, underWarnBps: 1000, canSubmit: true });
    expect(c.messages.find((m) => m.code === 'UNDER_BUDGET')!.message).toContain('£3,477.00 a year less than the personal budget of £20,000.00');
    await t.call('planning.settings.set', { underWarnBps: 2000 });
    expect(await t.call('planning.settings.get', {})).toEqual({ underWarnBps: 2000 });
    expect((await t.call<BudgetCheck>('plan.check', { id: p.id })).status).toBe('within');
  });

  it('without a budget, or without lines, a plan cannot be submitted', async () => {
    t = await planning();
    const p = await t.draft();
    expect(await t.fail('plan.submit', { id: p.id })).toMatchObject({ code: 'VALIDATION', where: 'budget' });
    await budget(1_750_000);
    const empty = await t.call<Plan>('plan.create', { clientId: t.client.id, startDate: '2026-04-06' });
    await t.call('plan.update', { id: empty.id, patch: { outcomes: [{ text: 'Stay at home' }] } });
    const e = await t.fail('plan.submit', { id: empty.id });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'lines' });
    expect(e.message).toContain('no costed lines');
  });
});

describe('plan versions: transitions', () => {
  it('draft → submitted → approved → active, each recorded with who and when in the history and the audit log', async () => {
    t = await planning();
    const s = await submitted();
    expect(s.status).toBe('submitted');
    t.env.clock.set('2026-04-08T10:00:00.000Z');
    const a = await t.call<Plan>('plan.approve', { id: s.id, criteria: APPROVE_ALL, by: 'Jo Council' });
    expect(a.approval).toMatchObject({ by: 'Jo Council', at: '2026-04-08T10:00:00.000Z', criteria: { bestValue: { met: true, comment: 'Agency rate below the council framework' } } });
    const act = await t.call<Plan>('plan.activate', { id: s.id });
    expect(act).toMatchObject({ status: 'active', activatedOn: '2026-04-06' });
    expect(act.history.map((h) => [h.from, h.to, h.by, h.at])).toEqual([
      [null, 'draft', 'tester', '2026-04-06T09:00:00.000Z'],
      ['draft', 'submitted', 'Sam Broker', '2026-04-06T09:00:00.000Z'],
      ['submitted', 'approved', 'Jo Council', '2026-04-08T10:00:00.000Z'],
      ['approved', 'active', 'tester', '2026-04-08T10:00:00.000Z'],
    ]);
    const actions = (db().prepare("SELECT action FROM audit_log WHERE entity = 'plan_version' AND entity_id = ? ORDER BY id").all(String(s.id)) as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(['plan.create', 'plan.lines.set', 'plan.update', 'plan.submit', 'plan.approve', 'plan.activate']);
    expect(await t.call<Plan>('plan.current', { clientId: t.client.id })).toMatchObject({ id: s.id, status: 'active' });
  });

  it('approval needs every criterion met; otherwise the plan is returned with reasons', async () => {
    t = await planning();
    const s = await submitted();
    const before = t.counts();
    const e = await t.fail('plan.approve', { id: s.id, criteria: { ...APPROVE_ALL, safe: { met: false, comment: 'No cover for missed calls' } }, by: 'Jo Council' });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'criteria.safe.met' });
    expect(t.counts()).toEqual(before);
    expect(await t.fail('plan.return', { id: s.id, reasons: [] })).toMatchObject({ code: 'VALIDATION', where: 'reasons' });
    const r = await t.call<Plan>('plan.return', { id: s.id, reasons: ['Add a contingency plan for missed calls'], by: 'Jo Council' });
    expect(r).toMatchObject({ status: 'returned', returnReasons: ['Add a contingency plan for missed calls'] });
    expect(r.history.at(-1)).toMatchObject({ from: 'submitted', to: 'returned', by: 'Jo Council', note: 'Add a contingency plan for missed calls' });
    // A returned version stays as returned; the broker makes a new draft from it.
    expect(await t.fail('plan.update', { id: s.id, patch: { whatWorks: 'x' } })).toMatchObject({ code: 'IMMUTABLE' });
    const v2 = await t.call<Plan>('plan.create', { clientId: t.client.id, copyFrom: s.id });
    expect(v2).toMatchObject({ version: 2, status: 'draft', basedOnId: s.id, whatMatters: 'Going to the allotment on Saturdays' });
    expect(v2.lines.map((l) => l.lineage)).toEqual(r.lines.map((l) => l.lineage));
    expect(v2.lines.map((l) => l.id)).not.toEqual(r.lines.map((l) => l.id));
    expect(v2.outcomes[0]!.lineIds).toEqual(v2.lines.map((l) => l.id));
  });

  it('a submitted version never changes: refused in code and by the SQL triggers', async () => {
    t = await planning();
    const s = await submitted();
    const before = t.counts();
    expect(await t.fail('plan.update', { id: s.id, patch: { whatMatters: 'Changed' } })).toMatchObject({ code: 'IMMUTABLE' });
    expect(await t.fail('plan.lines.set', { planId: s.id, lines: [] })).toMatchObject({ code: 'IMMUTABLE', where: 'planId' });
    expect(await t.fail('plan.line.remove', { id: s.lines[0]!.id })).toMatchObject({ code: 'IMMUTABLE' });
    expect(t.counts()).toEqual(before);
    expect(() => db().prepare("UPDATE plan_versions SET what_matters = 'x' WHERE id = ?").run(s.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('UPDATE plan_lines SET rate = 1 WHERE plan_id = ?').run(s.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('DELETE FROM plan_lines WHERE plan_id = ?').run(s.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare("INSERT INTO plan_lines(plan_id, lineage, position, type, quantity, unit, rate, category) VALUES (?, 999, 9, 'other', 100, 'one-off', 1, 'other')").run(s.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('DELETE FROM plan_versions WHERE id = ?').run(s.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare("UPDATE plan_versions SET status = 'active', activated_on = '2026-04-06' WHERE id = ?").run(s.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('DELETE FROM plan_transitions').run()).toThrow(/IMMUTABLE/);
  });

  it('activating a newer version supersedes the active one; ending records the date', async () => {
    t = await planning();
    const s = await submitted();
    await t.call('plan.approve', { id: s.id, criteria: APPROVE_ALL, by: 'Jo Council' });
    await t.call('plan.activate', { id: s.id });
    const v2 = await t.call<Plan>('plan.create', { clientId: t.client.id, copyFrom: s.id, startDate: '2026-10-05' });
    await t.call('plan.line.add', { planId: v2.id, line: { type: 'transport', quantity: 100, unit: 'sessions-per-month', rate: 2000, category: 'transport' } });
    await t.call('plan.submit', { id: v2.id });
    await t.call('plan.approve', { id: v2.id, criteria: APPROVE_ALL, by: 'Jo Council' });
    await t.call('plan.activate', { id: v2.id, date: '2026-10-05' });
    const versions = await t.call<PlanSummary[]>('plan.versions', { clientId: t.client.id });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'active'],
    ]);
    expect(await t.fail('plan.end', { id: v2.id, date: '2026-10-01' })).toMatchObject({ code: 'VALIDATION', where: 'date' });
    const ended = await t.call<Plan>('plan.end', { id: v2.id, date: '2027-03-31', reason: 'Moved to residential care' });
    expect(ended).toMatchObject({ status: 'ended', endedOn: '2027-03-31' });
    expect(await t.fail('plan.activate', { id: v2.id })).toMatchObject({ code: 'CONFLICT' });
  });

  it('diff: content fields, lines added, removed and changed (matched by lineage), and totals', async () => {
    t = await planning();
    const s = await submitted();
    await t.call('plan.return', { id: s.id, reasons: ['Too few hours'] });
    const v2 = await t.call<Plan>('plan.create', { clientId: t.client.id, copyFrom: s.id });
    const [paLine, agencyLine] = v2.lines;
    await t.call('plan.lines.set', {
      planId: v2.id,
      lines: [
        { id: paLine!.id, ...PA_LINE, paId: t.pa.id, quantity: 2000 },
        { type: 'day-activity', providerId: t.agency.id, quantity: 100, unit: 'sessions-per-week', rate: 4000, category: 'activities' },
      ],
    });
    await t.call('plan.update', { id: v2.id, patch: { whatWorks: 'The same PA every morning, and a lie-in on Sundays' } });
    const d = await t.call<PlanDiff>('plan.diff', { fromId: s.id, toId: v2.id });
    expect(d.fields.map((f) => f.field)).toEqual(['whatWorks', 'outcomes']);
    expect(d.linesAdded.map((l) => l.type)).toEqual(['day-activity']);
    expect(d.linesRemoved.map((l) => l.id)).toEqual([s.lines[1]!.id]);
    expect(d.linesRemoved[0]!.lineage).toBe(agencyLine!.lineage);
    expect(d.linesChanged).toHaveLength(1);
    expect(d.linesChanged[0]!.fields).toEqual(['quantity', 'annualCost', 'weeklyCost']);
    expect(d.totals.annualChange).toBe(1_560_000 + 208_000 - 1_652_300);
    expect(d.totals.weeklyChange).toBe(d.totals.to.weekly - d.totals.from.weekly);
  });
});

describe('bad input is refused naming the field, and nothing is written', () => {
  it('lines: absurd quantity or rate, dates out of order, missing or unknown provider, wrong PA, holiday weeks on a monthly line', async () => {
    t = await planning();
    const p = await t.draft();
    const other = await addClient(t.env, t.funderId, { name: 'Other Person' });
    await t.call('employer.set', { clientId: other.id, payFrequency: 'weekly', payDay: 'friday' });
    const otherPa = await t.call<{ id: number }>('pa.create', { clientId: other.id, name: 'Ada Byron', dateOfBirth: '1985-01-01', startDate: '2026-04-06', taxCode: '1257L', pensionStatus: 'eligible', standardRate: 1300, contractedHours: 1000 });
    const ok = { ...PA_LINE, paId: t.pa.id };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ ...ok, rate: -1 }, 'lines.1.rate', /cannot be negative/],
      [{ ...ok, quantity: 0 }, 'lines.1.quantity', /more than 0/],
      [{ ...ok, quantity: 16_900 }, 'lines[1].quantity', /at most 168/],
      [{ ...ok, rate: 100_001 }, 'lines[1].rate', /at most £1,000.00 an hour/],
      [{ ...ok, startDate: '2026-05-01', endDate: '2026-04-30' }, 'lines[1].endDate', /ends \(2026-04-30\) before it starts/],
      [{ type: 'respite', quantity: 700, unit: 'nights-per-year', rate: 15_000, category: 'respite' }, 'lines[1].providerId', /needs a provider/],
      [{ type: 'respite', providerId: 999, quantity: 700, unit: 'nights-per-year', rate: 15_000, category: 'respite' }, 'lines[1].providerId', /no provider 999/],
      [{ ...ok, paId: 999 }, 'lines[1].paId', /no PA 999/],
      [{ ...ok, paId: otherPa.id }, 'lines[1].paId', /employed by another client/],
      [{ type: 'therapy', providerId: t.agency.id, paId: t.pa.id, quantity: 100, unit: 'sessions-per-month', rate: 6000, category: 'therapies' }, 'lines[1].paId', /Only a pa-hours line/],
      [{ type: 'therapy', providerId: t.agency.id, quantity: 100, unit: 'sessions-per-month', rate: 6000, holidayWeeks: 200, category: 'therapies' }, 'lines[1].holidayWeeks', /only apply to weekly/],
      [{ ...ok, id: 99_999 }, 'lines[1].id', /not a line of this plan/],
      [{ ...ok, category: 'groceries' }, 'lines.1.category', /.+/],
    ];
    const before = t.counts();
    for (const [line, where, message] of cases) {
      const e = await t.fail('plan.lines.set', { planId: p.id, lines: [ok, line] });
      expect(e.code, where).toBe('VALIDATION');
      expect(e.where, JSON.stringify(line)).toBe(where);
      expect(e.message).toMatch(message);
    }
    expect(t.counts()).toEqual(before);
    expect((await t.call<Plan>('plan.get', { id: p.id })).lines).toEqual(p.lines);
  });

  it('plan content: dates out of order, outcomes linked to lines of another plan, unknown ids', async () => {
    t = await planning();
    const p = await t.draft();
    const before = t.counts();
    expect(await t.fail('plan.update', { id: p.id, patch: { endDate: '2026-01-01' } })).toMatchObject({ code: 'VALIDATION', where: 'patch.endDate' });
    expect(await t.fail('plan.update', { id: p.id, patch: { outcomes: [{ text: 'Walk to the shop', lineIds: [p.lines[0]!.id, 4242] }] } })).toMatchObject({
      code: 'VALIDATION',
      where: 'patch.outcomes[0].lineIds[1]',
    });
    expect(await t.fail('plan.create', { clientId: 4242 })).toMatchObject({ code: 'VALIDATION', where: 'clientId' });
    expect(await t.fail('plan.create', { clientId: t.client.id, copyFrom: 4242 })).toMatchObject({ code: 'NOT_FOUND', where: 'copyFrom' });
    expect(await t.fail('plan.get', { id: 4242 })).toMatchObject({ code: 'NOT_FOUND', where: 'id' });
    expect(await t.fail('plan.diff', { fromId: p.id, toId: 4242 })).toMatchObject({ code: 'NOT_FOUND', where: 'toId' });
    expect(await t.fail('plan.submit', { id: (await t.call<Plan>('plan.create', { clientId: t.client.id })).id })).toMatchObject({ code: 'VALIDATION', where: 'outcomes' });
    expect(t.count('plan_lines')).toBe(before.plan_lines);
  });
});

describe('line lineage', () => {
  it('a line removed and a line added in a copied version show as removed and added in the diff, never matched to each other', async () => {
    t = await planning();
    const v1 = await t.draft();
    const v2 = await t.call<Plan>('plan.create', { clientId: t.client.id, copyFrom: v1.id });
    const last = v2.lines.at(-1)!;
    await t.call('plan.line.remove', { id: last.id });
    const added = await t.call<Plan>('plan.line.add', { planId: v2.id, line: { type: 'equipment', quantity: 100, unit: 'one-off', rate: 30_000, category: 'equipment' } });
    const fresh = added.lines.at(-1)!;
    expect(v1.lines.map((l) => l.lineage)).not.toContain(fresh.lineage);
    const d = await t.call<PlanDiff>('plan.diff', { fromId: v1.id, toId: v2.id });
    expect(d.linesAdded.map((l) => l.type)).toEqual(['equipment']);
    expect(d.linesRemoved.map((l) => l.type)).toEqual(['agency-hours']);
  });
});
