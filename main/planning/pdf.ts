/**
 * The support plan as a printable A4 PDF (issue 5, point 9). Laid out with the payroll outputs'
 * PDF helpers (main/payroll/outputs/pdf.ts: A4, built-in Helvetica, tables that repeat their
 * headings on a new page, "Page i of N", a synchronous Buffer).
 *
 * Order, person first: the person's outcomes in their own words with the lines that serve each;
 * what matters to them, what works and what does not; how support is arranged and who manages the
 * money; the costed support (type, provider or PA, quantity and unit, rate, weekly, annual; totals;
 * budget and gap; the rounding rule as a footnote); risks with the person's informed choice and the
 * contingency plan; review dates; version, status, history and approval criteria; signature lines
 * for the person, their representative, the broker and the council.
 *
 * The built-in fonts print WinAnsi (Latin-1 plus curly quotes, dashes, the euro and a few more);
 * any other character is printed as "?" rather than as garbage (see `printable`).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BudgetCheck, Plan, PlanLine, Review, ReviewDue, Risk } from '../../shared/contract-planning';
import { CATEGORY_LABEL } from '../../shared/domain';
import { slug, type OutputMeta } from '../payroll/outputs/common';
import { checkPlan, getPlan } from './plans';
import { listReviews, listRisks, reviewDue } from './records';
import { CONTENT_WIDTH, GREY, PAGE, RULE, ensureSpace, finish, heading, hoursText, longDate, money, newDoc, pairs, paragraph, section, table, type Column, type Doc } from '../payroll/outputs/pdf';

export interface SupportPlanPdfData {
  plan: Plan;
  /** The budget check for this version (plan.check); null if it could not be made. */
  budget: BudgetCheck | null;
  /** The client's risks (risk.list); closed risks are left out of the print. */
  risks: readonly Risk[];
  /** The client's reviews (review.list). */
  reviews: readonly Review[];
  /** When the next review is due (review.due); null if not known. */
  reviewDue: ReviewDue | null;
}

/** Everything the PDF prints about one plan version, read from the ledger (NOT_FOUND naming `id` if there is no such version). */
export function supportPlanPdfData(db: Database, planId: number): SupportPlanPdfData {
  const plan = getPlan(db, planId);
  return { plan, budget: checkPlan(db, planId), risks: listRisks(db, plan.clientId), reviews: listReviews(db, plan.clientId), reviewDue: reviewDue(db, plan.clientId) };
}

const WINANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the built-in fonts can print: the Unicode minus becomes "-", other unprintable characters "?". */
export function printable(text: string): string {
  let out = '';
  for (const ch of text.replace(/\u2212/g, '-').replace(/\r\n?/g, '\n')) {
    const c = ch.codePointAt(0) ?? 63;
    out += c === 10 || (c >= 32 && c <= 126) || (c >= 160 && c <= 255) || WINANSI_EXTRA.has(ch) ? ch : '?';
  }
  return out;
}

export const ARRANGEMENT_LABEL: Record<Plan['arrangement'], string> = {
  'direct-payment': 'Direct payment',
  'managed-account': 'Managed account',
  isf: 'Individual service fund (ISF)',
  'user-trust': 'User-controlled trust',
  'council-arranged': 'Arranged by the council',
  mixed: 'A mix of arrangements',
};

export const LINE_TYPE_LABEL: Record<PlanLine['type'], string> = {
  'pa-hours': 'PA hours',
  'agency-hours': 'Agency hours',
  respite: 'Respite or short breaks',
  'day-activity': 'Day activity',
  therapy: 'Therapy',
  equipment: 'Equipment',
  transport: 'Transport',
  'community-activity': 'Community activity',
  contingency: 'Contingency',
  other: 'Other',
};

/** [unit name singular, plural, period]. */
const UNIT_TEXT: Record<PlanLine['unit'], readonly [string, string, string]> = {
  'hours-per-week': ['hour', 'hours', 'a week'],
  'sessions-per-week': ['session', 'sessions', 'a week'],
  'days-per-week': ['day', 'days', 'a week'],
  'nights-per-week': ['night', 'nights', 'a week'],
  'hours-per-month': ['hour', 'hours', 'a month'],
  'sessions-per-month': ['session', 'sessions', 'a month'],
  'hours-per-year': ['hour', 'hours', 'a year'],
  'sessions-per-year': ['session', 'sessions', 'a year'],
  'nights-per-year': ['night', 'nights', 'a year'],
  'weeks-per-year': ['week', 'weeks', 'a year'],
  'one-off': ['item', 'items', 'one-off'],
};

const STATUS_LABEL: Record<Plan['status'], string> = {
  draft: 'Draft',
  submitted: 'Submitted for approval',
  returned: 'Returned for changes',
  approved: 'Approved',
  active: 'Active',
  superseded: 'Superseded',
  ended: 'Ended',
};

const CRITERION_LABEL: Record<string, string> = {
  withinBudget: 'Within budget',
  lawful: 'Lawful',
  bestValue: 'Best value',
  realisticCosts: 'Realistic costs',
  safe: 'Safe',
};

/** Hundredths without trailing zeros: 1500 → "15", 750 → "7.5", 1 → "0.01". */
export function quantityNumber(q: number): string {
  return hoursText(q).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/** "15 hours a week (5.6 weeks off a year)", "2 sessions a month", "1 item, one-off". */
export function quantityText(l: Pick<PlanLine, 'quantity' | 'unit' | 'holidayWeeks'>): string {
  const [one, many, period] = UNIT_TEXT[l.unit];
  const n = quantityNumber(l.quantity);
  const base = l.unit === 'one-off' ? `${n} ${l.quantity === 100 ? one : many}, one-off` : `${n} ${l.quantity === 100 ? one : many} ${period}`;
  return l.holidayWeeks > 0 ? `${base} (${quantityNumber(l.holidayWeeks)} weeks off a year)` : base;
}

export function rateText(l: Pick<PlanLine, 'rate' | 'unit'>): string {
  const u = UNIT_TEXT[l.unit][0];
  return l.unit === 'one-off' ? money(l.rate) : `${money(l.rate)} ${/^[aeiou]/.test(u) || u === 'hour' ? 'an' : 'a'} ${u}`;
}

function lineLabel(l: PlanLine, n: number): string {
  const who = l.paName ?? l.providerName;
  return `${n}. ${LINE_TYPE_LABEL[l.type]}${l.description ? `: ${l.description}` : ''}${who ? ` (${who})` : ''}`;
}

function datesText(l: PlanLine): string {
  if (l.unit === 'one-off') return l.startDate ? `on ${longDate(l.startDate)}` : '';
  if (l.startDate && l.endDate) return `${longDate(l.startDate)} to ${longDate(l.endDate)}`;
  if (l.startDate) return `from ${longDate(l.startDate)}`;
  if (l.endDate) return `until ${longDate(l.endDate)}`;
  return '';
}

const orNone = (s: string, none = 'Not recorded.'): string => (s.trim() === '' ? none : s);

/** A titled block of the person's words: bold label, then the text. */
function words(doc: Doc, label: string, text: string): void {
  const body = printable(orNone(text));
  doc.font('Helvetica-Bold').fontSize(9.5);
  const h = doc.heightOfString(label, { width: CONTENT_WIDTH }) + Math.min(doc.font('Helvetica').fontSize(9.5).heightOfString(body, { width: CONTENT_WIDTH }), 60);
  ensureSpace(doc, h + 6);
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor('black').text(label, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.font('Helvetica').fontSize(9.5).fillColor(text.trim() === '' ? GREY : 'black').text(body, PAGE.margin, doc.y + 1, { width: CONTENT_WIDTH });
  doc.fillColor('black');
  doc.y += 6;
}

/** Budget, plan cost and the gap, in words a broker and the person can read. */
export function gapText(gap: number): string {
  if (gap < 0) return `Over budget by ${money(-gap)}`;
  if (gap > 0) return `Under budget by ${money(gap)}`;
  return 'Exactly on budget';
}

export const ROUNDING_FOOTNOTE =
  'How the costs are worked out: every figure is exact in pence. A weekly line runs (52 − weeks off) weeks a year: annual = quantity × rate × (52 − weeks off); a monthly line runs 12 months (annual = quantity × rate × 12); a yearly or one-off line is quantity × rate. Each annual figure is rounded half up to the penny once; weekly = annual ÷ 52, rounded half up. The plan year cost counts each line for the days it runs in the first plan year (annual × days ÷ days in the year, rounded half up; a one-off line in full in the year it falls). Totals are the sums of the rounded lines. PA rates include the employer’s on-costs from the on-cost calculator.';

export function supportPlanFileName(p: Pick<Plan, 'clientName' | 'version'>): string {
  return `support-plan-${slug(p.clientName)}-v${p.version}.pdf`;
}

/** The support plan PDF (synchronous). */
export function supportPlanPdf(d: SupportPlanPdfData, meta: OutputMeta): Buffer {
  const p = d.plan;
  const lines = [...p.lines].sort((a, b) => a.position - b.position);
  const number = new Map(lines.map((l, i) => [l.id, i + 1]));
  const doc = newDoc(meta, printable(`Support plan: ${p.clientName} (version ${p.version})`));
  const period = p.endDate ? `${longDate(p.startDate)} to ${longDate(p.endDate)}` : `from ${longDate(p.startDate)}`;
  heading(doc, meta, printable(`Support plan for ${p.clientName}`), printable(`${p.title ? `${p.title}. ` : ''}Version ${p.version}, ${STATUS_LABEL[p.status].toLowerCase()}, ${period}.`));

  // 1. Outcomes first, in the person's words.
  section(doc, 'My outcomes, in my own words');
  if (p.outcomes.length === 0) paragraph(doc, 'No outcomes are recorded in this version yet.');
  p.outcomes.forEach((o, i) => {
    const serving = o.lineIds
      .map((id) => lines.find((l) => l.id === id))
      .filter((l): l is PlanLine => l !== undefined)
      .map((l) => lineLabel(l, number.get(l.id) ?? 0));
    const quote = printable(`“${o.text}”`);
    const served = printable(serving.length > 0 ? `Supported by: ${serving.join('; ')}` : 'No support line is linked to this outcome yet.');
    const x = PAGE.margin + 16;
    const w = CONTENT_WIDTH - 16;
    doc.font('Helvetica-Bold').fontSize(10);
    const h = doc.heightOfString(quote, { width: w }) + doc.font('Helvetica').fontSize(8.5).heightOfString(served, { width: w }) + 8;
    ensureSpace(doc, Math.min(h, 120));
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${i + 1}.`, PAGE.margin, y, { width: 16 });
    doc.text(quote, x, y, { width: w });
    doc.font('Helvetica').fontSize(8.5).fillColor(serving.length > 0 ? GREY : '#9a3412').text(served, x, doc.y + 1, { width: w });
    doc.fillColor('black');
    doc.y += 6;
  });

  // 2. What matters, what works, what does not.
  section(doc, 'About me');
  words(doc, 'What matters to me', p.whatMatters);
  words(doc, 'What works for me', p.whatWorks);
  words(doc, 'What does not work for me', p.whatDoesNotWork);

  // 3. Arrangements and money.
  section(doc, 'How my support is arranged');
  doc.y = pairs(
    doc,
    [
      ['Arrangement', ARRANGEMENT_LABEL[p.arrangement]],
      ['Who manages the money', printable(orNone(p.moneyManagedBy))],
      ['How spending is recorded', printable(orNone(p.spendingRecordedBy))],
    ],
    PAGE.margin,
    doc.y,
    CONTENT_WIDTH,
    140,
  );
  doc.y += 6;

  // 4. Costed support.
  section(doc, 'What my support costs');
  const cols: Column[] = [
    { header: '#', width: 16 },
    { header: 'Type', width: 100 },
    { header: 'Provider or PA', width: 80 },
    { header: 'Quantity and unit', width: 92 },
    { header: 'Rate', width: 72, align: 'right' },
    { header: 'Weekly', width: 56, align: 'right' },
    { header: 'Annual', width: CONTENT_WIDTH - 416, align: 'right' },
  ];
  const rows = lines.map((l, i) => {
    const dates = datesText(l);
    return [
      String(i + 1),
      printable(`${LINE_TYPE_LABEL[l.type]}${l.description ? `\n${l.description}` : ''}`),
      printable(l.paName ?? l.providerName ?? (l.type === 'pa-hours' ? 'PA to be recruited' : '-')),
      printable(`${quantityText(l)}${dates ? `\n${dates}` : ''}`),
      rateText(l),
      money(l.weeklyCost),
      money(l.annualCost),
    ];
  });
  if (rows.length === 0) paragraph(doc, 'No support lines in this version yet.');
  else table(doc, cols, rows, { totals: ['', 'Total', '', `${lines.length} line${lines.length === 1 ? '' : 's'}`, '', money(p.totals.weekly), money(p.totals.annual)], fontSize: 8.5 });

  const budgetRows: Array<readonly [string, string]> = [];
  if (d.budget && d.budget.budgetAnnual !== null) {
    budgetRows.push(['Personal budget (a year)', `${money(d.budget.budgetAnnual)}${d.budget.budgetWeekly !== null ? ` (about ${money(d.budget.budgetWeekly)} a week)` : ''}`]);
  } else {
    budgetRows.push(['Personal budget', 'No personal budget is recorded for this plan’s start date.']);
  }
  budgetRows.push(['Plan cost, first plan year', money(p.totals.planYear)]);
  budgetRows.push(['Plan cost, full year', money(p.totals.annual)]);
  budgetRows.push(['Of which contingency', money(p.totals.contingencyAnnual)]);
  if (d.budget && d.budget.gap !== null) budgetRows.push(['Budget less plan (gap)', `${money(d.budget.gap)}: ${gapText(d.budget.gap).toLowerCase()}`]);
  ensureSpace(doc, budgetRows.length * 13 + 40);
  section(doc, 'Budget and gap');
  doc.y = pairs(doc, budgetRows.map(([a, b]) => [a, printable(b)] as const), PAGE.margin, doc.y, CONTENT_WIDTH, 150);
  for (const m of d.budget?.messages ?? []) paragraph(doc, printable(`${m.level === 'error' ? 'Problem' : 'Note'}: ${m.message}`), { color: m.level === 'error' ? '#9a3412' : GREY });
  doc.y += 2;
  paragraph(doc, printable(ROUNDING_FOOTNOTE), { size: 7.5 });
  const cats = [...new Set(lines.map((l) => l.category))];
  if (cats.length > 0) paragraph(doc, printable(`Spending is recorded in the ledger under: ${cats.map((c) => CATEGORY_LABEL[c]).join(', ')}.`), { size: 7.5 });

  // 5. Risks.
  section(doc, 'Risks and how they are managed');
  const risks = d.risks.filter((r) => r.status === 'open');
  if (risks.length === 0) paragraph(doc, 'No open risks are recorded.');
  else
    table(
      doc,
      [
        { header: 'Risk', width: 95 },
        { header: 'Likelihood x impact', width: 52 },
        { header: 'How it is reduced', width: 90 },
        { header: 'If it happens (contingency)', width: 95 },
        { header: 'My informed choice', width: 95 },
        { header: 'Agreed by, review', width: CONTENT_WIDTH - 427 },
      ],
      risks.map((r) => [
        printable(r.description),
        `${r.likelihood} x ${r.impact} = ${r.likelihood * r.impact}`,
        printable(orNone(r.mitigation, '-')),
        printable(orNone(r.contingencyPlan, '-')),
        printable(orNone(r.informedChoice, '-')),
        printable(`${orNone(r.agreedBy, '-')}${r.reviewDate ? `\nreview ${longDate(r.reviewDate)}` : ''}`),
      ]),
      { fontSize: 8 },
    );

  // 6. Reviews.
  section(doc, 'Reviews');
  const rv: Array<readonly [string, string]> = [];
  if (d.reviewDue && d.reviewDue.dueDate) {
    const basis = { 'first-review': 'first review', annual: 'yearly review', scheduled: 'scheduled review', none: '' }[d.reviewDue.basis];
    rv.push(['Next review due', `${longDate(d.reviewDue.dueDate)}${basis ? ` (${basis})` : ''}`]);
  } else rv.push(['Next review due', 'Not set']);
  if (d.reviewDue?.lastReviewDate) rv.push(['Last review', longDate(d.reviewDue.lastReviewDate)]);
  for (const r of d.reviews.filter((x) => x.status === 'scheduled' && x.dueDate)) rv.push(['Review booked', printable(`${longDate(r.dueDate as string)}${r.notes ? `: ${r.notes}` : ''}`)]);
  doc.y = pairs(doc, rv, PAGE.margin, doc.y, CONTENT_WIDTH, 140);
  const done = d.reviews.filter((x) => x.status === 'done' && x.date);
  if (done.length > 0) {
    doc.y += 4;
    table(
      doc,
      [
        { header: 'Reviewed on', width: 85 },
        { header: 'By', width: 110 },
        { header: 'Outcome', width: 80 },
        { header: 'Notes', width: CONTENT_WIDTH - 275 },
      ],
      done.map((r) => [longDate(r.date as string), printable(r.by), r.outcome ?? '', printable(r.notes)]),
      { fontSize: 8 },
    );
  }
  paragraph(doc, 'The law asks for a direct payment to be reviewed within its first 6 months and then at least every 12 months (Care and Support (Direct Payments) Regulations 2014, reg 7).', { size: 7.5 });

  // 7. Version, status and approval.
  section(doc, 'Version and approval');
  const vr: Array<readonly [string, string]> = [
    ['Version', `${p.version}${p.basedOnId !== null ? ' (a change to an earlier version)' : ''}`],
    ['Status', STATUS_LABEL[p.status]],
  ];
  if (p.activatedOn) vr.push(['In force from', longDate(p.activatedOn)]);
  if (p.endedOn) vr.push(['Ended on', longDate(p.endedOn)]);
  if (p.approval) vr.push(['Approved by', printable(`${p.approval.by}, ${longDate(p.approval.at.slice(0, 10))}`)]);
  doc.y = pairs(doc, vr, PAGE.margin, doc.y, CONTENT_WIDTH, 140);
  doc.y += 4;
  if (p.returnReasons.length > 0) paragraph(doc, printable(`Returned for changes: ${p.returnReasons.join('; ')}`), { color: 'black' });
  table(
    doc,
    [
      { header: 'Approval criterion', width: 120 },
      { header: 'Met?', width: 50 },
      { header: 'Comment', width: CONTENT_WIDTH - 170 },
    ],
    Object.keys(CRITERION_LABEL).map((k) => {
      const c = p.approval?.criteria[k as keyof NonNullable<Plan['approval']>['criteria']];
      return [CRITERION_LABEL[k] ?? k, c ? (c.met ? 'Yes' : 'No') : 'Not yet', printable(c?.comment ?? '')];
    }),
    { fontSize: 8.5 },
  );
  if (p.history.length > 0) {
    table(
      doc,
      [
        { header: 'When', width: 85 },
        { header: 'Change', width: 150 },
        { header: 'By', width: 110 },
        { header: 'Note', width: CONTENT_WIDTH - 345 },
      ],
      p.history.map((h) => [longDate(h.at.slice(0, 10)), `${h.from ? STATUS_LABEL[h.from] : 'Created'} to ${STATUS_LABEL[h.to]}`, printable(h.by), printable(h.note)]),
      { fontSize: 8 },
    );
  }

  // 8. Signatures.
  signatures(doc);
  return finish(doc, meta);
}

const SIGNERS = ['The person', 'Their representative', 'The broker', 'The council'] as const;

/** Four signature blocks (name, signature, date), kept together on one page. */
function signatures(doc: Doc): void {
  const block = 58;
  ensureSpace(doc, 40 + SIGNERS.length * block);
  section(doc, 'Signatures');
  paragraph(doc, 'By signing we agree that this plan describes the support and how it will be paid for.', { size: 8.5 });
  const colW = (CONTENT_WIDTH - 20) / 3;
  for (const who of SIGNERS) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).fillColor('black').text(who, PAGE.margin, y, { width: CONTENT_WIDTH });
    const ly = y + 34;
    ['Name', 'Signature', 'Date'].forEach((label, i) => {
      const x = PAGE.margin + i * (colW + 10);
      doc.moveTo(x, ly).lineTo(x + colW, ly).lineWidth(0.6).strokeColor(RULE).stroke();
      doc.font('Helvetica').fontSize(7.5).fillColor(GREY).text(label, x, ly + 2, { width: colW });
    });
    doc.fillColor('black');
    doc.y = y + block;
  }
}
