/**
 * Bulk payment batches (issue 7): authorised payments from one bank account, checked for a bulk
 * payment file (sort code 6 digits, account number 8 digits, name and reference at most 18
 * characters of the BACS character set), exported as CSV, then marked as sent. A payment in a
 * sent batch cannot go in another batch (SQL enforces it too). See docs/banking.md, "Bulk payment file".
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BatchRow, PaymentBatch } from '../../shared/contract-banking';
import type { FileOut } from '../../shared/contract-payroll-outputs';
import { StewardError } from '../../shared/errors';
import { audit } from '../api/audit';
import { requireBankAccount, type Stamp } from './ledger-common';

/** BACS allows A–Z, 0–9, space, full stop, ampersand, slash and hyphen. */
export function bacsText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 .&/-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface PayRow {
  id: number;
  client_id: number;
  client_name: string;
  date: string;
  bank_amount: number;
  reference: string;
  kind: string;
  authorisation_json: string;
  payee_name: string | null;
  sort_code: string | null;
  account_number: string | null;
  bank_account_id: number;
  reversed: number;
  sent_batch: number | null;
}

const PAY_SELECT = `SELECT e.id, e.client_id, c.name AS client_name, e.date, e.bank_amount, e.reference, e.kind, e.authorisation_json,
       p.name AS payee_name, p.sort_code, p.account_number, a.bank_account_id,
       EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id) AS reversed,
       (SELECT b.id FROM payment_batch_items i JOIN payment_batches b ON b.id = i.batch_id WHERE i.entry_id = e.id AND b.status = 'sent') AS sent_batch
  FROM journal_entries e
  JOIN clients c ON c.id = e.client_id
  JOIN accounts a ON a.client_id = e.client_id AND a.code = 'bank'
  LEFT JOIN payees p ON p.id = e.payee_id`;

function rowOf(r: PayRow): BatchRow {
  const problems: string[] = [];
  const sort = (r.sort_code ?? '').replace(/[-\s]/g, '');
  const acct = (r.account_number ?? '').replace(/\s/g, '');
  if (!/^\d{6}$/.test(sort)) problems.push(sort ? `sort code "${r.sort_code ?? ''}" is not 6 digits` : `no sort code for ${r.payee_name ?? 'the payee'}`);
  if (!/^\d{8}$/.test(acct)) problems.push(acct ? `account number "${r.account_number ?? ''}" is not 8 digits` : `no account number for ${r.payee_name ?? 'the payee'}`);
  const name = bacsText(r.payee_name ?? '').slice(0, 18).trim();
  if (!name) problems.push('the payee has no name usable in a bank file');
  let reference = bacsText(r.reference);
  if (!reference) reference = `STEWARD-${r.id}`;
  const alnum = reference.replace(/[^A-Z0-9]/g, '');
  if (reference.length > 18) problems.push(`reference "${reference}" is longer than 18 characters`);
  else if (alnum.length < 6) problems.push(`reference "${reference}" has fewer than 6 letters and digits (banks refuse short references)`);
  else if (/^(.)\1*$/.test(alnum)) problems.push(`reference "${reference}" is one character repeated (banks refuse it)`);
  if (r.kind !== 'payment') problems.push(`entry ${r.id} is a ${r.kind}, not a payment`);
  if (r.bank_amount >= 0) problems.push(`entry ${r.id} does not pay money out`);
  if (r.authorisation_json === '[]') problems.push(`payment ${r.id} has no recorded authorisation`);
  if (r.reversed) problems.push(`payment ${r.id} has been reversed`);
  if (r.sent_batch !== null) problems.push(`payment ${r.id} is already in sent batch ${r.sent_batch}`);
  return {
    entryId: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    date: r.date,
    payeeName: r.payee_name ?? '',
    sortCode: sort,
    accountNumber: acct,
    name,
    amount: -r.bank_amount,
    reference,
    problems,
  };
}

export function candidates(db: Database, bankAccountId: number): BatchRow[] {
  requireBankAccount(db, bankAccountId);
  const rows = db
    .prepare(
      `${PAY_SELECT} WHERE a.bank_account_id = ? AND e.kind = 'payment' AND e.bank_amount < 0
         AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM payment_batch_items i JOIN payment_batches b ON b.id = i.batch_id WHERE i.entry_id = e.id AND b.status = 'sent')
       ORDER BY e.date, e.id`,
    )
    .all(bankAccountId) as PayRow[];
  return rows.map(rowOf);
}

interface BatchRec {
  id: number;
  bank_account_id: number;
  status: 'draft' | 'sent';
  created_at: string;
  actor: string;
  sent_at: string | null;
  sent_by: string | null;
}

export function getBatch(db: Database, id: number): PaymentBatch {
  const b = db.prepare('SELECT * FROM payment_batches WHERE id = ?').get(id) as BatchRec | undefined;
  if (!b) throw new StewardError('NOT_FOUND', `There is no payment batch ${id}.`, { where: 'batchId' });
  const items = db
    .prepare(
      `SELECT i.entry_id, i.sort_code, i.account_number, i.name, i.amount, i.reference, e.client_id, c.name AS client_name, e.date, p.name AS payee_name
         FROM payment_batch_items i JOIN journal_entries e ON e.id = i.entry_id JOIN clients c ON c.id = e.client_id LEFT JOIN payees p ON p.id = e.payee_id
        WHERE i.batch_id = ? ORDER BY i.seq`,
    )
    .all(id) as Array<{ entry_id: number; sort_code: string; account_number: string; name: string; amount: number; reference: string; client_id: number; client_name: string; date: string; payee_name: string | null }>;
  const rows: BatchRow[] = items.map((i) => ({
    entryId: i.entry_id,
    clientId: i.client_id,
    clientName: i.client_name,
    date: i.date,
    payeeName: i.payee_name ?? '',
    sortCode: i.sort_code,
    accountNumber: i.account_number,
    name: i.name,
    amount: i.amount,
    reference: i.reference,
    problems: [],
  }));
  return {
    id: b.id,
    bankAccountId: b.bank_account_id,
    status: b.status,
    total: rows.reduce((t, r) => t + r.amount, 0),
    count: rows.length,
    createdAt: b.created_at,
    actor: b.actor,
    sentAt: b.sent_at,
    sentBy: b.sent_by,
    rows,
  };
}

export function listBatches(db: Database, bankAccountId: number): PaymentBatch[] {
  requireBankAccount(db, bankAccountId);
  return (db.prepare('SELECT id FROM payment_batches WHERE bank_account_id = ? ORDER BY id DESC').all(bankAccountId) as Array<{ id: number }>).map((r) => getBatch(db, r.id));
}

export function createBatch(db: Database, bankAccountId: number, entryIds: number[], st: Stamp): PaymentBatch {
  requireBankAccount(db, bankAccountId);
  if (new Set(entryIds).size !== entryIds.length) throw new StewardError('VALIDATION', 'A payment is listed twice.', { where: 'paymentEntryIds' });
  const get = db.prepare(`${PAY_SELECT} WHERE e.id = ?`);
  const rows = entryIds.map((id) => {
    const r = get.get(id) as PayRow | undefined;
    if (!r) throw new StewardError('NOT_FOUND', `There is no ledger entry ${id}.`, { where: 'paymentEntryIds' });
    if (r.bank_account_id !== bankAccountId) throw new StewardError('VALIDATION', `Payment ${id} (${r.client_name}) is not paid from this bank account.`, { where: 'paymentEntryIds' });
    return rowOf(r);
  });
  const bad = rows.filter((r) => r.problems.length);
  if (bad.length) {
    throw new StewardError('VALIDATION', `These payments cannot go in a bank file: ${bad.map((r) => `payment ${r.entryId} (${r.clientName}): ${r.problems.join(', ')}`).join('; ')}.`, {
      where: 'paymentEntryIds',
      details: { problems: bad.map((r) => ({ entryId: r.entryId, problems: r.problems })) },
    });
  }
  const info = db.prepare("INSERT INTO payment_batches(bank_account_id, status, created_at, actor) VALUES (?, 'draft', ?, ?)").run(bankAccountId, st.at, st.actor);
  const id = Number(info.lastInsertRowid);
  const ins = db.prepare('INSERT INTO payment_batch_items(batch_id, entry_id, seq, sort_code, account_number, name, amount, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  rows.forEach((r, i) => ins.run(id, r.entryId, i + 1, r.sortCode, r.accountNumber, r.name, r.amount, r.reference));
  const batch = getBatch(db, id);
  audit(db, { ...st, action: 'create', entity: 'payment_batch', entityId: id, after: { bankAccountId, entryIds, total: batch.total } });
  return batch;
}

function pounds(p: number): string {
  return `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
}

/** The bulk payment CSV (see docs/banking.md): a header, then one row per payment. */
export function batchCsv(batch: PaymentBatch): string {
  const lines = ['Sort code,Account number,Account name,Amount,Reference'];
  for (const r of batch.rows) lines.push([r.sortCode, r.accountNumber, r.name, pounds(r.amount), r.reference].join(','));
  return lines.join('\r\n') + '\r\n';
}

export function batchFile(db: Database, id: number): FileOut {
  const batch = getBatch(db, id);
  const buf = Buffer.from(batchCsv(batch), 'utf8');
  return { fileName: `payments-batch-${batch.id}-${batch.createdAt.slice(0, 10)}.csv`, mime: 'text/csv', base64: buf.toString('base64'), bytes: buf.length };
}

export function markSent(db: Database, id: number, st: Stamp): PaymentBatch {
  const before = getBatch(db, id);
  if (before.status === 'sent') throw new StewardError('CONFLICT', `Batch ${id} was already marked sent on ${before.sentAt ?? ''}.`, { where: 'batchId' });
  for (const r of before.rows) {
    const other = db.prepare("SELECT b.id FROM payment_batch_items i JOIN payment_batches b ON b.id = i.batch_id WHERE i.entry_id = ? AND b.status = 'sent' AND b.id <> ?").get(r.entryId, id) as { id: number } | undefined;
    if (other) throw new StewardError('CONFLICT', `Payment ${r.entryId} is already in sent batch ${other.id}; make a new batch without it.`, { where: 'batchId' });
    const rev = db.prepare('SELECT id FROM journal_entries WHERE reverses_id = ?').get(r.entryId) as { id: number } | undefined;
    if (rev) throw new StewardError('CONFLICT', `Payment ${r.entryId} was reversed (entry ${rev.id}) after the batch was made; make a new batch without it.`, { where: 'batchId' });
  }
  db.prepare("UPDATE payment_batches SET status = 'sent', sent_at = ?, sent_by = ? WHERE id = ?").run(st.at, st.actor, id);
  const after = getBatch(db, id);
  audit(db, { ...st, action: 'send', entity: 'payment_batch', entityId: id, before: { status: before.status }, after: { status: 'sent', sentAt: st.at, total: after.total, count: after.count } });
  return after;
}
