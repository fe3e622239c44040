import type { ClientDetail } from '../../../shared/contract-money';
import { ARRANGEMENT_LABEL } from '../../../shared/domain';
import { formatPence } from '../../../shared/money';
import { Money } from '../ui/Money';
import { clientName, formatWeeks, STATUS_LABEL } from './format';

/** Who the client is and how their money is held, then the four figures a broker looks at first. */
export function ClientHeader({ detail }: { detail: ClientDetail }) {
  const { client, funders, bankAccount } = detail;
  const others = bankAccount.clientIds.filter((id) => id !== client.id).length;
  const bankNumbers = [bankAccount.sortCode, bankAccount.accountNumber].filter(Boolean).join(' · ');
  return (
    <header className="cp-client-header">
      <div className="cp-client-title-row">
        <div className="screen-heading cp-client-heading">
          <h1 tabIndex={-1}>{clientName(client)}</h1>
          <span className={`cp-status-badge cp-status-${client.status}`}>{STATUS_LABEL[client.status] ?? client.status}</span>
        </div>
        <a className="btn btn-secondary" href={`#/clients/${client.id}/edit`}>
          Edit details
        </a>
      </div>
      <dl className="cp-client-facts">
        <div>
          <dt>Arrangement</dt>
          <dd>{ARRANGEMENT_LABEL[client.arrangement]}</dd>
        </div>
        <div>
          <dt>{funders.length === 1 ? 'Funder' : 'Funders'}</dt>
          <dd>{funders.length ? funders.map((f) => f.name).join(', ') : 'None recorded'}</dd>
        </div>
        <div>
          <dt>Council reference</dt>
          <dd>{client.councilReference || <span className="muted">Not recorded</span>}</dd>
        </div>
        <div>
          <dt>Bank account</dt>
          <dd>
            {bankAccount.name}{' '}
            <span className="muted">
              ({bankAccount.kind === 'pooled' ? `pooled, shared with ${others} other ${others === 1 ? 'client' : 'clients'}` : 'dedicated'}
              {bankNumbers ? `, ${bankNumbers}` : ''})
            </span>
          </dd>
        </div>
        {client.arrangement === 'user-trust' ? (
          <div>
            <dt>Trustees</dt>
            <dd>{client.trustees.length ? client.trustees.map((t) => t.name).join(', ') : <span className="muted">None recorded</span>}</dd>
          </div>
        ) : null}
      </dl>
      <KeyFigures detail={detail} />
    </header>
  );
}

function KeyFigures({ detail }: { detail: ClientDetail }) {
  const weeks = formatWeeks(detail.weeksHeld);
  const { contributions } = detail;
  return (
    <ul className="cp-key-figures" aria-label="Key figures">
      <li className="cp-figure-card">
        <span className="cp-figure-label">Balance</span>
        <span className="cp-figure-value">
          <Money pence={detail.balance} />
        </span>
        <span className="cp-figure-note">Money held on {detail.asOf}</span>
      </li>
      <li className="cp-figure-card">
        <span className="cp-figure-label">Weekly funding</span>
        <span className="cp-figure-value">{detail.weeklyFunding ? <Money pence={detail.weeklyFunding} /> : <span className="cp-figure-none">Not set</span>}</span>
        <span className="cp-figure-note">{detail.weeklyFunding ? 'From the receipt schedules' : 'Add a receipt schedule to set it'}</span>
      </li>
      <li className="cp-figure-card">
        <span className="cp-figure-label">Funding held</span>
        <span className="cp-figure-value">{weeks ?? <span className="cp-figure-none">Not known</span>}</span>
        <span className="cp-figure-note">{weeks ? 'Balance ÷ weekly funding' : 'Needs the weekly funding'}</span>
      </li>
      <li className={`cp-figure-card${contributions.arrears > 0 ? ' cp-figure-warning' : ''}`}>
        <span className="cp-figure-label">Contribution arrears</span>
        <span className="cp-figure-value">
          <Money pence={contributions.arrears} />
        </span>
        <span className="cp-figure-note">
          Assessed {formatPence(contributions.assessedToDate)}, received {formatPence(contributions.receivedToDate)}
        </span>
      </li>
    </ul>
  );
}
