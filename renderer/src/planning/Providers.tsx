/** #/planning/providers: the provider directory (agencies, PAs, day services, activities, suppliers, therapists) that plan lines pick from. */
import { useState } from 'react';
import { CQC_RATINGS, LINE_UNITS, PROVIDER_TYPES, type Provider } from '../../../shared/contract-planning';
import { formatPence } from '../../../shared/money';
import { useMutation } from '../api';
import { useLoaded } from '../client/hooks';
import { Select, TextArea } from '../clients-list/fields';
import { ScreenHeading } from '../screens/ScreenHeading';
import { Alert, Button, Card, Checkbox, ErrorAlert, TextInput } from '../ui';
import { UNIT_LABEL, parsePounds, poundsText } from './format';

type ProviderType = (typeof PROVIDER_TYPES)[number];
type CqcRating = (typeof CQC_RATINGS)[number];
export const PROVIDER_TYPE_LABEL: Record<ProviderType, string> = {
  agency: 'Care agency',
  pa: 'Personal assistant',
  'day-service': 'Day service',
  activity: 'Activity',
  supplier: 'Supplier',
  therapist: 'Therapist',
  other: 'Other',
};
const RATING_LABEL: Record<CqcRating, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement',
  inadequate: 'Inadequate',
  'not-yet-rated': 'Not yet rated',
};

export function ProviderDirectory() {
  const [type, setType] = useState('');
  const [area, setArea] = useState('');
  const [inactive, setInactive] = useState(false);
  const list = useLoaded('provider.list', { ...(type ? { type: PROVIDER_TYPES.find((t) => t === type) ?? 'other' } : {}), ...(area.trim() ? { area: area.trim() } : {}), includeInactive: inactive });
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <ScreenHeading title="Provider directory">
        <p>
          Local agencies, PAs, day services, activities and suppliers. Plan lines pick their provider from here. <a href="#/planning">Back to planning</a>
        </p>
      </ScreenHeading>
      <div className="stack">
        <form className="pl-inline-form" aria-label="Filter providers" onSubmit={(e) => e.preventDefault()}>
          <Select label="Type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All types</option>
            {PROVIDER_TYPES.map((t) => (
              <option key={t} value={t}>
                {PROVIDER_TYPE_LABEL[t]}
              </option>
            ))}
          </Select>
          <TextInput label="Area" value={area} onChange={(e) => setArea(e.target.value)} />
          <Checkbox label="Show inactive" checked={inactive} onChange={(e) => setInactive(e.target.checked)} />
        </form>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {list.error ? <ErrorAlert error={list.error} /> : null}
        {list.data && list.data.length === 0 ? <p className="muted">No providers match.</p> : null}
        {list.data && list.data.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="sr-only">Providers</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Area</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Rates</th>
                  <th scope="col">CQC</th>
                  <th scope="col">Accreditation</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.name}
                      {p.active ? null : <span className="muted"> (inactive)</span>}
                    </th>
                    <td>{PROVIDER_TYPE_LABEL[p.type]}</td>
                    <td>{p.area}</td>
                    <td>{[p.contactName, p.phone, p.email].filter(Boolean).join(', ')}</td>
                    <td>{p.rates.map((r) => `${r.description}: ${formatPence(r.amount)} (${UNIT_LABEL[r.unit]})`).join('; ')}</td>
                    <td>{[p.cqcId, p.cqcRating ? RATING_LABEL[p.cqcRating] : ''].filter(Boolean).join(', ')}</td>
                    <td>{p.accreditation}</td>
                    <td>
                      <Button variant="quiet" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
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
            <Button variant="primary" onClick={() => (setNotice(null), setEditing('new'))}>
              Add a provider
            </Button>
          </div>
        ) : (
          <Card title={editing === 'new' ? 'Add a provider' : `Edit ${editing.name}`}>
            <ProviderForm
              existing={editing === 'new' ? null : editing}
              onDone={(saved) => {
                setEditing(null);
                if (saved) {
                  setNotice(`${saved.name} saved.`);
                  list.reload();
                }
              }}
            />
          </Card>
        )}
      </div>
    </>
  );
}

interface RateDraft {
  description: string;
  amount: string;
  unit: (typeof LINE_UNITS)[number];
}

function ProviderForm({ existing, onDone }: { existing: Provider | null; onDone: (saved: Provider | null) => void }) {
  const [f, setF] = useState({
    name: existing?.name ?? '',
    type: existing?.type ?? ('agency' as ProviderType),
    area: existing?.area ?? '',
    contactName: existing?.contactName ?? '',
    phone: existing?.phone ?? '',
    email: existing?.email ?? '',
    address: existing?.address ?? '',
    cqcId: existing?.cqcId ?? '',
    cqcRating: existing?.cqcRating ?? '',
    accreditation: existing?.accreditation ?? '',
    notes: existing?.notes ?? '',
    active: existing?.active ?? true,
  });
  const [rates, setRates] = useState<RateDraft[]>(existing ? existing.rates.map((r) => ({ description: r.description, amount: poundsText(r.amount), unit: r.unit })) : []);
  const [local, setLocal] = useState<string | null>(null);
  const create = useMutation('provider.create');
  const update = useMutation('provider.update');
  const error = create.error ?? update.error;
  const err = (k: string) => (error?.where === k ? error.message : undefined);
  const submit = async () => {
    setLocal(null);
    const parsed = [];
    for (const [i, r] of rates.entries()) {
      const a = parsePounds(r.amount, `Rate ${i + 1} amount`);
      if (!a.ok) return setLocal(a.message);
      parsed.push({ description: r.description, amount: a.value, unit: r.unit });
    }
    const body = { ...f, cqcRating: CQC_RATINGS.find((c) => c === f.cqcRating) ?? null, rates: parsed };
    const out = existing ? await update.run({ id: existing.id, patch: body }) : await create.run(body);
    if (out) onDone(out);
  };
  return (
    <form
      aria-label="Provider"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <TextInput label="Name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} error={err('name')} />
        <Select label="Type" value={f.type} onChange={(e) => setF({ ...f, type: PROVIDER_TYPES.find((t) => t === e.target.value) ?? 'other' })}>
          {PROVIDER_TYPES.map((t) => (
            <option key={t} value={t}>
              {PROVIDER_TYPE_LABEL[t]}
            </option>
          ))}
        </Select>
        <TextInput label="Area" value={f.area} onChange={(e) => setF({ ...f, area: e.target.value })} />
        <TextInput label="Contact name" value={f.contactName} onChange={(e) => setF({ ...f, contactName: e.target.value })} />
        <TextInput label="Phone" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} />
        <TextInput label="Email" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} />
        <TextInput label="CQC id" hint="Like 1-123456789" value={f.cqcId} onChange={(e) => setF({ ...f, cqcId: e.target.value })} error={err('cqcId')} />
        <Select label="CQC rating" value={f.cqcRating} onChange={(e) => setF({ ...f, cqcRating: e.target.value })}>
          <option value="">None</option>
          {CQC_RATINGS.map((c) => (
            <option key={c} value={c}>
              {RATING_LABEL[c]}
            </option>
          ))}
        </Select>
        <TextInput label="Accreditation" value={f.accreditation} onChange={(e) => setF({ ...f, accreditation: e.target.value })} />
      </div>
      <TextArea label="Address" rows={2} value={f.address} onChange={(e) => setF({ ...f, address: e.target.value })} />
      <h3>Rates</h3>
      {rates.map((r, i) => (
        <div key={i} className="pl-inline-form">
          <TextInput label={`Rate ${i + 1}: what for`} value={r.description} onChange={(e) => setRates(rates.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))} />
          <TextInput label={`Rate ${i + 1}: amount (£)`} inputMode="decimal" value={r.amount} onChange={(e) => setRates(rates.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} />
          <Select label={`Rate ${i + 1}: unit`} value={r.unit} onChange={(e) => setRates(rates.map((x, j) => (j === i ? { ...x, unit: LINE_UNITS.find((u) => u === e.target.value) ?? 'one-off' } : x)))}>
            {LINE_UNITS.map((u) => (
              <option key={u} value={u}>
                {UNIT_LABEL[u]}
              </option>
            ))}
          </Select>
          <Button variant="quiet" onClick={() => setRates(rates.filter((_, j) => j !== i))}>
            Remove rate {i + 1}
          </Button>
        </div>
      ))}
      <Button onClick={() => setRates([...rates, { description: '', amount: '', unit: 'hours-per-week' }])}>Add a rate</Button>
      <TextArea label="Notes" rows={2} value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />
      {existing ? <Checkbox label="Active (offered when planning)" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} /> : null}
      {local ? <Alert tone="error">{local}</Alert> : null}
      {error ? <ErrorAlert error={error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={create.pending || update.pending}>
          Save provider
        </Button>
        <Button onClick={() => onDone(null)}>Cancel</Button>
      </div>
    </form>
  );
}
