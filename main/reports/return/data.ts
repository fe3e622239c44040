/**
 * The figures of a council monitoring return (issue 6, point 3), read from the ledger only. The
 * rules behind each figure are written into the data (`rule` fields) so the PDF and the workbook
 * print the same words as docs/returns.md.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { addDays, addMonths, daysBetween } from '../../../shared/dates';
import { ARRANGEMENT_LABEL, CADENCE_LABEL, CATEGORIES, CATEGORY_LABEL, DEFAULT_FUNDER_RULES, FunderRules, weeklyEquivalent, type Arrangement, type Cadence } from '../../../shared/domain';
import { StewardError } from '../../../shared/errors';
import { formatPence } from '../../../shared/money';
import { ReturnData, type ReturnAttachment, type ReturnEvidenceItem, type ReturnFundingStream, type ReturnPayRun } from '../../../shared/reports-return';
import { clientMoney } from '../../ledger/alerts';
import { bankBalance, liabilities, scheduleRows, weeklyFunding, type ScheduleRowLite } from '../../ledger/balances';
import { dueDates } from '../../ledger/receipts-match';
import { surplusCheck, weeksHeld } from '../../ledger/rules';

export const YEARLY_RULE = 'Weekly = each payment converted with Steward’s weekly equivalent (4-weekly ÷ 4; monthly × 12 ÷ 52; rounded to the penny). Yearly = each payment × the payments in a year (weekly × 52, 4-weekly × 13, monthly × 12), as an award letter states it.';

/** A schedule's amount for a year, exact in pence: the payment times the payments a year. */
export function yearlyAmount(amount: number, cadence: Cadence): number {
  return amount * (cadence === 'weekly' ? 52 : cadence === 'four-weekly' ? 13 : 12);
}

interface ClientRow {
  id: number;
  name: string;
  council_ref: string;
  arrangement: string;
  bank_account_id: number;
  first_funder: number | null;
}

interface ScheduleFull extends ScheduleRowLite {
  funder_name: string | null;
}

function like(s: ScheduleRowLite): { id: number; amount: number; cadence: Cadence; firstDate: string; endDate: string | null } {
  return { id: s.id, amount: s.amount, cadence: s.cadence, firstDate: s.first_date, endDate: s.end_date };
}

function overlaps(s: ScheduleRowLite, from: string, to: string): boolean {
  return s.first_date <= to && (s.end_date === null || s.end_date >= from);
}

/** Money received in the period by source, reversals of receipts netted, per funder for council money. */
function receiptsIn(db: Database, clientId: number, from: string, to: string): { bySource: Record<'council' | 'contribution' | 'other', number>; byFunder: Map<number, number> } {
  const rows = db
    .prepare(
      `SELECT COALESCE(o.source, e.source) AS source, COALESCE(o.funder_id, e.funder_id) AS funder, SUM(e.bank_amount) AS amount
         FROM journal_entries e LEFT JOIN journal_entries o ON o.id = e.reverses_id
        WHERE e.client_id = ? AND e.date >= ? AND e.date <= ?
          AND (e.kind = 'receipt' OR (e.kind = 'reversal' AND o.kind = 'receipt'))
        GROUP BY 1, 2`,
    )
    .all(clientId, from, to) as Array<{ source: string | null; funder: number | null; amount: number }>;
  const bySource = { council: 0, contribution: 0, other: 0 };
  const byFunder = new Map<number, number>();
  for (const r of rows) {
    const src = r.source === 'council' || r.source === 'contribution' ? r.source : 'other';
    bySource[src] += r.amount;
    if (src === 'council' && r.funder !== null) byFunder.set(r.funder, (byFunder.get(r.funder) ?? 0) + r.amount);
  }
  return { bySource, byFunder };
}

/** The bank share's movement in the period from entries that are not receipts (or their reversals). */
function otherBankMovement(db: Database, clientId: number, from: string, to: string): number {
  const r = db
    .prepare(
      `SELECT COALESCE(SUM(e.bank_amount), 0) AS t
         FROM journal_entries e LEFT JOIN journal_entries o ON o.id = e.reverses_id
        WHERE e.client_id = ? AND e.date >= ? AND e.date <= ?
          AND NOT (e.kind = 'receipt' OR (e.kind = 'reversal' AND o.kind = 'receipt'))`,
    )
    .get(clientId, from, to) as { t: number };
  return r.t;
}

const yes = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Evidence items a council asks for, with what Steward holds for this client and period. */
function evidenceList(db: Database, c: ClientRow, rules: FunderRules, from: string, to: string, today: string, payRuns: ReturnPayRun[], attachments: ReturnAttachment[]): ReturnEvidenceItem[] {
  const out: ReturnEvidenceItem[] = [];
  // Bank statements: lines imported for the client's bank account dated in the period.
  const bank = db
    .prepare(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT l.import_id) AS imports, group_concat(DISTINCT i.file_name) AS files
         FROM bank_lines l JOIN bank_imports i ON i.id = l.import_id
        WHERE l.bank_account_id = ? AND l.date >= ? AND l.date <= ?`,
    )
    .get(c.bank_account_id, from, to) as { n: number; imports: number; files: string | null };
  out.push({
    key: 'bank-statements',
    item: 'Bank statements',
    status: bank.n > 0 ? 'held' : 'missing',
    detail:
      bank.n > 0
        ? `${yes(bank.n, 'statement line', 'statement lines')} dated in the period, from ${yes(bank.imports, 'imported statement', 'imported statements')} (${(bank.files ?? '').split(',').join(', ')}).`
        : 'No bank statement lines dated in the period have been imported for this bank account: import the statement (Banking) before sending the return.',
    count: bank.n,
  });

  const employer = db.prepare('SELECT el_insurer, el_renewal_date FROM employers WHERE client_id = ?').get(c.id) as { el_insurer: string; el_renewal_date: string | null } | undefined;
  const notEmployer = (key: string, item: string): ReturnEvidenceItem => ({ key, item, status: 'not-applicable', detail: 'The client does not employ PAs through Steward.', count: 0 });
  if (!employer) {
    out.push(notEmployer('payroll', 'Payslips and payroll summaries'), notEmployer('hmrc-pension', 'HMRC and pension records'), notEmployer('timesheets', 'Timesheets'));
    out.push(notEmployer('holiday', 'Holiday records'), notEmployer('el-insurance', "Employer's liability insurance"), notEmployer('dbs', 'DBS checks'));
  } else {
    const slips = payRuns.reduce((n, r) => n + r.pas.length, 0);
    out.push({
      key: 'payroll',
      item: 'Payslips and payroll summaries',
      status: payRuns.length > 0 ? 'held' : 'missing',
      detail:
        payRuns.length > 0
          ? `${yes(payRuns.length, 'posted pay run', 'posted pay runs')} paid in the period (${payRuns.map((r) => `run ${r.id} paid ${r.payDate}`).join('; ')}): a summary each and ${yes(slips, 'payslip', 'payslips')}.`
          : 'No posted pay run has a pay date in the period.',
      count: payRuns.length,
    });
    const liab = db
      .prepare(
        `SELECT a.code, COUNT(DISTINCT e.id) AS n, SUM(l.amount) AS amount
           FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN accounts a ON a.id = l.account_id
          WHERE e.client_id = ? AND e.kind = 'payment' AND e.date >= ? AND e.date <= ? AND a.code IN ('liability:paye-ni','liability:pension')
          GROUP BY a.code`,
      )
      .all(c.id, from, to) as Array<{ code: string; n: number; amount: number }>;
    const hmrc = liab.find((x) => x.code === 'liability:paye-ni');
    const pension = liab.find((x) => x.code === 'liability:pension');
    const n = (hmrc?.n ?? 0) + (pension?.n ?? 0);
    const parts = [
      hmrc ? `${yes(hmrc.n, 'payment', 'payments')} to HMRC (${formatPence(hmrc.amount)})` : 'no payment to HMRC',
      pension ? `${yes(pension.n, 'payment', 'payments')} to the pension scheme (${formatPence(pension.amount)})` : 'no pension payment',
    ];
    out.push({
      key: 'hmrc-pension',
      item: 'HMRC and pension records',
      status: n > 0 ? 'held' : payRuns.length > 0 ? 'missing' : 'not-applicable',
      detail: n > 0 || payRuns.length > 0 ? `In the period: ${parts.join('; ')}.` : 'No pay run and no HMRC or pension payment in the period.',
      count: n,
    });
    const ts = db
      .prepare("SELECT COUNT(*) AS n FROM timesheets WHERE client_id = ? AND status = 'approved' AND period_start <= ? AND period_end >= ?")
      .get(c.id, to, from) as { n: number };
    out.push({
      key: 'timesheets',
      item: 'Timesheets',
      status: ts.n > 0 ? 'held' : payRuns.length > 0 ? 'missing' : 'not-applicable',
      detail: ts.n > 0 ? `${yes(ts.n, 'approved timesheet', 'approved timesheets')} covering days in the period.` : payRuns.length > 0 ? 'Pay runs were paid but no approved timesheet covers the period.' : 'No timesheet or pay run in the period.',
      count: ts.n,
    });
    const hol = db
      .prepare('SELECT COUNT(*) AS n, COALESCE(SUM(h.hours), 0) AS hours FROM holiday_taken h JOIN pas p ON p.id = h.pa_id WHERE p.client_id = ? AND h.date >= ? AND h.date <= ?')
      .get(c.id, from, to) as { n: number; hours: number };
    out.push({
      key: 'holiday',
      item: 'Holiday records',
      status: hol.n > 0 ? 'held' : 'missing',
      detail: hol.n > 0 ? `${yes(hol.n, 'day', 'days')} of holiday recorded in the period (${hol.hours / 100} hours).` : 'No holiday taken is recorded for the PAs in the period.',
      count: hol.n,
    });
    const insurer = employer.el_insurer.trim();
    const renewal = employer.el_renewal_date;
    const lapsed = renewal !== null && (renewal < to || renewal < today);
    out.push({
      key: 'el-insurance',
      item: "Employer's liability insurance",
      status: insurer === '' || renewal === null ? 'missing' : lapsed ? 'expired' : 'held',
      detail:
        insurer === ''
          ? "No employer's liability insurer is recorded for the employer."
          : renewal === null
            ? `Insurer ${insurer}; no renewal date recorded.`
            : lapsed
              ? `Insurer ${insurer}; the policy was due for renewal on ${renewal}, before the end of the period or today. Record the renewed policy.`
              : `Insurer ${insurer}; renewal due ${renewal}.`,
      count: insurer === '' ? 0 : 1,
    });
    const pas = db
      .prepare('SELECT id, name, dbs_check_date FROM pas WHERE client_id = ? AND start_date <= ? AND (leaving_date IS NULL OR leaving_date >= ?) ORDER BY name, id')
      .all(c.id, to, from) as Array<{ id: number; name: string; dbs_check_date: string | null }>;
    if (pas.length === 0) {
      out.push({ key: 'dbs', item: 'DBS checks', status: 'not-applicable', detail: 'No PA was employed during the period.', count: 0 });
    }
    for (const p of pas) {
      const due = p.dbs_check_date === null ? null : addMonths(p.dbs_check_date, 12 * rules.dbsMaxAgeYears);
      out.push({
        key: 'dbs',
        item: `DBS check: ${p.name}`,
        status: p.dbs_check_date === null ? 'missing' : due !== null && due < to ? 'expired' : 'held',
        detail:
          p.dbs_check_date === null
            ? 'No DBS check date is recorded for this PA.'
            : due !== null && due < to
              ? `Checked ${p.dbs_check_date}: more than ${rules.dbsMaxAgeYears} years old at the end of the period (renewal was due ${due}).`
              : `Checked ${p.dbs_check_date}; the funder asks for a recheck every ${rules.dbsMaxAgeYears} years (next by ${due}).`,
        count: p.dbs_check_date === null ? 0 : 1,
      });
    }
  }

  // Invoices and receipts: payments (other than payroll liabilities, evidenced by the payroll
  // records) dated in the period, and whether each has a file attached.
  const pays = db
    .prepare(
      `SELECT e.id, (SELECT COUNT(*) FROM attachments t WHERE t.entry_id = e.id) AS files
         FROM journal_entries e
        WHERE e.client_id = ? AND e.kind = 'payment' AND e.date >= ? AND e.date <= ?
          AND NOT EXISTS (SELECT 1 FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.entry_id = e.id AND a.code LIKE 'liability:%')
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id)
        ORDER BY e.date, e.id`,
    )
    .all(c.id, from, to) as Array<{ id: number; files: number }>;
  const without = pays.filter((p) => p.files === 0).map((p) => p.id);
  out.push({
    key: 'invoices',
    item: 'Invoices and receipts',
    status: without.length > 0 ? 'missing' : pays.length > 0 || attachments.length > 0 ? 'held' : 'not-applicable',
    detail:
      `${yes(attachments.length, 'file', 'files')} attached to entries dated in the period or added to the client in it. ` +
      (pays.length === 0
        ? 'No payment to a supplier in the period.'
        : without.length === 0
          ? `Every one of the ${yes(pays.length, 'payment', 'payments')} in the period has a file attached.`
          : `${without.length} of ${yes(pays.length, 'payment', 'payments')} ${without.length === 1 ? 'has' : 'have'} no invoice or receipt attached (${without.length === 1 ? 'entry' : 'entries'} ${without.join(', ')}).`),
    count: attachments.length,
  });
  out.push({
    key: 'contracts',
    item: 'Contracts (employment and suppliers)',
    status: 'not-kept',
    detail: 'Not held by Steward: Steward keeps no contracts. Send copies from the employer’s or the broker’s own files.',
    count: 0,
  });
  return out;
}

export function buildReturnData(db: Database, clientId: number, from: string, to: string, today: string): ReturnData {
  if (to < from) throw new StewardError('VALIDATION', 'The period ends before it starts: choose an end date on or after the start date.', { where: 'to' });
  const c = db
    .prepare(
      `SELECT c.id, c.name, c.council_ref, c.arrangement, c.bank_account_id,
              (SELECT MIN(funder_id) FROM client_funders cf WHERE cf.client_id = c.id) AS first_funder
         FROM clients c WHERE c.id = ?`,
    )
    .get(clientId) as ClientRow | undefined;
  if (!c) throw new StewardError('NOT_FOUND', `There is no client ${clientId}. Run client.list to see client ids.`, { where: 'clientId' });
  const any = db.prepare('SELECT 1 FROM journal_entries WHERE client_id = ? AND date <= ? LIMIT 1').get(c.id, to);
  if (!any) {
    throw new StewardError('VALIDATION', `${c.name} has no money recorded up to ${to}: there is nothing to return for this period. Record the receipts and payments first, or choose a later period.`, {
      where: 'clientId',
      details: { reason: 'NO_ACTIVITY', clientId: c.id, to },
    });
  }
  const funderRow =
    c.first_funder === null ? undefined : (db.prepare('SELECT id, name, kind, rules_json FROM funders WHERE id = ?').get(c.first_funder) as { id: number; name: string; kind: string; rules_json: string } | undefined);
  const rules = FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...(funderRow ? (JSON.parse(funderRow.rules_json) as object) : {}) });
  const funderNames = new Map((db.prepare('SELECT id, name FROM funders').all() as Array<{ id: number; name: string }>).map((f) => [f.id, f.name]));

  const schedules = scheduleRows(db, c.id).map((s): ScheduleFull => ({ ...s, funder_name: s.funder_id === null ? null : (funderNames.get(s.funder_id) ?? null) }));
  const rec = receiptsIn(db, c.id, from, to);

  // Funding streams: council schedules running at some point in the period.
  const streams: ReturnFundingStream[] = [];
  for (const s of schedules.filter((x) => x.source === 'council' && overlaps(x, from, to))) {
    const weekly = weeklyEquivalent(s.amount, s.cadence);
    const due = dueDates(like(s), from, to).length;
    streams.push({
      scheduleId: s.id,
      funderId: s.funder_id ?? 0,
      funderName: s.funder_name ?? '',
      cadence: s.cadence,
      cadenceLabel: CADENCE_LABEL[s.cadence],
      amount: s.amount,
      weekly,
      yearly: yearlyAmount(s.amount, s.cadence),
      firstDate: s.first_date,
      endDate: s.end_date,
      dueInPeriod: due,
      expectedInPeriod: s.amount * due,
      receivedInPeriod: 0,
    });
  }
  for (const [funderId, received] of rec.byFunder) {
    const mine = streams.filter((s) => s.funderId === funderId);
    let left = received;
    mine.forEach((s, i) => {
      const take = i === mine.length - 1 ? left : Math.min(left, s.expectedInPeriod);
      s.receivedInPeriod = take;
      left -= take;
    });
  }
  const fundingReceived = rec.bySource.council;

  // Contribution.
  const contribSchedules = schedules.filter((x) => x.source === 'contribution' && overlaps(x, from, to));
  const running = (s: ScheduleRowLite): boolean => s.first_date <= to && (s.end_date === null || s.end_date >= to);
  const streamRunning = (s: ReturnFundingStream): boolean => s.firstDate <= to && (s.endDate === null || s.endDate >= to);
  const cm = clientMoney(db, to, c.id)[0];
  const contribution = {
    schedules: contribSchedules.map((s) => {
      const weekly = weeklyEquivalent(s.amount, s.cadence);
      return { scheduleId: s.id, cadence: s.cadence, cadenceLabel: CADENCE_LABEL[s.cadence], amount: s.amount, weekly, yearly: yearlyAmount(s.amount, s.cadence), firstDate: s.first_date, endDate: s.end_date };
    }),
    weekly: contribSchedules.filter(running).reduce((t, s) => t + weeklyEquivalent(s.amount, s.cadence), 0),
    yearly: 0,
    assessedInPeriod: contribSchedules.reduce((t, s) => t + s.amount * dueDates(like(s), from, to).length, 0),
    receivedInPeriod: rec.bySource.contribution,
    assessedToDate: cm?.contributions.assessedToDate ?? 0,
    receivedToDate: cm?.contributions.receivedToDate ?? 0,
    arrears: cm?.contributions.arrears ?? 0,
    rule: 'Assessed in the period = contributions falling due from the start to the end of the period. Arrears = contributions due to the end of the period (more than 3 days before it) less all contributions received to then.',
  };
  contribution.yearly = contribSchedules.filter(running).reduce((t, s) => t + yearlyAmount(s.amount, s.cadence), 0);

  // Spending by category: expense accounts' lines dated in the period (payroll posts wages,
  // employer NI and employer pension to their expense accounts when a pay run is posted).
  const spent = new Map(
    (
      db
        .prepare(
          `SELECT a.code, COALESCE(SUM(l.amount), 0) AS t FROM accounts a JOIN journal_lines l ON l.account_id = a.id
            WHERE a.client_id = ? AND a.type = 'expense' AND l.date >= ? AND l.date <= ? GROUP BY a.code`,
        )
        .all(c.id, from, to) as Array<{ code: string; t: number }>
    ).map((r) => [r.code, r.t]),
  );
  const lines = CATEGORIES.map((cat) => ({ code: `expense:${cat}`, category: cat, label: CATEGORY_LABEL[cat], amount: spent.get(`expense:${cat}`) ?? 0 }));
  const spendingTotal = lines.reduce((t, l) => t + l.amount, 0);

  // Balance (the client's bank share).
  const opening = bankBalance(db, c.id, addDays(from, -1));
  const closing = bankBalance(db, c.id, to);
  const receiptsTotal = rec.bySource.council + rec.bySource.contribution + rec.bySource.other;
  const paidOut = 0 - otherBankMovement(db, c.id, from, to);
  if (opening + receiptsTotal - paidOut !== closing) {
    throw new StewardError('INTERNAL', `The return for ${c.name} does not add up: opening ${opening} + receipts ${receiptsTotal} − paid out ${paidOut} ≠ closing ${closing}.`);
  }
  const unpaidOpening = liabilities(db, addDays(from, -1), c.id).get(c.id)?.unpaid ?? 0;
  const lia = liabilities(db, to, c.id).get(c.id) ?? { unpaid: 0, holidayAccrued: 0, redundancyReserve: 0 };

  // Surplus at the period end under the funder's rule.
  const wf = weeklyFunding(schedules, to).get(c.id) ?? 0;
  const sur = surplusCheck({ balance: closing, weeklyFunding: wf, rules, liabilities: lia });

  // Pay runs paid in the period and the files attached as evidence.
  const runRows = db
    .prepare("SELECT id, period_start, period_end, pay_date FROM pay_runs WHERE client_id = ? AND status = 'posted' AND pay_date >= ? AND pay_date <= ? ORDER BY pay_date, id")
    .all(c.id, from, to) as Array<{ id: number; period_start: string; period_end: string; pay_date: string }>;
  const paOf = db.prepare('SELECT p.id AS paId, p.name FROM pay_run_lines l JOIN pas p ON p.id = l.pa_id WHERE l.pay_run_id = ? ORDER BY p.name, p.id');
  const payRuns: ReturnPayRun[] = runRows.map((r) => ({ id: r.id, periodStart: r.period_start, periodEnd: r.period_end, payDate: r.pay_date, pas: paOf.all(r.id) as Array<{ paId: number; name: string }> }));

  const attachments = (
    db
      .prepare(
        `SELECT t.id, t.entry_id, COALESCE(e.date, substr(t.created_at, 1, 10)) AS date, t.filename, t.mime, t.bytes, t.sha256,
                e.kind, e.category, e.reference, p.name AS payee
           FROM attachments t
           LEFT JOIN journal_entries e ON e.id = t.entry_id
           LEFT JOIN payees p ON p.id = e.payee_id
          WHERE t.client_id = ?
            AND ((t.entry_id IS NOT NULL AND e.date >= ? AND e.date <= ?)
              OR (t.entry_id IS NULL AND substr(t.created_at, 1, 10) >= ? AND substr(t.created_at, 1, 10) <= ?))
          ORDER BY 3, t.id`,
      )
      .all(c.id, from, to, from, to) as Array<{ id: number; entry_id: number | null; date: string; filename: string; mime: string; bytes: number; sha256: string; kind: string | null; category: string | null; reference: string | null; payee: string | null }>
  ).map(
    (t): ReturnAttachment => ({
      id: t.id,
      entryId: t.entry_id,
      date: t.date,
      filename: t.filename,
      mime: t.mime,
      bytes: t.bytes,
      sha256: t.sha256,
      about:
        t.entry_id === null
          ? `Client document added ${t.date}`
          : `${t.kind === 'receipt' ? 'Receipt' : t.kind === 'payment' ? 'Payment' : 'Entry'} ${t.entry_id} on ${t.date}${t.payee ? ` to ${t.payee}` : ''}${t.category ? ` (${t.category})` : ''}${t.reference ? `, ref ${t.reference}` : ''}`,
    }),
  );

  const data: ReturnData = {
    clientId: c.id,
    clientName: c.name,
    councilRef: c.council_ref,
    arrangement: ARRANGEMENT_LABEL[c.arrangement as Arrangement] ?? c.arrangement,
    funder: funderRow ? { id: funderRow.id, name: funderRow.name, kind: funderRow.kind } : null,
    period: { from, to, days: daysBetween(from, to) + 1 },
    generatedOn: today,
    funding: {
      streams,
      weekly: streams.filter(streamRunning).reduce((t, s) => t + s.weekly, 0),
      yearly: streams.filter(streamRunning).reduce((t, s) => t + s.yearly, 0),
      expectedInPeriod: streams.reduce((t, s) => t + s.expectedInPeriod, 0),
      receivedInPeriod: fundingReceived,
      rule: `${YEARLY_RULE} Totals count the schedules running on the last day of the period.`,
    },
    contribution,
    spending: {
      lines,
      total: spendingTotal,
      rule: 'Spending = what was charged to each expense category on days in the period (payments, and pay runs posted: PA wages, employer’s NI and employer pension), net of reversals and refunds.',
    },
    balance: {
      opening,
      receipts: { ...rec.bySource, total: receiptsTotal },
      paidOut,
      closing,
      unpaidOpening,
      unpaidClosing: lia.unpaid,
      rule: 'Balance = the client’s share of the bank account. Closing = opening + receipts − money paid out. Money paid out differs from spending by the change in what is owed but not yet paid (wages, HMRC, pension, invoices).',
    },
    surplus: {
      asOf: to,
      balance: closing,
      weeklyFunding: wf,
      weeksHeld: weeksHeld(closing, wf),
      surplus: sur.surplus,
      threshold: sur.threshold,
      countable: sur.countable,
      rule: sur.rule,
      figures: sur.figures,
    },
    evidence: [],
    attachments,
    payRuns,
  };
  data.evidence = evidenceList(db, c, rules, from, to, today, payRuns, attachments);
  return ReturnData.parse(data);
}
