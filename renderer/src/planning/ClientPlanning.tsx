/** #/planning/CLIENT_ID: the client's assessment, personal budget, plan versions, risks, reviews and plan against actual. */
import { useState } from 'react';
import { formatPence } from '../../../shared/money';
import { useMutation } from '../api';
import { go } from '../routes';
import { useLoaded } from '../client/hooks';
import { Select } from '../clients-list/fields';
import { ScreenHeading } from '../screens/ScreenHeading';
import { useToday } from '../timesheets/useToday';
import { Button, Card, ErrorAlert } from '../ui';
import { AssessmentCard } from './Assessment';
import { BudgetCard } from './Budget';
import { PlanActualCard } from './PlanActual';
import { ReviewsCard } from './Reviews';
import { RisksCard } from './Risks';
import { STATUS_LABEL } from './format';

export function ClientPlanning({ clientId }: { clientId: number }) {
  const detail = useLoaded('client.get', { id: clientId });
  const { today } = useToday();
  if (detail.error && !detail.data) {
    return (
      <>
        <ScreenHeading title="Support planning" />
        <ErrorAlert error={detail.error}>
          <p>
            <a href="#/planning">Back to planning</a>
          </p>
        </ErrorAlert>
      </>
    );
  }
  if (!detail.data || today === null) {
    return (
      <>
        <ScreenHeading title="Support planning" />
        <p role="status">Loading…</p>
      </>
    );
  }
  const d = detail.data;
  return (
    <>
      <ScreenHeading title={`Support planning: ${d.client.name}`}>
        <p>
          <a href="#/planning">All clients’ plans</a> · <a href={`#/clients/${clientId}`}>Client page</a> · <a href="#/planning/providers">Provider directory</a>
        </p>
      </ScreenHeading>
      <div className="stack">
        <AssessmentCard clientId={clientId} today={today} />
        <BudgetCard detail={d} today={today} onSaved={() => undefined} />
        <VersionsCard clientId={clientId} />
        <PlanActualCard clientId={clientId} today={today} />
        <RisksCard clientId={clientId} />
        <ReviewsCard clientId={clientId} today={today} />
      </div>
    </>
  );
}

function VersionsCard({ clientId }: { clientId: number }) {
  const versions = useLoaded('plan.versions', { clientId });
  const create = useMutation('plan.create');
  const list = versions.data ? [...versions.data].sort((a, b) => b.version - a.version) : [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const newVersion = async () => {
    const newest = list[0];
    const out = await create.run({ clientId, copyFrom: newest ? newest.id : null });
    if (out) go(`#/planning/${clientId}/plans/${out.id}`);
  };
  const fromId = from || (list[1] ? String(list[1].id) : '');
  const toId = to || (list[0] ? String(list[0].id) : '');
  return (
    <Card title="Support plan versions" description="A submitted version never changes: to change a plan, make a new version (it starts as a copy of the newest).">
      {versions.error ? <ErrorAlert error={versions.error} /> : null}
      {versions.data && list.length === 0 ? <p className="muted">No support plan yet.</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">Plan versions</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Starts</th>
                <th scope="col" className="num">
                  Weekly
                </th>
                <th scope="col" className="num">
                  Annual
                </th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={`#/planning/${clientId}/plans/${p.id}`}>Version {p.version}</a>
                  </th>
                  <td>
                    <span className={`pl-status pl-status-${p.status}`}>{STATUS_LABEL[p.status]}</span>
                  </td>
                  <td>{p.startDate}</td>
                  <td className="num">{formatPence(p.totals.weekly)}</td>
                  <td className="num">{formatPence(p.totals.annual)}</td>
                  <td>{p.updatedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {create.error ? <ErrorAlert error={create.error} /> : null}
      <div className="form-actions">
        <Button variant="primary" pending={create.pending} onClick={() => void newVersion()}>
          {list.length === 0 ? 'Start a support plan' : 'New version'}
        </Button>
      </div>
      {list.length >= 2 ? (
        <form
          className="pl-compare"
          aria-label="Compare versions"
          onSubmit={(e) => {
            e.preventDefault();
            go(`#/planning/${clientId}/diff?from=${fromId}&to=${toId}`);
          }}
        >
          <Select label="Compare version" value={fromId} onChange={(e) => setFrom(e.target.value)}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                Version {p.version} ({STATUS_LABEL[p.status]})
              </option>
            ))}
          </Select>
          <Select label="with version" value={toId} onChange={(e) => setTo(e.target.value)}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                Version {p.version} ({STATUS_LABEL[p.status]})
              </option>
            ))}
          </Select>
          <Button type="submit">Show the differences</Button>
        </form>
      ) : null}
    </Card>
  );
}
