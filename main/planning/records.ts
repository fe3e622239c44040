/**
 * The rest of support planning's records: assessments, the provider directory, risks (risk
 * enablement), reviews and when the next one is due, case notes, complaints and the dashboard's
 * planning reminders. Writes run inside the caller's transaction and write an audit row.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type {
  Assessment,
  AssessmentCreate,
  AssessmentUpdate,
  CaseNote,
  CaseNoteAdd,
  Complaint,
  ComplaintAdd,
  ComplaintUpdate,
  PlanningReminder,
  Provider,
  ProviderCreate,
  ProviderUpdate,
  Review,
  ReviewDue,
  ReviewRecord,
  ReviewSchedule,
  Risk,
  RiskAdd,
  RiskUpdate,
} from '../../shared/contract-planning';
import { addDays, addMonths } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import { audit } from '../api/audit';
import { cached } from '../store/statements';
import { clientRef, firstReviewWeeks, invalid, paRef, providerRef, type PlanningStamp } from './common';

function notFound(what: string, id: number): never {
  throw new StewardError('NOT_FOUND', `There is no ${what} ${id}.`, { where: 'id' });
}

/** UPDATE one row from a camelCase patch through a column map (values already converted). */
function patchRow(db: Database, table: string, id: number, cols: Record<string, string>, values: Record<string, unknown>, at: string): void {
  const keys = Object.keys(values).filter((k) => cols[k] !== undefined);
  if (keys.length === 0) return;
  const sets = keys.map((k) => `${cols[k]} = ?`).join(', ');
  db.prepare(`UPDATE ${table} SET ${sets}, updated_at = ? WHERE id = ?`).run(...keys.map((k) => values[k] as string | number | null), at, id);
}

// ---------- Assessments ----------

interface AssessmentRow {
  id: number;
  client_id: number;
  date: string;
  assessor: string;
  eligible_needs_json: string;
  carers_assessment: number;
  notes: string;
  created_at: string;
  updated_at: string;
}
function assessmentOf(r: AssessmentRow): Assessment {
  return {
    id: r.id,
    clientId: r.client_id,
    date: r.date,
    assessor: r.assessor,
    eligibleNeeds: JSON.parse(r.eligible_needs_json) as Assessment['eligibleNeeds'],
    carersAssessment: r.carers_assessment === 1,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
function getAssessment(db: Database, id: number): Assessment {
  const r = cached(db, 'SELECT * FROM assessments WHERE id = ?').get(id) as AssessmentRow | undefined;
  if (!r) notFound('assessment', id);
  return assessmentOf(r);
}
export function listAssessments(db: Database, clientId: number): Assessment[] {
  clientRef(db, clientId);
  return (cached(db, 'SELECT * FROM assessments WHERE client_id = ? ORDER BY date DESC, id DESC').all(clientId) as AssessmentRow[]).map(assessmentOf);
}
export function createAssessment(db: Database, i: z.output<typeof AssessmentCreate>, st: PlanningStamp): Assessment {
  clientRef(db, i.clientId);
  if (i.date > st.today) invalid('date', `The assessment date (${i.date}) is in the future.`);
  const id = Number(
    cached(db, 'INSERT INTO assessments(client_id, date, assessor, eligible_needs_json, carers_assessment, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      i.clientId,
      i.date,
      i.assessor,
      JSON.stringify(i.eligibleNeeds),
      i.carersAssessment ? 1 : 0,
      i.notes,
      st.at,
      st.at,
    ).lastInsertRowid,
  );
  const out = getAssessment(db, id);
  audit(db, { at: st.at, actor: st.actor, action: 'assessment.create', entity: 'assessment', entityId: id, after: out });
  return out;
}
export function updateAssessment(db: Database, i: z.output<typeof AssessmentUpdate>, st: PlanningStamp): Assessment {
  const before = getAssessment(db, i.id);
  const p = i.patch;
  if (p.date !== undefined && p.date > st.today) invalid('patch.date', `The assessment date (${p.date}) is in the future.`);
  const values: Record<string, unknown> = { ...p };
  if (p.eligibleNeeds) values.eligibleNeeds = JSON.stringify(p.eligibleNeeds);
  if (p.carersAssessment !== undefined) values.carersAssessment = p.carersAssessment ? 1 : 0;
  patchRow(db, 'assessments', i.id, { date: 'date', assessor: 'assessor', eligibleNeeds: 'eligible_needs_json', carersAssessment: 'carers_assessment', notes: 'notes' }, values, st.at);
  const out = getAssessment(db, i.id);
  audit(db, { at: st.at, actor: st.actor, action: 'assessment.update', entity: 'assessment', entityId: i.id, before, after: out });
  return out;
}

// ---------- Providers ----------

interface ProviderRow {
  id: number;
  name: string;
  type: Provider['type'];
  area: string;
  contact_name: string;
  phone: string;
  email: string;
  address: string;
  rates_json: string;
  cqc_id: string;
  cqc_rating: Provider['cqcRating'];
  accreditation: string;
  notes: string;
  active: number;
  created_at: string;
  updated_at: string;
}
function providerOf(r: ProviderRow): Provider {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    area: r.area,
    contactName: r.contact_name,
    phone: r.phone,
    email: r.email,
    address: r.address,
    rates: JSON.parse(r.rates_json) as Provider['rates'],
    cqcId: r.cqc_id,
    cqcRating: r.cqc_rating,
    accreditation: r.accreditation,
    notes: r.notes,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
const PROVIDER_COLS: Record<string, string> = {
  name: 'name',
  type: 'type',
  area: 'area',
  contactName: 'contact_name',
  phone: 'phone',
  email: 'email',
  address: 'address',
  rates: 'rates_json',
  cqcId: 'cqc_id',
  cqcRating: 'cqc_rating',
  accreditation: 'accreditation',
  notes: 'notes',
  active: 'active',
};
function providerValues(p: Partial<z.output<typeof ProviderCreate>>): Record<string, unknown> {
  const v: Record<string, unknown> = { ...p };
  if (p.rates) v.rates = JSON.stringify(p.rates);
  if (p.active !== undefined) v.active = p.active ? 1 : 0;
  return v;
}
export function getProvider(db: Database, id: number): Provider {
  const r = cached(db, 'SELECT * FROM providers WHERE id = ?').get(id) as ProviderRow | undefined;
  if (!r) notFound('provider', id);
  return providerOf(r);
}
export function listProviders(db: Database, f: { type?: Provider['type'] | undefined; area?: string | undefined; includeInactive: boolean }): Provider[] {
  const area = f.area?.toLowerCase() ?? '';
  return (cached(db, 'SELECT * FROM providers ORDER BY name COLLATE NOCASE, id').all() as ProviderRow[])
    .map(providerOf)
    .filter((p) => (f.includeInactive || p.active) && (f.type === undefined || p.type === f.type) && (area === '' || p.area.toLowerCase().includes(area)));
}
export function createProvider(db: Database, i: z.output<typeof ProviderCreate>, st: PlanningStamp): Provider {
  const v = providerValues(i);
  const keys = Object.keys(PROVIDER_COLS);
  const id = Number(
    db
      .prepare(`INSERT INTO providers(${keys.map((k) => PROVIDER_COLS[k]).join(', ')}, created_at, updated_at) VALUES (${keys.map(() => '?').join(', ')}, ?, ?)`)
      .run(...keys.map((k) => v[k] as string | number | null), st.at, st.at).lastInsertRowid,
  );
  const out = getProvider(db, id);
  audit(db, { at: st.at, actor: st.actor, action: 'provider.create', entity: 'provider', entityId: id, after: out });
  return out;
}
export function updateProvider(db: Database, i: z.output<typeof ProviderUpdate>, st: PlanningStamp): Provider {
  const before = getProvider(db, i.id);
  patchRow(db, 'providers', i.id, PROVIDER_COLS, providerValues(i.patch), st.at);
  const out = getProvider(db, i.id);
  audit(db, { at: st.at, actor: st.actor, action: 'provider.update', entity: 'provider', entityId: i.id, before, after: out });
  return out;
}

// ---------- Risks ----------

interface RiskRow {
  id: number;
  client_id: number;
  description: string;
  likelihood: number;
  impact: number;
  mitigation: string;
  contingency_plan: string;
  informed_choice: string;
  agreed_by: string;
  review_date: string | null;
  status: Risk['status'];
  created_at: string;
  updated_at: string;
}
function riskOf(r: RiskRow): Risk {
  return {
    id: r.id,
    clientId: r.client_id,
    description: r.description,
    likelihood: r.likelihood,
    impact: r.impact,
    mitigation: r.mitigation,
    contingencyPlan: r.contingency_plan,
    informedChoice: r.informed_choice,
    agreedBy: r.agreed_by,
    reviewDate: r.review_date,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
const RISK_COLS: Record<string, string> = {
  description: 'description',
  likelihood: 'likelihood',
  impact: 'impact',
  mitigation: 'mitigation',
  contingencyPlan: 'contingency_plan',
  informedChoice: 'informed_choice',
  agreedBy: 'agreed_by',
  reviewDate: 'review_date',
  status: 'status',
};
function getRisk(db: Database, id: number): Risk {
  const r = cached(db, 'SELECT * FROM risks WHERE id = ?').get(id) as RiskRow | undefined;
  if (!r) notFound('risk', id);
  return riskOf(r);
}
export function listRisks(db: Database, clientId: number): Risk[] {
  clientRef(db, clientId);
  return (cached(db, "SELECT * FROM risks WHERE client_id = ? ORDER BY status = 'closed', likelihood * impact DESC, id").all(clientId) as RiskRow[]).map(riskOf);
}
export function addRisk(db: Database, i: z.output<typeof RiskAdd>, st: PlanningStamp): Risk {
  clientRef(db, i.clientId);
  const keys = Object.keys(RISK_COLS);
  const v = i as unknown as Record<string, string | number | null>;
  const id = Number(
    db
      .prepare(`INSERT INTO risks(client_id, ${keys.map((k) => RISK_COLS[k]).join(', ')}, created_at, updated_at) VALUES (?, ${keys.map(() => '?').join(', ')}, ?, ?)`)
      .run(i.clientId, ...keys.map((k) => v[k] ?? null), st.at, st.at).lastInsertRowid,
  );
  const out = getRisk(db, id);
  audit(db, { at: st.at, actor: st.actor, action: 'risk.add', entity: 'risk', entityId: id, after: out });
  return out;
}
export function updateRisk(db: Database, i: z.output<typeof RiskUpdate>, st: PlanningStamp): Risk {
  const before = getRisk(db, i.id);
  patchRow(db, 'risks', i.id, RISK_COLS, i.patch, st.at);
  const out = getRisk(db, i.id);
  audit(db, { at: st.at, actor: st.actor, action: 'risk.update', entity: 'risk', entityId: i.id, before, after: out });
  return out;
}

// ---------- Reviews ----------

interface ReviewRow {
  id: number;
  client_id: number;
  plan_id: number | null;
  status: Review['status'];
  due_date: string | null;
  date: string | null;
  by_name: string;
  outcome: Review['outcome'];
  notes: string;
  created_at: string;
}
function reviewOf(r: ReviewRow): Review {
  return { id: r.id, clientId: r.client_id, planId: r.plan_id, status: r.status, dueDate: r.due_date, date: r.date, by: r.by_name, outcome: r.outcome, notes: r.notes, createdAt: r.created_at };
}
function getReview(db: Database, id: number): Review {
  const r = cached(db, 'SELECT * FROM reviews WHERE id = ?').get(id) as ReviewRow | undefined;
  if (!r) notFound('review', id);
  return reviewOf(r);
}
export function listReviews(db: Database, clientId: number): Review[] {
  clientRef(db, clientId);
  return (cached(db, 'SELECT * FROM reviews WHERE client_id = ? ORDER BY COALESCE(date, due_date) DESC, id DESC').all(clientId) as ReviewRow[]).map(reviewOf);
}
export function scheduleReview(db: Database, i: z.output<typeof ReviewSchedule>, st: PlanningStamp): Review {
  clientRef(db, i.clientId);
  const id = Number(cached(db, "INSERT INTO reviews(client_id, status, due_date, notes, created_at) VALUES (?, 'scheduled', ?, ?, ?)").run(i.clientId, i.dueDate, i.note, st.at).lastInsertRowid);
  const out = getReview(db, id);
  audit(db, { at: st.at, actor: st.actor, action: 'review.schedule', entity: 'review', entityId: id, after: out });
  return out;
}
export function recordReview(db: Database, i: z.output<typeof ReviewRecord>, st: PlanningStamp): Review {
  clientRef(db, i.clientId);
  if (i.date > st.today) invalid('date', `A review cannot be recorded for a future date (${i.date}); schedule it instead.`);
  const active = cached(db, "SELECT id FROM plan_versions WHERE client_id = ? AND status = 'active'").get(i.clientId) as { id: number } | undefined;
  let id: number;
  if (i.reviewId !== undefined) {
    const r = cached(db, 'SELECT * FROM reviews WHERE id = ?').get(i.reviewId) as ReviewRow | undefined;
    if (!r || r.client_id !== i.clientId) invalid('reviewId', `There is no scheduled review ${i.reviewId} for client ${i.clientId}.`);
    if (r.status !== 'scheduled') invalid('reviewId', `Review ${i.reviewId} was already recorded on ${r.date}.`);
    cached(db, "UPDATE reviews SET status = 'done', plan_id = ?, date = ?, by_name = ?, outcome = ?, notes = ? WHERE id = ?").run(active?.id ?? null, i.date, i.by, i.outcome, i.notes, r.id);
    id = r.id;
  } else {
    id = Number(
      cached(db, "INSERT INTO reviews(client_id, plan_id, status, date, by_name, outcome, notes, created_at) VALUES (?, ?, 'done', ?, ?, ?, ?, ?)").run(
        i.clientId,
        active?.id ?? null,
        i.date,
        i.by,
        i.outcome,
        i.notes,
        st.at,
      ).lastInsertRowid,
    );
  }
  const out = getReview(db, id);
  audit(db, { at: st.at, actor: st.actor, action: 'review.record', entity: 'review', entityId: id, after: out });
  return out;
}

/**
 * When the client's next review is due:
 * - no review recorded yet: the first active plan's start + the funder's firstReviewWeeks (the
 *   strictest of the client's funders; 26 weeks by default, the legal maximum of 6 months);
 * - after a recorded review: 12 months after the last one;
 * - a scheduled review earlier than that is the one due.
 */
export function reviewDue(db: Database, clientId: number): ReviewDue {
  const c = clientRef(db, clientId);
  const weeks = firstReviewWeeks(db, clientId);
  const first = (cached(db, 'SELECT MIN(activated_on) AS d FROM plan_versions WHERE client_id = ? AND activated_on IS NOT NULL').get(clientId) as { d: string | null }).d;
  const last = (cached(db, "SELECT MAX(date) AS d FROM reviews WHERE client_id = ? AND status = 'done'").get(clientId) as { d: string | null }).d;
  const scheduled = (cached(db, "SELECT MIN(due_date) AS d FROM reviews WHERE client_id = ? AND status = 'scheduled'").get(clientId) as { d: string | null }).d;
  let dueDate: string | null = null;
  let basis: ReviewDue['basis'] = 'none';
  if (last !== null) {
    dueDate = addMonths(last, 12);
    basis = 'annual';
  } else if (first !== null) {
    dueDate = addDays(first, weeks * 7);
    basis = 'first-review';
  }
  if (scheduled !== null && (dueDate === null || scheduled < dueDate)) {
    dueDate = scheduled;
    basis = 'scheduled';
  }
  return { clientId, clientName: c.name, dueDate, basis, lastReviewDate: last, firstReviewWeeks: weeks };
}

/** Reviews overdue or due within `withinDays`, and open risks whose review date falls in that window, for active clients. */
export function planningReminders(db: Database, asOf: string, withinDays: number): PlanningReminder[] {
  const horizon = addDays(asOf, withinDays);
  const out: PlanningReminder[] = [];
  const clients = cached(db, "SELECT id FROM clients WHERE status = 'active' ORDER BY name COLLATE NOCASE, id").all() as Array<{ id: number }>;
  for (const { id } of clients) {
    const d = reviewDue(db, id);
    if (d.dueDate === null) continue;
    const what = d.basis === 'first-review' ? 'First review' : d.basis === 'annual' ? 'Annual review' : 'Scheduled review';
    if (d.dueDate < asOf) out.push({ kind: 'review-overdue', clientId: id, clientName: d.clientName, dueDate: d.dueDate, message: `${what} of ${d.clientName}'s support plan was due on ${d.dueDate} and is overdue.` });
    else if (d.dueDate <= horizon) out.push({ kind: 'review-due', clientId: id, clientName: d.clientName, dueDate: d.dueDate, message: `${what} of ${d.clientName}'s support plan is due by ${d.dueDate}.` });
  }
  const risks = cached(db, "SELECT r.client_id AS clientId, c.name AS clientName, r.review_date AS d, r.description FROM risks r JOIN clients c ON c.id = r.client_id WHERE r.status = 'open' AND c.status = 'active' AND r.review_date IS NOT NULL AND r.review_date <= ? ORDER BY r.review_date, r.id").all(horizon) as Array<{
    clientId: number;
    clientName: string;
    d: string;
    description: string;
  }>;
  for (const r of risks) {
    const short = r.description.length > 60 ? `${r.description.slice(0, 57)}...` : r.description;
    out.push({ kind: 'risk-review-due', clientId: r.clientId, clientName: r.clientName, dueDate: r.d, message: `Review the risk "${short}" for ${r.clientName} by ${r.d}.` });
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.clientId - b.clientId));
}

// ---------- Case notes ----------

export function addCaseNote(db: Database, i: z.output<typeof CaseNoteAdd>, st: PlanningStamp): CaseNote {
  clientRef(db, i.clientId);
  const author = i.author !== undefined && i.author !== '' ? i.author : st.actor;
  const id = Number(cached(db, 'INSERT INTO case_notes(client_id, date, author, text, created_at) VALUES (?, ?, ?, ?, ?)').run(i.clientId, i.date, author, i.text, st.at).lastInsertRowid);
  const out: CaseNote = { id, clientId: i.clientId, date: i.date, author, text: i.text, createdAt: st.at };
  audit(db, { at: st.at, actor: st.actor, action: 'casenote.add', entity: 'case_note', entityId: id, after: out });
  return out;
}
export function listCaseNotes(db: Database, clientId: number): CaseNote[] {
  clientRef(db, clientId);
  return cached(db, 'SELECT id, client_id AS clientId, date, author, text, created_at AS createdAt FROM case_notes WHERE client_id = ? ORDER BY date DESC, id DESC').all(clientId) as CaseNote[];
}

// ---------- Complaints ----------

interface ComplaintRow {
  id: number;
  client_id: number;
  date: string;
  about: Complaint['about'];
  provider_id: number | null;
  provider_name: string | null;
  pa_id: number | null;
  pa_name: string | null;
  what_happened: string;
  action_taken: string;
  outcome: string;
  status: Complaint['status'];
  created_at: string;
  updated_at: string;
}
function complaintOf(r: ComplaintRow): Complaint {
  return {
    id: r.id,
    clientId: r.client_id,
    date: r.date,
    about: r.about,
    providerId: r.provider_id,
    providerName: r.provider_name,
    paId: r.pa_id,
    paName: r.pa_name,
    whatHappened: r.what_happened,
    actionTaken: r.action_taken,
    outcome: r.outcome,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
const COMPLAINT_SELECT = 'SELECT c.*, pr.name AS provider_name, pa.name AS pa_name FROM complaints c LEFT JOIN providers pr ON pr.id = c.provider_id LEFT JOIN pas pa ON pa.id = c.pa_id';
function getComplaint(db: Database, id: number): Complaint {
  const r = cached(db, `${COMPLAINT_SELECT} WHERE c.id = ?`).get(id) as ComplaintRow | undefined;
  if (!r) notFound('complaint', id);
  return complaintOf(r);
}
/** An agency complaint names a provider; a PA complaint names a PA of the client (or a PA in the directory). */
function checkComplaint(db: Database, clientId: number, c: { about: Complaint['about']; providerId: number | null; paId: number | null; date: string }, prefix: string, today: string): void {
  if (c.date > today) invalid(`${prefix}date`, `The complaint date (${c.date}) is in the future.`);
  if (c.about === 'agency' && c.providerId === null) invalid(`${prefix}providerId`, 'A complaint about an agency names the agency: pick it from provider.list.');
  if (c.about === 'pa' && c.paId === null && c.providerId === null) invalid(`${prefix}paId`, 'A complaint about a PA names the PA (pa.list) or the PA in the provider directory.');
  if (c.providerId !== null) providerRef(db, c.providerId, `${prefix}providerId`);
  if (c.paId !== null) paRef(db, c.paId, clientId, `${prefix}paId`);
}
export function listComplaints(db: Database, clientId: number): Complaint[] {
  clientRef(db, clientId);
  return (cached(db, `${COMPLAINT_SELECT} WHERE c.client_id = ? ORDER BY c.date DESC, c.id DESC`).all(clientId) as ComplaintRow[]).map(complaintOf);
}
export function addComplaint(db: Database, i: z.output<typeof ComplaintAdd>, st: PlanningStamp): Complaint {
  clientRef(db, i.clientId);
  checkComplaint(db, i.clientId, i, '', st.today);
  const id = Number(
    cached(
      db,
      'INSERT INTO complaints(client_id, date, about, provider_id, pa_id, what_happened, action_taken, outcome, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(i.clientId, i.date, i.about, i.providerId, i.paId, i.whatHappened, i.actionTaken, i.outcome, i.status, st.at, st.at).lastInsertRowid,
  );
  const out = getComplaint(db, id);
  audit(db, { at: st.at, actor: st.actor, action: 'complaint.add', entity: 'complaint', entityId: id, after: out });
  return out;
}
export function updateComplaint(db: Database, i: z.output<typeof ComplaintUpdate>, st: PlanningStamp): Complaint {
  const before = getComplaint(db, i.id);
  const merged = { about: i.patch.about ?? before.about, providerId: i.patch.providerId !== undefined ? i.patch.providerId : before.providerId, paId: i.patch.paId !== undefined ? i.patch.paId : before.paId, date: i.patch.date ?? before.date };
  checkComplaint(db, before.clientId, merged, 'patch.', st.today);
  patchRow(
    db,
    'complaints',
    i.id,
    { date: 'date', about: 'about', providerId: 'provider_id', paId: 'pa_id', whatHappened: 'what_happened', actionTaken: 'action_taken', outcome: 'outcome', status: 'status' },
    i.patch,
    st.at,
  );
  const out = getComplaint(db, i.id);
  audit(db, { at: st.at, actor: st.actor, action: 'complaint.update', entity: 'complaint', entityId: i.id, before, after: out });
  return out;
}
