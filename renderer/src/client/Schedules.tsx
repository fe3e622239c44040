import type { ClientDetail } from '../../../shared/contract-money';
import { CADENCE_LABEL } from '../../../shared/domain';
import { Button } from '../ui/Button';
import { Section } from './Section';
import { Money } from '../ui/Money';

const STATUS_TEXT = { received: 'Received', late: 'Late', short: 'Short', missing: 'Missing', upcoming: 'Upcoming' } as const;

/** Receipt schedules, what was expected and what arrived, and the contribution position. */
export function Schedules({ detail, onAdd }: { detail: ClientDetail; onAdd: () => void }) {
  const { schedules, expected, contributions, funders } = detail;
  const funderName = new Map(funders.map((f) => [f.id, f.name]));
  const sourceOf = (source: string, funderId: number | null) =>
    source === 'contribution' ? 'Client contribution' : (funderId !== null ? funderName.get(funderId) : undefined) ?? 'Funder';
  const scheduleSource = new Map(schedules.map((s) => [s.id, sourceOf(s.source, s.funderId)]));
  const rows = [...expected].sort((a, b) => (a.dueDate < b.dueDate ? 1 : a.dueDate > b.dueDate ? -1 : a.scheduleId - b.scheduleId));
  return (
    <Section
      action={<Button onClick={onAdd}>Add schedule…</Button>}
      title="Receipt schedule and contributions"
      description={<p>What the funder pays and the contribution the client is assessed to pay. Steward checks each receipt against them.</p>}
    >
      {schedules.length === 0 ? (
        <div className="cp-empty-inline">
          <p>
            <strong>No receipt schedule yet.</strong>
          </p>
          <p>Add the funder&rsquo;s payments (for example £1,200.00 every 4 weeks) so Steward can say when money is late, short or missing, and work out weeks of funding held.</p>
        </div>
      ) : (
        <div className="cp-table-scroll">
          <table className="cp-data-table">
            <caption className="cp-table-caption">Schedules</caption>
            <thead>
              <tr>
                <th scope="col">Paid by</th>
                <th scope="col" className="money">
                  Amount
                </th>
                <th scope="col">How often</th>
                <th scope="col">First due</th>
                <th scope="col">Last due</th>
                <th scope="col" className="money">
                  Weekly equivalent
                </th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((s) => (
                <tr key={s.id}>
                  <td>{sourceOf(s.source, s.funderId)}</td>
                  <td className="money">
                    <Money pence={s.amount} />
                  </td>
                  <td>{CADENCE_LABEL[s.cadence]}</td>
                  <td>{s.firstDate}</td>
                  <td>{s.endDate ?? <span className="muted">Continues</span>}</td>
                  <td className="money">
                    <Money pence={s.weeklyEquivalent} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {rows.length ? (
        <div className="cp-table-scroll">
          <table className="cp-data-table">
            <caption className="cp-table-caption">Expected receipts, last 6 months</caption>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">From</th>
                <th scope="col" className="money">
                  Expected
                </th>
                <th scope="col">Received on</th>
                <th scope="col" className="money">
                  Received
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={`${d.scheduleId}-${d.dueDate}`}>
                  <td>{d.dueDate}</td>
                  <td>{scheduleSource.get(d.scheduleId) ?? d.source}</td>
                  <td className="money">
                    <Money pence={d.expected} />
                  </td>
                  <td>{d.receivedDate ?? <span className="muted">—</span>}</td>
                  <td className="money">{d.received !== null ? <Money pence={d.received} /> : <span className="muted">—</span>}</td>
                  <td>
                    <span className={`cp-receipt-badge cp-receipt-${d.status}`}>{STATUS_TEXT[d.status]}</span>
                    {d.receivedEntryId !== null ? <span className="muted cp-tx-ref"> #{d.receivedEntryId}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h3 className="cp-subheading">Contributions</h3>
      <dl className="cp-contrib-figures">
        <div>
          <dt>Assessed to date</dt>
          <dd>
            <Money pence={contributions.assessedToDate} />
          </dd>
        </div>
        <div>
          <dt>Received to date</dt>
          <dd>
            <Money pence={contributions.receivedToDate} />
          </dd>
        </div>
        <div className={contributions.arrears > 0 ? 'cp-contrib-arrears' : undefined}>
          <dt>Arrears</dt>
          <dd>
            <Money pence={contributions.arrears} />
          </dd>
        </div>
      </dl>
      {!schedules.some((s) => s.source === 'contribution') ? (
        <p className="muted">No contribution is assessed. If the client pays one, add it as a schedule paid by the client.</p>
      ) : null}
    </Section>
  );
}
