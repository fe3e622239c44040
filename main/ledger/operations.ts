/**
 * Money movements: receipts, payments (with authorisation and the funds check), reversals, period
 * closes, a client's final settlement, and evidence attachments. Each function runs inside the
 * caller's transaction, posts through the journal and writes its audit row.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { addDays } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import { formatPence } from '../../shared/money';
import { ATTACHMENT_MAX_BYTES, type Category, type PayeeKind } from '../../shared/domain';
import type { AttachmentAdd, AttachmentMeta, Entry, PaymentAdd, ReceiptAdd, Reverse, TransactionRow } from '../../shared/contract-money';
import { audit } from '../api/audit';
import { accountIds, createPayee, findPayeeByName, getClient, getFunder, getPayee, listSchedules, setClientStatus, endSchedule } from '../clients/repo';
import { availableFunds, bankBalance, liabilities } from './balances';
import { clientMoney, RECEIPT_LOOKBACK_DAYS } from './alerts';
import { postEntry, readEntry, type AuthorisationRecord, type Stamp } from './journal';
import { matchReceipts, matchWindowDays } from './receipts-match';
import { sqlGuard } from './sql-errors';

export interface Today {
  /** The calendar day of the app clock. */
  today: string;
}

function openClient(db: Database, clientId: number): ReturnType<typeof getClient> {
  const c = getClient(db, clientId);
  if (c.status === 'ended') throw new StewardError('CONFLICT', `${c.name}'s account ended on ${c.endDate ?? 'an earlier date'}; nothing more can be posted to it.`, { where: 'clientId' });
  return c;
}

function closedThrough(db: Database): string | null {
  return (db.prepare('SELECT MAX(through) AS t FROM period_closes').get() as { t: string | null }).t;
}

function checkOpenPeriod(db: Database, date: string): void {
  const t = closedThrough(db);
  if (t !== null && date <= t) throw new StewardError('PERIOD_CLOSED', `The books are closed through ${t}. Date the entry after ${t}, or post a correction in the open period.`, { where: 'date' });
}

// ---------- Receipts ----------

export function recordReceipt(db: Database, input: z.output<typeof ReceiptAdd>, st: Stamp) {
  const c = openClient(db, input.clientId);
  checkOpenPeriod(db, input.date);
  let funderId: number | null = null;
  if (input.source === 'council') {
    funderId = input.funderId ?? (c.funderIds.length === 1 ? c.funderIds[0]! : null);
    if (funderId === null) throw new StewardError('VALIDATION', `${c.name} has more than one funder: say which one paid.`, { where: 'funderId' });
    if (!c.funderIds.includes(funderId)) throw new StewardError('VALIDATION', `Funder ${funderId} does not fund ${c.name}.`, { where: 'funderId' });
    getFunder(db, funderId);
  } else if (input.funderId !== undefined) {
    throw new StewardError('VALIDATION', 'Only a council or NHS receipt names a funder.', { where: 'funderId' });
  }
  const acct = accountIds(db, c.id);
  const id = postEntry(
    db,
    {
      clientId: c.id,
      date: input.date,
      kind: 'receipt',
      source: input.source,
      funderId,
      reference: input.reference,
      memo: input.memo,
      lines: [
        { accountId: acct['bank']!, amount: input.amount },
        { accountId: acct[`income:${input.source}`]!, amount: -input.amount },
      ],
    },
    st,
  );
  const entry = readEntry(db, id);
  audit(db, { ...st, action: 'post', entity: 'entry', entityId: id, after: entry });

  // Match against the schedule(s) for this source.
  let match: { scheduleId: number; dueDate: string; expected: number } | null = null;
  const flags: Array<{ kind: 'receipt-late' | 'receipt-short' | 'receipt-duplicate'; message: string }> = [];
  if (input.source !== 'other') {
    const schedules = listSchedules(db, c.id).filter((s) => s.source === input.source && (input.source === 'contribution' || s.funderId === funderId));
    for (const s of schedules) {
      const like = { id: s.id, amount: s.amount, cadence: s.cadence, firstDate: s.firstDate, endDate: s.endDate };
      const window = matchWindowDays(s.cadence);
      const from = addDays(input.date, -RECEIPT_LOOKBACK_DAYS);
      const rows = db
        .prepare(
          `SELECT e.id AS entryId, e.date, l.amount FROM journal_entries e
             JOIN journal_lines l ON l.entry_id = e.id AND l.account_id = ?
            WHERE e.client_id = ? AND e.kind = 'receipt' AND e.source = ? AND e.funder_id IS ? AND e.date > ?
              AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id)`,
        )
        .all(acct['bank'], c.id, input.source, funderId, addDays(from, -3 * window)) as Array<{ entryId: number; date: string; amount: number }>;
      const m = matchReceipts(like, rows, addDays(from, -2 * window), input.date);
      const hit = m.due.find((d) => d.received?.entryId === id);
      if (hit) {
        match = { scheduleId: s.id, dueDate: hit.dueDate, expected: hit.expected };
        if (hit.late) flags.push({ kind: 'receipt-late', message: `Due on ${hit.dueDate}: received ${input.date}, late.` });
        if (hit.short) flags.push({ kind: 'receipt-short', message: `Expected ${formatPence(hit.expected)}; this is ${formatPence(hit.expected - input.amount)} short.` });
        break;
      }
      const dup = m.duplicates.find((d) => d.receipt.entryId === id);
      if (dup) {
        flags.push({ kind: 'receipt-duplicate', message: `Receipt ${dup.duplicateOf.entryId} of the same amount already covers the date due ${dup.dueDate}. If this is a duplicate, reverse it.` });
        break;
      }
    }
  }
  return { entry, match, flags };
}

// ---------- Payments ----------

function payeeKindFor(category: Category): PayeeKind {
  if (category === 'pa-wages') return 'pa';
  if (category === 'agency') return 'agency';
  if (category === 'pension') return 'pension';
  if (category === 'employer-ni') return 'hmrc';
  return 'supplier';
}

export function recordPayment(db: Database, input: z.output<typeof PaymentAdd>, st: Stamp) {
  const c = openClient(db, input.clientId);
  checkOpenPeriod(db, input.date);
  // Authorisation: who, when, how. A trust needs two different trustees.
  const auths: AuthorisationRecord[] = input.authorisations.map((a) => ({ by: a.by, method: a.method, at: a.at ?? input.date, note: a.note }));
  if (c.arrangement === 'user-trust') {
    const trustees = new Map(c.trustees.map((t) => [t.name.trim().toLowerCase(), t.name]));
    const approvers = new Set<string>();
    for (const a of auths) {
      const key = a.by.trim().toLowerCase();
      if (!trustees.has(key)) {
        throw new StewardError('AUTHORISATION_REQUIRED', `${a.by} is not a trustee of ${c.name}'s trust. Trustees: ${c.trustees.map((t) => t.name).join(', ')}.`, { where: 'authorisations' });
      }
      approvers.add(key);
    }
    if (approvers.size < 2) {
      throw new StewardError('AUTHORISATION_REQUIRED', `Payments from ${c.name}'s trust need two different trustees to approve. Record the second trustee's approval.`, { where: 'authorisations' });
    }
  }
  // Payee: from the directory by id, or by name (a new name joins the directory).
  let payee;
  let payeeCreated = false;
  if (input.payeeId !== undefined) {
    payee = getPayee(db, input.payeeId);
    if (payee.clientId !== null && payee.clientId !== c.id) throw new StewardError('FORBIDDEN', `${payee.name} is another client's payee.`, { where: 'payeeId' });
  } else {
    payee = findPayeeByName(db, input.payeeName!, c.id);
    if (!payee) {
      payee = createPayee(db, { name: input.payeeName!, kind: payeeKindFor(input.category), defaultCategory: input.category, sortCode: '', accountNumber: '' }, st);
      payeeCreated = true;
    }
  }
  // Funds: the client's own share only, on this date and every later date already posted.
  const available = availableFunds(db, c.id, input.date);
  if (input.amount > available && !input.override) {
    throw new StewardError(
      'INSUFFICIENT_FUNDS',
      `${c.name} has ${formatPence(available)} available on ${input.date}; this payment is ${formatPence(input.amount)}. Nothing was paid. To pay anyway, record an authorised override with a reason.`,
      { where: 'amount', details: { available, amount: input.amount } },
    );
  }
  const acct = accountIds(db, c.id);
  const id = postEntry(
    db,
    {
      clientId: c.id,
      date: input.date,
      kind: 'payment',
      category: input.category,
      payeeId: payee.id,
      reference: input.reference,
      memo: input.memo,
      authorisations: auths,
      override: input.amount > available && input.override ? input.override : null,
      lines: [
        { accountId: acct[`expense:${input.category}`]!, amount: input.amount },
        { accountId: acct['bank']!, amount: -input.amount },
      ],
    },
    st,
  );
  const entry = readEntry(db, id);
  audit(db, { ...st, action: 'post', entity: 'entry', entityId: id, after: entry });
  return { entry, payeeCreated, balanceAfter: bankBalance(db, c.id, input.date) };
}

// ---------- Reversals ----------

export function reverseEntry(db: Database, input: z.output<typeof Reverse>, st: Stamp & Today): Entry {
  const orig = readEntry(db, input.entryId);
  if (orig.kind === 'reversal') throw new StewardError('CONFLICT', `Entry ${orig.id} is itself a reversal (of entry ${orig.reversesId}); post a new entry instead.`, { where: 'entryId' });
  if (orig.reversedById !== null) throw new StewardError('CONFLICT', `Entry ${orig.id} was already reversed by entry ${orig.reversedById}.`, { where: 'entryId' });
  // Banking (migration 008): a reconciled entry needs un-reconciling first. The SQL trigger enforces it too.
  const lock = db
    .prepare('SELECT r.id, r.date FROM reconciliation_locks k JOIN reconciliations r ON r.id = k.reconciliation_id WHERE k.entry_id = ? AND r.undone_at IS NULL')
    .get(orig.id) as { id: number; date: string } | undefined;
  if (lock) {
    throw new StewardError('CONFLICT', `Entry ${orig.id} is locked by bank reconciliation ${lock.id} (to ${lock.date}). Un-reconcile it first, with a reason.`, {
      where: 'entryId',
      details: { reason: 'RECONCILED', reconciliationId: lock.id },
    });
  }
  const c = openClient(db, orig.clientId);
  const date = input.date ?? (st.today < orig.date ? orig.date : st.today);
  if (date < orig.date) throw new StewardError('VALIDATION', `A reversal cannot be dated before the entry it reverses (${orig.date}).`, { where: 'date' });
  checkOpenPeriod(db, date);
  const bankEffect = -orig.amount;
  let override: { by: string; reason: string } | null = null;
  if (bankEffect < 0) {
    const available = availableFunds(db, c.id, date);
    if (-bankEffect > available) {
      if (!input.override) {
        throw new StewardError(
          'INSUFFICIENT_FUNDS',
          `Reversing entry ${orig.id} takes ${formatPence(-bankEffect)} from ${c.name}, who has ${formatPence(available)} available on ${date}. Record an authorised override with a reason to reverse it anyway.`,
          { where: 'entryId', details: { available, amount: -bankEffect } },
        );
      }
      override = input.override;
    }
  }
  const id = postEntry(
    db,
    {
      clientId: orig.clientId,
      date,
      kind: 'reversal',
      source: orig.source,
      category: orig.category,
      funderId: (db.prepare('SELECT funder_id FROM journal_entries WHERE id = ?').get(orig.id) as { funder_id: number | null }).funder_id,
      payeeId: orig.payeeId,
      reference: orig.reference,
      memo: `Reversal of entry ${orig.id}`,
      reversesId: orig.id,
      reason: input.reason,
      override,
      lines: orig.lines.map((l) => ({ accountId: l.accountId, amount: -l.amount })),
    },
    st,
  );
  const entry = readEntry(db, id);
  audit(db, { ...st, action: 'reverse', entity: 'entry', entityId: id, before: { entryId: orig.id }, after: entry });
  return entry;
}

// ---------- Periods ----------

export function closePeriod(db: Database, through: string, st: Stamp & Today): { closedThrough: string } {
  if (through >= st.today) throw new StewardError('VALIDATION', `Only past days can be closed: choose a date before ${st.today}.`, { where: 'through' });
  const before = closedThrough(db);
  if (before !== null && through <= before) throw new StewardError('PERIOD_CLOSED', `The books are already closed through ${before}.`, { where: 'through' });
  sqlGuard(() => db.prepare('INSERT INTO period_closes(through, closed_at, actor) VALUES (?, ?, ?)').run(through, st.at, st.actor));
  audit(db, { ...st, action: 'close', entity: 'period', entityId: through, before: { closedThrough: before }, after: { closedThrough: through } });
  return { closedThrough: through };
}

export function periodStatus(db: Database): { closedThrough: string | null } {
  return { closedThrough: closedThrough(db) };
}

// ---------- Ending a client: the final settlement ----------

export function endClient(db: Database, input: { id: number; date: string; reason: string; authorisedBy: string }, st: Stamp) {
  const c = openClient(db, input.id);
  checkOpenPeriod(db, input.date);
  const owed = liabilities(db, input.date, c.id).get(c.id);
  if (owed && owed.unpaid !== 0) {
    throw new StewardError('CONFLICT', `${c.name} still owes ${formatPence(owed.unpaid)} in wages, PAYE/NI, pension or invoices. Pay those before the final settlement.`, { where: 'id' });
  }
  const later = db.prepare('SELECT COUNT(*) AS n FROM journal_entries WHERE client_id = ? AND date > ?').get(c.id, input.date) as { n: number };
  if (later.n > 0) throw new StewardError('CONFLICT', `${c.name} has entries dated after ${input.date}. End the account on or after the last entry.`, { where: 'date' });
  const view = clientMoney(db, input.date, c.id)[0]!;
  const balance = view.balance;
  if (balance < 0) throw new StewardError('INSUFFICIENT_FUNDS', `${c.name}'s balance is ${formatPence(balance)}; it must be brought to zero or above before the account ends.`, { where: 'id' });
  const funder = c.funderIds.length ? getFunder(db, c.funderIds[0]!) : null;
  const overpaid = Math.max(0, view.contributions.receivedToDate - view.contributions.assessedToDate);
  const refundToClient = funder && !funder.rules.refundContributionFirst ? 0 : Math.min(balance, overpaid);
  const refundToFunder = balance - refundToClient;
  const acct = accountIds(db, c.id);
  const auth = [{ by: input.authorisedBy, method: 'written', at: input.date, note: input.reason }];
  const entries: Entry[] = [];
  const payeeFor = (name: string, kind: PayeeKind) => findPayeeByName(db, name, c.id) ?? createPayee(db, { name, kind, clientId: kind === 'client' ? c.id : undefined, sortCode: '', accountNumber: '' } as never, st);
  if (refundToClient > 0) {
    const p = payeeFor(c.name, 'client');
    const id = postEntry(
      db,
      {
        clientId: c.id,
        date: input.date,
        kind: 'refund',
        source: 'contribution',
        payeeId: p.id,
        memo: 'Final settlement: overpaid contributions refunded',
        authorisations: auth,
        lines: [
          { accountId: acct['income:contribution']!, amount: refundToClient },
          { accountId: acct['bank']!, amount: -refundToClient },
        ],
      },
      st,
    );
    entries.push(readEntry(db, id));
  }
  if (refundToFunder > 0) {
    if (!funder) throw new StewardError('VALIDATION', `${c.name} has no funder to return the surplus to.`, { where: 'id' });
    const p = payeeFor(funder.name, 'funder');
    const id = postEntry(
      db,
      {
        clientId: c.id,
        date: input.date,
        kind: 'refund',
        source: 'council',
        funderId: funder.id,
        payeeId: p.id,
        memo: 'Final settlement: unspent funding returned',
        authorisations: auth,
        lines: [
          { accountId: acct['income:council']!, amount: refundToFunder },
          { accountId: acct['bank']!, amount: -refundToFunder },
        ],
      },
      st,
    );
    entries.push(readEntry(db, id));
  }
  for (const e of entries) audit(db, { ...st, action: 'post', entity: 'entry', entityId: e.id, after: e });
  for (const s of listSchedules(db, c.id)) if (!s.endDate || s.endDate > input.date) endSchedule(db, s.id, input.date, st, { beforeStart: true });
  const client = setClientStatus(db, c.id, 'ended', input.date, input.reason, st);
  return { client, refundToClient, refundToFunder, entries };
}

// ---------- Transactions page ----------

export function transactionsPage(db: Database, clientId: number, offset: number, limit: number): { clientId: number; total: number; offset: number; rows: TransactionRow[] } {
  getClient(db, clientId);
  const acct = accountIds(db, clientId)['bank']!;
  const total = (db.prepare('SELECT COUNT(DISTINCT entry_id) AS n FROM journal_lines WHERE account_id = ?').get(acct) as { n: number }).n;
  const rows = db
    .prepare(
      `WITH b AS (
         SELECT entry_id, date, SUM(amount) AS amount FROM journal_lines WHERE account_id = ? GROUP BY entry_id
       ), r AS (
         SELECT entry_id, date, amount, SUM(amount) OVER (ORDER BY date, entry_id ROWS UNBOUNDED PRECEDING) AS running FROM b
       ), page AS (
         SELECT * FROM r ORDER BY date DESC, entry_id DESC LIMIT ? OFFSET ?
       )
       SELECT page.entry_id, page.date, page.amount, page.running, e.kind, e.source, e.category, e.reference, e.memo, e.reverses_id,
              p.name AS payee_name, rv.id AS reversed_by_id,
              (SELECT COUNT(*) FROM attachments a WHERE a.entry_id = page.entry_id) AS attachment_count
         FROM page JOIN journal_entries e ON e.id = page.entry_id
         LEFT JOIN payees p ON p.id = e.payee_id
         LEFT JOIN journal_entries rv ON rv.reverses_id = page.entry_id
        ORDER BY page.date DESC, page.entry_id DESC`,
    )
    .all(acct, limit, offset) as Array<{
    entry_id: number;
    date: string;
    amount: number;
    running: number;
    kind: string;
    source: string | null;
    category: string | null;
    reference: string;
    memo: string;
    reverses_id: number | null;
    payee_name: string | null;
    reversed_by_id: number | null;
    attachment_count: number;
  }>;
  return {
    clientId,
    total,
    offset,
    rows: rows.map((r) => ({
      entryId: r.entry_id,
      date: r.date,
      kind: r.kind,
      source: r.source,
      category: r.category,
      reference: r.reference,
      memo: r.memo,
      payeeName: r.payee_name,
      amount: r.amount,
      runningBalance: r.running,
      reversesId: r.reverses_id,
      reversedById: r.reversed_by_id,
      attachmentCount: r.attachment_count,
    })),
  };
}

// ---------- Attachments ----------

export function sniffMime(buf: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  return null;
}

interface AttachmentRow {
  id: number;
  client_id: number;
  entry_id: number | null;
  filename: string;
  mime: string;
  bytes: number;
  sha256: string;
  created_at: string;
}

function attachmentOf(r: AttachmentRow): AttachmentMeta {
  return { id: r.id, clientId: r.client_id, entryId: r.entry_id, filename: r.filename, mime: r.mime, bytes: r.bytes, sha256: r.sha256, createdAt: r.created_at };
}

export function addAttachment(db: Database, input: z.output<typeof AttachmentAdd>, st: Stamp): AttachmentMeta {
  getClient(db, input.clientId);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64)) throw new StewardError('VALIDATION', 'The file data is not valid base64.', { where: 'dataBase64' });
  const buf = Buffer.from(input.dataBase64, 'base64');
  if (buf.length === 0) throw new StewardError('VALIDATION', 'The file is empty.', { where: 'dataBase64' });
  if (buf.length > ATTACHMENT_MAX_BYTES) throw new StewardError('VALIDATION', `The file is ${(buf.length / 1048576).toFixed(1)} MB; evidence files can be at most 10 MB.`, { where: 'dataBase64' });
  const mime = sniffMime(buf);
  if (!mime) throw new StewardError('VALIDATION', `"${input.filename}" is not a PDF, PNG or JPEG file. Scan or save the evidence in one of those formats.`, { where: 'dataBase64' });
  if (input.entryId !== undefined) {
    const e = readEntry(db, input.entryId);
    if (e.clientId !== input.clientId) throw new StewardError('FORBIDDEN', `Entry ${e.id} belongs to another client.`, { where: 'entryId' });
  }
  const sha = createHash('sha256').update(buf).digest('hex');
  const info = db
    .prepare('INSERT INTO attachments(client_id, entry_id, filename, mime, bytes, sha256, data, created_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(input.clientId, input.entryId ?? null, input.filename, mime, buf.length, sha, buf, st.at, st.actor);
  const meta = getAttachmentMeta(db, Number(info.lastInsertRowid));
  audit(db, { ...st, action: 'attach', entity: 'attachment', entityId: meta.id, after: meta });
  return meta;
}

export function getAttachmentMeta(db: Database, id: number): AttachmentMeta {
  const r = db.prepare('SELECT id, client_id, entry_id, filename, mime, bytes, sha256, created_at FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no attachment ${id}.`, { where: 'id' });
  return attachmentOf(r);
}

export function listAttachments(db: Database, clientId: number): AttachmentMeta[] {
  return (db.prepare('SELECT id, client_id, entry_id, filename, mime, bytes, sha256, created_at FROM attachments WHERE client_id = ? ORDER BY id DESC').all(clientId) as AttachmentRow[]).map(attachmentOf);
}

export function getAttachmentData(db: Database, id: number): { meta: AttachmentMeta; dataBase64: string } {
  const meta = getAttachmentMeta(db, id);
  const r = db.prepare('SELECT data FROM attachments WHERE id = ?').get(id) as { data: Buffer };
  return { meta, dataBase64: r.data.toString('base64') };
}
