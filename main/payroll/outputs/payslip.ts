/**
 * Payslips: one PA's pay for one pay run, as data (`payslipData`) and as a one-page A4 PDF
 * (`payslipPdf`). Every figure is the run's own stored figure; payments are the run's timesheet
 * hours grouped by rate type and rate, plus holiday pay when the line has it.
 *
 * Year to date: the PA's lines in POSTED runs of the same tax year paid on or before this run (by
 * pay date, then run id). A run that is not posted yet is added to them and the payslip is marked
 * provisional (its figures can still change until the run is posted).
 *
 * A payslip must show gross pay, the amounts and purposes of deductions and net pay (Employment
 * Rights Act 1996 s.8), and the hours paid when pay varies with time worked (s.8(2)(e), from
 * 6 April 2019).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Payslip } from '../../../shared/contract-payroll-outputs';
import type { HolidayBalance } from '../../../shared/contract-payroll';
import { holidayBalance } from '../holiday-taken';
import type { PayRunLine } from '../../../shared/contract-payruns';
import {
  holidayHoursOf,
  holidayPayOf,
  lineFor,
  loadPa,
  loadRun,
  metaOf,
  pensionCategoryOf,
  postedLines,
  slug,
  sumLines,
  taxablePayOf,
  timesheetHours,
  type OutputMeta,
} from './common';
import { CONTENT_WIDTH, GREY, PAGE, finish, heading, hoursText, longDate, money, newDoc, pairs, paragraph, section, table } from './pdf';

/** Gives a PA's holiday balance on a date, or null when it cannot be worked out. */
export type HolidayProvider = (db: Database, paId: number, asOf: string) => HolidayBalance | null;

export interface PayslipOptions {
  /** Holiday balance source; default holidayBalance (main/payroll/holiday-taken.ts) on the pay date. */
  holiday?: HolidayProvider;
}

const RATE_LABELS: Record<string, string> = {
  standard: 'Standard hours',
  weekend: 'Weekend hours',
  night: 'Night hours',
  'sleep-in': 'Sleep-in hours',
  'bank-holiday': 'Bank holiday hours',
};

const FREQUENCY_WORD: Record<string, string> = { weekly: 'Weekly', fortnightly: 'Fortnightly', 'four-weekly': 'Four-weekly', monthly: 'Monthly' };

/** "Month 2" for monthly pay, "Week 8" otherwise (the tax week of the pay day). */
export function periodName(frequency: string, taxPeriod: number): string {
  return `${frequency === 'monthly' ? 'Month' : 'Week'} ${taxPeriod}`;
}

function payments(db: Database, line: PayRunLine): Payslip['payments'] {
  const out: Payslip['payments'] = timesheetHours(db, line.timesheetIds).map((h) => ({ label: RATE_LABELS[h.rateType] ?? h.rateType, hours: h.hours, rate: h.rate, amount: h.pay }));
  const holidayPay = holidayPayOf(line);
  if (holidayPay !== 0) {
    const hours = holidayHoursOf(line);
    out.push({ label: 'Holiday pay', hours: hours === 0 ? null : hours, rate: null, amount: holidayPay });
  }
  // The run's gross is authoritative; anything the lines above do not explain is shown, not hidden.
  const shown = out.reduce((s, p) => s + p.amount, 0);
  if (shown !== line.gross) out.push({ label: 'Other pay in this run', hours: null, rate: null, amount: line.gross - shown });
  return out;
}

function deductions(line: PayRunLine): Payslip['deductions'] {
  const out: Payslip['deductions'] = [
    { label: line.tax < 0 ? 'Income tax (refund)' : 'Income tax', amount: line.tax },
    { label: 'National Insurance', amount: line.employeeNi },
  ];
  if (line.studentLoan !== 0) out.push({ label: 'Student loan', amount: line.studentLoan });
  if (line.postgraduateLoan !== 0) out.push({ label: 'Postgraduate loan', amount: line.postgraduateLoan });
  if (line.employeePension !== 0) out.push({ label: 'Pension (your contribution)', amount: line.employeePension });
  return out;
}

/** The payslip's figures. NOT_FOUND naming runId or paId when either is unknown or the PA is not in the run. */
export function payslipData(db: Database, runId: number, paId: number, meta: OutputMeta, opts: PayslipOptions = {}): Payslip {
  const { run, employer } = loadRun(db, runId);
  const pa = loadPa(db, paId);
  const line = lineFor(run, paId);
  const provisional = run.status === 'draft' || run.status === 'approved';
  // Posted runs up to this one; a run that is not posted (draft, approved, or reversed: shown as issued) is added.
  const earlier = postedLines(db, paId, run.taxYear, { payDate: run.payDate, runId: run.id }).map((x) => x.line);
  const ytd = sumLines(run.status === 'posted' ? earlier : [...earlier, line]);
  const ded = deductions(line);
  const notes: string[] = [];
  if (run.status === 'draft' || run.status === 'approved') notes.push(`Provisional: this pay run is ${run.status}, not yet posted. Figures may change before it is paid.`);
  if (run.status === 'reversed') notes.push(`This pay run was reversed${run.reversedReason ? ` (${run.reversedReason})` : ''}; it was not paid as shown. Its figures are not in any later year to date.`);
  if (line.tax < 0) notes.push('Income tax is negative: a refund of tax overpaid earlier in the tax year.');
  if (line.taxBasis === 'week1month1') notes.push('Your tax code is on a week 1 / month 1 basis: tax is worked out on this period alone.');
  return {
    runId: run.id,
    paId,
    status: run.status,
    provisional,
    organisationName: meta.organisationName,
    employer: { clientId: employer.clientId, name: employer.clientName, payeReference: employer.payeReference },
    employee: { name: pa.name, niNumber: pa.niNumber, taxCode: line.taxCode, taxBasis: line.taxBasis, niCategory: line.niCategory, payrollId: String(pa.id) },
    period: { start: run.periodStart, end: run.periodEnd, payDate: run.payDate, taxYear: run.taxYear, taxPeriod: run.taxPeriod, frequency: run.frequency },
    payments: payments(db, line),
    deductions: ded,
    gross: line.gross,
    taxablePay: taxablePayOf(line),
    totalDeductions: ded.reduce((s, d) => s + d.amount, 0),
    net: line.net,
    employerCosts: { employerNi: line.employerNi, employerPension: line.employerPension, total: line.employerNi + line.employerPension },
    yearToDate: {
      gross: ytd.gross,
      taxablePay: ytd.taxablePay,
      tax: ytd.tax,
      employeeNi: ytd.employeeNi,
      studentLoan: ytd.studentLoan,
      postgraduateLoan: ytd.postgraduateLoan,
      employeePension: ytd.employeePension,
      employerPension: ytd.employerPension,
      net: ytd.net,
    },
    pension: { scheme: employer.pensionSchemeName, category: pensionCategoryOf(line), employee: line.employeePension, employer: line.employerPension },
    holiday: (opts.holiday ?? holidayBalance)(db, paId, run.payDate),
    notes,
  };
}

export function payslipFileName(p: Payslip): string {
  return `payslip-${slug(p.employee.name)}-${p.period.payDate}.pdf`;
}

/** Lay out a payslip on one A4 page. */
export function renderPayslip(p: Payslip, meta: OutputMeta): Buffer {
  const doc = newDoc(meta, `Payslip: ${p.employee.name}, paid ${p.period.payDate}`);
  heading(doc, meta, p.provisional ? 'Payslip (provisional)' : 'Payslip', `${p.employee.name}: paid ${longDate(p.period.payDate)}`);

  // Employer | employee blocks side by side.
  const half = (CONTENT_WIDTH - 20) / 2;
  const left = PAGE.margin;
  const right = PAGE.margin + half + 20;
  const top = doc.y;
  doc.font('Helvetica-Bold').fontSize(10).text('Employer', left, top, { width: half });
  const yl = pairs(
    doc,
    [
      ['Name', p.employer.name],
      ['PAYE reference', p.employer.payeReference ?? 'not registered yet'],
      ['Payroll run by', p.organisationName || 'Steward'],
    ],
    left,
    top + 14,
    half,
    90,
  );
  doc.font('Helvetica-Bold').fontSize(10).text('Employee', right, top, { width: half });
  const yr = pairs(
    doc,
    [
      ['Name', p.employee.name],
      ['Payroll id', p.employee.payrollId],
      ['NI number', p.employee.niNumber ?? 'not known'],
      ['Tax code', `${p.employee.taxCode}${p.employee.taxBasis === 'week1month1' ? ' (week 1 / month 1)' : ''}`],
      ['NI category letter', p.employee.niCategory],
    ],
    right,
    top + 14,
    half,
    90,
  );
  doc.y = Math.max(yl, yr) + 6;

  section(doc, 'Pay period');
  const pt = doc.y;
  const py1 = pairs(
    doc,
    [
      ['Period', `${longDate(p.period.start)} to ${longDate(p.period.end)}`],
      ['Pay date', longDate(p.period.payDate)],
    ],
    left,
    pt,
    half,
    90,
  );
  const py2 = pairs(
    doc,
    [
      ['Tax year', p.period.taxYear],
      ['Tax period', `${periodName(p.period.frequency, p.period.taxPeriod)} (${FREQUENCY_WORD[p.period.frequency] ?? p.period.frequency})`],
    ],
    right,
    pt,
    half,
    90,
  );
  doc.y = Math.max(py1, py2) + 10;

  // Payments (left) and deductions (right) side by side.
  const tableTop = doc.y;
  doc.font('Helvetica-Bold').fontSize(10).text('Payments', left, tableTop);
  doc.y = tableTop + 14;
  table(
    doc,
    [
      { header: 'Description', width: half - 147 },
      { header: 'Hours', width: 40, align: 'right' },
      { header: 'Rate', width: 45, align: 'right' },
      { header: 'Amount', width: 62, align: 'right' },
    ],
    p.payments.map((x) => [x.label, x.hours === null ? '' : hoursText(x.hours), x.rate === null ? '' : money(x.rate), money(x.amount)]),
    { totals: ['Gross pay', '', '', money(p.gross)], x: left },
  );
  const leftBottom = doc.y;
  doc.font('Helvetica-Bold').fontSize(10).text('Deductions', right, tableTop);
  doc.y = tableTop + 14;
  table(
    doc,
    [
      { header: 'Description', width: half - 80 },
      { header: 'Amount', width: 80, align: 'right' },
    ],
    p.deductions.map((d) => [d.label, money(d.amount)]),
    { totals: ['Total deductions', money(p.totalDeductions)], x: right },
  );
  doc.y = Math.max(leftBottom, doc.y) + 2;

  // Net pay, prominent.
  const ny = doc.y;
  doc.rect(left, ny, CONTENT_WIDTH, 34).lineWidth(1.5).strokeColor('black').stroke();
  doc.font('Helvetica-Bold').fontSize(14).fillColor('black').text('Net pay', left + 10, ny + 10, { width: 200 });
  doc.text(money(p.net), left + CONTENT_WIDTH - 210, ny + 10, { width: 200, align: 'right' });
  doc.font('Helvetica').fontSize(9);
  doc.y = ny + 46;

  // Year to date (left) | employer costs, pension, holiday (right).
  const ytdTop = doc.y;
  doc.font('Helvetica-Bold').fontSize(10).text(`Year to date (${p.period.taxYear})${p.provisional ? ', provisional' : ''}`, left, ytdTop, { width: half });
  doc.y = ytdTop + 14;
  const y = p.yearToDate;
  table(
    doc,
    [
      { header: 'Item', width: half - 90 },
      { header: 'To date', width: 90, align: 'right' },
    ],
    [
      ['Gross pay', money(y.gross)],
      ['Taxable pay', money(y.taxablePay)],
      ['Income tax', money(y.tax)],
      ['National Insurance', money(y.employeeNi)],
      ['Student loan', money(y.studentLoan)],
      ['Postgraduate loan', money(y.postgraduateLoan)],
      ['Pension (you)', money(y.employeePension)],
      ['Pension (employer)', money(y.employerPension)],
      ['Net pay', money(y.net)],
    ],
    { x: left },
  );
  const ytdBottom = doc.y;

  doc.font('Helvetica-Bold').fontSize(10).text('Paid by your employer on top of your pay', right, ytdTop, { width: half });
  let ry = pairs(
    doc,
    [
      ['Employer NI', money(p.employerCosts.employerNi)],
      ['Employer pension', money(p.employerCosts.employerPension)],
      ['Total', money(p.employerCosts.total)],
    ],
    right,
    ytdTop + 14,
    half,
    110,
  );
  doc.font('Helvetica-Bold').fontSize(10).text('Pension', right, ry + 6, { width: half });
  ry = pairs(
    doc,
    [
      ['Scheme', p.pension.scheme || 'none recorded'],
      ['Category', p.pension.category === null ? 'not assessed' : p.pension.category.replace(/-/g, ' ')],
      ['Your contribution', money(p.pension.employee)],
      ["Employer's contribution", money(p.pension.employer)],
    ],
    right,
    doc.y + 4,
    half,
    110,
  );
  doc.font('Helvetica-Bold').fontSize(10).text('Holiday (hours, at the pay date)', right, ry + 6, { width: half });
  const h = p.holiday;
  ry = pairs(
    doc,
    h
      ? [
          ['Leave year', `${longDate(h.leaveYearStart)} to ${longDate(h.leaveYearEnd)}`],
          ['Entitlement', hoursText(h.entitlementHours)],
          ['Accrued so far', hoursText(h.accruedHours)],
          ['Taken', hoursText(h.takenHours)],
          ['Balance', hoursText(h.balanceHours)],
        ]
      : [['Balance', 'not available']],
    right,
    doc.y + 4,
    half,
    110,
  );
  doc.y = Math.max(ytdBottom, ry) + 6;

  if (p.notes.length > 0) {
    section(doc, 'Notes');
    for (const n of p.notes) paragraph(doc, n, { size: 8.5, color: 'black' });
  }
  paragraph(doc, `Pay run ${p.runId}. Keep your payslips: they show the tax and National Insurance taken from your pay. Questions about this payslip go to ${p.organisationName || 'your employer'}.`, { size: 7.5, color: GREY });
  return finish(doc, meta);
}

/**
 * The payslip PDF for one PA in one run. `meta` defaults to the ledger's organisation name and the
 * run's pay date as the generation date (the api passes today's date from its clock).
 * Synchronous: returns a Buffer.
 */
export function payslipPdf(db: Database, runId: number, paId: number, meta?: Partial<OutputMeta>, opts: PayslipOptions = {}): Buffer {
  const organisationName = meta?.organisationName ?? metaOf(db, '').organisationName;
  const data = payslipData(db, runId, paId, { organisationName, generatedOn: meta?.generatedOn ?? '' }, opts);
  return renderPayslip(data, { organisationName, generatedOn: meta?.generatedOn ?? data.period.payDate });
}
