/**
 * The pension contribution schedule: what to send each pension provider. One row per PA per POSTED
 * run of the tax year that has pension contributions (employee or employer above zero), across all
 * employers in the ledger; optionally one tax month (by the run's pay date: month 1 is 6 April to
 * 5 May) and one provider (the employer's recorded provider, compared without regard to case).
 * CSV per RFC 4180 with CRLF and a header row; amounts in pounds with two decimals.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { penceToDecimal } from '../../../shared/money';
import { taxMonthFor } from '../calendar';
import { getPayRun } from '../payruns';
import { findEmployer, getPa } from '../people';
import { csvText, type CsvValue } from './csv';
import { qualifyingEarningsOf, taxYearDates } from './common';

export const PENSION_SCHEDULE_HEADER = [
  'provider',
  'scheme',
  'employer',
  'paye_reference',
  'pa_name',
  'ni_number',
  'date_of_birth',
  'period_start',
  'period_end',
  'pay_date',
  'pensionable_earnings',
  'employee_contribution',
  'employer_contribution',
  'total_contribution',
] as const;

export interface PensionScheduleQuery {
  taxYear: string;
  taxMonth?: number | undefined;
  provider?: string | undefined;
}

export interface PensionScheduleRow {
  provider: string;
  scheme: string;
  employerName: string;
  payeReference: string | null;
  paName: string;
  niNumber: string | null;
  dateOfBirth: string;
  periodStart: string;
  periodEnd: string;
  payDate: string;
  /** Qualifying earnings when the run carries them, otherwise gross pay. */
  pensionableEarnings: number;
  employee: number;
  employer: number;
  total: number;
}

export function pensionScheduleRows(db: Database, q: PensionScheduleQuery): PensionScheduleRow[] {
  taxYearDates(q.taxYear); // VALIDATION on a malformed year
  const runs = db.prepare(`SELECT id FROM pay_runs WHERE status = 'posted' AND tax_year = ? ORDER BY pay_date, id`).all(q.taxYear) as Array<{ id: number }>;
  const want = q.provider?.trim().toLowerCase();
  const rows: PensionScheduleRow[] = [];
  for (const { id } of runs) {
    const run = getPayRun(db, id);
    if (q.taxMonth !== undefined && taxMonthFor(run.payDate) !== q.taxMonth) continue;
    const employer = findEmployer(db, run.clientId);
    if (!employer) continue;
    if (want !== undefined && employer.pensionProvider.trim().toLowerCase() !== want) continue;
    for (const line of run.lines) {
      if (line.employeePension === 0 && line.employerPension === 0) continue;
      const pa = getPa(db, line.paId);
      rows.push({
        provider: employer.pensionProvider,
        scheme: employer.pensionSchemeName,
        employerName: employer.clientName,
        payeReference: employer.payeReference,
        paName: pa.name,
        niNumber: pa.niNumber,
        dateOfBirth: pa.dateOfBirth,
        periodStart: run.periodStart,
        periodEnd: run.periodEnd,
        payDate: run.payDate,
        pensionableEarnings: qualifyingEarningsOf(line) ?? line.gross,
        employee: line.employeePension,
        employer: line.employerPension,
        total: line.employeePension + line.employerPension,
      });
    }
  }
  rows.sort((a, b) => a.provider.localeCompare(b.provider) || a.employerName.localeCompare(b.employerName) || a.payDate.localeCompare(b.payDate) || a.paName.localeCompare(b.paName));
  return rows;
}

export function pensionScheduleCsv(rows: readonly PensionScheduleRow[]): string {
  return csvText(
    PENSION_SCHEDULE_HEADER,
    rows.map((r): CsvValue[] => [
      r.provider,
      r.scheme,
      r.employerName,
      r.payeReference,
      r.paName,
      r.niNumber,
      r.dateOfBirth,
      r.periodStart,
      r.periodEnd,
      r.payDate,
      penceToDecimal(r.pensionableEarnings),
      penceToDecimal(r.employee),
      penceToDecimal(r.employer),
      penceToDecimal(r.total),
    ]),
  );
}

export function pensionScheduleFileName(q: PensionScheduleQuery): string {
  const parts = ['pension-schedule', q.taxYear];
  if (q.taxMonth !== undefined) parts.push(`month-${q.taxMonth}`);
  if (q.provider !== undefined) parts.push(q.provider.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'provider');
  return `${parts.join('-')}.csv`;
}
