/** Assessments, personal budgets, risks, reviews and reminders, providers, case notes and complaints through the api. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Funder } from '../../../shared/contract-money';
import type { Assessment, CaseNote, Complaint, PersonalBudget, Plan, PlanningReminder, Provider, Review, ReviewDue, Risk } from '../../../shared/contract-planning';
import { APPROVE_ALL, planning, type Planning } from './fixture';

let t: Planning;
afterEach(() => t?.close());
const db = () => t.env.ctx.session.ledger!.db;

async function activePlan(): Promise<Plan> {
  await t.call('budget.set', { clientId: t.client.id, effectiveFrom: '2026-04-01', annualAmount: 1_750_000 });
  const d = await t.draft();
  await t.call('plan.submit', { id: d.id });
  await t.call('plan.approve', { id: d.id, criteria: APPROVE_ALL, by: 'Jo Council' });
  return t.call<Plan>('plan.activate', { id: d.id });
}

describe('assessments', () => {
  it('records eligible needs against the Care Act outcome areas; refuses unknown areas and future dates', async () => {
    t = await planning();
    const a = await t.call<Assessment>('assessment.create', { clientId: t.client.id, date: '2026-03-20', assessor: 'K. Patel (OT)', eligibleNeeds: ['nutrition', 'personal-hygiene', 'community-facilities'], carersAssessment: true });
    expect(a).toMatchObject({ eligibleNeeds: ['nutrition', 'personal-hygiene', 'community-facilities'], carersAssessment: true, notes: '' });
    const u = await t.call<Assessment>('assessment.update', { id: a.id, patch: { notes: 'Needs prompting with meals' } });
    expect(u.notes).toBe('Needs prompting with meals');
    const before = t.counts();
    expect(await t.fail('assessment.create', { clientId: t.client.id, date: '2026-03-20', assessor: 'X', eligibleNeeds: ['gardening'] })).toMatchObject({ code: 'VALIDATION', where: 'eligibleNeeds.0' });
    expect(await t.fail('assessment.create', { clientId: t.client.id, date: '2026-05-01', assessor: 'X' })).toMatchObject({ code: 'VALIDATION', where: 'date' });
    expect(await t.fail('assessment.create', { clientId: 999, date: '2026-03-20', assessor: 'X' })).toMatchObject({ code: 'VALIDATION', where: 'clientId' });
    expect(t.counts()).toEqual(before);
    expect(await t.call<Assessment[]>('assessment.list', { clientId: t.client.id })).toHaveLength(1);
  });
});

describe('personal budgets', () => {
  it('splits between funders and the client, defaults the weekly figure, closes an open-ended budget when a new one starts', async () => {
    t = await planning();
    const b1 = await t.call<PersonalBudget>('budget.set', { clientId: t.client.id, effectiveFrom: '2026-04-01', annualAmount: 2_000_000, funders: [{ funderId: t.funderId, annualAmount: 1_800_000 }], clientContribution: 200_000, urgentInterim: true });
    expect(b1).toMatchObject({ weeklyAmount: 38_462, urgentInterim: true, effectiveTo: null, funders: [{ funderId: t.funderId, funderName: 'St Helens Council', annualAmount: 1_800_000 }] }); // 2,000,000 / 52 = 38,461.5 → 38,462
    const b2 = await t.call<PersonalBudget>('budget.set', { clientId: t.client.id, effectiveFrom: '2026-10-01', annualAmount: 2_200_000, weeklyAmount: 42_000 });
    const list = await t.call<PersonalBudget[]>('budget.list', { clientId: t.client.id });
    expect(list.map((b) => [b.effectiveFrom, b.effectiveTo])).toEqual([
      ['2026-04-01', '2026-09-30'],
      ['2026-10-01', null],
    ]);
    expect(await t.call('budget.current', { clientId: t.client.id, asOf: '2026-09-30' })).toMatchObject({ id: b1.id });
    expect(await t.call('budget.current', { clientId: t.client.id, asOf: '2026-10-01' })).toMatchObject({ id: b2.id, weeklyAmount: 42_000 });
    expect(await t.call('budget.current', { clientId: t.client.id, asOf: '2026-03-31' })).toBeNull();
  });

  it('refuses shares that do not add up, overlaps, unknown funders and dates out of order — nothing written', async () => {
    t = await planning();
    await t.call('budget.set', { clientId: t.client.id, effectiveFrom: '2026-04-01', effectiveTo: '2027-03-31', annualAmount: 2_000_000 });
    const before = t.counts();
    const e = await t.fail('budget.set', { clientId: t.client.id, effectiveFrom: '2027-04-01', annualAmount: 2_000_000, funders: [{ funderId: t.funderId, annualAmount: 1_700_000 }], clientContribution: 200_000 });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'funders' });
    expect(e.message).toContain('add up to £19,000.00, not the annual budget of £20,000.00');
    expect(await t.fail('budget.set', { clientId: t.client.id, effectiveFrom: '2027-01-01', annualAmount: 1 })).toMatchObject({ code: 'VALIDATION', where: 'effectiveFrom' });
    expect(await t.fail('budget.set', { clientId: t.client.id, effectiveFrom: '2027-04-01', annualAmount: 1, funders: [{ funderId: 77, annualAmount: 1 }] })).toMatchObject({ where: 'funders[0].funderId' });
    expect(await t.fail('budget.set', { clientId: t.client.id, effectiveFrom: '2027-04-01', effectiveTo: '2027-03-01', annualAmount: 1 })).toMatchObject({ where: 'effectiveTo' });
    expect(await t.fail('budget.set', { clientId: t.client.id, effectiveFrom: '2027-04-01', annualAmount: -5 })).toMatchObject({ where: 'annualAmount' });
    expect(t.counts()).toEqual(before);
  });
});

describe('risk enablement', () => {
  it('records the risk, mitigation, contingency, informed choice and who agreed; refuses out-of-range levels', async () => {
    t = await planning();
    const r = await t.call<Risk>('risk.add', {
      clientId: t.client.id,
      description: 'Goes swimming alone',
      likelihood: 2,
      impact: 4,
      mitigation: 'Lifeguarded sessions only',
      contingencyPlan: 'If the PA does not turn up, the agency covers within 2 hours',
      informedChoice: 'I understand the risk and I want to keep swimming',
      agreedBy: 'Amara, her sister and the social worker',
      reviewDate: '2026-10-01',
    });
    expect(r).toMatchObject({ status: 'open', likelihood: 2, impact: 4, agreedBy: 'Amara, her sister and the social worker' });
    await t.call('risk.update', { id: r.id, patch: { status: 'closed' } });
    const audited = db().prepare("SELECT action, actor, before_json IS NOT NULL AS hasBefore FROM audit_log WHERE entity = 'risk' AND entity_id = ? ORDER BY id").all(String(r.id));
    expect(audited).toEqual([
      { action: 'risk.add', actor: 'tester', hasBefore: 0 },
      { action: 'risk.update', actor: 'tester', hasBefore: 1 },
    ]);
    expect((await t.call<Risk[]>('risk.list', { clientId: t.client.id }))[0]!.status).toBe('closed');
    const before = t.counts();
    expect(await t.fail('risk.add', { clientId: t.client.id, description: 'x', likelihood: 6, impact: 1 })).toMatchObject({ code: 'VALIDATION', where: 'likelihood' });
    expect(await t.fail('risk.add', { clientId: t.client.id, description: 'x', likelihood: 1, impact: 0 })).toMatchObject({ code: 'VALIDATION', where: 'impact' });
    expect(t.counts()).toEqual(before);
  });
});

describe('reviews', () => {
  it('first review within the funder’s first-review period, then 12 months after the last; an earlier scheduled review comes first', async () => {
    t = await planning({ firstReviewWeeks: 8 });
    expect((await t.call<ReviewDue>('review.due', { clientId: t.client.id })).basis).toBe('none');
    const plan = await activePlan();
    expect(await t.call<ReviewDue>('review.due', { clientId: t.client.id })).toMatchObject({ dueDate: '2026-06-01', basis: 'first-review', firstReviewWeeks: 8 }); // 6 Apr + 56 days
    const s = await t.call<Review>('review.schedule', { clientId: t.client.id, dueDate: '2026-05-20' });
    expect(await t.call<ReviewDue>('review.due', { clientId: t.client.id })).toMatchObject({ dueDate: '2026-05-20', basis: 'scheduled' });
    t.env.clock.set('2026-05-21T09:00:00.000Z');
    expect(await t.fail('review.record', { clientId: t.client.id, reviewId: s.id, date: '2026-05-22', by: 'Sam Broker', outcome: 'continue' })).toMatchObject({ code: 'VALIDATION', where: 'date' });
    const done = await t.call<Review>('review.record', { clientId: t.client.id, reviewId: s.id, date: '2026-05-19', by: 'Sam Broker', outcome: 'continue', notes: 'Going well' });
    expect(done).toMatchObject({ id: s.id, status: 'done', planId: plan.id, outcome: 'continue' });
    expect(await t.call<ReviewDue>('review.due', { clientId: t.client.id })).toMatchObject({ dueDate: '2027-05-19', basis: 'annual', lastReviewDate: '2026-05-19' });
    expect(await t.fail('review.record', { clientId: t.client.id, reviewId: s.id, date: '2026-05-19', by: 'X', outcome: 'continue' })).toMatchObject({ where: 'reviewId' });
    expect(await t.fail('review.record', { clientId: t.client.id, date: '2026-05-19', by: 'X', outcome: 'maybe' })).toMatchObject({ where: 'outcome' });
    expect(() => db().prepare("UPDATE reviews SET outcome = 'end' WHERE id = ?").run(s.id)).toThrow(/IMMUTABLE/);
  });

  it('funder rules stored before firstReviewWeeks existed read as 26 weeks', async () => {
    t = await planning();
    const rules = JSON.parse((db().prepare('SELECT rules_json AS r FROM funders WHERE id = ?').get(t.funderId) as { r: string }).r) as Record<string, unknown>;
    delete rules.firstReviewWeeks;
    db().prepare('UPDATE funders SET rules_json = ? WHERE id = ?').run(JSON.stringify(rules), t.funderId);
    const [f] = await t.call<Funder[]>('funder.list', {});
    expect(f!.rules.firstReviewWeeks).toBe(26);
    await activePlan();
    expect(await t.call<ReviewDue>('review.due', { clientId: t.client.id })).toMatchObject({ dueDate: '2026-10-05', firstReviewWeeks: 26 });
  });

  it('reminders: reviews due soon or overdue, and risk reviews, for the dashboard', async () => {
    t = await planning({ firstReviewWeeks: 8 });
    await activePlan();
    await t.call('risk.add', { clientId: t.client.id, description: 'Lives alone at night', likelihood: 2, impact: 3, reviewDate: '2026-05-25' });
    expect(await t.call<PlanningReminder[]>('planning.reminders', { asOf: '2026-04-06' })).toEqual([]);
    const soon = await t.call<PlanningReminder[]>('planning.reminders', { asOf: '2026-05-10' });
    expect(soon.map((r) => [r.kind, r.dueDate])).toEqual([
      ['risk-review-due', '2026-05-25'],
      ['review-due', '2026-06-01'],
    ]);
    const late = await t.call<PlanningReminder[]>('planning.reminders', { asOf: '2026-06-02', withinDays: 0 });
    expect(late.map((r) => [r.kind, r.dueDate])).toEqual([
      ['risk-review-due', '2026-05-25'],
      ['review-overdue', '2026-06-01'],
    ]);
    expect(late.find((r) => r.kind === 'review-overdue')!.message).toBe("First review of Amara Okafor's support plan was due on 2026-06-01 and is overdue.");
  });
});

describe('providers, case notes, complaints', () => {
  it('the directory: create, filter by type and area, update; bad CQC id and unknown ids refused', async () => {
    t = await planning();
    await t.call('provider.create', { name: 'Sunflower Day Centre', type: 'day-service', area: 'Prescot', cqcRating: 'outstanding', accreditation: 'Quality Mark' });
    await t.call('provider.create', { name: 'Wheels Ltd', type: 'supplier', area: 'St Helens', active: false });
    expect((await t.call<Provider[]>('provider.list', {})).map((p) => p.name)).toEqual(['Harbour Care Ltd', 'Sunflower Day Centre']);
    expect((await t.call<Provider[]>('provider.list', { area: 'helens', includeInactive: true })).map((p) => p.name)).toEqual(['Harbour Care Ltd', 'Wheels Ltd']);
    expect((await t.call<Provider[]>('provider.list', { type: 'day-service' })).map((p) => p.name)).toEqual(['Sunflower Day Centre']);
    const u = await t.call<Provider>('provider.update', { id: t.agency.id, patch: { cqcRating: 'requires-improvement', notes: 'Late calls in May' } });
    expect(u).toMatchObject({ cqcRating: 'requires-improvement', cqcId: '1-123456789', rates: [{ description: 'Weekday hour', amount: 2650 }] });
    const before = t.counts();
    expect(await t.fail('provider.create', { name: 'X', type: 'agency', cqcId: 'ABC' })).toMatchObject({ where: 'cqcId' });
    expect(await t.fail('provider.create', { name: 'X', type: 'wizard' })).toMatchObject({ where: 'type' });
    expect(await t.fail('provider.update', { id: 999, patch: { notes: 'x' } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(t.counts()).toEqual(before);
  });

  it('case notes are added, listed newest first, and never edited', async () => {
    t = await planning();
    await t.call('casenote.add', { clientId: t.client.id, date: '2026-04-01', text: 'Met Amara and her sister' });
    const n = await t.call<CaseNote>('casenote.add', { clientId: t.client.id, date: '2026-04-03', text: 'Agency confirmed evening calls', author: 'Sam Broker' });
    expect(n.author).toBe('Sam Broker');
    const list = await t.call<CaseNote[]>('casenote.list', { clientId: t.client.id });
    expect(list.map((c) => [c.date, c.author])).toEqual([
      ['2026-04-03', 'Sam Broker'],
      ['2026-04-01', 'tester'],
    ]);
    expect(() => db().prepare("UPDATE case_notes SET text = 'x'").run()).toThrow(/IMMUTABLE/);
    expect(await t.fail('casenote.add', { clientId: t.client.id, date: '2026-04-03', text: '  ' })).toMatchObject({ where: 'text' });
  });

  it('complaints about an agency or a PA: logged, updated to an outcome; the agency or PA must be named', async () => {
    t = await planning();
    const c = await t.call<Complaint>('complaint.add', { clientId: t.client.id, date: '2026-04-02', about: 'agency', providerId: t.agency.id, whatHappened: 'Evening call missed twice' });
    expect(c).toMatchObject({ status: 'open', providerName: 'Harbour Care Ltd' });
    const u = await t.call<Complaint>('complaint.update', { id: c.id, patch: { actionTaken: 'Raised with the agency manager', outcome: 'Rota changed', status: 'resolved' } });
    expect(u).toMatchObject({ status: 'resolved', outcome: 'Rota changed' });
    const p = await t.call<Complaint>('complaint.add', { clientId: t.client.id, date: '2026-04-03', about: 'pa', paId: t.pa.id, whatHappened: 'Arrived late' });
    expect(p.paName).toBe('Grace Hopper');
    const before = t.counts();
    expect(await t.fail('complaint.add', { clientId: t.client.id, date: '2026-04-02', about: 'agency', whatHappened: 'x' })).toMatchObject({ code: 'VALIDATION', where: 'providerId' });
    expect(await t.fail('complaint.add', { clientId: t.client.id, date: '2026-04-02', about: 'pa', whatHappened: 'x' })).toMatchObject({ where: 'paId' });
    expect(await t.fail('complaint.add', { clientId: t.client.id, date: '2026-04-02', about: 'pa', paId: 999, whatHappened: 'x' })).toMatchObject({ where: 'paId' });
    expect(await t.fail('complaint.update', { id: c.id, patch: { about: 'pa', providerId: null } })).toMatchObject({ where: 'patch.paId' });
    expect(t.counts()).toEqual(before);
    expect((await t.call<Complaint[]>('complaint.list', { clientId: t.client.id })).map((x) => x.about)).toEqual(['pa', 'agency']);
  });
});
