/**
 * The client page (#/clients/ID): who the client is, the key figures, alerts with their working,
 * the transactions with running balance, and the forms that move money: receipts, payments (with
 * authorisation and the funds check), reversals, evidence and receipt schedules.
 */
import { useCallback, useState } from 'react';
import type { TransactionRow } from '../../../shared/contract-money';
import { ALERT_LABEL } from '../../../shared/domain';
import { formatPence } from '../../../shared/money';
import { AddScheduleDialog } from '../client/AddSchedule';
import { AttachEvidenceDialog } from '../client/AttachEvidence';
import { ClientAlerts } from '../client/ClientAlerts';
import { ClientHeader } from '../client/ClientHeader';
import { EntryDetailsDialog } from '../client/EntryDetails';
import { Evidence } from '../client/Evidence';
import { describeRow } from '../client/format';
import { useLoaded } from '../client/hooks';
import { Payees } from '../client/Payees';
import { RecordPaymentDialog } from '../client/RecordPayment';
import { RecordReceiptDialog } from '../client/RecordReceipt';
import { ReverseEntryDialog } from '../client/ReverseEntry';
import { Schedules } from '../client/Schedules';
import { PAGE_SIZE, Transactions } from '../client/Transactions';
import { Alert, ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { ScreenHeading } from './ScreenHeading';
import { CaseNotes, ClientPlanActual, Complaints, SupportPlanCard } from '../planning/ClientPageSections';
import '../styles-client-page.css';

type Open =
  | { kind: 'receipt' }
  | { kind: 'payment' }
  | { kind: 'schedule' }
  | { kind: 'reverse'; entryId: number }
  | { kind: 'details'; entryId: number }
  | { kind: 'attach'; entry: { id: number; label: string } | null };

interface Notice {
  title: string;
  lines: string[];
  /** Things to check about what was just recorded (a late or short receipt, a possible duplicate). */
  warnings: string[];
}

export function ClientPage({ clientId }: { clientId: number }) {
  const detail = useLoaded('client.get', { id: clientId });
  const [offset, setOffset] = useState(0);
  const tx = useLoaded('transactions.page', { clientId, offset, limit: PAGE_SIZE });
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const { reload: reloadDetail } = detail;
  const { reload: reloadTx } = tx;
  const close = useCallback(() => setOpen(null), []);
  /** After a write: close the form, say what was recorded, and load the page again (newest first). */
  const saved = useCallback(
    (n: Notice) => {
      setOpen(null);
      setNotice(n);
      setOffset(0);
      reloadDetail();
      reloadTx();
    },
    [reloadDetail, reloadTx],
  );

  if (!detail.data) {
    if (detail.error) {
      return (
        <>
          <ScreenHeading title={detail.error.code === 'NOT_FOUND' ? 'Client not found' : 'Client'} />
          <ErrorAlert error={detail.error}>
            {detail.error.code === 'NOT_FOUND' ? (
              <p>
                <a href="#/clients">Back to the clients list</a>
              </p>
            ) : (
              <Button onClick={detail.reload}>Try again</Button>
            )}
          </ErrorAlert>
        </>
      );
    }
    return (
      <>
        <ScreenHeading title="Client" />
        <p role="status">Loading the client…</p>
      </>
    );
  }

  const d = detail.data;
  const ended = d.client.status === 'ended';
  const rowLabel = (r: TransactionRow) => `${describeRow(r, d.funders)}, ${formatPence(Math.abs(r.amount))} on ${r.date}`;

  return (
    <div className="cp-page">
      <ClientHeader detail={d} />
      {detail.error ? (
        <ErrorAlert error={detail.error}>
          <Button onClick={detail.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}

      <div className="cp-client-actions">
        <Button variant="primary" disabled={ended} onClick={() => setOpen({ kind: 'receipt' })}>
          Record receipt…
        </Button>
        <Button variant="primary" disabled={ended} onClick={() => setOpen({ kind: 'payment' })}>
          Record payment…
        </Button>
        {ended ? <p className="muted">This account ended on {d.client.endDate}; nothing more can be recorded.</p> : null}
      </div>

      <div className="cp-client-notice" aria-live="polite">
        {notice ? (
          <>
            <Alert tone="success" title={notice.title}>
              {notice.lines.map((l) => (
                <p key={l}>{l}</p>
              ))}
              <Button variant="quiet" className="cp-btn-small cp-dismiss" onClick={() => setNotice(null)}>
                Dismiss
              </Button>
            </Alert>
            {notice.warnings.length ? (
              <Alert tone="warning" title="Check this receipt">
                <ul className="cp-plain-list">
                  {notice.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </Alert>
            ) : null}
          </>
        ) : null}
      </div>

      <div className="stack">
        <ClientAlerts detail={d} />
        <SupportPlanCard clientId={d.client.id} />
        <ClientPlanActual clientId={d.client.id} />
        <Transactions
          detail={d}
          page={tx.data}
          error={tx.error}
          loading={tx.loading}
          onRetry={tx.reload}
          onOffset={setOffset}
          onDetails={(entryId) => setOpen({ kind: 'details', entryId })}
          onReverse={(entryId) => setOpen({ kind: 'reverse', entryId })}
          onAttach={(r) => setOpen({ kind: 'attach', entry: { id: r.entryId, label: rowLabel(r) } })}
        />
        <Schedules detail={d} onAdd={() => setOpen({ kind: 'schedule' })} />
        <Evidence attachments={d.attachments} onAttach={() => setOpen({ kind: 'attach', entry: null })} />
        <Payees payees={d.payees} />
        <CaseNotes clientId={d.client.id} />
        <Complaints clientId={d.client.id} />
      </div>

      {open?.kind === 'receipt' ? (
        <RecordReceiptDialog
          detail={d}
          onClose={close}
          onSaved={({ entry, match, flags }) =>
            saved({
              title: `Receipt of ${formatPence(entry.amount)} recorded as entry #${entry.id}.`,
              lines: match
                ? [`Matched to the ${entry.source === 'contribution' ? 'contribution' : 'funding'} due ${match.dueDate} (${formatPence(match.expected)} expected).`]
                : entry.source === 'other'
                  ? []
                  : ['Not matched to a scheduled receipt.'],
              warnings: flags.map((f) => `${ALERT_LABEL[f.kind]}: ${f.message}`),
            })
          }
        />
      ) : null}
      {open?.kind === 'payment' ? (
        <RecordPaymentDialog
          detail={d}
          onClose={close}
          onSaved={({ entry, payeeCreated, balanceAfter }) =>
            saved({
              title: `Payment of ${formatPence(-entry.amount)} to ${entry.payeeName ?? 'the payee'} recorded as entry #${entry.id}.`,
              lines: [
                `Balance now ${formatPence(balanceAfter)}.`,
                ...(entry.override ? [`Paid with an override authorised by ${entry.override.by}: ${entry.override.reason}`] : []),
                ...(payeeCreated ? [`${entry.payeeName ?? 'The payee'} was added to the payees.`] : []),
              ],
              warnings: [],
            })
          }
        />
      ) : null}
      {open?.kind === 'reverse' ? (
        <ReverseEntryDialog
          detail={d}
          entryId={open.entryId}
          onClose={close}
          onSaved={(reversal, original) =>
            saved({
              title: `Entry #${original.id} reversed by entry #${reversal.id}.`,
              lines: [`Reason: ${reversal.reason ?? ''}`, ...(reversal.override ? [`Override authorised by ${reversal.override.by}: ${reversal.override.reason}`] : [])],
              warnings: [],
            })
          }
        />
      ) : null}
      {open?.kind === 'details' ? <EntryDetailsDialog detail={d} entryId={open.entryId} onClose={close} /> : null}
      {open?.kind === 'attach' ? (
        <AttachEvidenceDialog
          clientId={d.client.id}
          entry={open.entry}
          onClose={close}
          onSaved={(meta) =>
            saved({
              title: `“${meta.filename}” attached${meta.entryId !== null ? ` to entry #${meta.entryId}` : ''}.`,
              lines: [],
              warnings: [],
            })
          }
        />
      ) : null}
      {open?.kind === 'schedule' ? (
        <AddScheduleDialog
          detail={d}
          onClose={close}
          onSaved={(s) =>
            saved({
              title: `Schedule added: ${formatPence(s.amount)} ${s.cadence === 'four-weekly' ? 'every 4 weeks' : s.cadence === 'weekly' ? 'every week' : 'every month'} from ${s.firstDate}.`,
              lines: [`Weekly equivalent ${formatPence(s.weeklyEquivalent)}.`],
              warnings: [],
            })
          }
        />
      ) : null}
    </div>
  );
}
