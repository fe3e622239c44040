/**
 * #/banking/ID/payments: choose authorised payments → a batch, each row checked (sort code,
 * account number, name and reference as they go in the file) → download the bulk payment CSV →
 * mark the batch sent once the bank has it.
 */
import { useState } from 'react';
import type { BankAccount } from '../../../shared/contract-money';
import type { BatchRow, PaymentBatch } from '../../../shared/contract-banking';
import { formatPence } from '../../../shared/money';
import { call, toApiError, useQuery, type ApiError } from '../api';
import { DownloadButton } from '../payruns/common';
import { Alert, Button, Card, Dialog, ErrorAlert, Money } from '../ui';
import { AccountFrame } from './AccountFrame';
import { sortCodeText } from './common';

export function PaymentsScreen({ accountId }: { accountId: number }) {
  return (
    <AccountFrame accountId={accountId} tab="payments" lead="Pay several authorised payments at once by uploading one file to the bank.">
      {(account) => <Payments account={account} />}
    </AccountFrame>
  );
}

function Payments({ account }: { account: BankAccount }) {
  const candidates = useQuery('bank.paymentBatch.candidates', { bankAccountId: account.id });
  const batches = useQuery('bank.paymentBatch.list', { bankAccountId: account.id });
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [openBatch, setOpenBatch] = useState<number | null>(null);

  const rows: BatchRow[] = candidates.status === 'ok' ? candidates.data : [];
  // Payments already in a draft batch are still offered (the draft may never be sent), marked as such.
  const inDraft = new Map<number, number>();
  if (batches.status === 'ok') for (const b of batches.data) if (b.status === 'draft') for (const r of b.rows) inDraft.set(r.entryId, b.id);
  const ready = rows.filter((r) => r.problems.length === 0 && !inDraft.has(r.entryId));
  const total = rows.filter((r) => picked.has(r.entryId)).reduce((t, r) => t + r.amount, 0);

  const toggle = (id: number) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  };

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const b = await call('bank.paymentBatch.create', { bankAccountId: account.id, paymentEntryIds: [...picked] });
      setPicked(new Set());
      setOpenBatch(b.id);
      candidates.reload();
      batches.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const list: PaymentBatch[] = batches.status === 'ok' ? [...batches.data].sort((a, b) => b.id - a.id) : [];
  const shown = list.find((b) => b.id === openBatch) ?? list.find((b) => b.status === 'draft') ?? null;

  return (
    <>
      <Card title="Authorised payments not yet sent" description="Payments recorded in the ledger from this account that are not in a sent batch. A payment whose payee's bank details are missing or wrong cannot go in a file: fix the payee first.">
        {candidates.status === 'error' ? <ErrorAlert error={candidates.error} /> : null}
        {candidates.status === 'ok' && rows.length === 0 ? <p className="muted">There are no authorised payments waiting.</p> : null}
        {rows.length > 0 ? (
          <>
            <div className="bk-table-wrap">
              <table className="bk-table bk-table-compact">
                <caption className="sr-only">Payments to choose from</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label="Choose every payment that can go in a file"
                        checked={ready.length > 0 && ready.every((r) => picked.has(r.entryId))}
                        disabled={ready.length === 0}
                        onChange={(e) => setPicked(e.target.checked ? new Set(ready.map((r) => r.entryId)) : new Set())}
                      />
                    </th>
                    <th scope="col">Date</th>
                    <th scope="col">Client</th>
                    <th scope="col">Payee</th>
                    <th scope="col">Sort code</th>
                    <th scope="col">Account</th>
                    <th scope="col">Reference</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">Checks</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.entryId} className={r.problems.length ? 'bk-row-bad' : undefined}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Pay ${r.payeeName} ${formatPence(r.amount)} for ${r.clientName}`}
                          checked={picked.has(r.entryId)}
                          disabled={r.problems.length > 0}
                          onChange={() => toggle(r.entryId)}
                        />
                      </td>
                      <td className="bk-nowrap">{r.date}</td>
                      <td>{r.clientName}</td>
                      <td>
                        {r.payeeName}
                        {r.name && r.name !== r.payeeName.toUpperCase() ? <div className="muted bk-small">In the file: {r.name}</div> : null}
                      </td>
                      <td>{sortCodeText(r.sortCode) || <span className="muted">none</span>}</td>
                      <td>{r.accountNumber || <span className="muted">none</span>}</td>
                      <td>{r.reference}</td>
                      <td className="num">
                        <Money pence={r.amount} />
                      </td>
                      <td>
                        {r.problems.length > 0 ? (
                          <ProblemList problems={r.problems} />
                        ) : inDraft.has(r.entryId) ? (
                          <span className="bk-badge">In draft batch {inDraft.get(r.entryId)}</span>
                        ) : (
                          <span className="bk-badge bk-badge-ok">Ready</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="form-actions">
              <p className="bk-selection" aria-live="polite">
                {picked.size} chosen, {formatPence(total)}
              </p>
              <Button variant="primary" onClick={() => void create()} disabled={picked.size === 0} pending={busy}>
                Make a batch
              </Button>
            </div>
            {error ? <ErrorAlert error={error} /> : null}
          </>
        ) : null}
      </Card>
      {shown ? (
        <BatchView
          key={shown.id}
          batch={shown}
          onChanged={() => {
            batches.reload();
            candidates.reload();
          }}
        />
      ) : null}
      <Card title="Batches">
        {batches.status === 'error' ? <ErrorAlert error={batches.error} /> : null}
        {batches.status === 'ok' && list.length === 0 ? <p className="muted">No batches yet.</p> : null}
        {list.length > 0 ? (
          <table className="bk-table bk-table-compact">
            <caption className="sr-only">Batches</caption>
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Made</th>
                <th scope="col" className="num">
                  Payments
                </th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id}>
                  <td>Batch {b.id}</td>
                  <td>
                    {b.createdAt.slice(0, 10)} by {b.actor}
                  </td>
                  <td className="num">{b.count}</td>
                  <td className="num">
                    <Money pence={b.total} />
                  </td>
                  <td>{b.status === 'sent' ? `Sent ${b.sentAt?.slice(0, 10) ?? ''}` : 'Draft'}</td>
                  <td>
                    <Button variant="quiet" onClick={() => setOpenBatch(b.id)}>
                      Show<span className="sr-only"> batch {b.id}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
    </>
  );
}

function ProblemList({ problems }: { problems: string[] }) {
  return (
    <ul className="bk-problems">
      {problems.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ul>
  );
}

function BatchView({ batch, onChanged }: { batch: PaymentBatch; onChanged: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const bad = batch.rows.filter((r) => r.problems.length > 0);
  const markSent = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('bank.paymentBatch.markSent', { batchId: batch.id });
      setConfirming(false);
      onChanged();
    } catch (e) {
      setError(toApiError(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={`Batch ${batch.id}`} description={`${batch.count} payment${batch.count === 1 ? '' : 's'}, ${formatPence(batch.total)}. ${batch.status === 'sent' ? `Marked sent ${batch.sentAt?.slice(0, 10) ?? ''} by ${batch.sentBy ?? ''}.` : 'Draft: download the file, upload it to the bank, then mark the batch sent.'}`}>
      {bad.length > 0 ? (
        <Alert tone="error" title={`${bad.length} row${bad.length === 1 ? '' : 's'} cannot go in the file`}>
          <p>Correct the payee's bank details, then make the batch again.</p>
        </Alert>
      ) : null}
      <div className="bk-table-wrap">
        <table className="bk-table bk-table-compact">
          <caption>The rows as they go in the file</caption>
          <thead>
            <tr>
              <th scope="col">Sort code</th>
              <th scope="col">Account number</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Reference</th>
              <th scope="col">Client</th>
              <th scope="col">Checks</th>
            </tr>
          </thead>
          <tbody>
            {batch.rows.map((r) => (
              <tr key={r.entryId} className={r.problems.length ? 'bk-row-bad' : undefined}>
                <td>{sortCodeText(r.sortCode)}</td>
                <td>{r.accountNumber}</td>
                <td>{r.name}</td>
                <td className="num">
                  <Money pence={r.amount} />
                </td>
                <td>{r.reference}</td>
                <td>{r.clientName}</td>
                <td>{r.problems.length === 0 ? <span className="bk-badge bk-badge-ok">OK</span> : <ProblemList problems={r.problems} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <DownloadButton label="Download the bulk payment CSV" variant={batch.status === 'draft' ? 'primary' : 'secondary'} fetch={() => call('bank.paymentBatch.file', { batchId: batch.id })} />
        {batch.status === 'draft' ? (
          <Button onClick={() => setConfirming(true)} pending={busy}>
            Mark as sent…
          </Button>
        ) : (
          <span className="bk-badge bk-badge-ok">Sent</span>
        )}
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      <Dialog
        open={confirming}
        title={`Mark batch ${batch.id} as sent?`}
        onCancel={() => setConfirming(false)}
        actions={
          <>
            <Button autoFocus onClick={() => setConfirming(false)}>
              Not yet
            </Button>
            <Button variant="primary" pending={busy} onClick={() => void markSent()}>
              Mark as sent
            </Button>
          </>
        }
      >
        <p>Only once the file is uploaded to the bank. The {batch.count} payments will not be offered for another batch.</p>
      </Dialog>
    </Card>
  );
}
