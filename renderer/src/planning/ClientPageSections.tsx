/**
 * Planning pieces on the client page (#/clients/ID): the support plan card, case notes and the
 * complaints log.
 */
import { useState } from 'react';
import { COMPLAINT_STATUSES, type Complaint } from '../../../shared/contract-planning';
import { formatPence } from '../../../shared/money';
import { useMutation } from '../api';
import { useLoaded } from '../client/hooks';
import { Select, TextArea } from '../clients-list/fields';
import { useToday } from '../timesheets/useToday';
import { Button, Card, ErrorAlert, TextInput } from '../ui';
import { STATUS_LABEL } from './format';
import { CheckFlag, DueText } from './PlanningHome';
import { PlanActualCard } from './PlanActual';
import '../styles-planning.css';

export function SupportPlanCard({ clientId }: { clientId: number }) {
  const plan = useLoaded('plan.current', { clientId });
  const due = useLoaded('review.due', { clientId });
  const { today } = useToday();
  const p = plan.data;
  const check = useLoaded('plan.check', { id: p?.id ?? 0 });
  return (
    <Card title="Support plan">
      {plan.error ? <ErrorAlert error={plan.error} /> : null}
      {!plan.loading && !p ? <p className="muted">No support plan yet.</p> : null}
      {p ? (
        <dl className="pl-facts">
          <dt>Status</dt>
          <dd>
            <span className={`pl-status pl-status-${p.status}`}>{`${STATUS_LABEL[p.status]} (version ${p.version})`}</span>
          </dd>
          <dt>Annual cost</dt>
          <dd>
            {formatPence(p.totals.annual)}
            {check.data?.budgetAnnual != null ? ` against a budget of ${formatPence(check.data.budgetAnnual)}` : ''} {check.data && check.data.planId === p.id ? <CheckFlag check={check.data} /> : null}
          </dd>
          <dt>Next review</dt>
          <dd>
            <DueText due={due.data} today={today} />
          </dd>
        </dl>
      ) : null}
      <p>
        <a href={`#/planning/${clientId}`}>Open support planning</a>
      </p>
    </Card>
  );
}

/** Plan against actual on the client page, once a plan is active (the same card as on the planning page). */
export function ClientPlanActual({ clientId }: { clientId: number }) {
  const plan = useLoaded('plan.current', { clientId });
  const { today } = useToday();
  if (!today || plan.data?.status !== 'active') return null;
  return <PlanActualCard clientId={clientId} today={today} />;
}

export function CaseNotes({ clientId }: { clientId: number }) {
  const list = useLoaded('casenote.list', { clientId });
  const { today } = useToday();
  const [date, setDate] = useState('');
  const [text, setText] = useState('');
  const add = useMutation('casenote.add');
  const notes = list.data ? [...list.data].sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1)) : [];
  const submit = async () => {
    const out = await add.run({ clientId, date: date || today || '', text });
    if (out) {
      setText('');
      list.reload();
    }
  };
  return (
    <Card title="Case notes">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && notes.length === 0 ? <p className="muted">No case notes yet.</p> : null}
      <ul className="pl-notes">
        {notes.map((n) => (
          <li key={n.id}>
            <p className="pl-note-meta">
              {n.date} · {n.author}
            </p>
            <p className="pl-prewrap">{n.text}</p>
          </li>
        ))}
      </ul>
      <form
        aria-label="Add a case note"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          <TextInput label="Note date" type="date" value={date || today || ''} onChange={(e) => setDate(e.target.value)} />
        </div>
        <TextArea label="Case note" rows={3} value={text} onChange={(e) => setText(e.target.value)} error={add.error?.where === 'text' ? add.error.message : undefined} />
        {add.error && add.error.where !== 'text' ? <ErrorAlert error={add.error} /> : null}
        <div className="form-actions">
          <Button type="submit" pending={add.pending}>
            Add note
          </Button>
        </div>
      </form>
    </Card>
  );
}

const ABOUT_LABEL = { agency: 'An agency', pa: 'A PA', other: 'Something else' } as const;
const COMPLAINT_STATUS_LABEL = { open: 'Open', resolved: 'Resolved', closed: 'Closed' } as const;

export function Complaints({ clientId }: { clientId: number }) {
  const list = useLoaded('complaint.list', { clientId });
  const [editing, setEditing] = useState<Complaint | 'new' | null>(null);
  return (
    <Card title="Complaints">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <p className="muted">No complaints logged.</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">Complaints</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">About</th>
                <th scope="col">What happened</th>
                <th scope="col">Action taken</th>
                <th scope="col">Outcome</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id}>
                  <td>{c.date}</td>
                  <td>{`${ABOUT_LABEL[c.about]}${c.providerName ?? c.paName ? `: ${c.providerName ?? c.paName}` : ''}`}</td>
                  <td>{c.whatHappened}</td>
                  <td>{c.actionTaken}</td>
                  <td>{c.outcome}</td>
                  <td>{COMPLAINT_STATUS_LABEL[c.status]}</td>
                  <td>
                    <Button variant="quiet" aria-label={`Update the complaint of ${c.date}`} onClick={() => setEditing(c)}>
                      Update
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
          <Button onClick={() => setEditing('new')}>Log a complaint</Button>
        </div>
      ) : (
        <ComplaintForm
          clientId={clientId}
          existing={editing === 'new' ? null : editing}
          onDone={(ok) => {
            setEditing(null);
            if (ok) list.reload();
          }}
        />
      )}
    </Card>
  );
}

function ComplaintForm({ clientId, existing, onDone }: { clientId: number; existing: Complaint | null; onDone: (ok: boolean) => void }) {
  const { today } = useToday();
  const providers = useLoaded('provider.list', {});
  const pas = useLoaded('pa.list', { clientId });
  const [f, setF] = useState({
    date: existing?.date ?? '',
    about: existing?.about ?? ('agency' as const),
    providerId: existing?.providerId ? String(existing.providerId) : '',
    paId: existing?.paId ? String(existing.paId) : '',
    whatHappened: existing?.whatHappened ?? '',
    actionTaken: existing?.actionTaken ?? '',
    outcome: existing?.outcome ?? '',
    status: existing?.status ?? ('open' as const),
  });
  const add = useMutation('complaint.add');
  const update = useMutation('complaint.update');
  const error = add.error ?? update.error;
  const submit = async () => {
    const body = {
      date: f.date || today || '',
      about: f.about,
      providerId: f.about === 'agency' && f.providerId ? Number(f.providerId) : null,
      paId: f.about === 'pa' && f.paId ? Number(f.paId) : null,
      whatHappened: f.whatHappened,
      actionTaken: f.actionTaken,
      outcome: f.outcome,
      status: f.status,
    };
    const out = existing ? await update.run({ id: existing.id, patch: body }) : await add.run({ clientId, ...body });
    if (out) onDone(true);
  };
  return (
    <form
      aria-label={existing ? 'Update the complaint' : 'Log a complaint'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <TextInput label="Date of complaint" type="date" value={f.date || today || ''} onChange={(e) => setF({ ...f, date: e.target.value })} />
        <Select label="About" value={f.about} onChange={(e) => setF({ ...f, about: e.target.value === 'pa' ? 'pa' : e.target.value === 'other' ? 'other' : 'agency' })}>
          <option value="agency">{ABOUT_LABEL.agency}</option>
          <option value="pa">{ABOUT_LABEL.pa}</option>
          <option value="other">{ABOUT_LABEL.other}</option>
        </Select>
        {f.about === 'agency' ? (
          <Select label="Agency" value={f.providerId} onChange={(e) => setF({ ...f, providerId: e.target.value })}>
            <option value="">Not in the directory</option>
            {(providers.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        ) : null}
        {f.about === 'pa' ? (
          <Select label="PA" value={f.paId} onChange={(e) => setF({ ...f, paId: e.target.value })}>
            <option value="">Not named</option>
            {(pas.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        ) : null}
        <Select label="Status" value={f.status} onChange={(e) => setF({ ...f, status: COMPLAINT_STATUSES.find((s) => s === e.target.value) ?? 'open' })}>
          {COMPLAINT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {COMPLAINT_STATUS_LABEL[s]}
            </option>
          ))}
        </Select>
      </div>
      <TextArea label="What happened" rows={2} value={f.whatHappened} onChange={(e) => setF({ ...f, whatHappened: e.target.value })} error={error?.where === 'whatHappened' ? error.message : undefined} />
      <TextArea label="Action taken" rows={2} value={f.actionTaken} onChange={(e) => setF({ ...f, actionTaken: e.target.value })} />
      <TextArea label="Outcome" rows={2} value={f.outcome} onChange={(e) => setF({ ...f, outcome: e.target.value })} />
      {error && error.where !== 'whatHappened' ? <ErrorAlert error={error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={add.pending || update.pending}>
          Save complaint
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </div>
    </form>
  );
}
