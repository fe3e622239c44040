/** The personal budget: annual and indicative weekly amounts, dates, the split between funders and the client's contribution, urgent interim support. */
import { useState } from 'react';
import type { ClientDetail } from '../../../shared/contract-money';
import { formatPence } from '../../../shared/money';
import { useMutation } from '../api';
import { useLoaded } from '../client/hooks';
import { TextArea } from '../clients-list/fields';
import { Alert, Button, Card, Checkbox, ErrorAlert, TextInput } from '../ui';
import { parsePounds } from './format';

export function BudgetCard({ detail, today, onSaved }: { detail: ClientDetail; today: string; onSaved: () => void }) {
  const clientId = detail.client.id;
  const list = useLoaded('budget.list', { clientId });
  const [open, setOpen] = useState(false);
  const budgets = list.data ? [...list.data].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1)) : [];
  return (
    <Card title="Personal budget">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && budgets.length === 0 ? <p className="muted">No personal budget set yet. Plans are checked against it before they can be submitted.</p> : null}
      {budgets.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">Personal budgets</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" className="num">
                  Annual
                </th>
                <th scope="col" className="num">
                  Weekly
                </th>
                <th scope="col">Funded by</th>
                <th scope="col" className="num">
                  Client’s contribution
                </th>
                <th scope="col">Urgent interim</th>
              </tr>
            </thead>
            <tbody>
              {budgets.map((b) => (
                <tr key={b.id}>
                  <td>{b.effectiveFrom}</td>
                  <td>{b.effectiveTo ?? 'open-ended'}</td>
                  <td className="num">{formatPence(b.annualAmount)}</td>
                  <td className="num">{formatPence(b.weeklyAmount)}</td>
                  <td>{b.funders.map((f) => `${f.funderName} ${formatPence(f.annualAmount)}`).join('; ') || '—'}</td>
                  <td className="num">{formatPence(b.clientContribution)}</td>
                  <td>{b.urgentInterim ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open ? (
        <BudgetForm
          detail={detail}
          today={today}
          onDone={(saved) => {
            setOpen(false);
            if (saved) {
              list.reload();
              onSaved();
            }
          }}
        />
      ) : (
        <div className="form-actions">
          <Button onClick={() => setOpen(true)}>Set a personal budget</Button>
        </div>
      )}
    </Card>
  );
}

function BudgetForm({ detail, today, onDone }: { detail: ClientDetail; today: string; onDone: (saved: boolean) => void }) {
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState('');
  const [annual, setAnnual] = useState('');
  const [weekly, setWeekly] = useState('');
  const [shares, setShares] = useState<Record<number, string>>({});
  const [contribution, setContribution] = useState('0');
  const [urgent, setUrgent] = useState(false);
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const save = useMutation('budget.set');
  const submit = async () => {
    setLocal(null);
    const a = parsePounds(annual, 'Annual budget');
    if (!a.ok) return setLocal(a.message);
    const w = weekly.trim() === '' ? null : parsePounds(weekly, 'Indicative weekly amount');
    if (w && !w.ok) return setLocal(w.message);
    const c = parsePounds(contribution || '0', 'Client’s contribution');
    if (!c.ok) return setLocal(c.message);
    const funders: { funderId: number; annualAmount: number }[] = [];
    for (const f of detail.funders) {
      const t = shares[f.id] ?? '';
      if (t.trim() === '') continue;
      const v = parsePounds(t, `${f.name}’s share`);
      if (!v.ok) return setLocal(v.message);
      funders.push({ funderId: f.id, annualAmount: v.value });
    }
    const out = await save.run({
      clientId: detail.client.id,
      effectiveFrom: from,
      effectiveTo: to === '' ? null : to,
      annualAmount: a.value,
      ...(w && w.ok ? { weeklyAmount: w.value } : {}),
      funders,
      clientContribution: c.value,
      urgentInterim: urgent,
      notes,
    });
    if (out) onDone(true);
  };
  const where = save.error?.where;
  return (
    <form
      aria-label="Personal budget"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <TextInput label="Effective from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} error={where === 'effectiveFrom' ? save.error?.message : undefined} />
        <TextInput label="Effective to (optional)" type="date" value={to} onChange={(e) => setTo(e.target.value)} error={where === 'effectiveTo' ? save.error?.message : undefined} />
        <TextInput label="Annual budget (£)" inputMode="decimal" value={annual} onChange={(e) => setAnnual(e.target.value)} error={where === 'annualAmount' ? save.error?.message : undefined} />
        <TextInput label="Indicative weekly amount (£)" hint="Left empty: the annual budget ÷ 52." inputMode="decimal" value={weekly} onChange={(e) => setWeekly(e.target.value)} />
        {detail.funders.map((f) => (
          <TextInput key={f.id} label={`${f.name}’s share a year (£)`} inputMode="decimal" value={shares[f.id] ?? ''} onChange={(e) => setShares({ ...shares, [f.id]: e.target.value })} />
        ))}
        <TextInput label="Client’s contribution a year (£)" inputMode="decimal" value={contribution} onChange={(e) => setContribution(e.target.value)} />
      </div>
      <Checkbox label="Urgent interim support (before the full plan is agreed)" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
      <TextArea label="Notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      {local ? <Alert tone="error">{local}</Alert> : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={save.pending}>
          Save budget
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </div>
    </form>
  );
}
