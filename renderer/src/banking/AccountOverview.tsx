/** #/banking/ID: one account's clients, balance, statement imports and where matching stands. */
import { formatPence } from '../../../shared/money';
import { useQuery, useMutation } from '../api';
import { Alert, Button, Card, ErrorAlert, Money } from '../ui';
import { AccountFrame } from './AccountFrame';
import { accountHref, Facts, useClientNames } from './common';

export function AccountOverview({ accountId }: { accountId: number }) {
  return (
    <AccountFrame accountId={accountId} tab="overview">
      {(account) => <Overview accountId={account.id} clientIds={account.clientIds} balance={account.balance} kind={account.kind} />}
    </AccountFrame>
  );
}

function Overview({ accountId, clientIds, balance, kind }: { accountId: number; clientIds: number[]; balance: number; kind: 'dedicated' | 'pooled' }) {
  const names = useClientNames();
  const imports = useQuery('bank.imports', { bankAccountId: accountId });
  const unmatched = useQuery('bank.lines', { bankAccountId: accountId, status: 'unmatched', offset: 0, limit: 1 });
  const all = useQuery('bank.lines', { bankAccountId: accountId, status: 'all', offset: 0, limit: 1 });
  const recs = useQuery('bank.reconciliations', { bankAccountId: accountId });
  const auto = useMutation('bank.autoMatch');
  const lastRec = recs.status === 'ok' ? recs.data.filter((r) => r.status === 'active').sort((x, y) => y.date.localeCompare(x.date))[0] : undefined;

  const runAuto = async () => {
    const r = await auto.run({ bankAccountId: accountId });
    if (r) unmatched.reload();
  };

  return (
    <>
      <Card title="This account">
        <Facts
          items={[
            ['Ledger balance', <Money key="b" pence={balance} />],
            [kind === 'pooled' ? 'Clients (pooled)' : 'Client', clientIds.length ? clientIds.map((id) => names?.get(id) ?? `Client ${id}`).join(', ') : 'None'],
            ['Statement lines', all.status === 'ok' ? String(all.data.total) : '…'],
            ['Unmatched lines', unmatched.status === 'ok' ? String(unmatched.data.total) : '…'],
            ['Last reconciliation', recs.status === 'ok' ? (lastRec ? `${lastRec.date}, statement ${formatPence(lastRec.statementBalance)}` : 'Never') : '…'],
          ]}
        />
        <div className="bk-actions">
          <a className="btn btn-primary" href={accountHref(accountId, 'import')}>
            Import a statement
          </a>
          <a className="btn btn-secondary" href={accountHref(accountId, 'match')}>
            Match lines
          </a>
          <Button onClick={runAuto} pending={auto.pending}>
            Match the certain ones automatically
          </Button>
        </div>
        {auto.error ? <ErrorAlert error={auto.error} /> : null}
        {auto.data ? (
          <Alert tone="success">
            <p>
              Matched {auto.data.matched} line{auto.data.matched === 1 ? '' : 's'} with exactly one ledger entry of the same amount within the date window.
              {auto.data.ambiguous ? ` ${auto.data.ambiguous} had more than one candidate and are left for you.` : ''}
            </p>
          </Alert>
        ) : null}
      </Card>
      <Card title="Statement imports">
        {imports.status === 'error' ? <ErrorAlert error={imports.error} /> : null}
        {imports.status === 'ok' && imports.data.length === 0 ? <p className="muted">No statements imported yet.</p> : null}
        {imports.status === 'ok' && imports.data.length > 0 ? (
          <div className="bk-table-wrap">
            <table className="bk-table">
              <caption className="sr-only">Statement imports</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">File</th>
                  <th scope="col">Format</th>
                  <th scope="col" className="num">
                    Imported
                  </th>
                  <th scope="col" className="num">
                    Skipped
                  </th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {imports.data.map((i) => (
                  <tr key={i.id}>
                    <td>{i.createdAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>{i.fileName}</td>
                    <td>
                      {i.format.toUpperCase()}
                      {i.preset ? ` (${i.preset})` : ''}
                    </td>
                    <td className="num">{i.imported}</td>
                    <td className="num">{i.skipped}</td>
                    <td>{i.actor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </>
  );
}
