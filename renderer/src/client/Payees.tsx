import type { Payee } from '../../../shared/contract-money';
import { Card } from '../ui/Card';
import { categoryLabel } from './format';

const KIND_LABEL: Record<string, string> = {
  pa: 'Personal assistant',
  agency: 'Care agency',
  supplier: 'Supplier',
  hmrc: 'HMRC',
  pension: 'Pension scheme',
  client: 'The client',
  funder: 'Funder',
  other: 'Other',
};

export function Payees({ payees }: { payees: Payee[] }) {
  return (
    <Card title="Payees" description={<p>Who this client&rsquo;s money can be paid to. A new name typed in &ldquo;Record payment&rdquo; is added here.</p>}>
      {payees.length === 0 ? (
        <p className="muted">No payees yet. Record a payment and type the payee&rsquo;s name: it joins this list.</p>
      ) : (
        <div className="cp-table-scroll">
          <table className="cp-data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Usual category</th>
                <th scope="col">Used for</th>
              </tr>
            </thead>
            <tbody>
              {payees.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{KIND_LABEL[p.kind] ?? p.kind}</td>
                  <td>{categoryLabel(p.defaultCategory) ?? <span className="muted">None</span>}</td>
                  <td>{p.clientId === null ? 'All clients' : 'This client only'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
