/**
 * Full Payment Submission (FPS) data for one pay run: the figures an RTI FPS needs for each PA, as
 * CSV (one row per PA, header row, RFC 4180) or JSON. Steward does NOT submit anything to HMRC: this
 * file is for the employer's RTI software or payroll agent to key or import.
 * Source for the items: HMRC, "RTI data items guide" (Full Payment Submission data items, employer,
 * employee, payment and NIC sections) and "Pay frequency" / "Number of normal hours worked" codes.
 *
 * - Amounts are pounds with two decimals, as text ("1234.56"), in both CSV and JSON: exact, and the
 *   way the FPS itself carries money.
 * - Year to date: the PA's lines in POSTED runs of the tax year paid on or before this run (and this
 *   run itself when it is not posted yet: then `provisional` is true).
 * - NI: one record per PA for the category letter of this run; its year-to-date figures sum the
 *   lines of the year with that same letter (a PA whose letter changed in the year needs a second
 *   NI record for the old letter: listed in `otherNiCategoriesThisYear`).
 * - Gender is left blank: Steward does not hold it (the FPS asks for it; enter it in the RTI software).
 * - Normal hours band from the timesheet hours of the period per week (monthly: × 12 / 52):
 *   A up to 15.99, B 16 to 23.99, C 24 to 29.99, D 30 or more, E other (no timesheet hours).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { penceToDecimal } from '../../../shared/money';
import type { PayRun, PayRunLine } from '../../../shared/contract-payruns';
import { getPa } from '../people';
import { csvText } from './csv';
import { addBands, loadRun, niBands, postedLines, slug, sumLines, taxablePayOf, timesheetHours, zeroBands, type OutputMeta } from './common';

const FREQUENCY_CODE: Record<PayRun['frequency'], string> = { weekly: 'W1', fortnightly: 'W2', 'four-weekly': 'W4', monthly: 'M1' };
const WEEKS: Record<PayRun['frequency'], number> = { weekly: 1, fortnightly: 2, 'four-weekly': 4, monthly: 52 / 12 };

/** RTI "number of normal hours worked" band from hundredths of an hour worked in the period. */
export function hoursBand(hoursInPeriod: number, frequency: PayRun['frequency']): 'A' | 'B' | 'C' | 'D' | 'E' {
  if (hoursInPeriod <= 0) return 'E';
  // Compare in hundredths a week without floating point: hours × 12 / 52 for monthly.
  const weekly = frequency === 'monthly' ? (hoursInPeriod * 12) / 52 : hoursInPeriod / WEEKS[frequency];
  if (weekly < 1600) return 'A';
  if (weekly < 2400) return 'B';
  if (weekly < 3000) return 'C';
  return 'D';
}

/** Split a full name into forename(s) and surname: the last word is the surname. */
export function splitName(name: string): { forename: string; surname: string } {
  const words = name.trim().split(/\s+/);
  if (words.length <= 1) return { forename: '', surname: words[0] ?? '' };
  return { forename: words.slice(0, -1).join(' '), surname: words[words.length - 1]! };
}

/** Address text split into at most four lines (by line breaks, else by commas). */
function addressLines(address: string): string[] {
  const parts = (address.includes('\n') ? address.split(/\r?\n/) : address.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length <= 4) return [...parts, '', '', '', ''].slice(0, 4);
  return [...parts.slice(0, 3), parts.slice(3).join(', ')];
}

export const FPS_FIELDS = [
  'employerPayeReference',
  'accountsOfficeReference',
  'payrollId',
  'fullName',
  'forename',
  'surname',
  'niNumber',
  'dateOfBirth',
  'gender',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'addressLine4',
  'startDate',
  'leavingDate',
  'payDate',
  'payFrequency',
  'taxWeekNumber',
  'taxMonthNumber',
  'periodsCovered',
  'hoursWorkedBand',
  'taxCode',
  'week1Month1',
  'taxablePayThisPeriod',
  'taxDeductedThisPeriod',
  'taxablePayToDate',
  'taxDeductedToDate',
  'studentLoanThisPeriod',
  'studentLoanToDate',
  'postgraduateLoanThisPeriod',
  'postgraduateLoanToDate',
  'pensionUnderNetPayThisPeriod',
  'pensionNotUnderNetPayThisPeriod',
  'niCategory',
  'grossEarningsForNicsThisPeriod',
  'grossEarningsForNicsToDate',
  'earningsAtLelThisPeriod',
  'earningsAtLelToDate',
  'earningsLelToPtThisPeriod',
  'earningsLelToPtToDate',
  'earningsPtToUelThisPeriod',
  'earningsPtToUelToDate',
  'employeeNicsThisPeriod',
  'employeeNicsToDate',
  'employerNicsThisPeriod',
  'employerNicsToDate',
  'otherNiCategoriesThisYear',
  'provisional',
] as const;
export type FpsField = (typeof FPS_FIELDS)[number];
export type FpsRecord = Record<FpsField, string>;

function records(db: Database, run: PayRun, accountsOffice: string, payeRef: string, netPay: boolean): FpsRecord[] {
  const d = penceToDecimal;
  return run.lines.map((line: PayRunLine): FpsRecord => {
    const pa = getPa(db, line.paId);
    const provisional = run.status !== 'posted';
    const year = postedLines(db, line.paId, run.taxYear, { payDate: run.payDate, runId: run.id });
    const all = run.status === 'posted' ? year : [...year, { run, line }];
    const ytd = sumLines(all.map((x) => x.line));
    const thisBands = niBands(run, line);
    let ytdBands = zeroBands(line.niCategory);
    const otherCats = new Set<string>();
    for (const x of all) {
      if (x.line.niCategory === line.niCategory) ytdBands = addBands(ytdBands, niBands(x.run, x.line));
      else otherCats.add(x.line.niCategory);
    }
    const hours = timesheetHours(db, line.timesheetIds).reduce((s, h) => s + h.hours, 0);
    const name = splitName(pa.name);
    const addr = addressLines(pa.address);
    const leaving = pa.leavingDate !== null && pa.leavingDate <= run.periodEnd ? pa.leavingDate : '';
    return {
      employerPayeReference: payeRef,
      accountsOfficeReference: accountsOffice,
      payrollId: String(pa.id),
      fullName: pa.name,
      forename: name.forename,
      surname: name.surname,
      niNumber: pa.niNumber ?? '',
      dateOfBirth: pa.dateOfBirth,
      gender: '',
      addressLine1: addr[0] ?? '',
      addressLine2: addr[1] ?? '',
      addressLine3: addr[2] ?? '',
      addressLine4: addr[3] ?? '',
      startDate: pa.startDate,
      leavingDate: leaving,
      payDate: run.payDate,
      payFrequency: FREQUENCY_CODE[run.frequency],
      taxWeekNumber: run.frequency === 'monthly' ? '' : String(run.taxPeriod),
      taxMonthNumber: run.frequency === 'monthly' ? String(run.taxPeriod) : '',
      periodsCovered: '1',
      hoursWorkedBand: hoursBand(hours, run.frequency),
      taxCode: line.taxCode,
      week1Month1: line.taxBasis === 'week1month1' ? 'true' : 'false',
      taxablePayThisPeriod: d(taxablePayOf(line)),
      taxDeductedThisPeriod: d(line.tax),
      taxablePayToDate: d(ytd.taxablePay),
      taxDeductedToDate: d(ytd.tax),
      studentLoanThisPeriod: d(line.studentLoan),
      studentLoanToDate: d(ytd.studentLoan),
      postgraduateLoanThisPeriod: d(line.postgraduateLoan),
      postgraduateLoanToDate: d(ytd.postgraduateLoan),
      pensionUnderNetPayThisPeriod: d(netPay ? line.employeePension : 0),
      pensionNotUnderNetPayThisPeriod: d(netPay ? 0 : line.employeePension),
      niCategory: line.niCategory,
      grossEarningsForNicsThisPeriod: d(thisBands.niablePay),
      grossEarningsForNicsToDate: d(ytdBands.niablePay),
      earningsAtLelThisPeriod: d(thisBands.atLel),
      earningsAtLelToDate: d(ytdBands.atLel),
      earningsLelToPtThisPeriod: d(thisBands.lelToPt),
      earningsLelToPtToDate: d(ytdBands.lelToPt),
      earningsPtToUelThisPeriod: d(thisBands.ptToUel),
      earningsPtToUelToDate: d(ytdBands.ptToUel),
      employeeNicsThisPeriod: d(line.employeeNi),
      employeeNicsToDate: d(ytdBands.employee),
      employerNicsThisPeriod: d(line.employerNi),
      employerNicsToDate: d(ytdBands.employer),
      otherNiCategoriesThisYear: [...otherCats].sort().join(' '),
      provisional: provisional ? 'true' : 'false',
    };
  });
}

export interface FpsExport {
  fileName: string;
  mime: string;
  text: string;
}

export function fpsExport(db: Database, runId: number, format: 'csv' | 'json', meta: OutputMeta): FpsExport {
  const { run, employer } = loadRun(db, runId);
  const recs = records(db, run, employer.accountsOfficeReference ?? '', employer.payeReference ?? '', employer.pensionBasis === 'net-pay');
  const base = `fps-data-${slug(employer.clientName)}-${run.payDate}-run-${run.id}`;
  if (format === 'csv') {
    return { fileName: `${base}.csv`, mime: 'text/csv', text: csvText(FPS_FIELDS, recs.map((r) => FPS_FIELDS.map((f) => r[f]))) };
  }
  const body = {
    notice: 'Full Payment Submission data prepared by Steward. Steward does not submit to HMRC: send it with your RTI software. Gender is not held by Steward and is left blank. Amounts are pounds.',
    generatedBy: `Steward on ${meta.generatedOn}`,
    organisationName: meta.organisationName,
    employer: { name: employer.clientName, payeReference: employer.payeReference, accountsOfficeReference: employer.accountsOfficeReference },
    payRun: { id: run.id, status: run.status, periodStart: run.periodStart, periodEnd: run.periodEnd, payDate: run.payDate, taxYear: run.taxYear, taxPeriod: run.taxPeriod, payFrequency: FREQUENCY_CODE[run.frequency] },
    employees: recs,
  };
  return { fileName: `${base}.json`, mime: 'application/json', text: `${JSON.stringify(body, null, 2)}\n` };
}
