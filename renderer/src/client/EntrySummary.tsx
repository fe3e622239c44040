import type { ClientDetail, Entry } from '../../../shared/contract-money';
import { Money } from '../ui/Money';
import { authMethodLabel, categoryLabel, describeRow, KIND_LABEL, SOURCE_LABEL } from './format';

/** One journal entry in full: what, when, who authorised it, any override or reversal, its lines. */
export function EntrySummary({ entry, detail, lines = false }: { entry: Entry; detail: ClientDetail; lines?: boolean }) {
  const accountName = new Map(detail.accounts.map((a) => [a.code, a.name]));
  return (
    <dl className="cp-entry-summary">
      <dt>Entry</dt>
      <dd>
        #{entry.id}: {describeRow(entry, detail.funders)}
      </dd>
      <dt>Date</dt>
      <dd>{entry.date}</dd>
      <dt>{entry.amount < 0 ? 'Money out' : 'Money in'}</dt>
      <dd>
        <Money pence={entry.amount < 0 ? -entry.amount : entry.amount} />
      </dd>
      <dt>Kind</dt>
      <dd>{KIND_LABEL[entry.kind] ?? entry.kind}</dd>
      {entry.category ? (
        <>
          <dt>Category</dt>
          <dd>{categoryLabel(entry.category)}</dd>
        </>
      ) : entry.source ? (
        <>
          <dt>Source</dt>
          <dd>{SOURCE_LABEL[entry.source] ?? entry.source}</dd>
        </>
      ) : null}
      {entry.reference ? (
        <>
          <dt>Reference</dt>
          <dd>{entry.reference}</dd>
        </>
      ) : null}
      {entry.memo ? (
        <>
          <dt>Memo</dt>
          <dd>{entry.memo}</dd>
        </>
      ) : null}
      {entry.authorisations.length ? (
        <>
          <dt>Authorised by</dt>
          <dd>
            <ul className="cp-plain-list">
              {entry.authorisations.map((a, i) => (
                <li key={i}>
                  {a.by}, {authMethodLabel(a.method).toLowerCase()}, {a.at}
                  {a.note ? `: ${a.note}` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {entry.override ? (
        <>
          <dt>Override</dt>
          <dd className="cp-entry-override">
            Authorised by {entry.override.by}: {entry.override.reason}
          </dd>
        </>
      ) : null}
      {entry.reversesId !== null ? (
        <>
          <dt>Reverses</dt>
          <dd>
            Entry #{entry.reversesId}
            {entry.reason ? `. Reason: ${entry.reason}` : ''}
          </dd>
        </>
      ) : null}
      {entry.reversedById !== null ? (
        <>
          <dt>Reversed by</dt>
          <dd>Entry #{entry.reversedById}</dd>
        </>
      ) : null}
      <dt>Recorded</dt>
      <dd>
        {entry.createdAt.slice(0, 16).replace('T', ' ')} by {entry.actor}
      </dd>
      {lines ? (
        <>
          <dt>Double entry</dt>
          <dd>
            <table className="cp-lines-table">
              <caption className="sr-only">Ledger lines of entry #{entry.id}</caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col" className="money">
                    Debit
                  </th>
                  <th scope="col" className="money">
                    Credit
                  </th>
                </tr>
              </thead>
              <tbody>
                {entry.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{accountName.get(l.accountCode) ?? l.accountCode}</td>
                    <td className="money">{l.amount > 0 ? <Money pence={l.amount} /> : null}</td>
                    <td className="money">{l.amount < 0 ? <Money pence={-l.amount} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
