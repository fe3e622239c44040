/** Handlers for support planning (contract-planning.ts). Every write is one transaction with an audit row. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Method } from '../../shared/contract';
import type { planningContract } from '../../shared/contract-planning';
import { dayOf } from '../../shared/dates';
import { fromSql } from '../ledger/sql-errors';
import type { PlanningStamp } from '../planning/common';
import { calculateOncost } from '../planning/oncost';
import {
  activatePlan,
  addLine,
  approvePlan,
  checkPlan,
  createPlan,
  currentBudget,
  currentPlan,
  diffPlans,
  endPlan,
  getPlan,
  listBudgets,
  listVersions,
  removeLine,
  returnPlan,
  setBudget,
  setLines,
  setUnderWarnBps,
  submitPlan,
  underWarnBps,
  updateLine,
  updatePlan,
} from '../planning/plans';
import {
  addCaseNote,
  addComplaint,
  addRisk,
  createAssessment,
  createProvider,
  getProvider,
  listAssessments,
  listCaseNotes,
  listComplaints,
  listProviders,
  listReviews,
  listRisks,
  planningReminders,
  recordReview,
  reviewDue,
  scheduleReview,
  updateAssessment,
  updateComplaint,
  updateProvider,
  updateRisk,
} from '../planning/records';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';
import type { HandlerMap } from './types';

type PlanningMethod = keyof typeof planningContract & Method;

/** Run a write as one transaction: all of it lands (with its audit rows), or none of it. */
function write<T>(ctx: ApiContext, fn: (db: Database, st: PlanningStamp) => T): T {
  const db = requireLedger(ctx).db;
  const now = ctx.now();
  const st: PlanningStamp = { at: now.toISOString(), actor: ctx.actor, today: dayOf(now) };
  try {
    return db.transaction(() => fn(db, st))();
  } catch (e) {
    throw fromSql(e);
  }
}

function read<T>(ctx: ApiContext, fn: (db: Database) => T): T {
  return fn(requireLedger(ctx).db);
}

export const planningHandlers: HandlerMap<PlanningMethod> = {
  'assessment.create': (ctx, i) => write(ctx, (db, st) => createAssessment(db, i, st)),
  'assessment.update': (ctx, i) => write(ctx, (db, st) => updateAssessment(db, i, st)),
  'assessment.list': (ctx, i) => read(ctx, (db) => listAssessments(db, i.clientId)),

  'budget.set': (ctx, i) => write(ctx, (db, st) => setBudget(db, i, st)),
  'budget.list': (ctx, i) => read(ctx, (db) => listBudgets(db, i.clientId)),
  'budget.current': (ctx, i) => read(ctx, (db) => currentBudget(db, i.clientId, i.asOf)),

  'plan.create': (ctx, i) => write(ctx, (db, st) => createPlan(db, i, st)),
  'plan.get': (ctx, i) => read(ctx, (db) => getPlan(db, i.id)),
  'plan.current': (ctx, i) => read(ctx, (db) => currentPlan(db, i.clientId)),
  'plan.versions': (ctx, i) => read(ctx, (db) => listVersions(db, i.clientId)),
  'plan.update': (ctx, i) => write(ctx, (db, st) => updatePlan(db, i.id, i.patch, st)),
  'plan.lines.set': (ctx, i) => write(ctx, (db, st) => setLines(db, i.planId, i.lines, st)),
  'plan.line.add': (ctx, i) => write(ctx, (db, st) => addLine(db, i.planId, i.line, st)),
  'plan.line.update': (ctx, i) => write(ctx, (db, st) => updateLine(db, i.id, i.line, st)),
  'plan.line.remove': (ctx, i) => write(ctx, (db, st) => removeLine(db, i.id, st)),
  'plan.check': (ctx, i) => read(ctx, (db) => checkPlan(db, i.id)),
  'plan.submit': (ctx, i) => write(ctx, (db, st) => submitPlan(db, i.id, i.by, st)),
  'plan.return': (ctx, i) => write(ctx, (db, st) => returnPlan(db, i.id, i.reasons, i.by, st)),
  'plan.approve': (ctx, i) => write(ctx, (db, st) => approvePlan(db, i.id, i.criteria, i.by, st)),
  'plan.activate': (ctx, i) => write(ctx, (db, st) => activatePlan(db, i.id, i.date, i.by, st)),
  'plan.end': (ctx, i) => write(ctx, (db, st) => endPlan(db, i.id, i.date, i.reason, i.by, st)),
  'plan.diff': (ctx, i) => read(ctx, (db) => diffPlans(db, i.fromId, i.toId)),

  'oncost.calculate': (_ctx, i) => calculateOncost(i),

  'risk.add': (ctx, i) => write(ctx, (db, st) => addRisk(db, i, st)),
  'risk.update': (ctx, i) => write(ctx, (db, st) => updateRisk(db, i, st)),
  'risk.list': (ctx, i) => read(ctx, (db) => listRisks(db, i.clientId)),

  'review.schedule': (ctx, i) => write(ctx, (db, st) => scheduleReview(db, i, st)),
  'review.record': (ctx, i) => write(ctx, (db, st) => recordReview(db, i, st)),
  'review.list': (ctx, i) => read(ctx, (db) => listReviews(db, i.clientId)),
  'review.due': (ctx, i) => read(ctx, (db) => reviewDue(db, i.clientId)),

  'provider.create': (ctx, i) => write(ctx, (db, st) => createProvider(db, i, st)),
  'provider.update': (ctx, i) => write(ctx, (db, st) => updateProvider(db, i, st)),
  'provider.get': (ctx, i) => read(ctx, (db) => getProvider(db, i.id)),
  'provider.list': (ctx, i) => read(ctx, (db) => listProviders(db, i)),

  'casenote.add': (ctx, i) => write(ctx, (db, st) => addCaseNote(db, i, st)),
  'casenote.list': (ctx, i) => read(ctx, (db) => listCaseNotes(db, i.clientId)),

  'complaint.add': (ctx, i) => write(ctx, (db, st) => addComplaint(db, i, st)),
  'complaint.update': (ctx, i) => write(ctx, (db, st) => updateComplaint(db, i, st)),
  'complaint.list': (ctx, i) => read(ctx, (db) => listComplaints(db, i.clientId)),

  'planning.reminders': (ctx, i) => read(ctx, (db) => planningReminders(db, i.asOf, i.withinDays)),
  'planning.settings.get': (ctx) => read(ctx, (db) => ({ underWarnBps: underWarnBps(db) })),
  'planning.settings.set': (ctx, i) => write(ctx, (db, st) => setUnderWarnBps(db, i.underWarnBps, st)),
};
