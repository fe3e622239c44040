/**
 * The pay-run summary for the employer (and their accountant): one row per PA with gross pay,
 * deductions, employer costs and net pay, the totals, what is owed to HMRC for the run (tax + both
 * NI + loans), the pension total, the run's status, approvals and journal entry. As a PDF and as an
 * Excel workbook (real numbers in pounds, £ number format; totals are values, checked to equal the
 * sum of the rows before the file is written).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import type { PayFigures, PayRun } from '../../../shared/contract-payruns';
import { loadRun, slug, type OutputMeta, type RunBundle } from './common';
import { periodName } from './payslip';
import { CONTENT_WIDTH, PAGE, finish, heading, longDate, money, newDoc, pairs, paragraph, section, table } from './pdf';
import type { Employer } from '../../../shared/contract-payroll';

export interface RunSummary {
  run: PayRun;
  employer: Employer;
  /** Tax + employee NI + employer NI + student and postgraduate loans: due to HMRC for this run. */
  hmrcDue: number;
  /** Employee + employer pension: due to the pension provider. */
  pensionDue: number;
}

export function runSummary(db: Database, runId: number): RunSummary {
  const { run, employer }: RunBundle = loadRun(db, runId);
  const t = run.totals;
  return { run, employer, hmrcDue: t.tax + t.employeeNi + t.employerNi + t.studentLoan + t.postgraduateLoan, pensionDue: t.employeePension + t.employerPension };
}

export function summaryFileName(s: RunSummary, ext: 'pdf' | 'xlsx'): string {
  return `payrun-${s.run.id}-${slug(s.employer.clientName)}-${s.run.payDate}.${ext}`;
}

const COLUMNS: ReadonlyArray<{ key: keyof PayFigures | 'loans'; header: string }> = [
  { key: 'gross', header: 'Gross' },
  { key: 'tax', header: 'Tax' },
  { key: 'employeeNi', header: 'Employee NI' },
  { key: 'employerNi', header: 'Employer NI' },
  { key: 'loans', header: 'Loans' },
  { key: 'employeePension', header: 'Pension (employee)' },
  { key: 'employerPension', header: 'Pension (employer)' },
  { key: 'net', header: 'Net pay' },
];

function cell(f: PayFigures, key: keyof PayFigures | 'loans'): number {
  return key === 'loans' ? f.studentLoan + f.postgraduateLoan : f[key];
}

function statusLine(run: PayRun): string {
  const parts = [`Status: ${run.status}`];
  if (run.approvals.length > 0) parts.push(`approved by ${run.approvals.map((a) => `${a.by} (${a.method}, ${a.at})`).join(' and ')}`);
  if (run.entryId !== null) parts.push(`journal entry ${run.entryId}`);
  if (run.reversalEntryId !== null) parts.push(`reversed by entry ${run.reversalEntryId}${run.reversedReason ? `: ${run.reversedReason}` : ''}`);
  return parts.join('; ');
}

export function summaryPdf(s: RunSummary, meta: OutputMeta): Buffer {
  const { run, employer } = s;
  const doc = newDoc(meta, `Pay run ${run.id}: ${employer.clientName}`);
  heading(doc, meta, `Pay run summary: ${employer.clientName}`, `${longDate(run.periodStart)} to ${longDate(run.periodEnd)}, paid ${longDate(run.payDate)}`);
  const half = (CONTENT_WIDTH - 20) / 2;
  const top = doc.y;
  const a = pairs(
    doc,
    [
      ['Pay run', String(run.id)],
      ['Employer', employer.clientName],
      ['PAYE reference', employer.payeReference ?? 'not registered yet'],
      ['Accounts Office ref', employer.accountsOfficeReference ?? 'not registered yet'],
    ],
    PAGE.margin,
    top,
    half,
    100,
  );
  const b = pairs(
    doc,
    [
      ['Tax year', run.taxYear],
      ['Tax period', `${periodName(run.frequency, run.taxPeriod)} (${run.frequency})`],
      ['Status', run.status],
      ['Journal entry', run.entryId === null ? 'not posted' : String(run.entryId)],
    ],
    PAGE.margin + half + 20,
    top,
    half,
    100,
  );
  doc.y = Math.max(a, b) + 6;

  section(doc, 'Pay by PA');
  const nameWidth = CONTENT_WIDTH - COLUMNS.length * 50;
  table(
    doc,
    [{ header: 'PA', width: nameWidth }, ...COLUMNS.map((c) => ({ header: c.header, width: 50, align: 'right' as const }))],
    run.lines.map((l) => [l.paName, ...COLUMNS.map((c) => money(cell(l, c.key)))]),
    { totals: ['Totals', ...COLUMNS.map((c) => money(cell(run.totals, c.key)))], fontSize: 8 },
  );

  section(doc, 'To pay');
  const t = run.totals;
  pairs(
    doc,
    [
      ['Net pay to PAs', money(t.net)],
      ['Due to HMRC', `${money(s.hmrcDue)}  (tax ${money(t.tax)} + employee NI ${money(t.employeeNi)} + employer NI ${money(t.employerNi)} + loans ${money(t.studentLoan + t.postgraduateLoan)})`],
      ['Due to the pension provider', `${money(s.pensionDue)}${employer.pensionSchemeName ? `  (${employer.pensionSchemeName})` : ''}`],
      ['Cost to the employer', money(t.gross + t.employerNi + t.employerPension)],
    ],
    PAGE.margin,
    doc.y,
    CONTENT_WIDTH,
    150,
  );
  doc.y += 6;
  section(doc, 'Approval and posting');
  paragraph(doc, statusLine(run), { size: 9, color: 'black' });
  if (run.notes) paragraph(doc, `Notes: ${run.notes}`, { size: 8.5 });
  return finish(doc, meta);
}

/** Pence as a number of pounds with exactly two decimals (no binary rounding left over). */
export function pounds(p: number): number {
  return Number((p / 100).toFixed(2));
}

export async function summaryXlsx(s: RunSummary, meta: OutputMeta): Promise<Buffer> {
  const { run, employer } = s;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Steward';
  const when = new Date(`${meta.generatedOn}T00:00:00.000Z`);
  wb.created = when;
  wb.modified = when;
  const ws = wb.addWorksheet('Pay run', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = [
    { header: 'PA', key: 'pa', width: 28 },
    { header: 'PA id', key: 'paId', width: 8 },
    { header: 'NI category', key: 'cat', width: 11 },
    { header: 'Tax code', key: 'code', width: 10 },
    ...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 16 })),
  ];
  ws.getRow(1).font = { bold: true };
  const moneyFmt = '"£"#,##0.00;[Red]-"£"#,##0.00';
  for (const l of run.lines) {
    ws.addRow({ pa: l.paName, paId: l.paId, cat: l.niCategory, code: l.taxCode, ...Object.fromEntries(COLUMNS.map((c) => [c.key, pounds(cell(l, c.key))])) });
  }
  // Totals as values; check they equal the sum of the rows (in pence) before writing them.
  for (const c of COLUMNS) {
    const sum = run.lines.reduce((acc, l) => acc + cell(l, c.key), 0);
    if (sum !== cell(run.totals, c.key)) throw new Error(`Pay run ${run.id}: the ${c.header} column does not add up to the run's total.`);
  }
  const totals = ws.addRow({ pa: 'Totals', ...Object.fromEntries(COLUMNS.map((c) => [c.key, pounds(cell(run.totals, c.key))])) });
  totals.font = { bold: true };
  for (let i = 5; i < 5 + COLUMNS.length; i += 1) ws.getColumn(i).numFmt = moneyFmt;

  const info = wb.addWorksheet('Run');
  info.columns = [
    { header: 'Item', key: 'k', width: 30 },
    { header: 'Value', key: 'v', width: 60 },
  ];
  info.getRow(1).font = { bold: true };
  const rows: Array<[string, string | number]> = [
    ['Organisation', meta.organisationName],
    ['Employer', employer.clientName],
    ['PAYE reference', employer.payeReference ?? ''],
    ['Accounts Office reference', employer.accountsOfficeReference ?? ''],
    ['Pay run', run.id],
    ['Period start', run.periodStart],
    ['Period end', run.periodEnd],
    ['Pay date', run.payDate],
    ['Tax year', run.taxYear],
    ['Tax period', run.taxPeriod],
    ['Frequency', run.frequency],
    ['Status', run.status],
    ['Approvals', run.approvals.map((a) => `${a.by} (${a.method}, ${a.at})`).join('; ')],
    ['Journal entry', run.entryId ?? ''],
    ['Due to HMRC', pounds(s.hmrcDue)],
    ['Due to the pension provider', pounds(s.pensionDue)],
    ['Net pay to PAs', pounds(run.totals.net)],
    ['Notes', run.notes],
    ['Generated', `Generated by Steward on ${meta.generatedOn}`],
  ];
  for (const [k, v] of rows) {
    const r = info.addRow({ k, v });
    if (k === 'Due to HMRC' || k === 'Due to the pension provider' || k === 'Net pay to PAs') r.getCell(2).numFmt = moneyFmt;
  }
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
