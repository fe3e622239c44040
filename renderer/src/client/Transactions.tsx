import type { ClientDetail, TransactionRow } from '../../../shared/contract-money';
import type { ApiError } from '../api';
import { ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { Money } from '../ui/Money';
import { describeRow, rowCategory } from './format';

export const PAGE_SIZE = 25;

export interface TransactionsPageData {
  total: number;
  offset: number;
  rows: TransactionRow[];
}

interface Props {
  detail: ClientDetail;
  page: TransactionsPageData | null;
  error: ApiError | null;
  loading: boolean;
  onRetry: () => void;
  onOffset: (offset: number) => void;
  onDetails: (entryId: number) => void;
  onReverse: (entryId: number) => void;
  onAttach: (row: TransactionRow) => void;
}

export function Transactions({ detail, page, error, loading, onRetry, onOffset, onDetails, onReverse, onAttach }: Props) {
  const description = <p>Newest first. Every entry stays in the record: a mistake is put right with a reversal, never deleted.</p>;
  if (error && !page) {
    return (
      <Card title="Transactions" description={description}>
        <ErrorAlert error={error}>
          <Button onClick={onRetry}>Try again</Button>
        </ErrorAlert>
      </Card>
    );
  }
  if (!page) {
    return (
      <Card title="Transactions">
        <p role="status">Loading transactions…</p>
      </Card>
    );
  }
  if (page.total === 0) {
    return (
      <Card title="Transactions">
        <div className="cp-empty-inline">
          <p>
            <strong>No money in or out yet.</strong>
          </p>
          <p>Record the first receipt from the funder with &ldquo;Record receipt&rdquo; above; payments can follow once there is money to spend.</p>
        </div>
      </Card>
    );
  }
  const first = page.offset + 1;
  const last = page.offset + page.rows.length;
  const range = `${first}–${last} of ${page.total}`;
  return (
    <Card title="Transactions" description={description}>
      {error ? <ErrorAlert error={error} /> : null}
      <div className="cp-table-scroll">
        <table className="cp-data-table tx-table" aria-describedby="tx-range" aria-busy={loading || undefined}>
          <thead>
            <tr>
              <th scope="col" className="cp-tx-no">
                Entry
              </th>
              <th scope="col" className="cp-tx-date">
                Date
              </th>
              <th scope="col">Description</th>
              <th scope="col" className="cp-tx-cat">
                Category
              </th>
              <th scope="col" className="money">
                Money in
              </th>
              <th scope="col" className="money">
                Money out
              </th>
              <th scope="col" className="money">
                Balance
              </th>
              <th scope="col" className="cp-tx-actions-col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <Row key={r.entryId} row={r} detail={detail} onDetails={onDetails} onReverse={onReverse} onAttach={onAttach} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="cp-pager">
        <p id="tx-range" className="cp-pager-range" aria-live="polite">
          {range}
        </p>
        <div className="cp-pager-buttons">
          <Button disabled={page.offset === 0 || loading} onClick={() => onOffset(Math.max(0, page.offset - PAGE_SIZE))}>
            Previous
          </Button>
          <Button disabled={last >= page.total || loading} onClick={() => onOffset(page.offset + PAGE_SIZE)}>
            Next
          </Button>
        </div>
      </div>
    </Card>
  );
}

function Row({ row, detail, onDetails, onReverse, onAttach }: { row: TransactionRow } & Pick<Props, 'detail' | 'onDetails' | 'onReverse' | 'onAttach'>) {
  const reversed = row.reversedById !== null;
  const isReversal = row.kind === 'reversal';
  const extra = [row.reference ? `Ref ${row.reference}` : null, row.memo && !(isReversal && row.memo.startsWith('Reversal of entry')) ? row.memo : null].filter(Boolean);
  const canReverse = !reversed && !isReversal;
  return (
    <tr className={[reversed ? 'cp-tx-reversed' : null, isReversal ? 'cp-tx-reversal' : null].filter(Boolean).join(' ') || undefined}>
      <td className="cp-tx-no">
        <button type="button" className="cp-link-button" onClick={() => onDetails(row.entryId)} title={`Show entry #${row.entryId} in full`}>
          <span className="sr-only">Show entry </span>#{row.entryId}
        </button>
      </td>
      <td className="cp-tx-date">{row.date}</td>
      <td className="cp-tx-desc">
        <span className="cp-tx-title">{describeRow(row, detail.funders)}</span>
        {row.kind === 'reversal' && row.payeeName ? <span className="cp-tx-extra">Payment to {row.payeeName}</span> : null}
        {extra.length ? <span className="cp-tx-extra">{extra.join(' · ')}</span> : null}
        {reversed || isReversal || row.attachmentCount > 0 ? (
          <span className="cp-tx-marks">
            {reversed ? <span className="cp-mark cp-mark-reversed">Reversed by #{row.reversedById}</span> : null}
            {isReversal ? <span className="cp-mark cp-mark-reversal">Reverses #{row.reversesId}</span> : null}
            {row.attachmentCount > 0 ? (
              <span className="cp-mark cp-mark-files">
                {row.attachmentCount} evidence {row.attachmentCount === 1 ? 'file' : 'files'}
              </span>
            ) : null}
          </span>
        ) : null}
      </td>
      <td className="cp-tx-cat">{rowCategory(row)}</td>
      <td className="money">{row.amount > 0 ? <Money pence={row.amount} /> : null}</td>
      <td className="money">{row.amount < 0 ? <Money pence={-row.amount} /> : null}</td>
      <td className="money cp-tx-balance">
        <Money pence={row.runningBalance} />
      </td>
      <td className="cp-tx-actions">
        <div className="cp-tx-actions-inner">
          {canReverse ? (
            <Button variant="quiet" className="cp-btn-small" onClick={() => onReverse(row.entryId)}>
              Reverse…<span className="sr-only"> entry #{row.entryId}</span>
            </Button>
          ) : null}
          <Button variant="quiet" className="cp-btn-small" onClick={() => onAttach(row)}>
            Attach evidence…<span className="sr-only"> to entry #{row.entryId}</span>
          </Button>
        </div>
      </td>
    </tr>
  );
}
