/**
 * Payroll liabilities: what a posted pay run leaves owing (net wages to the PAs, PAYE and NI to
 * HMRC, pension contributions to the scheme) and paying it out of the client's bank share.
 *
 * A posted run credits liability:net-wages, liability:paye-ni and liability:pension; paying one
 * posts Dr liability:<x> / Cr bank. recordPayment (ledger/operations.ts) only debits expense
 * accounts, so this posts through importEntries with the same checks recordPayment makes, each
 * made first here so the error names the field: the client is open (CONFLICT, 'clientId'), the
 * period is open (PERIOD_CLOSED, 'date'), a trust's payment has two different trustees
 * (AUTHORISATION_REQUIRED, 'authorisations'), the payee is the client's own or shared
 * (FORBIDDEN, 'payeeId'), the client's bank share does not go below zero on that date or any
 * later one (INSUFFICIENT_FUNDS, 'amount'), and nobody pays more than is owed (VALIDATION, 'amount').
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { StewardError } from '../../shared/errors';
import { formatPence } from '../../shared/money';
import type { PayeeKind } from '../../shared/domain';
import type { Liabilities, LiabilityKind, PayLiability } from '../../shared/contract-payroll-ops';
import { audit } from '../api/audit';
import { accountIds, createPayee, findPayeeByName, getClient, getPayee } from '../clients/repo';
import { accountBalances, availableFunds } from '../ledger/balances';
import { importEntries } from '../ledger/import';
import type { AuthorisationRecord, Stamp } from '../ledger/journal';

const CODE: Record<LiabilityKind, string> = { 'net-wages': 'liability:net-wages', 'paye-ni': 'liability:paye-ni', pension: 'liability:pension' };
const LABEL: Record<LiabilityKind, string> = { 'net-wages': 'net wages', 'paye-ni': 'PAYE and NI', pension: 'pension contributions' };
const PAYEE_KIND: Record<LiabilityKind, PayeeKind> = { 'net-wages': 'pa', 'paye-ni': 'hmrc', pension: 'pension' };
/** The journal category a payment of each liability is filed under (the expense it came from). */
const CATEGORY: Record<LiabilityKind, string> = { 'net-wages': 'pa-wages', 'paye-ni': 'employer-ni', pension: 'pension' };

/** What is owed on each payroll liability as at a date, as positive pence (credit balances negated). */
export function outstandingLiabilities(db: Database, clientId: number, asOf: string): Liabilities {
  getClient(db, clientId);
  const bal = new Map(accountBalances(db, clientId, asOf).map((a) => [a.code, a.balance]));
  const owed = (k: LiabilityKind): number => 0 - (bal.get(CODE[k]) ?? 0); // 0 - x, not -x: no negative zero
  return { netWages: owed('net-wages'), payeNi: owed('paye-ni'), pension: owed('pension') };
}

function owedOn(l: Liabilities, k: LiabilityKind): number {
  return k === 'net-wages' ? l.netWages : k === 'paye-ni' ? l.payeNi : l.pension;
}

export function payLiability(db: Database, input: z.output<typeof PayLiability>, st: Stamp): { entryId: number; liability: LiabilityKind; amount: number; outstandingAfter: number } {
  const c = getClient(db, input.clientId);
  if (c.status === 'ended') throw new StewardError('CONFLICT', `${c.name}'s account ended on ${c.endDate ?? 'an earlier date'}; nothing more can be posted to it.`, { where: 'clientId' });
  const closed = (db.prepare('SELECT MAX(through) AS t FROM period_closes').get() as { t: string | null }).t;
  if (closed !== null && input.date <= closed) {
    throw new StewardError('PERIOD_CLOSED', `The books are closed through ${closed}. Date the payment after ${closed}.`, { where: 'date' });
  }
  // Authorisation: who, when, how. A trust needs two different trustees.
  const auths: AuthorisationRecord[] = input.authorisations.map((a) => ({ by: a.by, method: a.method, at: a.at ?? input.date, note: a.note }));
  if (c.arrangement === 'user-trust') {
    const trustees = new Set(c.trustees.map((t) => t.name.trim().toLowerCase()));
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
  // Owed: as at the payment date (a payment cannot settle pay that was not yet posted).
  const owed = owedOn(outstandingLiabilities(db, c.id, input.date), input.liability);
  if (input.amount > owed) {
    throw new StewardError(
      'VALIDATION',
      owed <= 0
        ? `${c.name} owes nothing on ${LABEL[input.liability]} on ${input.date}. Post the pay run first, or check the liability.`
        : `${c.name} owes ${formatPence(owed)} on ${LABEL[input.liability]} on ${input.date}; this payment is ${formatPence(input.amount)}. Pay at most ${formatPence(owed)}.`,
      { where: 'amount', details: { owed, amount: input.amount } },
    );
  }
  const available = availableFunds(db, c.id, input.date);
  if (input.amount > available) {
    throw new StewardError(
      'INSUFFICIENT_FUNDS',
      `${c.name} has ${formatPence(available)} available on ${input.date}; this payment is ${formatPence(input.amount)}. Nothing was paid.`,
      { where: 'amount', details: { available, amount: input.amount } },
    );
  }
  // Payee: from the directory by id, or by name (a new name joins the directory), or none.
  let payeeId: number | null = null;
  if (input.payeeId !== undefined) {
    const p = getPayee(db, input.payeeId);
    if (p.clientId !== null && p.clientId !== c.id) throw new StewardError('FORBIDDEN', `${p.name} is another client's payee.`, { where: 'payeeId' });
    payeeId = p.id;
  } else if (input.payeeName !== undefined) {
    const found = findPayeeByName(db, input.payeeName, c.id);
    payeeId = (found ?? createPayee(db, { name: input.payeeName, kind: PAYEE_KIND[input.liability], sortCode: '', accountNumber: '' } as never, st)).id;
  }
  const acct = accountIds(db, c.id);
  const liabilityAccount = acct[CODE[input.liability]];
  const bank = acct['bank'];
  if (liabilityAccount === undefined || bank === undefined) throw new StewardError('INTERNAL', `${c.name} has no ${CODE[input.liability]} or bank account.`);
  const r = importEntries(
    db,
    [
      {
        clientId: c.id,
        date: input.date,
        kind: 'payment',
        category: CATEGORY[input.liability],
        payeeId,
        reference: input.reference,
        memo: `Payment of ${LABEL[input.liability]} owed from payroll`,
        authorisations: auths,
        lines: [
          { accountId: liabilityAccount, amount: input.amount },
          { accountId: bank, amount: -input.amount },
        ],
      },
    ],
    st,
    `pay ${input.liability} for client ${c.id}`,
  );
  const entryId = r.firstId!;
  const outstandingAfter = owedOn(outstandingLiabilities(db, c.id, '9999-12-31'), input.liability);
  const out = { entryId, liability: input.liability, amount: input.amount, outstandingAfter };
  audit(db, { ...st, action: 'pay-liability', entity: 'entry', entityId: entryId, after: { clientId: c.id, ...out, date: input.date, payeeId } });
  return out;
}
