/**
 * The two statement layouts (issue 6, points 2 and 3), drawn from StatementData with the shared
 * layout (main/reports/pdf-layout.ts).
 *
 * - Standard: the full statement for the client, their family and the funder: details, summary,
 *   flags, money in by source, money out by support-plan line, budget against actual, funding held.
 * - Easy read: large print (16 pt body, 24–28 pt headings), short sentences, one idea per line,
 *   money in / out / left as simple pictures (bars with coins and a jar, vector shapes) with the
 *   amount written large beside each, the biggest payments in plain words and the flags in plain
 *   words. Follows published easy-read guidance: short sentences with one idea each, at least
 *   14 pt text (we use 16), pictures on the left next to the words they support (source: GOV.UK
 *   "Accessible communication formats", https://www.gov.uk/government/publications/inclusive-communication/accessible-communication-formats,
 *   and Department of Health, "Making written information easier to understand for people with
 *   learning disabilities", 2010).
 */
import type { StatementData, StatementItem } from '../../../shared/reports-statement';
import type { OutputMeta } from '../../payroll/outputs/common';
import {
  CONTENT_WIDTH,
  GREY,
  PAGE,
  SANS,
  SANS_BOLD,
  createPdf,
  ensureSpace,
  finishPdf,
  longDate,
  money,
  pairs,
  paragraph,
  periodText,
  section,
  shortDate,
  table,
  titleBlock,
  type Column,
  type Pdf,
} from '../pdf-layout';

const ITEM_COLUMNS = (party: string): Column[] => [
  { header: 'Date', width: 70 },
  { header: party, width: 140 },
  { header: 'Reference', width: 95 },
  { header: 'Note', width: 125 },
  { header: 'Amount', width: CONTENT_WIDTH - 430, align: 'right' },
];

function itemRow(i: StatementItem): string[] {
  return [shortDate(i.date), i.party, i.reference, i.note, money(i.amount)];
}

/** A bold line under a table: the words across the first columns, the amount under Amount. */
function subtotal(p: Pdf, label: string, amount: number): void {
  table(p, [{ header: '', width: 430 }, { header: '', width: CONTENT_WIDTH - 430, align: 'right' }], [], { totals: [[label, money(amount)]], noHeader: true });
}

function weeksText(w: number | null): string {
  return w === null ? 'No weekly funding on record' : `${w.toFixed(1)} weeks`;
}

export function standardStatementPdf(d: StatementData, meta: OutputMeta): Buffer {
  const p = createPdf(meta, { title: 'Statement', subject: d.client.name });
  const { doc } = p;
  titleBlock(p, 'Statement', `${d.client.name} · ${periodText(d.period.from, d.period.to)}`);

  // ---- Details, two columns.
  const half = CONTENT_WIDTH / 2 - 8;
  const y0 = doc.y;
  const left = pairs(
    p,
    [
      ['Client', d.client.name],
      ['Council reference', d.client.councilReference || '—'],
      ['Arrangement', d.client.arrangementLabel],
      ['Funder', d.funders.map((f) => f.name).join(', ') || '—'],
    ],
    PAGE.margin,
    y0,
    half,
    100,
  );
  const budgetText =
    d.budget.basis === 'personal-budget'
      ? `${money(d.budget.annual ?? 0)} a year (${money(d.budget.weekly ?? 0)} a week)`
      : d.budget.basis === 'schedules'
        ? `${money(d.budget.weekly ?? 0)} a week (from the council's payment schedule)`
        : 'No budget on record';
  const right = pairs(
    p,
    [
      ['Period', periodText(d.period.from, d.period.to)],
      [d.budget.basis === 'schedules' ? 'Council funding' : 'Personal budget', budgetText],
      ['Weekly funding', d.funding.weeklyFunding > 0 ? `${money(d.funding.weeklyFunding)} (council and contribution)` : '—'],
      ['Prepared by', meta.organisationName || 'Steward'],
    ],
    PAGE.margin + half + 16,
    y0,
    half,
    100,
  );
  doc.y = Math.max(left, right) + 8;

  // ---- Summary.
  section(p, 'Summary');
  table(
    p,
    [
      { header: '', width: 300 },
      { header: 'Amount', width: 120, align: 'right' },
    ],
    [
      [`Opening balance on ${longDate(d.period.from)}`, money(d.openingBalance)],
      ['Money in', money(d.receipts.total)],
      ['Money out', money(d.payments.total)],
    ],
    { totals: [[`Closing balance on ${longDate(d.period.to)}`, money(d.closingBalance)]] },
  );
  if (d.noMovement) paragraph(p, `No money moved in this period. The balance stayed at ${money(d.closingBalance)}.`, { bold: true });

  // ---- Flags.
  if (d.flags.length > 0) {
    section(p, 'Please note', 30);
    for (const f of d.flags) paragraph(p, `• ${f.text}`, { gap: 2 });
    doc.y += 4;
  }

  // ---- Money in.
  if (d.receipts.groups.length > 0) {
    section(p, 'Money in');
    for (const g of d.receipts.groups) {
      table(p, ITEM_COLUMNS('From'), g.items.map(itemRow), { caption: g.label, gap: 0 });
      subtotal(p, `Subtotal: ${g.label}`, g.subtotal);
    }
    subtotal(p, 'Total money in', d.receipts.total);
  }

  // ---- Money out.
  if (d.payments.groups.length > 0) {
    section(p, d.payments.grouping === 'plan' ? 'Money out, by support-plan line' : 'Money out, by kind of spending');
    for (const g of d.payments.groups) {
      table(p, ITEM_COLUMNS('Paid to'), g.items.map(itemRow), { caption: g.label, gap: 0 });
      subtotal(p, `Subtotal: ${g.label}`, g.subtotal);
    }
    subtotal(p, 'Total money out', d.payments.total);
  }

  // ---- Budget against actual.
  if (d.plan) {
    section(p, `Support plan: budget against spending (plan year ${longDate(d.plan.yearStart)} to ${longDate(d.plan.yearEnd)})`);
    const w = [139, 62, 62, 62, 62, 64, 64];
    const cols: Column[] = [
      { header: 'Plan line', width: w[0]! },
      { header: 'Budget this period', width: w[1]!, align: 'right' },
      { header: 'Spent this period', width: w[2]!, align: 'right' },
      { header: 'Budget to date', width: w[3]!, align: 'right' },
      { header: 'Spent to date', width: w[4]!, align: 'right' },
      { header: 'Budget for the year', width: w[5]!, align: 'right' },
      { header: 'Left for the year', width: w[6]!, align: 'right' },
    ];
    const row = (l: StatementData['plan'] extends infer P ? (P extends { lines: Array<infer L> } ? L : never) : never): string[] => [
      l.overspent ? `${l.label} (overspent)` : l.label,
      money(l.plannedPeriod),
      money(l.actualPeriod),
      money(l.plannedToDate),
      money(l.actualToDate),
      money(l.plannedYear),
      money(l.moneyLeft),
    ];
    table(p, cols, d.plan.lines.map(row), { totals: [row(d.plan.totals)], fontSize: 8.5 });
    paragraph(p, 'Spending here is counted when it is incurred (for example wages when the pay run is done), so it can differ from the payments above, which show money leaving the bank.', { size: 8, color: GREY });
  }

  // ---- Funding held.
  section(p, 'Money held against the funder’s rules', 70);
  doc.y = pairs(
    p,
    [
      ['Balance held', money(d.closingBalance)],
      ['Weeks of funding held', weeksText(d.funding.weeksHeld)],
      ['Funder allows', `${d.funding.surplusThresholdWeeks} weeks of funding plus ${d.funding.contingencyWeeks} weeks’ contingency`],
      ['Surplus', d.funding.surplus > 0 ? money(d.funding.surplus) : 'None'],
      ['Contribution arrears', d.funding.contributionArrears > 0 ? money(d.funding.contributionArrears) : 'None'],
    ],
    PAGE.margin,
    doc.y,
    CONTENT_WIDTH,
    160,
  );
  doc.y += 6;

  if (d.notes.length > 0) {
    section(p, 'Notes', 30);
    for (const n of d.notes) paragraph(p, n, { size: 8.5, color: GREY, gap: 2 });
  }
  return finishPdf(p);
}

// ---------------------------------------------------------------------------------------------
// Easy read.

const GREEN = '#2e7d32';
const RED = '#c62828';
const BLUE = '#1565c0';
const GOLD = '#f2b705';
const GOLD_EDGE = '#a57c00';

/** A small stack of coins (vector), `n` coins high, bottom-centre at (cx, by). */
function coins(p: Pdf, cx: number, by: number, n: number): void {
  const { doc } = p;
  for (let i = 0; i < n; i += 1) {
    const y = by - 8 - i * 7;
    doc.ellipse(cx, y, 16, 6).lineWidth(1.2).fillAndStroke(GOLD, GOLD_EDGE);
  }
}

/** An arrow: in (pointing right, into the purse) or out (pointing left, away). */
function arrow(p: Pdf, x: number, y: number, dir: 'in' | 'out', color: string): void {
  const { doc } = p;
  const w = 30;
  if (dir === 'in') {
    doc.moveTo(x, y - 5).lineTo(x + w - 12, y - 5).lineTo(x + w - 12, y - 12).lineTo(x + w, y).lineTo(x + w - 12, y + 12).lineTo(x + w - 12, y + 5).lineTo(x, y + 5).closePath().fill(color);
  } else {
    doc.moveTo(x + w, y - 5).lineTo(x + 12, y - 5).lineTo(x + 12, y - 12).lineTo(x, y).lineTo(x + 12, y + 12).lineTo(x + 12, y + 5).lineTo(x + w, y + 5).closePath().fill(color);
  }
}

/** A jar filled to `fill` (0..1) with the amount's colour. */
function jar(p: Pdf, x: number, y: number, w: number, h: number, fill: number, color: string): void {
  const { doc } = p;
  const f = Math.max(0, Math.min(1, fill));
  if (f > 0) doc.roundedRect(x + 3, y + 10 + (h - 13) * (1 - f), w - 6, (h - 13) * f, 6).fill(color);
  doc.roundedRect(x, y + 6, w, h - 6, 10).lineWidth(2.5).stroke('#333333');
  doc.rect(x + 6, y, w - 12, 8).lineWidth(2).fillAndStroke('#dddddd', '#333333');
}

/** One picture row: icon, words, a bar in proportion to the largest amount, the amount large. */
function moneyRow(p: Pdf, label: string, amount: number, max: number, color: string, icon: 'in' | 'out' | 'left'): void {
  const { doc } = p;
  ensureSpace(p, 92);
  const y = doc.y;
  const x = PAGE.margin;
  if (icon === 'left') jar(p, x + 4, y + 4, 44, 62, max > 0 ? amount / max : 0, color);
  else {
    coins(p, x + 18, y + 66, icon === 'in' ? 4 : 2);
    arrow(p, x + 40, y + 38, icon, color);
  }
  doc.font(SANS_BOLD).fontSize(24).fillColor('black').text(label, x + 86, y, { width: CONTENT_WIDTH - 86, lineBreak: false });
  const barX = x + 86;
  const barMax = 210;
  const barW = max > 0 ? Math.max(6, Math.round((Math.max(0, amount) / max) * barMax)) : 6;
  doc.roundedRect(barX, y + 38, barW, 26, 5).fill(color);
  doc.font(SANS_BOLD).fontSize(28).fillColor(color).text(money(amount), barX + barMax + 14, y + 34, { width: CONTENT_WIDTH - 86 - barMax - 14, lineBreak: false });
  doc.fillColor('black');
  doc.x = PAGE.margin;
  doc.y = y + 84;
}

const PLAIN_CATEGORY: Record<string, string> = {
  'pa-wages': 'to pay your PA',
  'employer-ni': 'for tax and National Insurance on your PA’s pay',
  pension: 'for your PA’s pension',
  agency: 'for care from',
  respite: 'for a short break with',
  activities: 'for activities with',
  equipment: 'for equipment from',
  transport: 'for transport with',
  insurance: 'for insurance with',
  therapies: 'for therapy with',
  fees: 'for fees to',
  other: 'to',
};

/** "£1,234.00 to pay your PA", "£580.00 for equipment from Mobility Shop". */
export function plainPayment(i: StatementItem): string {
  const cat = i.category ?? 'other';
  const words = PLAIN_CATEGORY[cat] ?? 'to';
  if (cat === 'pa-wages' || cat === 'employer-ni' || cat === 'pension') return `${money(i.amount)} ${words}.`;
  return `${money(i.amount)} ${words} ${i.party}.`;
}

export function easyReadStatementPdf(d: StatementData, meta: OutputMeta): Buffer {
  const p = createPdf(meta, { title: 'Your money', subject: d.client.name, largePrint: true });
  const { doc } = p;
  const who = d.client.preferredName || d.client.name;
  const line = (text: string, opts: { bold?: boolean; size?: number; color?: string } = {}): void => paragraph(p, text, { ...opts, gap: 8 });

  doc.font(SANS_BOLD).fontSize(30).fillColor('black').text('Your money', PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.y += 6;
  line(`This is for ${who}.`);
  line(`This is your money for ${periodText(d.period.from, d.period.to)}.`);
  line(`At the start you had ${money(d.openingBalance)}.`);
  doc.y += 6;

  const max = Math.max(d.receipts.total, d.payments.total, Math.abs(d.closingBalance), 1);
  moneyRow(p, 'Money in', d.receipts.total, max, GREEN, 'in');
  moneyRow(p, 'Money out', d.payments.total, max, RED, 'out');
  moneyRow(p, 'Money left', d.closingBalance, max, BLUE, 'left');

  if (d.noMovement) line('No money came in or went out this time.', { bold: true });
  else {
    line(`${money(d.receipts.total)} came in.`);
    line(`${money(d.payments.total)} went out.`);
  }
  if (d.closingBalance >= 0) line(`You have ${money(d.closingBalance)} left.`, { bold: true });
  else line(`You owe ${money(-d.closingBalance)}. Your broker will talk to you about it.`, { bold: true });
  const weeks = d.funding.weeksHeld === null || d.closingBalance <= 0 ? null : Math.round(d.funding.weeksHeld);
  if (weeks !== null) line(weeks < 1 ? 'That is less than a week of money.' : weeks === 1 ? 'That is about 1 week of money.' : `That is about ${weeks} weeks of money.`);

  // ---- Where the money came from and went.
  if (d.receipts.groups.length > 0) {
    ensureSpace(p, 140);
    doc.y += 10;
    doc.font(SANS_BOLD).fontSize(24).fillColor('black').text('Where the money came from', PAGE.margin, doc.y, { width: CONTENT_WIDTH });
    doc.y += 6;
    for (const g of d.receipts.groups) {
      const words = g.source === 'council' ? `from ${d.funders[0]?.name ?? 'the council'}` : g.source === 'contribution' ? 'that you paid in' : 'from other places';
      line(`${money(g.subtotal)} ${words}.`);
    }
  }
  const payments = d.payments.groups.flatMap((g) => g.items).filter((i) => i.amount > 0 && i.reversedBy === null);
  if (payments.length > 0) {
    ensureSpace(p, 140);
    doc.y += 10;
    doc.font(SANS_BOLD).fontSize(24).fillColor('black').text('The biggest payments', PAGE.margin, doc.y, { width: CONTENT_WIDTH });
    doc.y += 6;
    const top = [...payments].sort((a, b) => b.amount - a.amount || (a.date < b.date ? -1 : 1)).slice(0, 5);
    for (const i of top) line(plainPayment(i));
    if (payments.length > top.length) line(`There were ${payments.length - top.length} more smaller payments.`);
  }
  // A reversal that puts money back in the bank undid a payment made by mistake.
  const undone = d.payments.groups.reduce((n, g) => n + g.items.filter((i) => i.reverses !== null && i.amount < 0).length, 0);
  if (undone === 1) line('One payment was a mistake. The money came back.');
  else if (undone > 1) line(`${undone} payments were mistakes. The money came back.`);

  // ---- Flags.
  if (d.flags.length > 0) {
    ensureSpace(p, 140);
    doc.y += 10;
    doc.font(SANS_BOLD).fontSize(24).fillColor('black').text('Things to know', PAGE.margin, doc.y, { width: CONTENT_WIDTH });
    doc.y += 6;
    for (const f of d.flags) {
      ensureSpace(p, 60);
      const y = doc.y;
      doc.circle(PAGE.margin + 14, y + 12, 13).fill('#e65100');
      doc.font(SANS_BOLD).fontSize(18).fillColor('white').text('!', PAGE.margin + 9, y + 1.5, { width: 10, align: 'center', lineBreak: false });
      doc.font(SANS).fontSize(16).fillColor('black').text(f.plain, PAGE.margin + 40, y, { width: CONTENT_WIDTH - 40 });
      doc.y += 10;
    }
  }

  ensureSpace(p, 80);
  doc.y += 10;
  doc.x = PAGE.margin;
  line('Questions?', { bold: true, size: 24 });
  line(`Ask your broker at ${meta.organisationName || 'your support service'}.`);
  return finishPdf(p);
}
