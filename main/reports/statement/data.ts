/**
 * The figures of a client statement (issue 6, point 1), read from the ledger. Reads only.
 *
 * Rules (docs/statements.md explains them for brokers):
 * - Opening balance: the client's bank share (their `bank` account lines) at the end of the day
 *   before `from`. Closing: the same at the end of `to`. Opening + receipts − payments = closing is
 *   asserted; a mismatch is an INTERNAL error (the statement is never printed).
 * - A movement is an entry in the period that changed the client's bank share (`bank_amount`).
 *   Money in is a receipt; money out is a payment. A reversal is shown as its own line in the list
 *   of the entry it reverses, with the opposite sign and a note (the reversed entry is shown too,
 *   with a note pointing to its reversal), so both the mistake and its correction are visible and
 *   the subtotals still add up to the bank movement. Any other entry that moves the bank share
 *   (a refund to the funder, a transfer, an adjustment) is a receipt "other" when money came in and
 *   a payment when money went out.
 * - Payments are grouped by the support-plan line of the plan version in force at `to`: a
 *   payment's expense category maps to the first line whose accounts (accountsForLines: a PA-hours
 *   line on "pa-wages" also takes employer's NI, pension, insurance and fees unless another line
 *   names them) include it. Payments of payroll liabilities (net wages, PAYE/NI, pension) always
 *   go to the PA line (the first line on "pa-wages", else the first PA-hours line). Anything else is
 *   "Not in the support plan". With no plan in force, payments are grouped by category.
 * - Budget against actual per line: plan-against-actual (main/planning/actuals.ts) at `to` (year to
 *   date) and at the day before `from` when it is in the same plan year; the period figures are
 *   the difference. These count spending when it is incurred (a pay run's wages when it is posted),
 *   so they can differ from the payments list, which shows money leaving the bank.
 * - Funding held and flags: clientMoney (main/ledger/alerts.ts) at `to`: weekly funding from the
 *   council schedules, weeks held, contribution arrears and the surplus under the first funder's
 *   rules (surplusCheck). Overspend: a plan line or the plan has spent more than its budget for
 *   the year, or the balance is below zero.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ARRANGEMENT_LABEL, CATEGORY_LABEL, DEFAULT_FUNDER_RULES, FunderRules, type Arrangement, type Category } from '../../../shared/domain';
import { addDays, daysBetween, isIsoDate } from '../../../shared/dates';
import { StewardError } from '../../../shared/errors';
import { formatPence } from '../../../shared/money';
import type { BudgetLine, PaymentGroup, ReceiptGroup, StatementData, StatementFlag, StatementItem } from '../../../shared/reports-statement';
import type { PlanActuals } from '../../../shared/contract-planning-outputs';
import { getClient } from '../../clients/repo';
import { clientMoney } from '../../ledger/alerts';
import { accountsForLines, activeVersionOn, readPlanActuals } from '../../planning/actuals';
import { getPlan, listVersions } from '../../planning/plans';
import { longDate } from '../pdf-layout';

interface EntryRow {
  id: number;
  date: string;
  kind: string;
  source: string | null;
  category: string | null;
  funder_id: number | null;
  reference: string;
  memo: string;
  reverses_id: number | null;
  reason: string | null;
  bank_amount: number;
  payee: string | null;
  funder: string | null;
  liability: number;
}

const SOURCE_LABEL = { council: 'Funding from the council or NHS', contribution: 'Your contribution', other: 'Other money in' } as const;
const UNPLANNED = 'Not in the support plan';

function bankShare(db: Database, clientId: number, date: string): number {
  return (
    db
      .prepare(`SELECT COALESCE(SUM(l.amount), 0) AS s FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.client_id = ? AND a.code = 'bank' AND l.date <= ?`)
      .get(clientId, date) as { s: number }
  ).s;
}

function entriesBetween(db: Database, clientId: number, from: string, to: string): EntryRow[] {
  return db
    .prepare(
      `SELECT e.id, e.date, e.kind, e.source, e.category, e.funder_id, e.reference, e.memo, e.reverses_id, e.reason, e.bank_amount,
              p.name AS payee, f.name AS funder,
              EXISTS (SELECT 1 FROM journal_lines l JOIN accounts a ON a.id = l.account_id
                       WHERE l.entry_id = e.id AND a.code IN ('liability:net-wages','liability:paye-ni','liability:pension')) AS liability
         FROM journal_entries e LEFT JOIN payees p ON p.id = e.payee_id LEFT JOIN funders f ON f.id = e.funder_id
        WHERE e.client_id = ? AND e.date >= ? AND e.date <= ? AND e.bank_amount <> 0
        ORDER BY e.date, e.id`,
    )
    .all(clientId, from, to) as EntryRow[];
}

function entryById(db: Database, id: number): EntryRow | undefined {
  return db
    .prepare(
      `SELECT e.id, e.date, e.kind, e.source, e.category, e.funder_id, e.reference, e.memo, e.reverses_id, e.reason, e.bank_amount,
              p.name AS payee, f.name AS funder,
              EXISTS (SELECT 1 FROM journal_lines l JOIN accounts a ON a.id = l.account_id
                       WHERE l.entry_id = e.id AND a.code IN ('liability:net-wages','liability:paye-ni','liability:pension')) AS liability
         FROM journal_entries e LEFT JOIN payees p ON p.id = e.payee_id LEFT JOIN funders f ON f.id = e.funder_id WHERE e.id = ?`,
    )
    .get(id) as EntryRow | undefined;
}

function hasActivity(db: Database, clientId: number, to: string): boolean {
  return db.prepare('SELECT 1 FROM journal_entries WHERE client_id = ? AND date <= ? LIMIT 1').get(clientId, to) !== undefined;
}

function isReceipt(e: EntryRow, original: EntryRow | undefined): boolean {
  const base = e.kind === 'reversal' && original ? original : e;
  if (base.kind === 'receipt') return true;
  if (base.kind === 'payment') return false;
  return base.bank_amount > 0;
}

function partyOf(e: EntryRow, clientName: string): string {
  if (e.payee) return e.payee;
  if (e.source === 'council') return e.funder ?? 'Council';
  if (e.source === 'contribution') return clientName;
  if (e.memo) return e.memo;
  return e.kind === 'refund' ? 'Refund' : e.kind === 'transfer' ? 'Transfer' : e.kind === 'adjustment' ? 'Adjustment' : '';
}

interface Budget {
  basis: StatementData['budget']['basis'];
  annual: number | null;
  weekly: number | null;
  effectiveFrom: string | null;
}

function budgetAt(db: Database, clientId: number, to: string, weeklyFunding: number): Budget {
  const b = db
    .prepare(
      `SELECT annual_amount AS annual, weekly_amount AS weekly, effective_from AS f FROM personal_budgets
        WHERE client_id = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?) ORDER BY effective_from DESC, id DESC LIMIT 1`,
    )
    .get(clientId, to, to) as { annual: number; weekly: number; f: string } | undefined;
  if (b) return { basis: 'personal-budget', annual: b.annual, weekly: b.weekly, effectiveFrom: b.f };
  if (weeklyFunding > 0) return { basis: 'schedules', annual: null, weekly: weeklyFunding, effectiveFrom: null };
  return { basis: 'none', annual: null, weekly: null, effectiveFrom: null };
}

function funderRulesOf(db: Database, funderId: number | undefined): FunderRules {
  if (funderId === undefined) return DEFAULT_FUNDER_RULES;
  const r = db.prepare('SELECT rules_json FROM funders WHERE id = ?').get(funderId) as { rules_json: string } | undefined;
  return r ? FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...(JSON.parse(r.rules_json) as object) }) : DEFAULT_FUNDER_RULES;
}

function lineLabel(l: { description: string; category: string }): string {
  return l.description || (CATEGORY_LABEL[l.category as Category] ?? l.category);
}

export function buildStatementData(db: Database, clientId: number, from: string, to: string, today: string): StatementData {
  if (!isIsoDate(from)) throw new StewardError('VALIDATION', `"${from}" is not a date: write it as YYYY-MM-DD.`, { where: 'from' });
  if (!isIsoDate(to)) throw new StewardError('VALIDATION', `"${to}" is not a date: write it as YYYY-MM-DD.`, { where: 'to' });
  if (to < from) throw new StewardError('VALIDATION', 'The period ends before it starts: choose an end date on or after the start date.', { where: 'to' });
  const client = getClient(db, clientId); // NOT_FOUND for an unknown client
  if (!hasActivity(db, clientId, to)) {
    throw new StewardError('VALIDATION', `${client.name} has no money recorded in the ledger up to ${longDate(to)}, so there is nothing to put on a statement. Record their funding first, or choose a later period.`, {
      where: 'clientId',
      details: { reason: 'NO_ACTIVITY', clientId },
    });
  }

  const opening = bankShare(db, clientId, addDays(from, -1));
  const closing = bankShare(db, clientId, to);
  const entries = entriesBetween(db, clientId, from, to);
  const reversedBy = new Map<number, number>();
  for (const r of db.prepare("SELECT id, reverses_id FROM journal_entries WHERE client_id = ? AND kind = 'reversal' AND date <= ?").all(clientId, to) as Array<{ id: number; reverses_id: number }>) {
    reversedBy.set(r.reverses_id, r.id);
  }
  const originals = new Map<number, EntryRow | undefined>();
  const originalOf = (e: EntryRow): EntryRow | undefined => {
    if (e.reverses_id === null) return undefined;
    if (!originals.has(e.reverses_id)) originals.set(e.reverses_id, entryById(db, e.reverses_id));
    return originals.get(e.reverses_id);
  };

  // ---- The plan in force at `to` and its lines' accounts.
  const versions = listVersions(db, clientId);
  const active = activeVersionOn(versions, to);
  const plan = active ? getPlan(db, active.plan.id) : null;
  const lines = plan ? [...plan.lines].sort((a, b) => a.position - b.position) : [];
  const accounts = accountsForLines(lines);
  const paLineIndex = ((): number => {
    const i = lines.findIndex((l) => l.category === 'pa-wages');
    return i >= 0 ? i : lines.findIndex((l) => l.type === 'pa-hours');
  })();
  const lineFor = (category: string | null, liability: boolean): number => {
    if (liability && paLineIndex >= 0) return paLineIndex;
    if (category === null) return -1;
    return accounts.findIndex((acs) => acs.includes(category as Category));
  };

  // ---- Receipts and payments.
  const receiptGroups = new Map<string, StatementItem[]>();
  const paymentGroups = new Map<string, { lineId: number | null; label: string; kind: PaymentGroup['kind']; order: number; items: StatementItem[] }>();
  const notes: string[] = [];
  for (const e of entries) {
    const original = originalOf(e);
    const base = original ?? e;
    const receipt = isReceipt(e, original);
    let note = '';
    if (e.kind === 'reversal') note = `Reversal of the ${receipt ? 'receipt' : 'payment'} of ${longDate(base.date)}${e.reason ? `: ${e.reason}` : ''}`;
    else if (reversedBy.has(e.id)) note = 'Reversed: see the reversal below';
    else if (e.memo && e.kind !== 'payment' && e.kind !== 'receipt') note = e.memo;
    const item: StatementItem = {
      entryId: e.id,
      date: e.date,
      party: partyOf(base, client.name),
      reference: e.kind === 'reversal' ? base.reference : e.reference,
      amount: receipt ? e.bank_amount : -e.bank_amount,
      note,
      reverses: e.reverses_id,
      reversedBy: reversedBy.get(e.id) ?? null,
      category: receipt ? null : base.category,
    };
    if (receipt) {
      const src = base.source === 'council' || base.source === 'contribution' ? base.source : 'other';
      receiptGroups.set(src, [...(receiptGroups.get(src) ?? []), item]);
      continue;
    }
    let key: string;
    let group: { lineId: number | null; label: string; kind: PaymentGroup['kind']; order: number };
    if (plan) {
      const i = lineFor(base.category, base.liability === 1);
      const line = i >= 0 ? lines[i] : undefined;
      if (line) {
        key = `line:${line.id}`;
        group = { lineId: line.id, label: lineLabel(line), kind: 'line', order: i };
      } else {
        key = 'unplanned';
        group = { lineId: null, label: UNPLANNED, kind: 'unplanned', order: 10_000 };
      }
    } else {
      const cat = (base.category ?? 'other') as Category;
      key = `cat:${cat}`;
      group = { lineId: null, label: CATEGORY_LABEL[cat] ?? cat, kind: 'category', order: Math.max(0, Object.keys(CATEGORY_LABEL).indexOf(cat)) };
    }
    const g = paymentGroups.get(key);
    if (g) g.items.push(item);
    else paymentGroups.set(key, { ...group, items: [item] });
  }
  const sum = (xs: readonly StatementItem[]): number => xs.reduce((s, x) => s + x.amount, 0);
  const receipts: ReceiptGroup[] = (['council', 'contribution', 'other'] as const)
    .filter((s) => receiptGroups.has(s))
    .map((s) => {
      const items = receiptGroups.get(s)!;
      return { source: s, label: SOURCE_LABEL[s], items, subtotal: sum(items) };
    });
  const payments: PaymentGroup[] = [...paymentGroups.values()]
    .sort((a, b) => a.order - b.order)
    .map((g) => ({ lineId: g.lineId, label: g.label, kind: g.kind, items: g.items, subtotal: sum(g.items) }));
  const receiptsTotal = receipts.reduce((s, g) => s + g.subtotal, 0);
  const paymentsTotal = payments.reduce((s, g) => s + g.subtotal, 0);
  if (opening + receiptsTotal - paymentsTotal !== closing) {
    throw new StewardError(
      'INTERNAL',
      `The statement for ${client.name} does not add up (opening ${formatPence(opening)} + money in ${formatPence(receiptsTotal)} − money out ${formatPence(paymentsTotal)} ≠ closing ${formatPence(closing)}). Run "steward verify" and report this.`,
    );
  }
  if (entries.some((e) => e.kind === 'reversal' || reversedBy.has(e.id))) {
    notes.push('A reversal cancels an earlier entry that was made by mistake. Both are shown, so the list matches the bank; together they come to nothing.');
  }
  if (plan && payments.some((g) => g.kind === 'line' && g.lineId === lines[paLineIndex]?.id)) {
    notes.push('Payments of wages, PAYE and NI and pension for the PA are shown under the PA line of the support plan.');
  }

  // ---- Budget against actual (plan-against-actual at `to` and the day before `from`).
  let planOut: StatementData['plan'] = null;
  if (plan && active && to >= plan.startDate) {
    const load = (id: number) => getPlan(db, id);
    const atTo = readPlanActuals(db, clientId, to, versions, load);
    if (atTo) {
      const before = addDays(from, -1);
      let atBefore: PlanActuals | null = null;
      if (before >= atTo.planYear.start) atBefore = readPlanActuals(db, clientId, before, versions, load);
      if (atBefore && atBefore.planId !== atTo.planId) atBefore = null;
      if (from < atTo.planYear.start) notes.push(`The plan year started on ${longDate(atTo.planYear.start)}: the budget for this period is counted from that day.`);
      const prevOf = (lineId: number) => atBefore?.lines.find((l) => l.lineId === lineId);
      const budgetLines: BudgetLine[] = atTo.lines.map((l) => {
        const p = prevOf(l.lineId);
        return {
          lineId: l.lineId,
          label: lineLabel(l),
          plannedPeriod: l.plannedToDate - (p?.plannedToDate ?? 0),
          actualPeriod: l.actualToDate - (p?.actualToDate ?? 0),
          plannedYear: l.plannedYear,
          plannedToDate: l.plannedToDate,
          actualToDate: l.actualToDate,
          moneyLeft: l.moneyLeft,
          overspent: l.moneyLeft < 0,
        };
      });
      const unplannedTo = atTo.unplanned.reduce((s, u) => s + u.actualToDate, 0);
      const unplannedBefore = atBefore ? atBefore.unplanned.reduce((s, u) => s + u.actualToDate, 0) : 0;
      if (unplannedTo !== 0) {
        budgetLines.push({ lineId: null, label: UNPLANNED, plannedPeriod: 0, actualPeriod: unplannedTo - unplannedBefore, plannedYear: 0, plannedToDate: 0, actualToDate: unplannedTo, moneyLeft: -unplannedTo, overspent: false });
      }
      const t = atTo.totals;
      planOut = {
        planId: atTo.planId,
        version: atTo.planVersion,
        title: atTo.planTitle,
        yearStart: atTo.planYear.start,
        yearEnd: atTo.planYear.end,
        lines: budgetLines,
        totals: {
          lineId: null,
          label: 'Total',
          plannedPeriod: budgetLines.reduce((s, l) => s + l.plannedPeriod, 0),
          actualPeriod: budgetLines.reduce((s, l) => s + l.actualPeriod, 0),
          plannedYear: t.plannedYear,
          plannedToDate: t.plannedToDate,
          actualToDate: t.actualToDate,
          moneyLeft: t.moneyLeft,
          overspent: t.moneyLeft < 0,
        },
      };
    }
  }

  // ---- Funding held and flags.
  const cm = clientMoney(db, to, clientId)[0];
  const weeklyFunding = cm?.weeklyFunding ?? 0;
  const rules = funderRulesOf(db, client.funderIds[0]);
  const surplusAlert = cm?.alerts.find((a) => a.kind === 'surplus');
  const surplus = surplusAlert?.figures.find((f) => f.label === 'Surplus')?.pence ?? 0;
  const arrears = cm?.contributions.arrears ?? 0;
  const flags: StatementFlag[] = [];
  if (arrears > 0) {
    flags.push({
      kind: 'contribution-arrears',
      text: `Contribution arrears: ${formatPence(arrears)} of the assessed contribution has not been received.`,
      plain: `You owe ${formatPence(arrears)} of your contribution. Your broker will talk to you about it.`,
      amount: arrears,
    });
  }
  if (surplus > 0) {
    flags.push({
      kind: 'surplus',
      text: `Surplus: ${formatPence(surplus)} more than the funder allows (${rules.surplusThresholdWeeks} weeks of funding plus ${rules.contingencyWeeks} weeks' contingency). The funder may ask for it back.`,
      plain: 'You have more money than the council allows. Your broker will talk to you about it.',
      amount: surplus,
    });
  }
  const overLines = planOut ? planOut.lines.filter((l) => l.overspent) : [];
  if (planOut && (planOut.totals.overspent || overLines.length > 0)) {
    const what = planOut.totals.overspent ? `The plan has spent ${formatPence(-planOut.totals.moneyLeft)} more than its budget for the year` : `${overLines.map((l) => `"${l.label}"`).join(', ')} spent more than planned for the year`;
    flags.push({ kind: 'overspend', text: `Overspend: ${what}.`, plain: 'Some of your support cost more than the plan allows. Your broker will talk to you about it.', amount: planOut.totals.overspent ? -planOut.totals.moneyLeft : null });
  }
  if (closing < 0) {
    flags.push({ kind: 'negative-balance', text: `The balance is ${formatPence(closing)}: below zero.`, plain: 'You have spent more money than you had. Your broker will talk to you about it.', amount: closing });
  }

  const funders = client.funderIds.map((id) => {
    const f = db.prepare('SELECT id, name FROM funders WHERE id = ?').get(id) as { id: number; name: string };
    return { id: f.id, name: f.name, reference: client.councilReference };
  });

  return {
    clientId,
    client: {
      name: client.name,
      preferredName: client.preferredName,
      councilReference: client.councilReference,
      arrangement: client.arrangement,
      arrangementLabel: ARRANGEMENT_LABEL[client.arrangement as Arrangement] ?? client.arrangement,
      address: client.address,
    },
    funders,
    period: { from, to, days: daysBetween(from, to) + 1 },
    generatedOn: today,
    budget: budgetAt(db, clientId, to, weeklyFunding),
    openingBalance: opening,
    receipts: { groups: receipts, total: receiptsTotal },
    payments: { groups: payments, total: paymentsTotal, grouping: plan ? 'plan' : 'category' },
    closingBalance: closing,
    noMovement: entries.length === 0,
    plan: planOut,
    funding: {
      weeklyFunding,
      weeksHeld: cm?.weeksHeld ?? null,
      surplusThresholdWeeks: rules.surplusThresholdWeeks,
      contingencyWeeks: rules.contingencyWeeks,
      surplus,
      contributionArrears: arrears,
    },
    flags,
    notes,
  };
}
