/** Risk enablement: each risk with likelihood, impact, mitigation, the contingency plan, the person's informed choice, who agreed and when to look again. */
import { useState } from 'react';
import type { Risk } from '../../../shared/contract-planning';
import { useMutation } from '../api';
import { useLoaded } from '../client/hooks';
import { Select, TextArea } from '../clients-list/fields';
import { Button, Card, ErrorAlert, TextInput } from '../ui';

const LEVELS = [1, 2, 3, 4, 5] as const;
const LEVEL_LABEL: Record<number, string> = { 1: '1 – very low', 2: '2 – low', 3: '3 – medium', 4: '4 – high', 5: '5 – very high' };

export function RisksCard({ clientId }: { clientId: number }) {
  const list = useLoaded('risk.list', { clientId });
  const [editing, setEditing] = useState<Risk | 'new' | null>(null);
  return (
    <Card title="Risks" description="Risk enablement: what could go wrong, what is done about it, and the person’s own informed choice.">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <p className="muted">No risks recorded.</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table pl-risk-table">
            <caption className="sr-only">Risks</caption>
            <thead>
              <tr>
                <th scope="col">Risk</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Mitigation</th>
                <th scope="col">Contingency plan</th>
                <th scope="col">Informed choice</th>
                <th scope="col">Agreed by</th>
                <th scope="col">Review</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.description}
                    {r.status === 'closed' ? <span className="muted"> (closed)</span> : null}
                  </th>
                  <td className="num" title="Likelihood × impact">{`${r.likelihood} × ${r.impact} = ${r.likelihood * r.impact}`}</td>
                  <td>{r.mitigation}</td>
                  <td>{r.contingencyPlan}</td>
                  <td>{r.informedChoice}</td>
                  <td>{r.agreedBy}</td>
                  <td>{r.reviewDate ?? ''}</td>
                  <td>
                    <Button variant="quiet" onClick={() => setEditing(r)} aria-label={`Edit risk: ${r.description}`}>
                      Edit
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing === null ? (
        <div className="form-actions">
          <Button onClick={() => setEditing('new')}>Add a risk</Button>
        </div>
      ) : (
        <RiskForm
          clientId={clientId}
          existing={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) list.reload();
          }}
        />
      )}
    </Card>
  );
}

function RiskForm({ clientId, existing, onDone }: { clientId: number; existing: Risk | null; onDone: (saved: boolean) => void }) {
  const [f, setF] = useState({
    description: existing?.description ?? '',
    likelihood: existing?.likelihood ?? 3,
    impact: existing?.impact ?? 3,
    mitigation: existing?.mitigation ?? '',
    contingencyPlan: existing?.contingencyPlan ?? '',
    informedChoice: existing?.informedChoice ?? '',
    agreedBy: existing?.agreedBy ?? '',
    reviewDate: existing?.reviewDate ?? '',
    status: existing?.status ?? ('open' as const),
  });
  const add = useMutation('risk.add');
  const update = useMutation('risk.update');
  const error = add.error ?? update.error;
  const err = (k: string) => (error?.where === k ? error.message : undefined);
  const submit = async () => {
    const body = { ...f, reviewDate: f.reviewDate === '' ? null : f.reviewDate };
    const out = existing ? await update.run({ id: existing.id, patch: body }) : await add.run({ clientId, ...body });
    if (out) onDone(true);
  };
  return (
    <form
      aria-label={existing ? 'Edit risk' : 'Add a risk'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextArea label="What is the risk?" rows={2} value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} error={err('description')} />
      <div className="form-grid">
        <Select label="Likelihood" value={f.likelihood} onChange={(e) => setF({ ...f, likelihood: Number(e.target.value) })}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABEL[l]}
            </option>
          ))}
        </Select>
        <Select label="Impact" value={f.impact} onChange={(e) => setF({ ...f, impact: Number(e.target.value) })}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABEL[l]}
            </option>
          ))}
        </Select>
        <TextInput label="Agreed by" value={f.agreedBy} onChange={(e) => setF({ ...f, agreedBy: e.target.value })} error={err('agreedBy')} />
        <TextInput label="Review date" type="date" value={f.reviewDate} onChange={(e) => setF({ ...f, reviewDate: e.target.value })} error={err('reviewDate')} />
        {existing ? (
          <Select label="Status" value={f.status} onChange={(e) => setF({ ...f, status: e.target.value === 'closed' ? 'closed' : 'open' })}>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </Select>
        ) : null}
      </div>
      <TextArea label="Mitigation" rows={2} value={f.mitigation} onChange={(e) => setF({ ...f, mitigation: e.target.value })} />
      <TextArea label="Contingency plan" hint="For example: if the PA does not turn up." rows={2} value={f.contingencyPlan} onChange={(e) => setF({ ...f, contingencyPlan: e.target.value })} />
      <TextArea label="The person’s informed choice" rows={2} value={f.informedChoice} onChange={(e) => setF({ ...f, informedChoice: e.target.value })} />
      {error ? <ErrorAlert error={error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={add.pending || update.pending}>
          Save risk
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </div>
    </form>
  );
}
