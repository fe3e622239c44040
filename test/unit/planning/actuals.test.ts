/**
 * Plan against actual: hand-worked figures for a plan with several lines, two lines sharing an
 * expense category, part-year lines, a one-off, unplanned spending and a refund; the weekly series;
 * choosing the version in force; and the same figures read from a real encrypted ledger.
 *
 * The plan (made with the engine's own costing) starts 1 April 2026; plan year 1 is 1 April 2026 to
 * 31 March 2027 (365 days). As at 29 June 2026, 90 days have elapsed.
 *   1 PA hours, pa-wages        10 h/wk × £20.00, all year  annual 1,040,000p
 *   2 Agency hours, agency       5 h/wk × £25.00, all year  annual   650,000p
 *   3 Day activity, activities   2 sessions/month × £40 from 1 June       annual 96,000p (304 days in the year)
 *   4 Community activity, activities  1 session/wk × £30, all year        annual 156,000p
 *   5 Equipment, one-off £600 on 10 May
 *   6 Transport, 1 trip/wk × £15 from 1 September (not started)          annual 78,000p (212 days)
 */
import { describe, expect, it } from 'vitest';
import { accountsForLines, activeVersionOn, mulDivHalfUp, planActuals, planYearOf, readExpensePostings, readPlanActuals, splitByWeights, type Posting } from '../../../main/planning/actuals';
import { PlanActuals } from '../../../shared/contract-planning-outputs';
import { openTestLedger } from '../../fixtures/ledger';
import { addClient, addFunder, payment, receipt } from '../../fixtures/money';
import { makePlan } from './plan-data';
import { planWorld, spend } from './ledger-plan';
import { planningOutputsHandlers } from '../../../main/api/planning-outputs';
import type { Plan } from '../../../shared/contract-planning';

const plan = makePlan({
  lines: [
    { type: 'pa-hours', quantity: 1000, unit: 'hours-per-week', rate: 2000, category: 'pa-wages', paName: 'Grace Hopper' },
    { type: 'agency-hours', quantity: 500, unit: 'hours-per-week', rate: 2500, category: 'agency', providerName: 'Bright Care' },
    { type: 'day-activity', quantity: 200, unit: 'sessions-per-month', rate: 4000, category: 'activities', startDate: '2026-06-01' },
    { type: 'community-activity', quantity: 100, unit: 'sessions-per-week', rate: 3000, category: 'activities' },
    { type: 'equipment', quantity: 100, unit: 'one-off', rate: 60000, category: 'equipment', startDate: '2026-05-10' },
    { type: 'transport', quantity: 100, unit: 'sessions-per-week', rate: 1500, category: 'transport', startDate: '2026-09-01' },
  ],
});

const postings: Posting[] = [
  { category: 'pa-wages', date: '2026-03-31', amount: 99_999 }, // before the plan year: not counted
  { category: 'insurance', date: '2026-04-10', amount: 12_000 }, // PA on-cost account
  { category: 'pa-wages', date: '2026-04-30', amount: 200_000 },
  { category: 'employer-ni', date: '2026-04-30', amount: 5_000 },
  { category: 'pension', date: '2026-04-30', amount: 3_000 },
  { category: 'therapies', date: '2026-05-01', amount: 5_000 }, // no line: unplanned
  { category: 'equipment', date: '2026-05-12', amount: 58_000 },
  { category: 'agency', date: '2026-05-15', amount: 100_000 },
  { category: 'agency', date: '2026-06-10', amount: 40_000 },
  { category: 'activities', date: '2026-06-10', amount: 12_000 }, // shared by lines 3 and 4
  { category: 'agency', date: '2026-06-15', amount: 80_000 },
  { category: 'agency', date: '2026-06-20', amount: -10_000 }, // a refund
  { category: 'transport', date: '2026-06-20', amount: 2_000 },
  { category: 'agency', date: '2026-07-01', amount: 50_000 }, // after asOf: not counted
];

describe('plan against actual (pure, hand-worked)', () => {
  const r = planActuals({ plan, inForceTo: null, asOf: '2026-06-29', postings });

  it('matches the contract shape', () => {
    expect(PlanActuals.parse(r)).toEqual(r);
  });

  it('works out the plan year and time elapsed', () => {
    expect(r.planYear).toEqual({ number: 1, start: '2026-04-01', end: '2027-03-31', days: 365, daysElapsed: 90, elapsedBps: 2466 });
  });

  it('maps lines to expense accounts, PA lines taking the on-cost accounts', () => {
    expect(r.lines.map((l) => l.accounts)).toEqual([['pa-wages', 'employer-ni', 'pension', 'insurance', 'fees'], ['agency'], ['activities'], ['activities'], ['equipment'], ['transport']]);
  });

  it('gives planned, actual, projection, money left and pace per line', () => {
    const pick = (i: number) => {
      const l = r.lines[i]!;
      return [l.plannedYear, l.plannedToDate, l.actualToDate, l.projectedYearEnd, l.moneyLeft, l.spentBps, l.expectedBps, l.pace];
    };
    // PA: 1,040,000 × 90/365 = 256,438.36 → 256,438; actual 200,000 + 5,000 + 3,000 + 12,000 = 220,000;
    // projected 220,000 × 365/90 = 892,222.2 → 892,222; spent 21.15% vs expected 24.66%: within 5 points.
    expect(pick(0)).toEqual([1_040_000, 256_438, 220_000, 892_222, 820_000, 2115, 2466, 'on-track']);
    // Agency: 100,000 + 40,000 + 80,000 − 10,000 = 210,000; 210,000 × 365/90 = 851,666.7 → 851,667; 32.31% > 24.66% + 5.
    expect(pick(1)).toEqual([650_000, 160_274, 210_000, 851_667, 440_000, 3231, 2466, 'ahead']);
    // Day activity from 1 June: year 96,000 × 304/365 = 79,956.2 → 79,956; to date 96,000 × 29/365 = 7,627.4 → 7,627.
    // The 12,000 on activities splits 7,627 : 38,466 → 1,985.6 and 10,014.4; the odd penny to the larger remainder:
    // 1,986 and 10,014. Projected 1,986 × 304/29 = 20,818.8 → 20,819.
    expect(pick(2)).toEqual([79_956, 7_627, 1_986, 20_819, 77_970, 248, 954, 'behind']);
    expect(pick(3)).toEqual([156_000, 38_466, 10_014, 40_612, 145_986, 642, 2466, 'behind']);
    // One-off equipment: planned in full on 10 May; projected = actual once its date has passed.
    expect(pick(4)).toEqual([60_000, 60_000, 58_000, 58_000, 2_000, 9667, 10_000, 'on-track']);
    // Transport from 1 September: 78,000 × 212/365 = 45,304.1 → 45,304; not started, so projected = 2,000 + 45,304.
    expect(pick(5)).toEqual([45_304, 0, 2_000, 47_304, 43_304, 441, 0, 'on-track']);
    expect(r.lines[2]!.activeFrom).toBe('2026-06-01');
    expect(r.lines[5]!.activeTo).toBe('2027-03-31');
  });

  it('lists unplanned spending and includes it in the totals', () => {
    expect(r.unplanned).toEqual([{ category: 'therapies', actualToDate: 5_000, projectedYearEnd: 20_278 }]);
    expect(r.totals).toEqual({
      plannedYear: 2_031_260,
      plannedToDate: 522_805,
      actualToDate: 507_000,
      projectedYearEnd: 892_222 + 851_667 + 20_819 + 40_612 + 58_000 + 47_304 + 20_278,
      moneyLeft: 1_524_260,
      spentBps: 2496,
      expectedBps: 2574,
      pace: 'on-track',
    });
    // Every penny in the window is accounted for exactly once.
    const inWindow = postings.filter((p) => p.date >= '2026-04-01' && p.date <= '2026-06-29').reduce((s, p) => s + p.amount, 0);
    expect(r.totals.actualToDate).toBe(inWindow);
  });

  it('gives a weekly cumulative series over the plan year', () => {
    expect(r.series).toHaveLength(53);
    // Week 1 (1–7 April): 1,040,000 × 7/365 → 19,945; 650,000 × 7/365 → 12,466; 156,000 × 7/365 → 2,992.
    expect(r.series[0]).toEqual({ date: '2026-04-07', planned: 19_945 + 12_466 + 2_992, actual: 0 });
    expect(r.series[1]).toEqual({ date: '2026-04-14', planned: expect.any(Number), actual: 12_000 });
    expect(r.series[11]).toEqual({ date: '2026-06-23', planned: expect.any(Number), actual: 507_000 });
    expect(r.series[12]!.date).toBe('2026-06-30');
    expect(r.series[12]!.actual).toBeNull();
    expect(r.series[52]).toEqual({ date: '2027-03-31', planned: 2_031_260, actual: null });
    for (let i = 1; i < r.series.length; i += 1) expect(r.series[i]!.planned).toBeGreaterThanOrEqual(r.series[i - 1]!.planned);
  });

  it('a line that runs all year plans exactly its annual cost; pace follows the tolerance', () => {
    const end = planActuals({ plan, inForceTo: null, asOf: '2027-03-31', postings: [{ category: 'agency', date: '2027-03-01', amount: 650_000 }] });
    expect(end.lines[1]!.plannedToDate).toBe(650_000);
    expect(end.lines[1]!.pace).toBe('on-track');
    expect(end.lines[1]!.moneyLeft).toBe(0);
    const strict = planActuals({ plan, inForceTo: null, asOf: '2026-06-29', postings, toleranceBps: 100 });
    expect(strict.lines[0]!.pace).toBe('behind'); // 21.15% against 24.66% with a 1-point tolerance
  });

  it('plan year 2 and a version ended part-way through the year', () => {
    const y2 = planActuals({ plan, inForceTo: '2027-09-30', asOf: '2027-04-07', postings: [] });
    expect(y2.planYear).toMatchObject({ number: 2, start: '2027-04-01', end: '2028-03-31', days: 366, daysElapsed: 7 });
    // The agency line runs 1 April to 30 September 2027 (183 days) of a 366-day year: 650,000 × 183/366 = 325,000.
    expect(y2.lines[1]!.plannedYear).toBe(325_000);
    expect(y2.lines[4]!.plannedYear).toBe(0); // the one-off fell in year 1
    expect(y2.lines[2]!.activeFrom).toBe('2027-04-01');
  });

  it('refuses a date before the plan starts, naming asOf', () => {
    expect(() => planActuals({ plan, inForceTo: null, asOf: '2026-03-31', postings })).toThrow(expect.objectContaining({ code: 'VALIDATION', where: 'asOf' }));
    expect(() => planActuals({ plan, inForceTo: null, asOf: '2026-13-01', postings })).toThrow(expect.objectContaining({ code: 'VALIDATION', where: 'asOf' }));
  });
});

describe('plan against actual: the parts', () => {
  it('rounds half up (away from zero) exactly', () => {
    expect(mulDivHalfUp(1, 1, 2)).toBe(1);
    expect(mulDivHalfUp(-1, 1, 2)).toBe(-1);
    expect(mulDivHalfUp(5, 1, 3)).toBe(2);
    expect(mulDivHalfUp(4_000_000_000, 4_000_000, 3)).toBe(5_333_333_333_333_333); // the product is past 2^53: worked in BigInt
  });

  it('splits pennies exactly, leftovers to the largest remainders, refunds too', () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeights(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(splitByWeights(10, [0, 0])).toEqual([5, 5]);
    expect(splitByWeights(7, [0, 3])).toEqual([0, 7]);
  });

  it('a line that names an on-cost category keeps it to itself', () => {
    const acc = accountsForLines([
      { type: 'pa-hours', category: 'pa-wages' },
      { type: 'other', category: 'fees' },
      { type: 'agency-hours', category: 'pa-wages' },
    ]);
    expect(acc).toEqual([['pa-wages', 'employer-ni', 'pension', 'insurance'], ['fees'], ['pa-wages']]);
  });

  it('plan years from a 29 February start', () => {
    expect(planYearOf('2028-02-29', '2029-02-27')).toEqual({ number: 1, start: '2028-02-29', end: '2029-02-27', days: 365 });
    expect(planYearOf('2028-02-29', '2029-02-28')).toMatchObject({ number: 2, start: '2029-02-28' });
  });

  it('picks the version in force on the date', () => {
    const v = [
      { id: 1, version: 1, status: 'superseded', activatedOn: '2026-04-01', endedOn: null },
      { id: 2, version: 2, status: 'active', activatedOn: '2026-10-01', endedOn: null },
      { id: 3, version: 3, status: 'draft', activatedOn: null, endedOn: null },
    ];
    expect(activeVersionOn(v, '2026-03-31')).toBeNull();
    expect(activeVersionOn(v, '2026-09-30')).toEqual({ plan: v[0], inForceTo: '2026-09-30' });
    expect(activeVersionOn(v, '2026-10-01')).toEqual({ plan: v[1], inForceTo: null });
    expect(activeVersionOn([{ id: 4, version: 1, status: 'ended', activatedOn: '2026-04-01', endedOn: '2026-05-31' }], '2026-06-01')).toBeNull();
  });
});

describe('plan against actual from a real ledger', () => {
  it('reads the client’s expense postings (payments and their reversals) and works the figures', async () => {
    const env = await openTestLedger();
    const funder = await addFunder(env);
    const client = await addClient(env, funder.id, { startDate: '2026-04-01' });
    const other = await addClient(env, funder.id, { name: 'Charles Babbage', startDate: '2026-04-01' });
    await receipt(env, client.id, '2026-04-02', 900_000);
    await receipt(env, other.id, '2026-04-02', 900_000);
    await payment(env, client.id, '2026-05-15', 100_000, { category: 'agency' });
    const wrong = await payment(env, client.id, '2026-05-16', 7_000, { category: 'agency' });
    await env.call('entry.reverse', { entryId: wrong.entry.id, reason: 'Paid twice by mistake', date: '2026-05-20' });
    await payment(env, client.id, '2026-06-10', 12_000, { category: 'activities', payeeName: 'Leisure Centre' });
    await payment(env, other.id, '2026-06-10', 55_555, { category: 'agency' }); // another client: not counted
    const db = env.ctx.session.ledger!.db;
    const got = readExpensePostings(db, client.id, '2026-04-01', '2026-06-29');
    expect(got.reduce((s, p) => s + p.amount, 0)).toBe(112_000);
    expect(got.every((p) => p.category === 'agency' || p.category === 'activities')).toBe(true);

    const mine = { ...plan, clientId: client.id };
    const r = readPlanActuals(db, client.id, '2026-06-29', [{ id: 1, version: 1, status: 'active', activatedOn: '2026-04-01', endedOn: null }], () => mine);
    expect(r?.lines[1]!.actualToDate).toBe(100_000);
    expect(r?.lines[2]!.actualToDate).toBe(1_986);
    expect(r?.lines[3]!.actualToDate).toBe(10_014);
    expect(r?.totals.actualToDate).toBe(112_000);
    expect(readPlanActuals(db, client.id, '2026-03-01', [{ id: 1, version: 1, status: 'active', activatedOn: '2026-04-01', endedOn: null }], () => mine)).toBeNull();
  });
});

describe('plan against actual through the api handler, on a plan built with the planning api', () => {
  it('uses the active version and the client’s payments', async () => {
    const w = await planWorld();
    await spend(w);
    const r = planningOutputsHandlers['plan.actuals'](w.env.ctx, { clientId: w.client.id, asOf: '2026-06-29' });
    expect(r).not.toBeNull();
    expect(PlanActuals.parse(r)).toEqual(r);
    expect(r!.planId).toBe(w.plan.id);
    expect(r!.lines.map((l) => [l.plannedYear, l.plannedToDate, l.actualToDate])).toEqual([
      [1_040_000, 256_438, 200_000],
      [650_000, 160_274, 100_000],
      [156_000, 38_466, 12_000],
      [60_000, 60_000, 58_000],
    ]);
    expect(r!.unplanned).toEqual([{ category: 'therapies', actualToDate: 5_000, projectedYearEnd: 20_278 }]);
    expect(r!.totals).toMatchObject({ plannedYear: 1_906_000, plannedToDate: 515_178, actualToDate: 375_000, moneyLeft: 1_531_000 });
    // Before the plan was activated there is nothing to compare.
    expect(planningOutputsHandlers['plan.actuals'](w.env.ctx, { clientId: w.client.id, asOf: '2026-03-31' })).toBeNull();
  });

  it('switches to a new version from the day it is activated', async () => {
    const w = await planWorld();
    await spend(w);
    let v2 = await w.env.call<Plan>('plan.create', { clientId: w.client.id, copyFrom: w.plan.id, startDate: '2026-10-01' });
    v2 = await w.env.call<Plan>('plan.lines.set', { planId: v2.id, lines: [{ type: 'agency-hours', providerId: w.provider.id, quantity: 1000, unit: 'hours-per-week', rate: 2500, category: 'agency' }] });
    await w.env.call('plan.submit', { id: v2.id });
    await w.env.call('plan.approve', { id: v2.id, criteria: { withinBudget: { met: true }, lawful: { met: true }, bestValue: { met: true }, realisticCosts: { met: true }, safe: { met: true } }, by: 'Mary Somerville' });
    await w.env.call('plan.activate', { id: v2.id, date: '2026-10-01' });
    const before = planningOutputsHandlers['plan.actuals'](w.env.ctx, { clientId: w.client.id, asOf: '2026-09-30' })!;
    expect(before.planId).toBe(w.plan.id);
    // Version 1 stops on 30 September: the agency line runs 183 of 365 days this year: 650,000 × 183/365 = 325,890.4.
    expect(before.lines[1]!.plannedYear).toBe(325_890);
    const after = planningOutputsHandlers['plan.actuals'](w.env.ctx, { clientId: w.client.id, asOf: '2026-10-07' })!;
    expect(after.planId).toBe(v2.id);
    expect(after.planYear).toMatchObject({ start: '2026-10-01', daysElapsed: 7 });
    expect(after.lines).toHaveLength(1);
    expect(after.lines[0]!.plannedToDate).toBe(mulDivHalfUp(1_300_000, 7, 365));
  });

  it('refuses an unknown client, naming it', async () => {
    const w = await planWorld({ activate: false });
    expect(() => planningOutputsHandlers['plan.actuals'](w.env.ctx, { clientId: 999, asOf: '2026-06-29' })).toThrow(expect.objectContaining({ where: 'clientId' }));
    expect(planningOutputsHandlers['plan.actuals'](w.env.ctx, { clientId: w.client.id, asOf: '2026-06-29' })).toBeNull(); // a draft is never "in force"
  });
});
