/**
 * P45 (details of employee leaving work) for a PA with a leaving date: the content of parts 1A, 2
 * and 3 in one document (the employer sends the leaving details to HMRC on the FPS; the PA gives
 * parts 2 and 3 to a new employer and keeps part 1A). Figures are to date in the tax year of the
 * PA's last POSTED payment (the leaving date's tax year when nothing has been paid): total pay and
 * tax in this employment, the tax code at leaving and whether it is week 1 / month 1, the last
 * entry's tax week or month, and whether student or postgraduate loan deductions continue.
 * Source: HMRC, "P45: details of employee leaving work" (form P45(Online) Parts 1A/2/3 fields).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../../shared/errors';
import type { Pa } from '../../../shared/contract-payroll';
import { taxYearLabel } from '../calendar';
import { findEmployer } from '../people';
import { loadPa, postedLines, slug, sumLines, taxYearDates, type OutputMeta, type YearToDate } from './common';
import { CONTENT_WIDTH, PAGE, finish, heading, longDate, money, newDoc, pairs, paragraph, section } from './pdf';

export interface P45Data {
  pa: Pa;
  leavingDate: string;
  employerName: string;
  payeReference: string | null;
  taxYear: string;
  taxCode: string;
  week1Month1: boolean;
  /** "Week 12" / "Month 3" of the last posted payment in the tax year; null when none. */
  lastEntry: { frequency: string; period: number; label: string } | null;
  totals: YearToDate;
  studentLoanContinues: boolean;
  postgraduateLoanContinues: boolean;
}

export function p45Data(db: Database, paId: number): P45Data {
  const pa = loadPa(db, paId);
  if (pa.leavingDate === null) {
    throw new StewardError('VALIDATION', `${pa.name} has no leaving date. Record it first (pa.leave), then print the P45.`, { where: 'paId' });
  }
  const lastPosted = db
    .prepare(`SELECT r.tax_year AS taxYear FROM pay_runs r JOIN pay_run_lines l ON l.pay_run_id = r.id WHERE l.pa_id = ? AND r.status = 'posted' ORDER BY r.pay_date DESC, r.id DESC LIMIT 1`)
    .get(paId) as { taxYear: string } | undefined;
  const taxYear = lastPosted && lastPosted.taxYear >= taxYearLabel(pa.leavingDate) ? lastPosted.taxYear : taxYearLabel(pa.leavingDate);
  const lines = postedLines(db, paId, taxYear);
  const last = lines[lines.length - 1];
  const employer = findEmployer(db, pa.clientId);
  return {
    pa,
    leavingDate: pa.leavingDate,
    employerName: employer?.clientName ?? '',
    payeReference: employer?.payeReference ?? null,
    taxYear,
    taxCode: pa.taxCode,
    week1Month1: pa.taxBasis === 'week1month1',
    lastEntry: last ? { frequency: last.run.frequency, period: last.run.taxPeriod, label: `${last.run.frequency === 'monthly' ? 'Month' : 'Week'} ${last.run.taxPeriod}` } : null,
    totals: sumLines(lines.map((l) => l.line)),
    studentLoanContinues: pa.studentLoanPlans.length > 0,
    postgraduateLoanContinues: pa.postgraduateLoan,
  };
}

export function p45FileName(d: P45Data): string {
  return `p45-${slug(d.pa.name)}-${d.leavingDate}.pdf`;
}

export function p45Pdf(d: P45Data, meta: OutputMeta): Buffer {
  const doc = newDoc(meta, `P45: ${d.pa.name}, left ${d.leavingDate}`);
  heading(doc, meta, 'P45: details of employee leaving work', `${d.pa.name}, left ${longDate(d.leavingDate)}. Parts 1A, 2 and 3 in one document.`);
  const { start, end } = taxYearDates(d.taxYear);
  const rows: Array<readonly [string, string]> = [
    ["1 Employer PAYE reference", d.payeReference ?? 'not registered yet'],
    ['2 Employee National Insurance number', d.pa.niNumber ?? 'not known'],
    ['3 Surname and first name(s)', d.pa.name],
    ['4 Leaving date', longDate(d.leavingDate)],
    ['5 Student loan deductions to continue', d.studentLoanContinues ? `Yes (${d.pa.studentLoanPlans.join(', ')})` : 'No'],
    ['   Postgraduate loan deductions to continue', d.postgraduateLoanContinues ? 'Yes' : 'No'],
    ['6 Tax code at leaving date', d.taxCode],
    ['   Week 1 / month 1 basis', d.week1Month1 ? 'Yes (week 1 / month 1)' : 'No (cumulative)'],
    ['7 Last entry: tax week or month number', d.lastEntry ? `${d.lastEntry.label} (${d.lastEntry.frequency} pay)` : 'no payment in this tax year'],
    [`8 Total pay to date in this employment (${d.taxYear})`, money(d.totals.taxablePay)],
    [`   Total tax to date in this employment (${d.taxYear})`, money(d.totals.tax)],
    ['9 Works number / payroll id', String(d.pa.id)],
    ['10 Date of birth', longDate(d.pa.dateOfBirth)],
    ['11 Address', d.pa.address || 'not recorded'],
    ['Employer name', d.employerName],
  ];
  for (const [part, note] of [
    ['Part 1A: for the employee to keep', 'Keep this part safe: you may need it for a tax return. It shows your pay and tax in this employment up to your leaving date.'],
    ['Parts 2 and 3: for the new employer', 'Give these details to your new employer (or to Jobcentre Plus if you claim benefit). They use the tax code and the pay and tax to date so you pay the right tax.'],
  ] as const) {
    section(doc, part);
    paragraph(doc, note, { size: 8.5 });
    if (part.startsWith('Part 1A')) {
      pairs(doc, rows, PAGE.margin, doc.y, CONTENT_WIDTH, 260);
      doc.y += 6;
    } else {
      pairs(
        doc,
        [
          ['Employer PAYE reference', d.payeReference ?? 'not registered yet'],
          ['NI number', d.pa.niNumber ?? 'not known'],
          ['Name', d.pa.name],
          ['Leaving date', longDate(d.leavingDate)],
          ['Tax code at leaving', `${d.taxCode}${d.week1Month1 ? ' (week 1 / month 1)' : ''}`],
          ['Last entry', d.lastEntry ? d.lastEntry.label : 'none'],
          ['Pay to date / tax to date', `${money(d.totals.taxablePay)} / ${money(d.totals.tax)}`],
          ['Student loan continues', d.studentLoanContinues ? 'Yes' : 'No'],
        ],
        PAGE.margin,
        doc.y,
        CONTENT_WIDTH,
        260,
      );
      doc.y += 6;
    }
  }
  paragraph(doc, `Tax year ${d.taxYear} runs ${longDate(start)} to ${longDate(end)}. Figures are from posted pay runs in Steward. Steward does not send the leaving details to HMRC: include the leaving date on the next Full Payment Submission.`, { size: 7.5 });
  return finish(doc, meta);
}
