/**
 * Payroll reminders as at a day, for every open employer: what to do and by when.
 *
 * - hmrc-payment: a tax month's PAYE/NI not fully paid whose due date (the 22nd) is within 14 days
 *   or past (hmrc-due.ts).
 * - fps: a pay run not yet posted whose pay date is within 7 days (or past): post it and file the
 *   FPS on or before pay day; a posted run whose pay date is today or within 7 days: file its FPS
 *   by pay day (Steward does not yet record FPS submissions, so this shows until pay day passes).
 * - re-enrolment: a PA's pension re-enrolment date within 60 days or past.
 * - dbs: a PA's DBS check missing, or older than the client's funder's dbsMaxAgeYears (default 3;
 *   with several funders the strictest applies).
 * - el-insurance: the employer's liability insurance renewal within 30 days, past, or not recorded.
 * - missing-timesheet: a PA employed in the employer's current period (the one containing asOf)
 *   without an approved timesheet in it (the payrun.due logic).
 * Leavers (leaving date before asOf) get no PA reminders. Sorted by due date (undated first: they
 * are things never recorded), then kind, then client name.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { addDays, addMonths } from '../../shared/dates';
import { DEFAULT_FUNDER_RULES } from '../../shared/domain';
import { formatPence } from '../../shared/money';
import type { Reminder } from '../../shared/contract-payroll-ops';
import type { Employer } from '../../shared/contract-payroll';
import { getClient, getFunder } from '../clients/repo';
import { employerMonths } from './hmrc-due';
import { listEmployers, listPas } from './people';
import { payDateIn, periodContaining, periodRange } from './periods';
import { dueRows } from './run-all';

const LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
/** 2026-05-22 → "22 May 2026". */
export const longDate = (d: string): string => LONG.format(new Date(`${d}T00:00:00Z`));

/** The DBS age limit for a client: the strictest of its funders' dbsMaxAgeYears. */
function dbsYearsFor(db: Database, clientId: number): number {
  const c = getClient(db, clientId);
  const years = c.funderIds.map((f) => getFunder(db, f).rules.dbsMaxAgeYears);
  return years.length ? Math.min(...years) : DEFAULT_FUNDER_RULES.dbsMaxAgeYears;
}

function employerReminders(db: Database, e: Employer, asOf: string, dueCache: Map<string, ReturnType<typeof dueRows>>): Reminder[] {
  const out: Reminder[] = [];
  const base = { clientId: e.clientId, clientName: e.clientName };

  // HMRC payments.
  for (const m of employerMonths(db, e)) {
    const owed = m.due - m.paid;
    if (owed > 0 && m.dueDate <= addDays(asOf, 14)) {
      const late = m.dueDate < asOf;
      out.push({
        kind: 'hmrc-payment',
        ...base,
        paId: null,
        paName: null,
        dueDate: m.dueDate,
        amount: owed,
        message: `${late ? 'Overdue: pay' : 'Pay'} HMRC ${formatPence(owed)} PAYE and NI for tax month ${m.taxMonth} of ${m.taxYear} (${longDate(m.monthStart)} to ${longDate(m.monthEnd)}) by ${longDate(m.dueDate)}${e.accountsOfficeReference ? `, quoting Accounts Office reference ${e.accountsOfficeReference}` : ''}. Record it with payroll.payLiability (paye-ni).`,
      });
    }
  }

  // FPS.
  const runs = db
    .prepare(`SELECT id, status, pay_date FROM pay_runs WHERE client_id = ? AND status IN ('draft','approved','posted') AND pay_date <= ? ORDER BY pay_date, id`)
    .all(e.clientId, addDays(asOf, 7)) as Array<{ id: number; status: string; pay_date: string }>;
  for (const r of runs) {
    if (r.status === 'posted') {
      if (r.pay_date < asOf) continue;
      out.push({ kind: 'fps', ...base, paId: null, paName: null, dueDate: r.pay_date, amount: null, message: `File the FPS for run ${r.id} by ${longDate(r.pay_date)} (on or before pay day).` });
    } else {
      const todo = r.status === 'draft' ? 'Approve and post' : 'Post';
      out.push({
        kind: 'fps',
        ...base,
        paId: null,
        paName: null,
        dueDate: r.pay_date,
        amount: null,
        message: `${r.pay_date < asOf ? 'Late: pay day has passed. ' : ''}${todo} pay run ${r.id} (${r.status}), then file its FPS on or before pay day, ${longDate(r.pay_date)}.`,
      });
    }
  }

  // Employer's liability insurance.
  const el = e.employersLiabilityRenewalDate;
  if (el === null) {
    out.push({
      kind: 'el-insurance',
      ...base,
      paId: null,
      paName: null,
      dueDate: null,
      amount: null,
      message: `No employer's liability insurance renewal date is recorded. Employers of PAs must hold this insurance by law: record the insurer and renewal date in the employer's details.`,
    });
  } else if (el <= addDays(asOf, 30)) {
    out.push({
      kind: 'el-insurance',
      ...base,
      paId: null,
      paName: null,
      dueDate: el,
      amount: null,
      message: `${el < asOf ? 'Lapsed: the' : 'The'} employer's liability insurance${e.employersLiabilityInsurer ? ` with ${e.employersLiabilityInsurer}` : ''} ${el < asOf ? 'was due for renewal' : 'renews'} on ${longDate(el)}. Renew it and record the new renewal date in the employer's details.`,
    });
  }

  // PAs: re-enrolment and DBS.
  const dbsYears = dbsYearsFor(db, e.clientId);
  for (const pa of listPas(db, e.clientId)) {
    if (pa.leavingDate !== null && pa.leavingDate < asOf) continue;
    const who = { paId: pa.id, paName: pa.name };
    if (pa.reEnrolmentDate !== null && pa.reEnrolmentDate <= addDays(asOf, 60)) {
      out.push({
        kind: 're-enrolment',
        ...base,
        ...who,
        dueDate: pa.reEnrolmentDate,
        amount: null,
        message: `${pa.reEnrolmentDate < asOf ? 'Overdue: pension' : 'Pension'} re-enrolment for ${pa.name} is due on ${longDate(pa.reEnrolmentDate)}. Re-assess ${pa.name}, re-enrol if eligible, send the re-declaration of compliance to The Pensions Regulator, then record the next re-enrolment date.`,
      });
    }
    if (pa.dbsCheckDate === null) {
      out.push({ kind: 'dbs', ...base, ...who, dueDate: null, amount: null, message: `No DBS check is recorded for ${pa.name}. Arrange a check and record its date on the PA's record.` });
    } else {
      const due = addMonths(pa.dbsCheckDate, 12 * dbsYears);
      if (due <= asOf) {
        out.push({
          kind: 'dbs',
          ...base,
          ...who,
          dueDate: due,
          amount: null,
          message: `${pa.name}'s DBS check of ${longDate(pa.dbsCheckDate)} is more than ${dbsYears} year${dbsYears === 1 ? '' : 's'} old (the funder's limit). Arrange a new check and record its date.`,
        });
      }
    }
  }

  // Missing timesheets in the current period.
  const cur = periodContaining(e.payFrequency, asOf);
  const key = `${cur.taxYear}/${e.payFrequency}/${cur.period}`;
  let rows = dueCache.get(key);
  if (!rows) {
    rows = dueRows(db, cur.taxYear, e.payFrequency, cur.period);
    dueCache.set(key, rows);
  }
  const range = periodRange(e.payFrequency, cur.taxYear, cur.period);
  const payDate = payDateIn(e.payFrequency, e.payDay, range.periodStart, range.periodEnd);
  const row = rows.find((r) => r.clientId === e.clientId);
  if (row && payDate !== null && row.runStatus !== 'posted') {
    for (const m of row.missingTimesheets) {
      out.push({
        kind: 'missing-timesheet',
        ...base,
        paId: m.paId,
        paName: m.paName,
        dueDate: payDate,
        amount: null,
        message: `${m.paName} has no approved timesheet for ${longDate(range.periodStart)} to ${longDate(range.periodEnd)} (pay day ${longDate(payDate)}). Enter and approve it, or confirm no hours were worked.`,
      });
    }
  }
  return out;
}

const KIND_ORDER: Record<Reminder['kind'], number> = { 'hmrc-payment': 0, fps: 1, 'missing-timesheet': 2, 're-enrolment': 3, dbs: 4, 'el-insurance': 5 };

export function payrollReminders(db: Database, asOf: string): Reminder[] {
  const ended = new Set((db.prepare(`SELECT id FROM clients WHERE status = 'ended'`).all() as Array<{ id: number }>).map((r) => r.id));
  const cache = new Map<string, ReturnType<typeof dueRows>>();
  const out = listEmployers(db)
    .filter((e) => !ended.has(e.clientId))
    .flatMap((e) => employerReminders(db, e, asOf, cache));
  return out.sort((a, b) => {
    const da = a.dueDate ?? '';
    const dbb = b.dueDate ?? '';
    if (da !== dbb) return da < dbb ? -1 : 1;
    if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    if (a.clientName !== b.clientName) return a.clientName < b.clientName ? -1 : 1;
    return (a.paName ?? '') < (b.paName ?? '') ? -1 : (a.paName ?? '') > (b.paName ?? '') ? 1 : 0;
  });
}
