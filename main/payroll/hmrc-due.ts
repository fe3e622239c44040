/**
 * What each employer owes HMRC for each tax month, from its POSTED pay runs (reversed runs do not
 * count), and how much of it has been paid.
 *
 * - Tax month: from each run's pay date (tax month 1 is 6 April to 5 May). HMRC wants the month's
 *   PAYE tax, employee and employer Class 1 NI and student/postgraduate loan deductions by the 22nd
 *   after the tax month ends, when paying electronically (gov.uk "Pay employers' PAYE").
 * - Employment Allowance: for an employer who claims it (employer.employmentAllowance), each run
 *   takes what is left of the year's allowance, up to its employer NI, when it is posted (stored on
 *   the run, and the journal's PAYE/NI liability is net of it: main/payroll/payruns.ts), so runs
 *   posted in pay-date order use it from the first month until it runs out. The amount per tax year
 *   is the tax-year table's employmentAllowance.amount (£10,500 for 2025-26 and 2026-27; sources in
 *   main/payroll/tax-years/). A month's figure is the sum of its runs' allowance.
 * - due = tax + employee NI + employer NI − Employment Allowance used + student loans.
 * - paid: everything paid to liability:paye-ni (payroll.payLiability; reversals of such payments
 *   taken off), allocated to the employer's months oldest first across all tax years; any excess
 *   stays on the newest month.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../shared/errors';
import type { Employer } from '../../shared/contract-payroll';
import type { HmrcMonth } from '../../shared/contract-payroll-ops';
import { getClient } from '../clients/repo';
import { taxMonthFor } from './calendar';
import { listEmployers, findEmployer } from './people';
import { taxYearBounds, taxYearStartYear } from './periods';
import { TAX_YEARS } from './tax-years';

const pad = (n: number): string => String(n).padStart(2, '0');

/** First and last day of tax month m (1..12) of a tax year, and its payment due date. */
export function taxMonthDates(taxYear: string, m: number): { monthStart: string; monthEnd: string; dueDate: string } {
  const y = taxYearStartYear(taxYear);
  const calMonth = ((m + 2) % 12) + 1; // tax month 1 starts 6 April
  const year = m <= 9 ? y : y + 1;
  const monthStart = `${year}-${pad(calMonth)}-06`;
  const nextMonth = (calMonth % 12) + 1;
  const nextYear = calMonth === 12 ? year + 1 : year;
  const monthEnd = `${nextYear}-${pad(nextMonth)}-05`;
  return { monthStart, monthEnd, dueDate: `${nextYear}-${pad(nextMonth)}-22` };
}

/** The Employment Allowance for a tax year, in pence (0 for a year Steward holds no figures for). */
export function employmentAllowanceFor(taxYear: string): number {
  return TAX_YEARS.find((t) => t.id === taxYear)?.employmentAllowance.amount ?? 0;
}

interface MonthSums {
  taxYear: string;
  taxMonth: number;
  tax: number;
  employeeNi: number;
  employerNi: number;
  studentLoans: number;
  /** Employment Allowance the month's runs took when they were posted. */
  allowance: number;
}

/** Every month of one employer with posted runs, oldest first, with Employment Allowance and payments allocated. */
export function employerMonths(db: Database, e: Employer): HmrcMonth[] {
  const runs = db
    .prepare(
      `SELECT r.tax_year, r.pay_date, r.employment_allowance AS ea, COALESCE(SUM(l.tax), 0) AS tax, COALESCE(SUM(l.employee_ni), 0) AS ee, COALESCE(SUM(l.employer_ni), 0) AS er,
              COALESCE(SUM(l.student_loan + l.postgraduate_loan), 0) AS sl
         FROM pay_runs r LEFT JOIN pay_run_lines l ON l.pay_run_id = r.id
        WHERE r.client_id = ? AND r.status = 'posted' GROUP BY r.id`,
    )
    .all(e.clientId) as Array<{ tax_year: string; pay_date: string; ea: number; tax: number; ee: number; er: number; sl: number }>;
  const byMonth = new Map<string, MonthSums>();
  for (const r of runs) {
    const taxMonth = taxMonthFor(r.pay_date);
    const key = `${r.tax_year}/${pad(taxMonth)}`;
    let m = byMonth.get(key);
    if (!m) byMonth.set(key, (m = { taxYear: r.tax_year, taxMonth, tax: 0, employeeNi: 0, employerNi: 0, studentLoans: 0, allowance: 0 }));
    m.allowance += r.ea;
    m.tax += r.tax;
    m.employeeNi += r.ee;
    m.employerNi += r.er;
    m.studentLoans += r.sl;
  }
  const months = [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);

  const out: HmrcMonth[] = months.map((m) => {
    const ea = m.allowance;
    return {
      clientId: e.clientId,
      clientName: e.clientName,
      taxYear: m.taxYear,
      taxMonth: m.taxMonth,
      ...taxMonthDates(m.taxYear, m.taxMonth),
      tax: m.tax,
      employeeNi: m.employeeNi,
      employerNi: m.employerNi,
      studentLoans: m.studentLoans,
      employmentAllowanceUsed: ea,
      due: m.tax + m.employeeNi + m.employerNi - ea + m.studentLoans,
      paid: 0,
    };
  });

  let paid = paidToPayeNi(db, e.clientId);
  for (const m of out) {
    const part = Math.max(0, Math.min(m.due, paid));
    m.paid = part;
    paid -= part;
  }
  const last = out[out.length - 1];
  if (last && paid > 0) last.paid += paid;
  return out;
}

/** Payments to liability:paye-ni, less reversals of those payments (pay-run postings and their reversals are not payments). */
export function paidToPayeNi(db: Database, clientId: number): number {
  const r = db
    .prepare(
      `SELECT COALESCE(SUM(l.amount), 0) AS t FROM journal_lines l
         JOIN journal_entries e ON e.id = l.entry_id
         JOIN accounts a ON a.id = l.account_id
        WHERE a.client_id = ? AND a.code = 'liability:paye-ni'
          AND (e.kind = 'payment' OR (e.kind = 'reversal' AND (SELECT o.kind FROM journal_entries o WHERE o.id = e.reverses_id) = 'payment'))`,
    )
    .get(clientId) as { t: number };
  return r.t;
}

/** payroll.hmrcDue: months of one tax year with posted runs, per employer (by name, then month). */
export function hmrcDue(db: Database, taxYear: string, clientId?: number): HmrcMonth[] {
  taxYearBounds(taxYear);
  let employers: Employer[];
  if (clientId !== undefined) {
    const e = findEmployer(db, clientId);
    if (!e) throw new StewardError('VALIDATION', `${getClient(db, clientId).name} is not set up as an employer (employer.set).`, { where: 'clientId' });
    employers = [e];
  } else {
    employers = listEmployers(db);
  }
  return employers.flatMap((e) => employerMonths(db, e).filter((m) => m.taxYear === taxYear));
}
