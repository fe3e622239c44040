/**
 * Employers and their personal assistants (PAs): rows in, plain objects out. Every write runs
 * inside the caller's transaction, checks everything before it writes, and writes its audit row
 * with before and after. (The engine beside this file stays pure; this is its only database
 * code, and it uses the engine only to check tax codes and NI category letters.)
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { cached } from '../store/statements';
import type { z } from 'zod';
import { StewardError } from '../../shared/errors';
import type { Employer, EmployerSet, Pa, PaCreate, PaPatch, PayDay } from '../../shared/contract-payroll';
import { PENSION_EMPLOYER_RATE_DEFAULT, PENSION_TOTAL_RATE_DEFAULT, WEEKDAYS } from '../../shared/contract-payroll';
import { audit } from '../api/audit';
import { getClient } from '../clients/repo';
import type { Stamp } from '../ledger/journal';
import { isNiCategory } from './ni';
import { parseTaxCode, type TaxCode } from './tax-code';

function invalid(message: string, where: string): StewardError {
  return new StewardError('VALIDATION', message, { where });
}

// ---------- Employers ----------

interface EmployerRow {
  client_id: number;
  client_name: string;
  paye_ref: string | null;
  accounts_office_ref: string | null;
  employment_allowance: number;
  pension_scheme_name: string;
  pension_provider: string;
  pension_basis: Employer['pensionBasis'];
  pension_employer_rate: number;
  pension_total_rate: number;
  pay_frequency: Employer['payFrequency'];
  pay_day: string;
  el_insurer: string;
  el_renewal_date: string | null;
  created_at: string;
  updated_at: string;
}

function payDayOf(text: string): PayDay {
  return /^\d+$/.test(text) ? Number(text) : (text as PayDay);
}

function employerOf(r: EmployerRow): Employer {
  return {
    clientId: r.client_id,
    clientName: r.client_name,
    payeReference: r.paye_ref,
    accountsOfficeReference: r.accounts_office_ref,
    employmentAllowance: r.employment_allowance === 1,
    pensionSchemeName: r.pension_scheme_name,
    pensionProvider: r.pension_provider,
    pensionBasis: r.pension_basis,
    pensionEmployerRate: r.pension_employer_rate,
    pensionTotalRate: r.pension_total_rate,
    payFrequency: r.pay_frequency,
    payDay: payDayOf(r.pay_day),
    employersLiabilityInsurer: r.el_insurer,
    employersLiabilityRenewalDate: r.el_renewal_date,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const EMPLOYER_SELECT = 'SELECT e.*, c.name AS client_name FROM employers e JOIN clients c ON c.id = e.client_id';

/** The client's employer record, or null when the client is not set up as an employer. NOT_FOUND for an unknown client. */
export function findEmployer(db: Database, clientId: number): Employer | null {
  getClient(db, clientId);
  const r = cached(db, `${EMPLOYER_SELECT} WHERE e.client_id = ?`).get(clientId) as EmployerRow | undefined;
  return r ? employerOf(r) : null;
}

export function listEmployers(db: Database): Employer[] {
  return (cached(db, `${EMPLOYER_SELECT} ORDER BY c.name COLLATE NOCASE, c.id`).all() as EmployerRow[]).map(employerOf);
}

/** The employer a PA needs: VALIDATION when the client exists but is not an employer yet. */
function requireEmployer(db: Database, clientId: number): Employer {
  const e = findEmployer(db, clientId);
  if (!e) {
    throw invalid(`Set the client up as an employer first: ${getClient(db, clientId).name} has no employer record (employer.set, or "steward employer set").`, 'clientId');
  }
  return e;
}

const WEEKDAY_SET: ReadonlySet<string> = new Set(WEEKDAYS);

function checkPayDay(frequency: Employer['payFrequency'], payDay: PayDay): void {
  const isWeekday = typeof payDay === 'string' && WEEKDAY_SET.has(payDay);
  if (frequency === 'monthly' && isWeekday) {
    throw invalid('A monthly payroll pays on a day of the month (1–28) or "last-working-day", not a weekday.', 'payDay');
  }
  if (frequency !== 'monthly' && !isWeekday) {
    throw invalid(`A ${frequency} payroll pays on a weekday, e.g. "friday"; a day of the month is only for monthly pay.`, 'payDay');
  }
}

/** Create the client's employer record, or change the fields given. Audited with before and after. */
export function setEmployer(db: Database, input: z.output<typeof EmployerSet>, st: Stamp): Employer {
  const before = findEmployer(db, input.clientId);
  const payFrequency = input.payFrequency ?? before?.payFrequency;
  if (payFrequency === undefined) throw invalid('Say how often PAs are paid (payFrequency: weekly, fortnightly, four-weekly or monthly).', 'payFrequency');
  // Changing the frequency alone keeps a pay day only if it still fits.
  const payDay = input.payDay ?? before?.payDay;
  if (payDay === undefined) throw invalid('Say when pay day is (payDay: a weekday such as "friday", or for monthly pay a day 1–28 or "last-working-day").', 'payDay');
  checkPayDay(payFrequency, payDay);
  const pick = <K extends keyof Employer>(k: K, dflt: Employer[K]): Employer[K] => {
    const v = (input as Partial<Employer>)[k];
    return v !== undefined ? v : before ? before[k] : dflt;
  };
  const next = {
    payeReference: pick('payeReference', null),
    accountsOfficeReference: pick('accountsOfficeReference', null),
    employmentAllowance: pick('employmentAllowance', false),
    pensionSchemeName: pick('pensionSchemeName', ''),
    pensionProvider: pick('pensionProvider', ''),
    pensionBasis: pick('pensionBasis', null),
    pensionEmployerRate: pick('pensionEmployerRate', PENSION_EMPLOYER_RATE_DEFAULT),
    pensionTotalRate: pick('pensionTotalRate', PENSION_TOTAL_RATE_DEFAULT),
    employersLiabilityInsurer: pick('employersLiabilityInsurer', ''),
    employersLiabilityRenewalDate: pick('employersLiabilityRenewalDate', null),
  };
  if (next.pensionSchemeName !== '' && next.pensionBasis === null) {
    throw invalid('Say whether the pension scheme works on relief at source or net pay (pensionBasis: "relief-at-source" or "net-pay"); the scheme or provider can tell you.', 'pensionBasis');
  }
  for (const [field, rate] of [
    ['pensionEmployerRate', next.pensionEmployerRate],
    ['pensionTotalRate', next.pensionTotalRate],
  ] as const) {
    if (!Number.isInteger(rate) || rate < 0 || rate > 10000) throw invalid(`${field} is whole basis points from 0 to 10000 (300 = 3%).`, field);
  }
  if (next.pensionEmployerRate > next.pensionTotalRate) {
    const which = input.pensionTotalRate !== undefined && input.pensionEmployerRate === undefined ? 'pensionTotalRate' : 'pensionEmployerRate';
    throw invalid(
      `The employer's pension rate (${next.pensionEmployerRate} basis points) is above the total rate (${next.pensionTotalRate}): the total includes the employer's share. Raise pensionTotalRate or lower pensionEmployerRate.`,
      which,
    );
  }
  const args = [
    next.payeReference,
    next.accountsOfficeReference,
    next.employmentAllowance ? 1 : 0,
    next.pensionSchemeName,
    next.pensionProvider,
    next.pensionBasis,
    next.pensionEmployerRate,
    next.pensionTotalRate,
    payFrequency,
    String(payDay),
    next.employersLiabilityInsurer,
    next.employersLiabilityRenewalDate,
  ];
  if (before) {
    cached(db, 
      `UPDATE employers SET paye_ref = ?, accounts_office_ref = ?, employment_allowance = ?, pension_scheme_name = ?, pension_provider = ?, pension_basis = ?,
         pension_employer_rate = ?, pension_total_rate = ?, pay_frequency = ?, pay_day = ?, el_insurer = ?, el_renewal_date = ?, updated_at = ? WHERE client_id = ?`,
    ).run(...args, st.at, input.clientId);
  } else {
    cached(db, 
      `INSERT INTO employers(paye_ref, accounts_office_ref, employment_allowance, pension_scheme_name, pension_provider, pension_basis,
         pension_employer_rate, pension_total_rate, pay_frequency, pay_day, el_insurer, el_renewal_date, created_at, updated_at, client_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...args, st.at, st.at, input.clientId);
  }
  const after = findEmployer(db, input.clientId)!;
  audit(db, { ...st, action: before ? 'update' : 'create', entity: 'employer', entityId: input.clientId, ...(before ? { before } : {}), after });
  return after;
}

// ---------- PAs ----------

interface PaRow {
  id: number;
  client_id: number;
  employer_name: string;
  name: string;
  ni_number: string | null;
  date_of_birth: string;
  address: string;
  start_date: string;
  leaving_date: string | null;
  tax_code: string;
  tax_basis: Pa['taxBasis'];
  ni_category: string;
  student_loans_json: string;
  postgraduate_loan: number;
  pension_status: Pa['pensionStatus'];
  enrolment_date: string | null;
  re_enrolment_date: string | null;
  standard_rate: number;
  weekend_rate: number | null;
  night_rate: number | null;
  sleep_in_rate: number | null;
  bank_holiday_rate: number | null;
  contracted_hours: number;
  holiday_scheme: Pa['holidayScheme'];
  dbs_check_date: string | null;
  right_to_work_date: string | null;
  created_at: string;
  updated_at: string;
}

function paOf(r: PaRow): Pa {
  return {
    id: r.id,
    clientId: r.client_id,
    employerName: r.employer_name,
    name: r.name,
    niNumber: r.ni_number,
    dateOfBirth: r.date_of_birth,
    address: r.address,
    startDate: r.start_date,
    leavingDate: r.leaving_date,
    taxCode: r.tax_code,
    taxBasis: r.tax_basis,
    niCategory: r.ni_category,
    studentLoanPlans: JSON.parse(r.student_loans_json) as Pa['studentLoanPlans'],
    postgraduateLoan: r.postgraduate_loan === 1,
    pensionStatus: r.pension_status,
    enrolmentDate: r.enrolment_date,
    reEnrolmentDate: r.re_enrolment_date,
    standardRate: r.standard_rate,
    weekendRate: r.weekend_rate,
    nightRate: r.night_rate,
    sleepInRate: r.sleep_in_rate,
    bankHolidayRate: r.bank_holiday_rate,
    contractedHours: r.contracted_hours,
    holidayScheme: r.holiday_scheme,
    dbsCheckDate: r.dbs_check_date,
    rightToWorkCheckedDate: r.right_to_work_date,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const PA_SELECT = 'SELECT p.*, c.name AS employer_name FROM pas p JOIN clients c ON c.id = p.client_id';

export function getPa(db: Database, id: number): Pa {
  const r = cached(db, `${PA_SELECT} WHERE p.id = ?`).get(id) as PaRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no PA ${id}. Run "steward pa list --client <id>" to see PA ids.`, { where: 'id' });
  return paOf(r);
}

/** A client's PAs, current and past, by name. NOT_FOUND for an unknown client; [] for a client who employs nobody. */
export function listPas(db: Database, clientId: number): Pa[] {
  getClient(db, clientId);
  return (cached(db, `${PA_SELECT} WHERE p.client_id = ? ORDER BY p.name COLLATE NOCASE, p.id`).all(clientId) as PaRow[]).map(paOf);
}

/** Everything a PA row holds, as checked and normalised for storage. */
type PaFields = Omit<Pa, 'id' | 'clientId' | 'employerName' | 'createdAt' | 'updatedAt'>;

/** The tax code without its week 1/month 1 marker: "1257L M1" → "1257L". */
function codeWithoutMarker(c: TaxCode): string {
  const prefix = c.region === 'scotland' ? 'S' : c.region === 'wales' ? 'C' : '';
  switch (c.kind) {
    case 'allowance':
      return `${prefix}${c.allowance}${c.suffix}`;
    case 'k':
      return `${prefix}K${c.addition}`;
    case 'flat':
      return c.code;
    case 'nt':
      return 'NT';
  }
}

/**
 * Check a tax code with the engine and settle the basis: a W1, M1 or X marker means week 1/month
 * 1; otherwise the basis given, or cumulative. The stored code carries no marker.
 */
function settleTaxCode(text: string, basis: Pa['taxBasis'] | undefined, at: (f: string) => string): { taxCode: string; taxBasis: Pa['taxBasis'] } {
  let parsed: TaxCode;
  try {
    parsed = parseTaxCode(text);
  } catch (e) {
    throw invalid(e instanceof Error ? e.message : String(e), at('taxCode'));
  }
  if (parsed.week1Month1 && basis === 'cumulative') {
    throw invalid(`The tax code "${parsed.raw}" is marked week 1/month 1: set taxBasis to "week1month1", or give the code without W1, M1 or X.`, at('taxBasis'));
  }
  return { taxCode: codeWithoutMarker(parsed), taxBasis: parsed.week1Month1 ? 'week1month1' : (basis ?? 'cumulative') };
}

/** Rules across fields and rows. Throws VALIDATION or CONFLICT naming the field (`at` adds "patch." for updates). */
function checkPa(db: Database, clientId: number, p: PaFields, selfId: number | null, at: (f: string) => string): void {
  if (!isNiCategory(p.niCategory)) {
    throw invalid(`"${p.niCategory}" is not an NI category letter. Use A for most PAs; the letters are A, B, C, D, E, F, H, I, J, K, L, M, N, S, V, Z.`, at('niCategory'));
  }
  if (p.dateOfBirth >= p.startDate) throw invalid('The date of birth is on or after the start date.', at('dateOfBirth'));
  if (p.leavingDate !== null && p.leavingDate < p.startDate) {
    throw invalid(`The leaving date ${p.leavingDate} is before the start date ${p.startDate}.`, at('leavingDate'));
  }
  if (p.enrolmentDate !== null && p.enrolmentDate < p.startDate) {
    throw invalid(`The pension enrolment date ${p.enrolmentDate} is before the start date ${p.startDate}.`, at('enrolmentDate'));
  }
  if (p.reEnrolmentDate !== null && p.enrolmentDate !== null && p.reEnrolmentDate <= p.enrolmentDate) {
    throw invalid(`The re-enrolment date ${p.reEnrolmentDate} is not after the enrolment date ${p.enrolmentDate}.`, at('reEnrolmentDate'));
  }
  if (p.niNumber !== null) {
    const dup = cached(db, 'SELECT id, name FROM pas WHERE client_id = ? AND ni_number = ? AND leaving_date IS NULL AND id IS NOT ? LIMIT 1')
      .get(clientId, p.niNumber, selfId) as { id: number; name: string } | undefined;
    if (dup && p.leavingDate === null) {
      throw new StewardError('CONFLICT', `${dup.name} (PA ${dup.id}) already works for this employer with NI number ${p.niNumber}.`, { where: at('niNumber') });
    }
  }
}

function paArgs(p: PaFields): unknown[] {
  return [
    p.name,
    p.niNumber,
    p.dateOfBirth,
    p.address,
    p.startDate,
    p.leavingDate,
    p.taxCode,
    p.taxBasis,
    p.niCategory,
    JSON.stringify(p.studentLoanPlans),
    p.postgraduateLoan ? 1 : 0,
    p.pensionStatus,
    p.enrolmentDate,
    p.reEnrolmentDate,
    p.standardRate,
    p.weekendRate,
    p.nightRate,
    p.sleepInRate,
    p.bankHolidayRate,
    p.contractedHours,
    p.holidayScheme,
    p.dbsCheckDate,
    p.rightToWorkCheckedDate,
  ];
}

const PA_COLUMNS = [
  'name',
  'ni_number',
  'date_of_birth',
  'address',
  'start_date',
  'leaving_date',
  'tax_code',
  'tax_basis',
  'ni_category',
  'student_loans_json',
  'postgraduate_loan',
  'pension_status',
  'enrolment_date',
  're_enrolment_date',
  'standard_rate',
  'weekend_rate',
  'night_rate',
  'sleep_in_rate',
  'bank_holiday_rate',
  'contracted_hours',
  'holiday_scheme',
  'dbs_check_date',
  'right_to_work_date',
] as const;

export function createPa(db: Database, input: z.output<typeof PaCreate>, st: Stamp): Pa {
  requireEmployer(db, input.clientId);
  const { clientId, taxCode, taxBasis, ...rest } = input;
  const fields: PaFields = { ...rest, ...settleTaxCode(taxCode, taxBasis, (f) => f) };
  checkPa(db, clientId, fields, null, (f) => f);
  const info = cached(db, `INSERT INTO pas(client_id, ${PA_COLUMNS.join(', ')}, created_at, updated_at) VALUES (${Array(PA_COLUMNS.length + 3).fill('?').join(', ')})`)
    .run(clientId, ...paArgs(fields), st.at, st.at);
  const pa = getPa(db, Number(info.lastInsertRowid));
  audit(db, { ...st, action: 'create', entity: 'pa', entityId: pa.id, after: pa });
  return pa;
}

function storedFields(pa: Pa): PaFields {
  const { id: _id, clientId: _c, employerName: _e, createdAt: _ca, updatedAt: _ua, ...fields } = pa;
  return fields;
}

function writePa(db: Database, id: number, fields: PaFields, st: Stamp): void {
  cached(db, `UPDATE pas SET ${PA_COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...paArgs(fields), st.at, id);
}

export function updatePa(db: Database, id: number, patch: z.output<typeof PaPatch>, st: Stamp): Pa {
  const before = getPa(db, id);
  const at = (f: string): string => `patch.${f}`;
  const { taxCode, taxBasis, ...rest } = patch;
  const merged: PaFields = { ...storedFields(before), ...rest };
  if (taxCode !== undefined) Object.assign(merged, settleTaxCode(taxCode, taxBasis, at));
  else if (taxBasis !== undefined) merged.taxBasis = taxBasis;
  checkPa(db, before.clientId, merged, id, at);
  writePa(db, id, merged, st);
  const after = getPa(db, id);
  audit(db, { ...st, action: 'update', entity: 'pa', entityId: id, before, after });
  return after;
}

/** Record that a PA has left (their last day of employment). CONFLICT if they have already left. */
export function leavePa(db: Database, id: number, leavingDate: string, st: Stamp): Pa {
  const before = getPa(db, id);
  if (before.leavingDate !== null) {
    throw new StewardError('CONFLICT', `${before.name} already left on ${before.leavingDate}. To correct the date, use pa.update with patch.leavingDate.`, { where: 'id' });
  }
  if (leavingDate < before.startDate) throw invalid(`The leaving date ${leavingDate} is before ${before.name}'s start date ${before.startDate}.`, 'leavingDate');
  writePa(db, id, { ...storedFields(before), leavingDate }, st);
  const after = getPa(db, id);
  audit(db, { ...st, action: 'leave', entity: 'pa', entityId: id, before, after });
  return after;
}
