/**
 * #/banking/ID/reconcile: statement date and balance → ledger balance, uncleared items and the
 * difference; for pooled accounts the three-way check (statement = pooled ledger = sum of the
 * clients' ledgers) with each client's figures and every difference listed. Confirm locks the
 * matched entries; the history lists each reconciliation, and one can be undone with a reason.
 */
import { useState, type FormEvent } from 'react';
import type { BankAccount } from '../../../shared/contract-money';
import type { ReconcileResult, Reconciliation } from '../../../shared/contract-banking';
import { formatPence, parseAmount } from '../../../shared/money';
import { call, toApiError, useQuery, type ApiError } from '../api';
import { Modal } from '../client/Modal';
import { TextAreaField } from '../client/fields';
import { useAppToday } from '../payruns/common';
import { Alert, Button, Card, ErrorAlert, Money, TextInput } from '../ui';
import { AccountFrame } from './AccountFrame';
import { Flow, signed } from './common';

export function ReconcileScreen({ accountId }: { accountId: number }) {
  return (
    <AccountFrame accountId={accountId} tab="reconcile">
      {(account, reloadAccount) => <Reconciler account={account} reloadAccount={reloadAccount} />}
    </AccountFrame>
  );
}

function Reconciler({ account, reloadAccount }: { account: BankAccount; reloadAccount: () => void }) {
  const { today } = useAppToday();
  const history = useQuery('bank.reconciliations', { bankAccountId: account.id });
  const [date, setDate] = useState('');
  const [balance, setBalance] = useState('');
  const [errors, setErrors] = useState<{ date?: string; balance?: string }>({});
  const [result, setResult] = useState<ReconcileResult | null>(null);
  const [asked, setAsked] = useState<{ date: string; statementBalance: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState<Reconciliation | null>(null);
  const [undoing, setUndoing] = useState<Reconciliation | null>(null);
  const [undone, setUndone] = useState<string>('');
  const dateValue = date || today || '';

  const check = async (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    const errs: { date?: string; balance?: string } = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dateValue)) errs.date = 'Enter the statement date, like 2026-03-31';
    let pence = 0;
    try {
      pence = parseAmount(balance);
    } catch {
      errs.balance = 'Enter the closing balance on the statement, like 1234.56 (a minus sign if overdrawn)';
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setError(null);
    setConfirmed(null);
    try {
      const r = await call('bank.reconcile', { bankAccountId: account.id, date: dateValue, statementBalance: pence });
      setResult(r);
      setAsked({ date: dateValue, statementBalance: pence });
    } catch (err) {
      setError(toApiError(err));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!asked) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('bank.reconcileConfirm', { bankAccountId: account.id, ...asked, note: note.trim() });
      setConfirmed(r.reconciliation);
      setResult(r.check);
      history.reload();
      reloadAccount();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card title="Check against a statement" description="Enter the date and the closing balance printed on the bank statement.">
        <form className="bk-inline" noValidate onSubmit={(e) => void check(e)} aria-label="Check against a statement">
          <TextInput label="Statement date" type="date" value={dateValue} onChange={(e) => setDate(e.target.value)} error={errors.date} />
          <TextInput label="Statement balance" inputMode="decimal" placeholder="1234.56" value={balance} onChange={(e) => setBalance(e.target.value)} error={errors.balance} autoComplete="off" />
          <Button type="submit" variant="primary" pending={busy}>
            Check
          </Button>
        </form>
        {error ? <ErrorAlert error={error} /> : null}
      </Card>
      {result ? <ResultView result={result} pooled={account.kind === 'pooled'} /> : null}
      {result && !confirmed ? (
        <Card title="Confirm the reconciliation" level={2}>
          {result.ok ? (
            <p>Everything agrees. Confirming records this reconciliation and locks the {result.matchedEntryCount} matched ledger entries up to {result.date}: reversing one will need un-reconciling first, with a reason.</p>
          ) : (
            <Alert tone="warning" title="The figures do not agree">
              <p>Find and correct the differences listed above (match or create the missing entries), then check again. A reconciliation can only be confirmed when everything agrees.</p>
            </Alert>
          )}
          <TextAreaField label="Note (optional)" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="form-actions">
            <Button variant="primary" onClick={() => void confirm()} disabled={!result.ok} pending={busy}>
              Confirm and lock
            </Button>
          </div>
        </Card>
      ) : null}
      {confirmed ? (
        <Alert tone="success" title="Reconciled">
          <p>
            Reconciled to {confirmed.date} at {formatPence(confirmed.statementBalance)}; {confirmed.lockedEntryCount} ledger entr{confirmed.lockedEntryCount === 1 ? 'y is' : 'ies are'} locked.
          </p>
        </Alert>
      ) : null}
      {undone ? (
        <Alert tone="success">
          <p>{undone}</p>
        </Alert>
      ) : null}
      <Card title="Reconciliations">
        {history.status === 'error' ? <ErrorAlert error={history.error} /> : null}
        {history.status === 'ok' && history.data.length === 0 ? <p className="muted">This account has not been reconciled yet.</p> : null}
        {history.status === 'ok' && history.data.length > 0 ? (
          <div className="bk-table-wrap">
            <table className="bk-table">
              <caption className="sr-only">Reconciliations</caption>
              <thead>
                <tr>
                  <th scope="col">Statement date</th>
                  <th scope="col" className="num">
                    Statement balance
                  </th>
                  <th scope="col" className="num">
                    Ledger balance
                  </th>
                  <th scope="col" className="num">
                    Entries locked
                  </th>
                  <th scope="col">Recorded</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...history.data]
                  .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id)
                  .map((r) => (
                    <tr key={r.id}>
                      <td>{r.date}</td>
                      <td className="num">
                        <Money pence={r.statementBalance} />
                      </td>
                      <td className="num">
                        <Money pence={r.ledgerBalance} />
                      </td>
                      <td className="num">{r.lockedEntryCount}</td>
                      <td>
                        <span className="bk-nowrap">
                          {r.createdAt.slice(0, 10)} by {r.actor}
                        </span>
                        {r.note ? <div className="muted bk-small">{r.note}</div> : null}
                      </td>
                      <td>
                        {r.status === 'active' ? (
                          <span className="bk-badge bk-badge-ok">Active</span>
                        ) : (
                          <>
                            <span className="bk-badge">Undone</span>
                            <div className="muted bk-small">
                              {r.undoneAt?.slice(0, 10)} by {r.undoneBy}: {r.undoneReason}
                            </div>
                          </>
                        )}
                      </td>
                      <td>
                        {r.status === 'active' ? (
                          <Button variant="quiet" aria-label={`Unreconcile ${r.date}…`} onClick={() => setUndoing(r)}>
                            Unreconcile…
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      {undoing ? (
        <UnreconcileDialog
          rec={undoing}
          onClose={() => setUndoing(null)}
          onDone={(r) => {
            setUndoing(null);
            setUndone(`Un-reconciled ${r.date}. Its ledger entries are unlocked; the reason is in the audit trail.`);
            setConfirmed(null);
            history.reload();
          }}
        />
      ) : null}
    </>
  );
}

function ResultView({ result, pooled }: { result: ReconcileResult; pooled: boolean }) {
  const entries = result.unclearedItems.filter((u) => u.type === 'entry');
  const bankLines = result.unclearedItems.filter((u) => u.type === 'bankLine');
  return (
    <Card title={`Result at ${result.date}`} className={result.ok ? 'bk-result bk-result-ok' : 'bk-result bk-result-bad'}>
      <p className={result.ok ? 'bk-verdict bk-verdict-ok' : 'bk-verdict bk-verdict-bad'} role="status">
        {result.ok ? 'Agrees: no differences.' : `Does not agree: ${result.differences.length} difference${result.differences.length === 1 ? '' : 's'}.`}
      </p>
      <table className="bk-table bk-sum">
        <caption className="sr-only">Statement against ledger</caption>
        <tbody>
          <tr>
            <th scope="row">Statement balance</th>
            <td className="num">
              <Money pence={result.statementBalance} />
            </td>
          </tr>
          <tr>
            <th scope="row">+ ledger entries not yet on the statement</th>
            <td className="num">
              <Money pence={result.unclearedEntriesTotal} />
            </td>
          </tr>
          <tr>
            <th scope="row">− statement lines not yet in the ledger</th>
            <td className="num">
              <Money pence={result.unmatchedLinesTotal} />
            </td>
          </tr>
          <tr className="bk-sum-total">
            <th scope="row">Adjusted statement balance</th>
            <td className="num">
              <Money pence={result.adjustedStatementBalance} />
            </td>
          </tr>
          <tr>
            <th scope="row">Ledger balance{pooled ? ' (pooled account)' : ''}</th>
            <td className="num">
              <Money pence={result.ledgerBalance} />
            </td>
          </tr>
          <tr className={result.difference === 0 ? 'bk-sum-total' : 'bk-sum-total bk-sum-bad'}>
            <th scope="row">Difference</th>
            <td className="num">{signed(result.difference)}</td>
          </tr>
          {result.statementRunningBalance !== null ? (
            <tr>
              <th scope="row">Running balance on the last imported line</th>
              <td className="num">
                <Money pence={result.statementRunningBalance} />
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      {result.pooled ? (
        <section aria-labelledby="bk-three-way" className="bk-three-way">
          <h3 id="bk-three-way">Three-way check</h3>
          <p>
            Statement (adjusted) <strong>{formatPence(result.adjustedStatementBalance)}</strong> = pooled ledger <strong>{formatPence(result.pooled.pooledLedger)}</strong> = sum of the clients{' '}
            <strong>{formatPence(result.pooled.clientsTotal)}</strong>
            {result.adjustedStatementBalance === result.pooled.pooledLedger && result.pooled.pooledLedger === result.pooled.clientsTotal ? ' ✓ all three agree' : ' ✗ they do not all agree'}
          </p>
          <div className="bk-table-wrap">
            <table className="bk-table bk-table-compact">
              <caption>Each client’s share</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col" className="num">
                    Share of the bank account
                  </th>
                  <th scope="col" className="num">
                    Client’s own ledger
                  </th>
                  <th scope="col" className="num">
                    Difference
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.pooled.perClient.map((c) => (
                  <tr key={c.clientId} className={c.difference !== 0 ? 'bk-row-bad' : undefined}>
                    <th scope="row">{c.clientName}</th>
                    <td className="num">
                      <Money pence={c.bankShare} />
                    </td>
                    <td className="num">
                      <Money pence={c.clientLedger} />
                    </td>
                    <td className="num">{signed(c.difference)}</td>
                  </tr>
                ))}
                <tr className="bk-sum-total">
                  <th scope="row">Total</th>
                  <td className="num">
                    <Money pence={result.pooled.perClient.reduce((t, c) => t + c.bankShare, 0)} />
                  </td>
                  <td className="num">
                    <Money pence={result.pooled.clientsTotal} />
                  </td>
                  <td className="num">{signed(result.pooled.perClient.reduce((t, c) => t + c.difference, 0))}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {result.differences.length > 0 ? (
        <section aria-labelledby="bk-diffs">
          <h3 id="bk-diffs">Differences</h3>
          <ul className="bk-diffs">
            {result.differences.map((d, i) => (
              <li key={i}>
                <strong>{signed(d.amount)}</strong> {d.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <UnclearedTable title="Ledger entries not yet on the statement" items={entries} />
      <UnclearedTable title="Statement lines not yet in the ledger" items={bankLines} />
    </Card>
  );
}

function UnclearedTable({ title, items }: { title: string; items: ReconcileResult['unclearedItems'] }) {
  if (items.length === 0) return null;
  return (
    <div className="bk-table-wrap">
      <table className="bk-table bk-table-compact">
        <caption>
          {title} ({items.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={`${u.type}-${u.id}`}>
              <td>{u.date}</td>
              <td>{u.description}</td>
              <td className="num">
                <Flow pence={u.amount} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UnreconcileDialog({ rec, onClose, onDone }: { rec: Reconciliation; onClose: () => void; onDone: (r: Reconciliation) => void }) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (reason.trim().length < 5) return setReasonError('Give the reason (at least 5 characters)');
    setReasonError(undefined);
    setBusy(true);
    setError(null);
    try {
      onDone(await call('bank.unreconcile', { reconciliationId: rec.id, reason: reason.trim() }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Unreconcile ${rec.date}`}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      busy={busy}
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={busy}>
            Unreconcile
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">This unlocks the {rec.lockedEntryCount} ledger entries it locked, so they can be corrected. The reason is kept in the audit trail.</p>
      <TextAreaField label="Reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} autoFocus />
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
