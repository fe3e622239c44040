/**
 * Reconciliation of a bank account at a date (issue 7).
 *
 *   ledger balance = statement balance + uncleared entries − unmatched statement lines
 *
 * - ledger balance: the sum of the clients' `bank` ledger lines for this bank account up to the
 *   date (for a pooled account, the pooled ledger);
 * - uncleared entries: entries on the account dated up to the date that are not matched to a bank
 *   line dated up to the date (recorded, not yet through the bank);
 * - unmatched statement lines: the part of each bank line dated up to the date that no entry
 *   dated up to the date accounts for (through the bank, not yet recorded).
 *
 * Pooled accounts add the three-way check: bank statement = pooled ledger = sum of the clients'
 * ledgers, where a client's ledger is the sum of the bank amounts of the client's own journal
 * entries (kept on each entry) and the pooled ledger is the sum of the journal lines on the
 * clients' bank accounts. Every difference is listed. Confirming records the reconciliation and
 * locks the matched entries up to the date (SQL refuses reversing them until un-reconciled).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Difference, ReconcileResult, Reconciliation, UnclearedItem } from '../../shared/contract-banking';
import { StewardError } from '../../shared/errors';
import { formatPence } from '../../shared/money';
import { audit } from '../api/audit';
import { bankAccountBalance } from '../ledger/balances';
import { requireBankAccount, type Stamp } from './ledger-common';

export interface ReconcileArgs {
  bankAccountId: number;
  date: string;
  statementBalance: number;
}

export function reconcileCheck(db: Database, a: ReconcileArgs): ReconcileResult {
  const bank = requireBankAccount(db, a.bankAccountId);
  const ledgerBalance = bankAccountBalance(db, a.bankAccountId, a.date);
  // Entries up to the date not cleared by a line up to the date.
  const entries = db
    .prepare(
      `SELECT e.id, e.date, e.bank_amount AS amount, e.client_id, e.kind, e.reference, e.memo, p.name AS payee
         FROM journal_entries e JOIN accounts a ON a.client_id = e.client_id AND a.code = 'bank'
         LEFT JOIN payees p ON p.id = e.payee_id
        WHERE a.bank_account_id = ? AND e.date <= ? AND e.bank_amount <> 0
          AND NOT EXISTS (SELECT 1 FROM bank_matches m JOIN bank_lines l ON l.id = m.bank_line_id
                           WHERE m.entry_id = e.id AND m.ended_at IS NULL AND l.date <= ?)
        ORDER BY e.date, e.id`,
    )
    .all(a.bankAccountId, a.date, a.date) as Array<{ id: number; date: string; amount: number; client_id: number; kind: string; reference: string; memo: string; payee: string | null }>;
  // Lines up to the date, less what entries up to the date account for.
  const lines = db
    .prepare(
      `SELECT l.id, l.date, l.description, l.amount - COALESCE((SELECT SUM(m.amount) FROM bank_matches m JOIN journal_entries e ON e.id = m.entry_id
                                                          WHERE m.bank_line_id = l.id AND m.ended_at IS NULL AND e.date <= ?), 0) AS open
         FROM bank_lines l WHERE l.bank_account_id = ? AND l.date <= ? ORDER BY l.date, l.id`,
    )
    .all(a.date, a.bankAccountId, a.date) as Array<{ id: number; date: string; description: string; open: number }>;
  const unclearedItems: UnclearedItem[] = [
    ...entries.map((e) => ({
      type: 'entry' as const,
      id: e.id,
      date: e.date,
      amount: e.amount,
      description: [e.kind, e.payee ?? '', e.reference, e.memo].filter((s) => s).join(' · '),
      clientId: e.client_id,
    })),
    ...lines.filter((l) => l.open !== 0).map((l) => ({ type: 'bankLine' as const, id: l.id, date: l.date, amount: l.open, description: l.description, clientId: null })),
  ];
  const unclearedEntriesTotal = entries.reduce((t, e) => t + e.amount, 0);
  const unmatchedLinesTotal = lines.reduce((t, l) => t + l.open, 0);
  const adjusted = a.statementBalance + unclearedEntriesTotal - unmatchedLinesTotal;
  const difference = ledgerBalance - adjusted;
  const differences: Difference[] = [];
  const warnings: string[] = [];
  if (difference !== 0) {
    differences.push({
      code: 'statement-vs-ledger',
      message: `The ledger (${formatPence(ledgerBalance)}) and the statement adjusted for uncleared items (${formatPence(adjusted)}) differ by ${formatPence(difference)}. Is a statement not imported, or an entry missing?`,
      amount: difference,
      clientId: null,
    });
  }
  const last = db
    .prepare('SELECT running_balance AS b FROM bank_lines WHERE bank_account_id = ? AND date <= ? AND running_balance IS NOT NULL ORDER BY date DESC, id DESC LIMIT 1')
    .get(a.bankAccountId, a.date) as { b: number } | undefined;
  const statementRunningBalance = last?.b ?? null;
  if (statementRunningBalance !== null && statementRunningBalance !== a.statementBalance) {
    differences.push({
      code: 'statement-balance-vs-lines',
      message: `The statement balance entered (${formatPence(a.statementBalance)}) is not the running balance on the last imported line up to ${a.date} (${formatPence(statementRunningBalance)}).`,
      amount: a.statementBalance - statementRunningBalance,
      clientId: null,
    });
  }
  let pooled: ReconcileResult['pooled'] = null;
  if (bank.kind === 'pooled') {
    const perClient = (
      db
        .prepare(
          `SELECT c.id AS clientId, c.name AS clientName,
                  (SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l WHERE l.account_id = a.id AND l.date <= ?) AS bankShare,
                  (SELECT COALESCE(SUM(e.bank_amount), 0) FROM journal_entries e WHERE e.client_id = c.id AND e.date <= ?) AS clientLedger
             FROM accounts a JOIN clients c ON c.id = a.client_id
            WHERE a.bank_account_id = ? AND a.code = 'bank' ORDER BY c.name COLLATE NOCASE, c.id`,
        )
        .all(a.date, a.date, a.bankAccountId) as Array<{ clientId: number; clientName: string; bankShare: number; clientLedger: number }>
    ).map((r) => ({ ...r, difference: r.bankShare - r.clientLedger }));
    const clientsTotal = perClient.reduce((t, r) => t + r.clientLedger, 0);
    for (const r of perClient) {
      if (r.difference !== 0) {
        differences.push({ code: 'client-ledger', message: `${r.clientName}: bank share ${formatPence(r.bankShare)} but the client's own entries come to ${formatPence(r.clientLedger)}.`, amount: r.difference, clientId: r.clientId });
      }
      if (r.bankShare < 0) warnings.push(`${r.clientName}'s share of the pooled account is ${formatPence(r.bankShare)} on ${a.date}: other clients' money is covering it.`);
    }
    if (clientsTotal !== ledgerBalance) {
      differences.push({ code: 'pooled-vs-clients', message: `The pooled ledger (${formatPence(ledgerBalance)}) and the sum of the clients' ledgers (${formatPence(clientsTotal)}) differ by ${formatPence(ledgerBalance - clientsTotal)}.`, amount: ledgerBalance - clientsTotal, clientId: null });
    }
    pooled = { clientsTotal, pooledLedger: ledgerBalance, perClient };
  }
  const matchedEntryCount = (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM bank_lines l CROSS JOIN bank_matches m ON m.bank_line_id = l.id JOIN journal_entries e ON e.id = m.entry_id
          WHERE l.bank_account_id = ? AND m.ended_at IS NULL AND l.date <= ? AND e.date <= ?`,
      )
      .get(a.bankAccountId, a.date, a.date) as { n: number }
  ).n;
  return {
    bankAccountId: a.bankAccountId,
    date: a.date,
    ledgerBalance,
    statementBalance: a.statementBalance,
    statementRunningBalance,
    unclearedItems,
    unclearedEntriesTotal,
    unmatchedLinesTotal,
    adjustedStatementBalance: adjusted,
    difference,
    pooled,
    differences,
    matchedEntryCount,
    ok: differences.length === 0,
    warnings,
  };
}

interface RecRow {
  id: number;
  bank_account_id: number;
  date: string;
  statement_balance: number;
  ledger_balance: number;
  note: string;
  created_at: string;
  actor: string;
  undone_at: string | null;
  undone_by: string | null;
  undone_reason: string | null;
  locked: number;
}

const REC_SELECT = 'SELECT r.*, (SELECT COUNT(*) FROM reconciliation_locks k WHERE k.reconciliation_id = r.id) AS locked FROM reconciliations r';

function recOf(r: RecRow): Reconciliation {
  return {
    id: r.id,
    bankAccountId: r.bank_account_id,
    date: r.date,
    statementBalance: r.statement_balance,
    ledgerBalance: r.ledger_balance,
    note: r.note,
    lockedEntryCount: r.locked,
    status: r.undone_at === null ? 'active' : 'undone',
    createdAt: r.created_at,
    actor: r.actor,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
    undoneReason: r.undone_reason,
  };
}

export function getReconciliation(db: Database, id: number): Reconciliation {
  const r = db.prepare(`${REC_SELECT} WHERE r.id = ?`).get(id) as RecRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no reconciliation ${id}.`, { where: 'reconciliationId' });
  return recOf(r);
}

export function listReconciliations(db: Database, bankAccountId: number): Reconciliation[] {
  requireBankAccount(db, bankAccountId);
  return (db.prepare(`${REC_SELECT} WHERE r.bank_account_id = ? ORDER BY r.date DESC, r.id DESC`).all(bankAccountId) as RecRow[]).map(recOf);
}

/** Record a reconciliation that balances, and lock its matched entries. */
export function reconcileConfirm(db: Database, a: ReconcileArgs & { note: string }, st: Stamp): { reconciliation: Reconciliation; check: ReconcileResult } {
  if (a.date > st.today) throw new StewardError('VALIDATION', `A reconciliation cannot be dated after today (${st.today}).`, { where: 'date' });
  const check = reconcileCheck(db, a);
  if (!check.ok) {
    throw new StewardError('UNBALANCED', `The reconciliation does not agree: ${check.differences.map((d) => d.message).join(' ')} Nothing was recorded.`, {
      where: 'statementBalance',
      details: { differences: check.differences },
    });
  }
  const later = db.prepare('SELECT id, date FROM reconciliations WHERE bank_account_id = ? AND undone_at IS NULL AND date >= ? ORDER BY date DESC LIMIT 1').get(a.bankAccountId, a.date) as
    | { id: number; date: string }
    | undefined;
  if (later) throw new StewardError('CONFLICT', `This account is already reconciled to ${later.date} (reconciliation ${later.id}). Un-reconcile that first to reconcile an earlier date.`, { where: 'date' });
  const info = db
    .prepare('INSERT INTO reconciliations(bank_account_id, date, statement_balance, ledger_balance, note, check_json, created_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(a.bankAccountId, a.date, a.statementBalance, check.ledgerBalance, a.note, JSON.stringify(check), st.at, st.actor);
  const id = Number(info.lastInsertRowid);
  db.prepare(
    `INSERT INTO reconciliation_locks(reconciliation_id, entry_id, bank_line_id)
     SELECT ?, m.entry_id, m.bank_line_id FROM bank_lines l CROSS JOIN bank_matches m ON m.bank_line_id = l.id JOIN journal_entries e ON e.id = m.entry_id
      WHERE l.bank_account_id = ? AND m.ended_at IS NULL AND l.date <= ? AND e.date <= ?`,
  ).run(id, a.bankAccountId, a.date, a.date);
  const rec = getReconciliation(db, id);
  audit(db, { ...st, action: 'reconcile', entity: 'reconciliation', entityId: id, after: { ...rec, check: { ledgerBalance: check.ledgerBalance, unclearedItems: check.unclearedItems.length } } });
  return { reconciliation: rec, check };
}

export function unreconcile(db: Database, id: number, reason: string, st: Stamp): Reconciliation {
  const before = getReconciliation(db, id);
  if (before.status === 'undone') throw new StewardError('CONFLICT', `Reconciliation ${id} was already undone on ${before.undoneAt ?? ''}.`, { where: 'reconciliationId' });
  db.prepare('UPDATE reconciliations SET undone_at = ?, undone_by = ?, undone_reason = ? WHERE id = ?').run(st.at, st.actor, reason, id);
  const after = getReconciliation(db, id);
  audit(db, { ...st, action: 'unreconcile', entity: 'reconciliation', entityId: id, before, after });
  return after;
}
