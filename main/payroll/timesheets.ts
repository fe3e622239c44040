/**
 * Timesheets: one PA's hours for one pay period, priced from the PA's contract, checked against the
 * minimum wage, approved by the employer (two different trustees for an Independent User Trust).
 * Every write runs inside the caller's transaction, checks everything before it writes, and writes
 * its audit row with before and after (entity `timesheet`).
 *
 * Pay per line: hours (hundredths) × rate (pence an hour) / 100, rounded half up to the penny, in
 * integers: floor((hours × rate + 50) / 100). Gross pay is the sum of the lines.
 *
 * Minimum wage: the rates in force on the period end date (the newest table whose NMW
 * effectiveFrom is on or before it) for the PA's age on that date (apprentice rate not applied).
 * Every hour counts, sleep-in included, and every penny of the lines counts (premiums included):
 * the engine has no sleep-in or premium rule yet, so this is the simple reading (see docs).
 * Hours become minutes rounded up to the whole minute (never short-changes the PA).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { StewardError } from '../../shared/errors';
import type { Pa } from '../../shared/contract-payroll';
import type {
  MinimumWageResult,
  RateType,
  Timesheet,
  TimesheetApprove,
  TimesheetCreate,
  TimesheetImportCsv,
  TimesheetLine,
  TimesheetLineInput,
  TimesheetUpdate,
} from '../../shared/contract-timesheets';
import { MAX_HOURS_A_DAY, RATE_TYPES } from '../../shared/contract-timesheets';
import { normaliseNiNumber } from '../../shared/ni-number';
import { isIsoDate } from '../../shared/dates';
import { pence } from '../../shared/money';
import { audit } from '../api/audit';
import { getClient } from '../clients/repo';
import type { Stamp } from '../ledger/journal';
import { ageOn } from './auto-enrolment';
import { checkMinimumWage, minimumHourlyRate } from './minimum-wage';
import { getPa, listPas } from './people';
import { TAX_YEARS } from './tax-years';

type LineIn = z.output<typeof TimesheetLineInput>;

function invalid(message: string, where: string): StewardError {
  return new StewardError('VALIDATION', message, { where });
}

// ---------- Pricing and checks (pure) ----------

/** The PA's contract rate for a rate type, or null when none is agreed. */
export function rateFor(pa: Pa, rateType: RateType): number | null {
  switch (rateType) {
    case 'standard':
      return pa.standardRate;
    case 'weekend':
      return pa.weekendRate;
    case 'night':
      return pa.nightRate;
    case 'sleep-in':
      return pa.sleepInRate;
    case 'bank-holiday':
      return pa.bankHolidayRate;
  }
}

/** hours/100 × rate, rounded half up to the penny (all integers). */
export function linePay(hours: number, rate: number): number {
  return Math.floor((hours * rate + 50) / 100);
}

/** Minimum wage check for the period, with its figures. */
export function minimumWageFor(pa: Pa, periodEnd: string, hours: number, pay: number): MinimumWageResult {
  const tables = TAX_YEARS.filter((t) => t.minimumWage.effectiveFrom <= periodEnd);
  const table = tables[tables.length - 1];
  if (!table) throw invalid(`Steward has no minimum wage rates in force on ${periodEnd}.`, 'periodEnd');
  const age = ageOn(pa.dateOfBirth, periodEnd);
  const hourlyRate = minimumHourlyRate(table, Math.max(0, age));
  const minutesWorked = Math.ceil((hours * 60) / 100);
  const c = checkMinimumWage(pence(pay), minutesWorked, hourlyRate);
  return {
    ratesFrom: table.minimumWage.effectiveFrom,
    ageOnPeriodEnd: age,
    hourlyRate,
    hoursCounted: hours,
    minutesWorked,
    payCounted: pay,
    required: c.required,
    shortfall: c.shortfall,
    ok: c.ok,
  };
}

interface Priced {
  lines: TimesheetLine[];
  totalHours: number;
  grossPay: number;
  minimumWage: MinimumWageResult;
}

/**
 * Check a period and its lines for a PA and price them. Errors name `periodStart`, `periodEnd` or
 * `lines[i].<field>`; `lineWhere` lets the CSV import name its own rows instead.
 */
export function priceLines(pa: Pa, periodStart: string, periodEnd: string, lines: readonly LineIn[], lineWhere: (i: number, field: string) => string = (i, f) => `lines[${i}].${f}`): Priced {
  if (periodEnd < periodStart) throw invalid(`The period ends (${periodEnd}) before it starts (${periodStart}).`, 'periodEnd');
  if (pa.leavingDate !== null && periodStart > pa.leavingDate) {
    throw invalid(`${pa.name} left on ${pa.leavingDate}: there can be no timesheet for a period starting ${periodStart}.`, 'periodStart');
  }
  if (periodEnd < pa.startDate) throw invalid(`${pa.name} starts on ${pa.startDate}, after this period ends (${periodEnd}).`, 'periodEnd');
  const perDay = new Map<string, number>();
  const out: TimesheetLine[] = [];
  lines.forEach((l, i) => {
    if (l.hours <= 0) throw invalid(`Hours must be above zero (in hundredths of an hour, e.g. 750 for 7.5 hours); got ${l.hours}.`, lineWhere(i, 'hours'));
    if (l.date < periodStart || l.date > periodEnd) throw invalid(`${l.date} is outside the period ${periodStart} to ${periodEnd}.`, lineWhere(i, 'date'));
    if (l.date < pa.startDate) throw invalid(`${l.date} is before ${pa.name}'s start date ${pa.startDate}.`, lineWhere(i, 'date'));
    if (pa.leavingDate !== null && l.date > pa.leavingDate) {
      throw invalid(`${l.date} is after ${pa.name} left (leaving date ${pa.leavingDate}): a PA who has left cannot be paid for later days.`, lineWhere(i, 'date'));
    }
    const day = (perDay.get(l.date) ?? 0) + l.hours;
    if (day > MAX_HOURS_A_DAY) throw invalid(`The hours on ${l.date} come to ${day / 100}, more than 24 in a day.`, lineWhere(i, 'hours'));
    perDay.set(l.date, day);
    const rate = rateFor(pa, l.rateType);
    if (rate === null) throw invalid(`${pa.name} has no ${l.rateType} rate in their contract. Add it with pa.update, or use another rate type.`, lineWhere(i, 'rateType'));
    out.push({ date: l.date, rateType: l.rateType, hours: l.hours, rate, pay: linePay(l.hours, rate) });
  });
  const totalHours = out.reduce((s, l) => s + l.hours, 0);
  const grossPay = out.reduce((s, l) => s + l.pay, 0);
  return { lines: out, totalHours, grossPay, minimumWage: minimumWageFor(pa, periodEnd, totalHours, grossPay) };
}

// ---------- Rows ----------

interface TimesheetRow {
  id: number;
  client_id: number;
  pa_id: number;
  pa_name: string;
  period_start: string;
  period_end: string;
  status: Timesheet['status'];
  total_hours: number;
  gross_pay: number;
  nmw_json: string;
  nmw_note_json: string | null;
  approvals_json: string;
  approved_at: string | null;
  reopened_json: string | null;
  created_at: string;
  updated_at: string;
}

interface LineRow {
  date: string;
  rate_type: RateType;
  hours: number;
  rate: number;
  pay: number;
}

const SELECT = 'SELECT t.*, p.name AS pa_name FROM timesheets t JOIN pas p ON p.id = t.pa_id';

function timesheetOf(db: Database, r: TimesheetRow): Timesheet {
  const lines = (db.prepare('SELECT date, rate_type, hours, rate, pay FROM timesheet_lines WHERE timesheet_id = ? ORDER BY line_no').all(r.id) as LineRow[]).map(
    (l): TimesheetLine => ({ date: l.date, rateType: l.rate_type, hours: l.hours, rate: l.rate, pay: l.pay }),
  );
  return {
    id: r.id,
    clientId: r.client_id,
    paId: r.pa_id,
    paName: r.pa_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    lines,
    totalHours: r.total_hours,
    grossPay: r.gross_pay,
    minimumWage: JSON.parse(r.nmw_json) as MinimumWageResult,
    minimumWageNote: r.nmw_note_json === null ? null : (JSON.parse(r.nmw_note_json) as Timesheet['minimumWageNote']),
    approvals: JSON.parse(r.approvals_json) as Timesheet['approvals'],
    approvedAt: r.approved_at,
    reopened: r.reopened_json === null ? null : (JSON.parse(r.reopened_json) as Timesheet['reopened']),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getTimesheet(db: Database, id: number): Timesheet {
  const r = db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TimesheetRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no timesheet ${id}. Run "steward timesheet list --client <id>" to see timesheet ids.`, { where: 'id' });
  return timesheetOf(db, r);
}

/** A client's timesheets, newest period first, then by PA name. NOT_FOUND for an unknown client. */
export function listTimesheets(db: Database, clientId: number, periodStart?: string): Timesheet[] {
  getClient(db, clientId);
  const rows = db
    .prepare(`${SELECT} WHERE t.client_id = ? AND (? IS NULL OR t.period_start = ?) ORDER BY t.period_start DESC, p.name COLLATE NOCASE, t.id`)
    .all(clientId, periodStart ?? null, periodStart ?? null) as TimesheetRow[];
  return rows.map((r) => timesheetOf(db, r));
}

/** CONFLICT when the PA already has a timesheet overlapping the period. */
function checkNoOverlap(db: Database, pa: Pa, periodStart: string, periodEnd: string, selfId: number | null, where: string): void {
  const other = db
    .prepare('SELECT id, period_start, period_end FROM timesheets WHERE pa_id = ? AND period_start <= ? AND period_end >= ? AND id IS NOT ? LIMIT 1')
    .get(pa.id, periodEnd, periodStart, selfId) as { id: number; period_start: string; period_end: string } | undefined;
  if (other) {
    throw new StewardError('CONFLICT', `${pa.name} already has timesheet ${other.id} for ${other.period_start} to ${other.period_end}, which overlaps this period.`, { where });
  }
}

function statusFor(p: Priced, noted: boolean): 'draft' | 'blocked' {
  return p.minimumWage.ok || noted ? 'draft' : 'blocked';
}

function writeLines(db: Database, id: number, lines: readonly TimesheetLine[]): void {
  db.prepare('DELETE FROM timesheet_lines WHERE timesheet_id = ?').run(id);
  const ins = db.prepare('INSERT INTO timesheet_lines(timesheet_id, line_no, date, rate_type, hours, rate, pay) VALUES (?, ?, ?, ?, ?, ?, ?)');
  lines.forEach((l, i) => ins.run(id, i, l.date, l.rateType, l.hours, l.rate, l.pay));
}

function insertTimesheet(db: Database, pa: Pa, periodStart: string, periodEnd: string, p: Priced, st: Stamp): number {
  const info = db
    .prepare(
      `INSERT INTO timesheets(client_id, pa_id, period_start, period_end, status, total_hours, gross_pay, nmw_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(pa.clientId, pa.id, periodStart, periodEnd, statusFor(p, false), p.totalHours, p.grossPay, JSON.stringify(p.minimumWage), st.at, st.at);
  const id = Number(info.lastInsertRowid);
  writeLines(db, id, p.lines);
  return id;
}

// ---------- Writes ----------

export function createTimesheet(db: Database, input: z.output<typeof TimesheetCreate>, st: Stamp): Timesheet {
  const pa = getPa(db, input.paId);
  const priced = priceLines(pa, input.periodStart, input.periodEnd, input.lines);
  checkNoOverlap(db, pa, input.periodStart, input.periodEnd, null, 'periodStart');
  const after = getTimesheet(db, insertTimesheet(db, pa, input.periodStart, input.periodEnd, priced, st));
  audit(db, { ...st, action: 'create', entity: 'timesheet', entityId: after.id, after });
  return after;
}

function requireNotApproved(t: Timesheet): void {
  if (t.status === 'approved') {
    throw new StewardError('IMMUTABLE', `Timesheet ${t.id} is approved and cannot be changed. Reopen it with a reason first (timesheet.reopen).`, { where: 'id' });
  }
}

/**
 * Change a draft (or blocked) timesheet's lines or period. Changed lines are repriced and checked
 * again; a minimum-wage note is for the figures it was given, so new lines drop it.
 */
export function updateTimesheet(db: Database, input: z.output<typeof TimesheetUpdate>, st: Stamp): Timesheet {
  const before = getTimesheet(db, input.id);
  requireNotApproved(before);
  const pa = getPa(db, before.paId);
  const periodStart = input.periodStart ?? before.periodStart;
  const periodEnd = input.periodEnd ?? before.periodEnd;
  const lines = input.lines ?? before.lines.map((l) => ({ date: l.date, rateType: l.rateType, hours: l.hours }));
  const priced = priceLines(pa, periodStart, periodEnd, lines);
  checkNoOverlap(db, pa, periodStart, periodEnd, before.id, 'periodStart');
  const keepNote = input.lines === undefined && before.minimumWageNote !== null && priced.minimumWage.shortfall <= before.minimumWage.shortfall;
  db.prepare(
    `UPDATE timesheets SET period_start = ?, period_end = ?, status = ?, total_hours = ?, gross_pay = ?, nmw_json = ?, nmw_note_json = ?, updated_at = ? WHERE id = ?`,
  ).run(
    periodStart,
    periodEnd,
    statusFor(priced, keepNote),
    priced.totalHours,
    priced.grossPay,
    JSON.stringify(priced.minimumWage),
    keepNote ? JSON.stringify(before.minimumWageNote) : null,
    st.at,
    before.id,
  );
  writeLines(db, before.id, priced.lines);
  const after = getTimesheet(db, before.id);
  audit(db, { ...st, action: 'update', entity: 'timesheet', entityId: after.id, before, after });
  return after;
}

/** Record an authorised note accepting a minimum-wage shortfall; the timesheet becomes draft again. */
export function noteMinimumWage(db: Database, id: number, by: string, reason: string, st: Stamp): Timesheet {
  const before = getTimesheet(db, id);
  requireNotApproved(before);
  if (before.status !== 'blocked') {
    throw new StewardError('CONFLICT', `Timesheet ${id} is not blocked by the minimum wage check: there is nothing to note.`, { where: 'id' });
  }
  const note = { by, reason, at: st.at };
  db.prepare(`UPDATE timesheets SET status = 'draft', nmw_note_json = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(note), st.at, id);
  const after = getTimesheet(db, id);
  audit(db, { ...st, action: 'note-minimum-wage', entity: 'timesheet', entityId: id, before, after });
  return after;
}

/**
 * Approve a timesheet. The employer approves; for an Independent User Trust, two different
 * trustees named on the client's record must (AUTHORISATION_REQUIRED otherwise).
 */
export function approveTimesheet(db: Database, input: z.output<typeof TimesheetApprove>, st: Stamp): Timesheet {
  const before = getTimesheet(db, input.id);
  if (before.status === 'approved') throw new StewardError('CONFLICT', `Timesheet ${before.id} is already approved.`, { where: 'id' });
  if (before.status === 'blocked') {
    const m = before.minimumWage;
    throw new StewardError(
      'CONFLICT',
      `Timesheet ${before.id} is blocked: pay of ${m.payCounted}p is ${m.shortfall}p short of the minimum wage (${m.required}p for ${m.minutesWorked} minutes at ${m.hourlyRate}p an hour). Fix the lines, or record an authorised note (timesheet.noteMinimumWage), before approving.`,
      { where: 'id', details: { minimumWage: m } },
    );
  }
  const c = getClient(db, before.clientId);
  const approvals = input.approvals.map((a) => ({ by: a.by, method: a.method, at: a.at ?? st.at.slice(0, 10) }));
  if (c.arrangement === 'user-trust') {
    const trustees = new Set(c.trustees.map((t) => t.name.trim().toLowerCase()));
    const approvers = new Set<string>();
    for (const a of approvals) {
      const key = a.by.trim().toLowerCase();
      if (!trustees.has(key)) {
        throw new StewardError('AUTHORISATION_REQUIRED', `${a.by} is not a trustee of ${c.name}'s trust. Trustees: ${c.trustees.map((t) => t.name).join(', ')}.`, { where: 'approvals' });
      }
      approvers.add(key);
    }
    if (approvers.size < 2) {
      throw new StewardError('AUTHORISATION_REQUIRED', `Timesheets for ${c.name}'s trust need two different trustees to approve. Record the second trustee's approval.`, { where: 'approvals' });
    }
  }
  db.prepare(`UPDATE timesheets SET status = 'approved', approvals_json = ?, approved_at = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(approvals), st.at, st.at, before.id);
  const after = getTimesheet(db, before.id);
  audit(db, { ...st, action: 'approve', entity: 'timesheet', entityId: after.id, before, after });
  return after;
}

/** Reopen an approved timesheet for editing, with a reason. Its approvals are cleared. */
export function reopenTimesheet(db: Database, id: number, by: string, reason: string, st: Stamp): Timesheet {
  const before = getTimesheet(db, id);
  if (before.status !== 'approved') throw new StewardError('CONFLICT', `Timesheet ${id} is not approved: it can be changed with timesheet.update as it is.`, { where: 'id' });
  const status = before.minimumWage.ok || before.minimumWageNote !== null ? 'draft' : 'blocked';
  db.prepare(`UPDATE timesheets SET status = ?, approvals_json = '[]', approved_at = NULL, reopened_json = ?, updated_at = ? WHERE id = ?`).run(
    status,
    JSON.stringify({ by, reason, at: st.at }),
    st.at,
    id,
  );
  const after = getTimesheet(db, id);
  audit(db, { ...st, action: 'reopen', entity: 'timesheet', entityId: id, before, after });
  return after;
}

// ---------- CSV import ----------

const RATE_TYPE_SET: ReadonlySet<string> = new Set(RATE_TYPES);
const HOURS_RE = /^\d{1,2}(\.\d{1,2})?$/;

/** "7.5" → 750 hundredths, from the text (no floating point). Null when not a plain decimal. */
export function parseHours(text: string): number | null {
  if (!HOURS_RE.test(text)) return null;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

interface CsvRow {
  lineNo: number;
  pa: Pa;
  line: LineIn;
}

/**
 * Import one draft timesheet per PA for the period. Every row is checked first (a bad row is
 * VALIDATION with `where: "line N"`, N counting the header as line 1) and nothing is written
 * unless all are good.
 */
export function importTimesheetsCsv(db: Database, input: z.output<typeof TimesheetImportCsv>, st: Stamp): Timesheet[] {
  const pas = listPas(db, input.clientId);
  const text = input.csv.replace(/^\uFEFF/, '');
  const raw = text.split(/\r\n|\n|\r/);
  const header = cells(raw[0] ?? '').map((h) => h.toLowerCase());
  const key = header[0];
  if ((key !== 'pa_ni_number' && key !== 'pa_id') || header.length !== 4 || header[1] !== 'date' || header[2] !== 'rate_type' || header[3] !== 'hours') {
    throw invalid('The first line must be the header "pa_ni_number,date,rate_type,hours" (or "pa_id,date,rate_type,hours").', 'line 1');
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < raw.length; i++) {
    const lineNo = i + 1;
    const where = `line ${lineNo}`;
    if (raw[i]!.trim() === '') continue;
    const c = cells(raw[i]!);
    if (c.length !== 4) throw invalid(`Line ${lineNo} has ${c.length} values; each row has 4 (${header.join(',')}).`, where);
    const [who, date, rateType, hoursText] = c as [string, string, string, string];
    let pa: Pa | undefined;
    if (key === 'pa_id') {
      pa = /^\d+$/.test(who) ? pas.find((p) => p.id === Number(who)) : undefined;
      if (!pa) throw invalid(`Line ${lineNo}: "${who}" is not the id of one of this employer's PAs.`, where);
    } else {
      const ni = normaliseNiNumber(who);
      const matches = pas.filter((p) => p.niNumber === ni);
      pa = matches.find((p) => p.startDate <= date && (p.leavingDate === null || p.leavingDate >= date)) ?? matches.find((p) => p.leavingDate === null) ?? matches[0];
      if (!pa) throw invalid(`Line ${lineNo}: no PA of this employer has NI number ${who}.`, where);
    }
    if (!isIsoDate(date)) {
      throw invalid(`Line ${lineNo}: write the date as YYYY-MM-DD (got "${date}").`, where);
    }
    if (!RATE_TYPE_SET.has(rateType)) throw invalid(`Line ${lineNo}: the rate type is standard, weekend, night, sleep-in or bank-holiday (got "${rateType}").`, where);
    const hours = parseHours(hoursText);
    if (hours === null) throw invalid(`Line ${lineNo}: hours are a number like 7.5 or 7.25 (got "${hoursText}").`, where);
    rows.push({ lineNo, pa, line: { date, rateType: rateType as RateType, hours } });
  }
  if (rows.length === 0) throw invalid('The CSV has a header but no rows.', 'csv');
  // Group by PA, in order of first appearance, and check every group before writing anything.
  const groups = new Map<number, CsvRow[]>();
  for (const r of rows) groups.set(r.pa.id, [...(groups.get(r.pa.id) ?? []), r]);
  const plans: Array<{ pa: Pa; priced: Priced }> = [];
  for (const group of groups.values()) {
    const pa = group[0]!.pa;
    const firstLine = `line ${group[0]!.lineNo}`;
    let priced: Priced;
    try {
      priced = priceLines(
        pa,
        input.periodStart,
        input.periodEnd,
        group.map((g) => g.line),
        (i) => `line ${group[i]!.lineNo}`,
      );
    } catch (e) {
      if (e instanceof StewardError && (e.where === 'periodStart' || e.where === 'periodEnd') && e.code === 'VALIDATION') {
        throw invalid(`Line ${group[0]!.lineNo}: ${e.message}`, firstLine);
      }
      throw e;
    }
    checkNoOverlap(db, pa, input.periodStart, input.periodEnd, null, firstLine);
    plans.push({ pa, priced });
  }
  const created: Timesheet[] = [];
  for (const { pa, priced } of plans) {
    const t = getTimesheet(db, insertTimesheet(db, pa, input.periodStart, input.periodEnd, priced, st));
    audit(db, { ...st, action: 'import', entity: 'timesheet', entityId: t.id, after: t });
    created.push(t);
  }
  return created;
}
