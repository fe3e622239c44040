/**
 * One PA's holiday: the balance for the leave year containing today (entitlement, accrued, taken,
 * left, in hours), "Record holiday taken" (date, hours, note) and the days recorded, with remove for
 * the ones no pay run has paid yet. Hours are typed like 7.5 and sent as hundredths.
 */
import { useState } from 'react';
import type { HolidayBalance, Pa } from '../../../shared/contract-payroll';
import { call, useQuery } from '../api';
import { Alert, Button, Card, ErrorAlert, TextInput } from '../ui';
import { useSave } from '../clients-list/useSave';
import { hoursText, readCell } from '../timesheets/hours';
import { useToday } from '../timesheets/useToday';
import { HOLIDAY_SCHEME_LABEL, fieldError } from './labels';

export function HolidayPanel({ pa, onClose }: { pa: Pa; onClose: () => void }) {
  const today = useToday();
  return (
    <Card title={`Holiday: ${pa.name}`} description={<p>{HOLIDAY_SCHEME_LABEL[pa.holidayScheme]}. The leave year runs from 1 April to 31 March.</p>}>
      {today.status === 'loading' ? (
        <p role="status" className="muted">
          Loading holiday…
        </p>
      ) : today.today === null ? (
        <Alert tone="error">Steward could not tell today’s date. Try again.</Alert>
      ) : (
        <HolidayBody pa={pa} today={today.today} />
      )}
      <div className="form-actions">
        <Button onClick={onClose}>Close holiday</Button>
      </div>
    </Card>
  );
}

function BalanceFigures({ b }: { b: HolidayBalance }) {
  return (
    <dl className="pr-details pr-holiday" aria-label="Holiday balance">
      <div>
        <dt>Left to take</dt>
        <dd className="pr-holiday-balance" data-testid="holiday-balance">
          {hoursText(b.balanceHours)} hours
        </dd>
      </div>
      <div>
        <dt>Entitlement this leave year</dt>
        <dd>{hoursText(b.entitlementHours)} hours</dd>
      </div>
      <div>
        <dt>Accrued to date</dt>
        <dd>{hoursText(b.accruedHours)} hours</dd>
      </div>
      <div>
        <dt>Taken to date</dt>
        <dd data-testid="holiday-taken">{hoursText(b.takenHours)} hours</dd>
      </div>
      <div>
        <dt>Leave year</dt>
        <dd>
          {b.leaveYearStart} to {b.leaveYearEnd}
        </dd>
      </div>
    </dl>
  );
}

function HolidayBody({ pa, today }: { pa: Pa; today: string }) {
  const balance = useQuery('holiday.balance', { paId: pa.id, asOf: today });
  const taken = useQuery('holiday.list', { paId: pa.id });
  const saving = useSave();
  const removing = useSave();
  const [date, setDate] = useState('');
  const [hours, setHours] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ date?: string; hours?: string; note?: string }>({});
  const [notice, setNotice] = useState<string | null>(null);

  const reload = () => {
    balance.reload();
    taken.reload();
  };

  const submit = async () => {
    const errs: { date?: string; hours?: string } = {};
    if (date === '') errs.date = 'Enter the day the holiday was taken.';
    const read = readCell(hours);
    if (!read.ok) errs.hours = read.message;
    else if (read.hours === 0) errs.hours = 'Enter the hours of holiday taken that day, e.g. 7.5.';
    setErrors(errs);
    setNotice(null);
    if (errs.date || errs.hours || !read.ok) return;
    const res = await saving.run(() => call('holiday.add', { paId: pa.id, date, hours: read.hours, note: note.trim() }));
    if (!res.ok) {
      const fe = fieldError(res.error.where, res.error.message);
      if (fe && (fe.field === 'date' || fe.field === 'hours' || fe.field === 'note')) setErrors({ [fe.field]: fe.message });
      return;
    }
    setDate('');
    setHours('');
    setNote('');
    setNotice(`Recorded ${hoursText(res.value.hours)} hours of holiday on ${res.value.date}.`);
    reload();
  };

  const remove = async (id: number, what: string) => {
    setNotice(null);
    const res = await removing.run(() => call('holiday.remove', { id }));
    if (res.ok) {
      setNotice(`Removed the holiday on ${what}.`);
      reload();
    }
  };

  const list = taken.data ?? [];
  return (
    <div className="stack">
      {balance.status === 'loading' ? (
        <p role="status" className="muted">
          Working out the balance…
        </p>
      ) : null}
      {balance.status === 'error' ? (
        <ErrorAlert error={balance.error}>
          <Button onClick={balance.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {balance.data ? <BalanceFigures b={balance.data} /> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}

      <form
        className="pr-form"
        noValidate
        aria-label={`Record holiday taken by ${pa.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          <TextInput label="Holiday date" type="date" value={date} error={errors.date} onChange={(e) => (setDate(e.target.value), saving.clear())} />
          <TextInput label="Hours taken" hint="e.g. 7.5 or 7:30" inputMode="decimal" autoComplete="off" value={hours} error={errors.hours} onChange={(e) => (setHours(e.target.value), saving.clear())} />
          <TextInput label="Note" hint="Optional, e.g. booked in March." autoComplete="off" value={note} error={errors.note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {saving.error ? <ErrorAlert error={saving.error} /> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={saving.pending}>
            Record holiday taken
          </Button>
        </div>
      </form>

      {removing.error ? <ErrorAlert error={removing.error} /> : null}
      {taken.status === 'ok' && list.length === 0 ? <p className="muted">No holiday recorded for {pa.name} yet.</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table pr-table">
            <caption className="pr-caption">Holiday taken by {pa.name}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" className="num">
                  Hours
                </th>
                <th scope="col">Note</th>
                <th scope="col">Paid</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((h) => (
                <tr key={h.id}>
                  <th scope="row" className="pr-mono">
                    {h.date}
                  </th>
                  <td className="num">{hoursText(h.hours)}</td>
                  <td>{h.note || <span className="muted">None</span>}</td>
                  <td>
                    {h.payRunId === null ? <span className="muted">Not yet</span> : `In pay run ${h.payRunId}`}
                    {h.date > today ? <span className="cell-note">Booked: counts as taken from {h.date}</span> : null}
                  </td>
                  <td className="actions">
                    {h.payRunId === null ? (
                      <Button variant="quiet" pending={removing.pending} onClick={() => void remove(h.id, h.date)}>
                        Remove<span className="sr-only"> holiday on {h.date}</span>
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
