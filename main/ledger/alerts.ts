/**
 * The alert scan: for every open client (or one), read balances, schedules, receipts, liabilities
 * and recent spending in a handful of set-based queries, then apply the pure rules. Each alert
 * carries the figures it used and the rule in words.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { addDays } from '../../shared/dates';
import { DEFAULT_FUNDER_RULES, FunderRules, type AlertKind } from '../../shared/domain';
import { formatPence } from '../../shared/money';
import type { Alert, Figure } from '../../shared/contract-money';
import { bankBalance, bankBalances, liabilities, scheduleRows, spending, weeklyFunding, type ClientLiabilities, type ScheduleRowLite } from './balances';
import { countDue, dueDates, GRACE_DAYS, matchReceipts, matchWindowDays, type DueItem, type ReceivedItem } from './receipts-match';
import { lowBalanceCheck, surplusCheck, weeksHeld } from './rules';

/** Receipts are checked over this many days before the as-at date. */
export const RECEIPT_LOOKBACK_DAYS = 182;
/** Spending is averaged over this many weeks for the low-balance rule. */
export const SPEND_WEEKS = 13;

export interface ClientMoney {
  clientId: number;
  name: string;
  balance: number;
  weeklyFunding: number;
  weeksHeld: number | null;
  alerts: Alert[];
  due: DueItem[];
  contributions: { assessedToDate: number; receivedToDate: number; arrears: number };
}

interface ClientLite {
  id: number;
  name: string;
  status: string;
  first_funder: number | null;
}

const money = (label: string, p: number): Figure => ({ label, pence: p, text: null });
const text = (label: string, t: string): Figure => ({ label, pence: null, text: t });

/** Receipts by client and source (reversed receipts left out), dated from < date <= to. */
function receiptsBetween(db: Database, from: string, to: string, clientId?: number): Map<string, ReceivedItem[]> {
  const rows = db
    .prepare(
      `SELECT e.id, e.client_id AS c, e.source, e.funder_id AS f, e.date, e.bank_amount AS amount
         FROM journal_entries e
        WHERE e.kind = 'receipt' AND e.date > ? AND e.date <= ? ${clientId === undefined ? '' : 'AND e.client_id = ?'}
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id AND r.date <= ?)`,
    )
    .all(...(clientId === undefined ? [from, to, to] : [from, to, clientId, to])) as Array<{ id: number; c: number; source: string; f: number | null; date: string; amount: number }>;
  const out = new Map<string, ReceivedItem[]>();
  for (const r of rows) {
    const key = r.source === 'council' ? `${r.c}:council:${r.f ?? ''}` : `${r.c}:${r.source}`;
    const list = out.get(key);
    const item = { entryId: r.id, date: r.date, amount: r.amount };
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

function scheduleKey(s: ScheduleRowLite): string {
  return s.source === 'council' ? `${s.client_id}:council:${s.funder_id ?? ''}` : `${s.client_id}:contribution`;
}

/** Contribution income received to date per client (reversals netted), as positive pence. */
function contributionsReceived(db: Database, asOf: string, clientId?: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT a.client_id AS c, (SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l WHERE l.account_id = a.id AND l.date <= ?) AS t
         FROM accounts a WHERE a.code = 'income:contribution' ${clientId === undefined ? '' : 'AND a.client_id = ?'}`,
    )
    .all(...(clientId === undefined ? [asOf] : [asOf, clientId])) as Array<{ c: number; t: number }>;
  return new Map(rows.map((r) => [r.c, 0 - r.t]));
}

export function clientMoney(db: Database, asOf: string, clientId?: number): ClientMoney[] {
  const clients = db
    .prepare(
      `SELECT c.id, c.name, c.status, (SELECT MIN(funder_id) FROM client_funders cf WHERE cf.client_id = c.id) AS first_funder
         FROM clients c ${clientId === undefined ? '' : 'WHERE c.id = ?'} ORDER BY c.name COLLATE NOCASE, c.id`,
    )
    .all(...(clientId === undefined ? [] : [clientId])) as ClientLite[];
  const funderRules = new Map<number, FunderRules>();
  for (const f of db.prepare('SELECT id, rules_json FROM funders').all() as Array<{ id: number; rules_json: string }>) {
    funderRules.set(f.id, FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...(JSON.parse(f.rules_json) as object) }));
  }
  const balances = clientId === undefined ? bankBalances(db, asOf) : new Map([[clientId, bankBalance(db, clientId, asOf)]]);
  const schedules = scheduleRows(db, clientId);
  const weekly = weeklyFunding(schedules, asOf);
  const owed = liabilities(db, asOf, clientId);
  const spent = spending(db, addDays(asOf, -SPEND_WEEKS * 7), asOf, clientId);
  const from = addDays(asOf, -RECEIPT_LOOKBACK_DAYS);
  const receipts = receiptsBetween(db, addDays(from, -3 * 14), asOf, clientId);
  const contribReceived = contributionsReceived(db, asOf, clientId);
  const byClient = new Map<number, ScheduleRowLite[]>();
  for (const s of schedules) {
    const l = byClient.get(s.client_id);
    if (l) l.push(s);
    else byClient.set(s.client_id, [s]);
  }
  const out: ClientMoney[] = [];
  for (const c of clients) {
    const balance = balances.get(c.id) ?? 0;
    const wf = weekly.get(c.id) ?? 0;
    const alerts: Alert[] = [];
    const add = (kind: AlertKind, severity: Alert['severity'], message: string, rule: string, figures: Figure[]): void => {
      alerts.push({ clientId: c.id, clientName: c.name, kind, severity, message, rule, figures });
    };
    const lia: ClientLiabilities = owed.get(c.id) ?? { unpaid: 0, holidayAccrued: 0, redundancyReserve: 0 };
    const due: DueItem[] = [];
    let assessed = 0;
    let expectedIn = 0;
    const open = c.status !== 'ended';
    for (const s of byClient.get(c.id) ?? []) {
      const like = { id: s.id, amount: s.amount, cadence: s.cadence, firstDate: s.first_date, endDate: s.end_date };
      const window = matchWindowDays(s.cadence);
      const m = matchReceipts(like, receipts.get(scheduleKey(s)) ?? [], addDays(from, -2 * window), asOf);
      const shown = m.due.filter((d) => d.dueDate >= from);
      due.push(...shown);
      if (s.source === 'contribution') assessed += s.amount * countDue(like, addDays(asOf, -GRACE_DAYS));
      expectedIn += s.amount * dueDates(like, addDays(asOf, 1), addDays(asOf, 28)).length;
      if (!open) continue;
      const who = s.source === 'council' ? 'funding' : 'contribution';
      for (const d of shown) {
        if (s.source === 'council' && d.status === 'missing') {
          add('receipt-missing', 'danger', `No ${who} receipt for ${d.dueDate} (${formatPence(d.expected)} expected).`, `A receipt is missing when none arrives within ${GRACE_DAYS} days of its due date.`, [
            text('Due date', d.dueDate),
            money('Expected', d.expected),
            text('Cadence', s.cadence),
          ]);
        }
        if (s.source === 'council' && d.received && d.late) {
          add('receipt-late', 'info', `The ${who} due ${d.dueDate} arrived on ${d.received.date}.`, `A receipt is late when it arrives more than ${GRACE_DAYS} days after its due date.`, [
            text('Due date', d.dueDate),
            text('Received', d.received.date),
            money('Amount', d.received.amount),
          ]);
        }
        if (s.source === 'council' && d.received && d.short) {
          add('receipt-short', 'warning', `The ${who} due ${d.dueDate} was ${formatPence(d.expected - d.received.amount)} short.`, 'A receipt is short when it is less than the scheduled amount.', [
            text('Due date', d.dueDate),
            money('Expected', d.expected),
            money('Received', d.received.amount),
            money('Short by', d.expected - d.received.amount),
          ]);
        }
      }
      for (const dup of m.duplicates) {
        if (dup.dueDate < from) continue;
        add(
          'receipt-duplicate',
          'warning',
          `Receipt ${dup.receipt.entryId} on ${dup.receipt.date} (${formatPence(dup.receipt.amount)}) looks like a duplicate of receipt ${dup.duplicateOf.entryId}.`,
          'A receipt is a possible duplicate when the due date it would match already has a receipt of the same amount.',
          [text('Due date', dup.dueDate), text('First receipt', `${dup.duplicateOf.entryId} on ${dup.duplicateOf.date}`), text('Second receipt', `${dup.receipt.entryId} on ${dup.receipt.date}`), money('Amount', dup.receipt.amount)],
        );
      }
    }
    const received = contribReceived.get(c.id) ?? 0;
    const arrears = Math.max(0, assessed - received);
    if (open && arrears > 0) {
      add('contribution-arrears', 'warning', `Contribution arrears of ${formatPence(arrears)}.`, `Arrears = contributions assessed to date (due more than ${GRACE_DAYS} days ago) less contributions received.`, [
        money('Assessed to date', assessed),
        money('Received to date', received),
        money('Arrears', arrears),
      ]);
    }
    if (open && balance < 0) {
      add('negative-balance', 'danger', `The balance is ${formatPence(balance)}: below zero.`, 'No client may go below zero without an authorised override.', [money('Balance', balance)]);
    }
    const rules = c.first_funder === null ? DEFAULT_FUNDER_RULES : (funderRules.get(c.first_funder) ?? DEFAULT_FUNDER_RULES);
    if (open && wf > 0) {
      const sur = surplusCheck({ balance, weeklyFunding: wf, rules, liabilities: lia });
      if (sur.surplus > 0) add('surplus', 'warning', `Surplus of ${formatPence(sur.surplus)} under the funder's rule.`, sur.rule, sur.figures);
    }
    const weeklySpend = Math.floor(((spent.get(c.id) ?? 0) + SPEND_WEEKS / 2) / SPEND_WEEKS);
    const low = lowBalanceCheck({ balance, unpaid: lia.unpaid, weeklySpend: Math.max(0, weeklySpend), spendWeeks: SPEND_WEEKS, expectedIn });
    if (open && low.low && balance >= 0) add('low-balance', 'warning', `The balance is ${formatPence(low.shortfall)} short of the next 4 weeks' commitments.`, low.rule, low.figures);
    due.sort((a, b) => (a.dueDate < b.dueDate ? 1 : a.dueDate > b.dueDate ? -1 : a.scheduleId - b.scheduleId));
    out.push({ clientId: c.id, name: c.name, balance, weeklyFunding: wf, weeksHeld: weeksHeld(balance, wf), alerts, due, contributions: { assessedToDate: assessed, receivedToDate: received, arrears } });
  }
  return out;
}

