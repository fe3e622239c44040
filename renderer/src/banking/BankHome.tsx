/** #/banking: every bank account, dedicated or pooled, with where its banking stands. */
import type { BankAccount } from '../../../shared/contract-money';
import { useQuery } from '../api';
import { ScreenHeading } from '../screens/ScreenHeading';
import { EmptyState, ErrorAlert, Money } from '../ui';
import { accountHref, kindLabel, sortCodeText, useClientNames } from './common';

export function BankHome() {
  const accounts = useQuery('bankAccount.list', {});
  const names = useClientNames();
  return (
    <>
      <ScreenHeading title="Banking">
        Import bank statements, match their lines to the ledger, reconcile each account and make bulk payment files. Choose an account.
      </ScreenHeading>
      {accounts.status === 'error' ? <ErrorAlert error={accounts.error} /> : null}
      {accounts.status === 'loading' ? <p className="muted">Loading bank accounts…</p> : null}
      {accounts.status === 'ok' && accounts.data.length === 0 ? (
        <EmptyState title="No bank accounts yet">
          <p>A bank account is opened with each new client, or as a pooled account on the Clients screen.</p>
        </EmptyState>
      ) : null}
      {accounts.status === 'ok' && accounts.data.length > 0 ? (
        <div className="bk-table-wrap">
          <table className="bk-table">
            <caption className="sr-only">Bank accounts</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Kind</th>
                <th scope="col">Clients</th>
                <th scope="col" className="num">
                  Ledger balance
                </th>
                <th scope="col">Last import</th>
                <th scope="col">Last reconciliation</th>
                <th scope="col" className="num">
                  Unmatched lines
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((a) => (
                <AccountRow key={a.id} account={a} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function AccountRow({ account, names }: { account: BankAccount; names: Map<number, string> | null }) {
  const imports = useQuery('bank.imports', { bankAccountId: account.id });
  const recs = useQuery('bank.reconciliations', { bankAccountId: account.id });
  const unmatched = useQuery('bank.lines', { bankAccountId: account.id, status: 'unmatched', offset: 0, limit: 1 });
  const lastImport = imports.status === 'ok' ? [...imports.data].sort((x, y) => y.createdAt.localeCompare(x.createdAt))[0] : undefined;
  const lastRec = recs.status === 'ok' ? recs.data.filter((r) => r.status === 'active').sort((x, y) => y.date.localeCompare(x.date))[0] : undefined;
  const clients = account.clientIds.map((id) => names?.get(id) ?? `Client ${id}`);
  return (
    <tr>
      <th scope="row">
        <a href={accountHref(account.id)}>{account.name}</a>
        {account.sortCode || account.accountNumber ? (
          <div className="muted bk-small">
            {sortCodeText(account.sortCode)} {account.accountNumber}
          </div>
        ) : null}
      </th>
      <td>
        <span className={`bk-kind bk-kind-${account.kind}`}>{kindLabel(account.kind)}</span>
      </td>
      <td>{clients.length === 0 ? <span className="muted">None</span> : clients.length > 3 ? `${clients.slice(0, 3).join(', ')} and ${clients.length - 3} more` : clients.join(', ')}</td>
      <td className="num">
        <Money pence={account.balance} />
      </td>
      <td>{imports.status === 'error' ? <span className="muted">Not available</span> : lastImport ? `${lastImport.createdAt.slice(0, 10)} (${lastImport.imported} lines)` : imports.status === 'ok' ? <span className="muted">Never</span> : '…'}</td>
      <td>{recs.status === 'error' ? <span className="muted">Not available</span> : lastRec ? lastRec.date : recs.status === 'ok' ? <span className="muted">Never</span> : '…'}</td>
      <td className="num">
        {unmatched.status === 'ok' ? (
          unmatched.data.total > 0 ? (
            <a href={accountHref(account.id, 'match')}>{unmatched.data.total}</a>
          ) : (
            '0'
          )
        ) : unmatched.status === 'error' ? (
          <span className="muted">—</span>
        ) : (
          '…'
        )}
      </td>
    </tr>
  );
}
