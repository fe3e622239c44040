/**
 * The return as an A4 PDF, laid out with main/reports/pdf-layout.ts (embedded DejaVu Sans,
 * running header, "Page x of y", tables with repeated headings). It prints the ReturnData figures
 * and nothing else, so the PDF, the workbook and report.return.data always agree.
 */
import { EVIDENCE_STATUS_LABEL, type ReturnData } from '../../../shared/reports-return';
import type { OutputMeta } from '../../payroll/outputs/common';
import { CONTENT_WIDTH, GREY, PAGE, SANS, SANS_BOLD, createPdf, finishPdf, longDate, money, pairs, paragraph, periodText, section, table, type Column } from '../pdf-layout';

const W = CONTENT_WIDTH;

export function returnPdfBuffer(d: ReturnData, meta: OutputMeta): Buffer {
  const p = createPdf(meta, { title: 'Monitoring return', subject: d.clientName });
  const { doc } = p;
  // Title.
  doc.font(SANS_BOLD).fontSize(p.scale.h1).text('Council monitoring return', PAGE.margin, doc.y, { width: W });
  doc.font(SANS).fontSize(p.scale.body + 1).fillColor(GREY).text(`${d.clientName} · ${periodText(d.period.from, d.period.to)} (${d.period.days} days)`, PAGE.margin, doc.y + 2, { width: W });
  doc.fillColor('black');
  doc.y += 8;
  const half = W / 2;
  const y0 = doc.y;
  const left = pairs(
    p,
    [
      ['Client', `${d.clientName} (client ${d.clientId})`],
      ['Council reference', d.councilRef || 'None recorded'],
      ['Arrangement', d.arrangement],
    ],
    PAGE.margin,
    y0,
    half - 8,
    100,
  );
  const right = pairs(
    p,
    [
      ['Funder', d.funder ? d.funder.name : 'None recorded'],
      ['Period', `${longDate(d.period.from)} to ${longDate(d.period.to)}`],
      ['Prepared by', meta.organisationName || 'Steward'],
    ],
    PAGE.margin + half + 8,
    y0,
    half - 8,
    80,
  );
  doc.y = Math.max(left, right) + 8;

  // Funding.
  section(p, 'Funding streams');
  const fcols: Column[] = [
    { header: 'Funder', width: 100, overflow: 'ellipsis' },
    { header: 'Cadence', width: 52 },
    { header: 'Each payment', width: 60, align: 'right' },
    { header: 'Weekly', width: 66, align: 'right' },
    { header: 'Yearly', width: 70, align: 'right' },
    { header: 'Due', width: 30, align: 'right' },
    { header: 'Expected in period', width: 68, align: 'right' },
    { header: 'Received in period', width: W - 446, align: 'right' },
  ];
  table(
    p,
    fcols,
    d.funding.streams.map((f) => [f.funderName, f.cadenceLabel, money(f.amount), money(f.weekly), money(f.yearly), String(f.dueInPeriod), money(f.expectedInPeriod), money(f.receivedInPeriod)]),
    { totals: [['Council funding', '', '', money(d.funding.weekly), money(d.funding.yearly), '', money(d.funding.expectedInPeriod), money(d.funding.receivedInPeriod)]] },
  );
  paragraph(p, d.funding.rule, { size: p.scale.small, color: GREY });

  // Contribution.
  section(p, "The client's contribution");
  const c = d.contribution;
  table(
    p,
    [
      { header: 'Contribution', width: 250 },
      { header: 'Weekly', width: 80, align: 'right' },
      { header: 'Yearly', width: 85, align: 'right' },
      { header: 'Amount', width: W - 415, align: 'right' },
    ],
    [
      ...(c.schedules.length === 0 ? [['No contribution is assessed for this client in the period', '', '', '']] : []),
      ...c.schedules.map((s) => [`${s.cadenceLabel}, ${money(s.amount)} each, from ${longDate(s.firstDate)}${s.endDate ? ` to ${longDate(s.endDate)}` : ''}`, money(s.weekly), money(s.yearly), '']),
      ['Assessed in the period', '', '', money(c.assessedInPeriod)],
      ['Received in the period', '', '', money(c.receivedInPeriod)],
      [`Assessed to ${longDate(d.period.to)}`, '', '', money(c.assessedToDate)],
      [`Received to ${longDate(d.period.to)}`, '', '', money(c.receivedToDate)],
    ],
    { totals: [['Arrears at the end of the period', '', '', money(c.arrears)]] },
  );
  paragraph(p, c.rule, { size: p.scale.small, color: GREY });

  // Spending.
  section(p, 'Spending by category');
  const spent = d.spending.lines.filter((l) => l.amount !== 0);
  table(
    p,
    [
      { header: 'Category', width: 250 },
      { header: 'Account', width: 150 },
      { header: 'Spent in period', width: W - 400, align: 'right' },
    ],
    spent.length > 0 ? spent.map((l) => [l.label, l.code, money(l.amount)]) : [['No spending in the period', '', money(0)]],
    { totals: [['Total spending', '', money(d.spending.total)]] },
  );
  paragraph(p, `${d.spending.rule} Categories with no spending are left out here; the workbook lists every category.`, { size: p.scale.small, color: GREY });

  // Balance.
  section(p, 'Balance');
  const b = d.balance;
  table(
    p,
    [
      { header: 'Client’s share of the bank account', width: 380 },
      { header: 'Amount', width: W - 380, align: 'right' },
    ],
    [
      [`Opening balance on ${longDate(d.period.from)}`, money(b.opening)],
      ['Receipts: council funding', money(b.receipts.council)],
      ['Receipts: client’s contribution', money(b.receipts.contribution)],
      ['Receipts: other income', money(b.receipts.other)],
      ['Money paid out (payments, wages, HMRC, pension; net of refunds and reversals)', money(-b.paidOut)],
    ],
    { totals: [[`Closing balance on ${longDate(d.period.to)}`, money(b.closing)]] },
  );
  paragraph(
    p,
    `${b.rule} Owed but not yet paid: ${money(b.unpaidOpening)} at the start, ${money(b.unpaidClosing)} at the end. Spending ${money(d.spending.total)} against money paid out ${money(b.paidOut)}.`,
    { size: p.scale.small, color: GREY },
  );

  // Surplus.
  const s = d.surplus;
  section(p, `Surplus under the funder’s rule at ${longDate(s.asOf)}`, 200);
  table(
    p,
    [
      { header: 'Figure', width: 380 },
      { header: 'Amount', width: W - 380, align: 'right' },
    ],
    s.figures.filter((f) => f.label !== 'Surplus').map((f) => [f.label, f.pence === null ? (f.text ?? '') : money(f.pence)]),
    { totals: [['Surplus', money(s.surplus)]] },
  );
  paragraph(p, `${s.rule} Weekly funding counts the council funding and the client’s contribution running on that day, as Steward’s alerts do. Weeks of funding held: ${s.weeksHeld === null ? 'no funding' : s.weeksHeld.toFixed(1)}.`, { size: p.scale.small, color: GREY });

  // Evidence.
  section(p, 'Evidence');
  table(
    p,
    [
      { header: 'Item', width: 130 },
      { header: 'Status', width: 70 },
      { header: 'What Steward holds', width: W - 200 },
    ],
    d.evidence.map((e) => [e.item, EVIDENCE_STATUS_LABEL[e.status], e.detail]),
    { caption: 'What the council asks for' },
  );
  if (d.attachments.length > 0) {
    table(
      p,
      [
        { header: 'File', width: 200, overflow: 'ellipsis' },
        { header: 'What it evidences', width: W - 260 },
        { header: 'Size', width: 60, align: 'right' },
      ],
      d.attachments.map((a) => [a.filename, a.about, `${Math.max(1, Math.round(a.bytes / 1024))} KB`]),
      { caption: 'Files attached in the ledger' },
    );
  }
  paragraph(
    p,
    'Held: Steward holds the record for the period. Missing: the council asks for it and Steward has none for the period. Expired: the record is out of date. Not held by Steward: kept outside Steward. The evidence pack (zip) holds this return, the statement, payroll summaries, payslips and every attached file.',
    { size: p.scale.small, color: GREY },
  );
  return finishPdf(p);
}
