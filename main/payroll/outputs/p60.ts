/**
 * P60 (End of Year Certificate) for one PA and one tax year with this employer, from the PA's lines
 * in POSTED runs of that year. HMRC lets employers produce their own P60 (substitute form) as long
 * as it carries the required information in the approved layout; this one shows: employee details,
 * employer name and PAYE reference, pay and tax in this employment (previous employments: 0, which
 * Steward does not hold), final tax code, NI by category letter (earnings at LEL, LEL to PT, PT to
 * UEL, employee contributions above PT), student and postgraduate loan deductions.
 * Source: HMRC, "P60 End of Year Certificate" guidance and the specification for substitute forms
 * (gov.uk, "Substitute forms: P60", which lists the fields). Check the layout against the current
 * year's specification before relying on it for HMRC approval.
 *
 * Band earnings are recomputed per line by the NI engine (calculateNi's RTI figures) from the
 * line's gross pay and category, and summed per category letter.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../../shared/errors';
import type { Pa } from '../../../shared/contract-payroll';
import { findEmployer } from '../people';
import { addBands, loadPa, niBands, postedLines, sumLines, taxYearDates, zeroBands, type NiBands, type OutputMeta, type YearToDate } from './common';
import { CONTENT_WIDTH, PAGE, finish, heading, longDate, money, newDoc, pairs, paragraph, section, table } from './pdf';
import { slug } from './common';

export interface P60Data {
  taxYear: string;
  pa: Pa;
  employerName: string;
  payeReference: string | null;
  /** This employment: taxable pay and tax; previous employment is 0 (not held). */
  totals: YearToDate;
  previousPay: number;
  previousTax: number;
  finalTaxCode: string;
  finalTaxBasis: 'cumulative' | 'week1month1';
  niByCategory: NiBands[];
  runIds: number[];
}

export function p60Data(db: Database, paId: number, taxYear: string): P60Data {
  taxYearDates(taxYear);
  const pa = loadPa(db, paId);
  const lines = postedLines(db, paId, taxYear);
  if (lines.length === 0) {
    throw new StewardError('VALIDATION', `${pa.name} has no posted pay in the tax year ${taxYear}, so there is no P60 for it. Post the year's pay runs first, or choose another tax year.`, { where: 'taxYear' });
  }
  const employer = findEmployer(db, pa.clientId);
  const last = lines[lines.length - 1]!;
  const byCat = new Map<string, NiBands>();
  for (const { run, line } of lines) {
    const b = niBands(run, line);
    byCat.set(b.category, addBands(byCat.get(b.category) ?? zeroBands(b.category), b));
  }
  return {
    taxYear,
    pa,
    employerName: employer?.clientName ?? '',
    payeReference: employer?.payeReference ?? null,
    totals: sumLines(lines.map((l) => l.line)),
    previousPay: 0,
    previousTax: 0,
    finalTaxCode: last.line.taxCode,
    finalTaxBasis: last.line.taxBasis,
    niByCategory: [...byCat.values()].sort((a, b) => a.category.localeCompare(b.category)),
    runIds: lines.map((l) => l.run.id),
  };
}

export function p60FileName(d: P60Data): string {
  return `p60-${slug(d.pa.name)}-${d.taxYear}.pdf`;
}

export function p60Pdf(d: P60Data, meta: OutputMeta): Buffer {
  const { start, end } = taxYearDates(d.taxYear);
  const doc = newDoc(meta, `P60 ${d.taxYear}: ${d.pa.name}`);
  heading(doc, meta, `P60 End of Year Certificate: tax year to ${longDate(end)}`, `Tax year ${d.taxYear} (${longDate(start)} to ${longDate(end)}). Substitute form: print it for the employee.`);
  paragraph(
    doc,
    'To the employee: please keep this certificate in a safe place. You will need it if you fill in a tax return, and to check that your employer is using the right National Insurance number and deducting the right rate of NI. By law you are required to tell HM Revenue and Customs about any income not fully taxed, even if you are not sent a tax return.',
    { size: 8.5, color: 'black' },
  );
  const half = (CONTENT_WIDTH - 20) / 2;
  const top = doc.y + 4;
  doc.font('Helvetica-Bold').fontSize(10).text('Employee', PAGE.margin, top, { width: half });
  const a = pairs(
    doc,
    [
      ['Name', d.pa.name],
      ['NI number', d.pa.niNumber ?? 'not known'],
      ['Payroll id', String(d.pa.id)],
      ['Address', d.pa.address || 'not recorded'],
    ],
    PAGE.margin,
    top + 14,
    half,
    80,
  );
  doc.font('Helvetica-Bold').fontSize(10).text('Employer', PAGE.margin + half + 20, top, { width: half });
  const b = pairs(
    doc,
    [
      ['Name', d.employerName],
      ['PAYE reference', d.payeReference ?? 'not registered yet'],
      ['Payroll run by', meta.organisationName || 'Steward'],
    ],
    PAGE.margin + half + 20,
    top + 14,
    half,
    90,
  );
  doc.y = Math.max(a, b) + 6;

  section(doc, 'Pay and Income Tax details');
  table(
    doc,
    [
      { header: '', width: 235 },
      { header: 'Pay', width: 125, align: 'right' },
      { header: 'Tax deducted', width: CONTENT_WIDTH - 360, align: 'right' },
    ],
    [
      ['In previous employment(s)', money(d.previousPay), money(d.previousTax)],
      ['In this employment', money(d.totals.taxablePay), money(d.totals.tax)],
    ],
    { totals: ['Total for year', money(d.previousPay + d.totals.taxablePay), money(d.previousTax + d.totals.tax)] },
  );
  pairs(doc, [['Final tax code', `${d.finalTaxCode}${d.finalTaxBasis === 'week1month1' ? ' (week 1 / month 1)' : ''}`]], PAGE.margin, doc.y, CONTENT_WIDTH, 120);
  doc.y += 6;

  section(doc, 'National Insurance contributions in this employment');
  table(
    doc,
    [
      { header: 'NI category letter', width: 85 },
      { header: 'Earnings at the LEL', width: 100, align: 'right' },
      { header: 'Earnings above LEL, up to and including PT', width: 120, align: 'right' },
      { header: 'Earnings above PT, up to and including UEL', width: 120, align: 'right' },
      { header: 'Employee contributions due on earnings above PT', width: CONTENT_WIDTH - 425, align: 'right' },
    ],
    d.niByCategory.map((n) => [n.category, money(n.atLel), money(n.lelToPt), money(n.ptToUel), money(n.employee)]),
    { fontSize: 8.5 },
  );

  section(doc, 'Statutory payments and loans');
  pairs(
    doc,
    [
      ['Student loan deductions (whole pounds only)', money(d.totals.studentLoan)],
      ['Postgraduate loan deductions (whole pounds only)', money(d.totals.postgraduateLoan)],
      ['Statutory Maternity, Paternity, Adoption, Shared Parental Pay', money(0)],
    ],
    PAGE.margin,
    doc.y,
    CONTENT_WIDTH,
    300,
  );
  doc.y += 8;
  paragraph(
    doc,
    `Certificate by employer/paying office: this form shows your total pay for Income Tax purposes in this employment for the year. Any overtime, bonus, commission etc, Statutory Sick Pay, Statutory Maternity Pay, Statutory Paternity Pay, Statutory Shared Parental Pay or Statutory Adoption Pay is included. From pay runs ${d.runIds.join(', ')} (posted) in Steward.`,
    { size: 8, color: 'black' },
  );
  paragraph(doc, 'Employers may give a P60 on their own form (a substitute) provided it holds the information HMRC requires. Previous employment figures are shown as 0: Steward does not hold them.', { size: 7.5 });
  return finish(doc, meta);
}
