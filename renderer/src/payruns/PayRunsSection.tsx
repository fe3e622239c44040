/**
 * The employer page's pay runs: every run for this employer (period, pay day, status, PAs, gross,
 * net) linking to its wizard; "Start a pay run" by period number (the dates are shown before
 * drafting, from payrun.periodFor) or by dates; and what posted runs still owe, with "Record payment".
 */
import { useEffect, useRef, useState } from 'react';
import type { PayFrequency } from '../../../shared/contract-payroll';
import { call, useQuery } from '../api';
import { go } from '../routes';
import { Button, Card, ErrorAlert, Money, TextInput } from '../ui';
import { useSave } from '../clients-list/useSave';
import { fieldError } from '../payroll/labels';
import { periodContaining, periodText, RunStatus, todayUk, useAppToday } from './common';
import { Liabilities } from './Liabilities';
import '../styles-payruns.css';

export function PayRunsSection({ clientId }: { clientId: number }) {
  const runs = useQuery('payrun.list', { clientId });
  const employer = useQuery('employer.get', { clientId });
  const client = useQuery('client.get', { id: clientId });
  const clock = useAppToday();
  const appToday = clock.today;
  const [starting, setStarting] = useState(false);
  const startRef = useRef<HTMLButtonElement>(null);

  const isTrust = client.status === 'ok' && client.data.client.arrangement === 'user-trust';
  const trustees = client.status === 'ok' ? client.data.client.trustees.map((t) => t.name) : [];
  const frequency: PayFrequency = employer.status === 'ok' && employer.data ? employer.data.payFrequency : 'monthly';
  // What is owed as at today, or as at the latest posted run's pay day if that is later (a run posted
  // ahead of its pay day is owed from then).
  const today = appToday ?? todayUk();
  const lastPayDate = (runs.data ?? []).filter((r) => r.status === 'posted').reduce((d, r) => (r.payDate > d ? r.payDate : d), '');
  const liabilityDate = lastPayDate > today ? lastPayDate : today;
  const list = [...(runs.data ?? [])].sort((a, b) => (a.periodStart === b.periodStart ? b.id - a.id : a.periodStart < b.periodStart ? 1 : -1));

  return (
    <div className="stack prn-section">
      <Card title="Pay runs" description={<p>Each pay run pays the PAs for one period from their approved timesheets. Open a run to review, approve, post and print payslips.</p>}>
        {runs.status === 'loading' ? (
          <p role="status" className="muted">
            Loading pay runs…
          </p>
        ) : null}
        {runs.status === 'error' ? (
          <ErrorAlert error={runs.error}>
            <Button onClick={runs.reload}>Try again</Button>
          </ErrorAlert>
        ) : null}
        {runs.status === 'ok' && list.length === 0 ? <p className="muted">No pay runs yet. Approve the PAs&rsquo; timesheets for a period, then start a pay run.</p> : null}
        {list.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table prn-table">
              <caption className="sr-only">Pay runs</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Pay date</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    PAs
                  </th>
                  <th scope="col" className="num">
                    Gross
                  </th>
                  <th scope="col" className="num">
                    Net
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={`#/payroll/runs/${r.id}`}>{periodText(r)}</a>
                      <span className="cell-note">
                        {r.taxYear} period {r.taxPeriod} · run #{r.id}
                      </span>
                    </th>
                    <td>{r.payDate}</td>
                    <td>
                      <RunStatus status={r.status} />
                    </td>
                    <td className="num">{r.lines.length}</td>
                    <td className="num">
                      <Money pence={r.totals.gross} />
                    </td>
                    <td className="num">
                      <Money pence={r.totals.net} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {starting ? (
          <StartRun
            clientId={clientId}
            frequency={frequency}
            today={today}
            onCancel={() => {
              setStarting(false);
              startRef.current?.focus();
            }}
          />
        ) : (
          <div className="form-actions">
            <Button ref={startRef} variant="primary" pending={clock.loading} onClick={() => setStarting(true)}>
              Start a pay run
            </Button>
          </div>
        )}
      </Card>
      {runs.status === 'ok' && !clock.loading ? (
        <Liabilities clientId={clientId} isTrust={isTrust} trustees={trustees} defaultDate={liabilityDate} asOf={liabilityDate} />
      ) : null}
    </div>
  );
}

interface PeriodDates {
  periodStart: string;
  periodEnd: string;
  payDate: string;
}

function StartRun({ clientId, frequency, today, onCancel }: { clientId: number; frequency: PayFrequency; today: string; onCancel: () => void }) {
  const current = periodContaining(frequency, today);
  const [by, setBy] = useState<'number' | 'dates'>('number');
  const [taxYear, setTaxYear] = useState(current.taxYear);
  const [period, setPeriod] = useState(String(current.period));
  const [dates, setDates] = useState<PeriodDates>({ periodStart: '', periodEnd: '', payDate: '' });
  const [shown, setShown] = useState<PeriodDates | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const looking = useSave();
  const saving = useSave();
  const firstRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const periodInput = (): { clientId: number; taxYear: string; period: number } | null => {
    const next: Record<string, string> = {};
    if (!/^\d{4}-\d{2}$/.test(taxYear.trim())) next['taxYear'] = 'Enter the tax year like 2026-27.';
    const n = Number(period);
    if (!/^\d{1,2}$/.test(period.trim()) || n < 1) next['period'] = 'Enter the period number, 1 or more (months 1 to 12, weeks 1 to 53).';
    setErrors(next);
    return Object.keys(next).length ? null : { clientId, taxYear: taxYear.trim(), period: n };
  };

  const showErr = (where: string | undefined, message: string) => {
    const fe = fieldError(where, message);
    if (fe && ['taxYear', 'period', 'periodStart', 'periodEnd', 'payDate'].includes(fe.field)) setErrors({ [fe.field]: fe.message });
  };

  const lookUp = async () => {
    const input = periodInput();
    if (!input) return;
    const res = await looking.run(() => call('payrun.periodFor', input));
    if (res.ok) setShown({ periodStart: res.value.periodStart, periodEnd: res.value.periodEnd, payDate: res.value.payDate });
    else showErr(res.error.where, res.error.message);
  };

  const draft = async () => {
    if (by === 'number') {
      const input = periodInput();
      if (!input) return;
      const res = await saving.run(() => call('payrun.draftPeriod', input));
      if (res.ok) go(`#/payroll/runs/${res.value.id}`);
      else showErr(res.error.where, res.error.message);
      return;
    }
    const next: Record<string, string> = {};
    if (!dates.periodStart) next['periodStart'] = 'Enter the first day of the period.';
    if (!dates.periodEnd) next['periodEnd'] = 'Enter the last day of the period.';
    if (!dates.payDate) next['payDate'] = 'Enter the day the PAs are paid.';
    setErrors(next);
    if (Object.keys(next).length) return;
    const res = await saving.run(() => call('payrun.draft', { clientId, ...dates }));
    if (res.ok) go(`#/payroll/runs/${res.value.id}`);
    else showErr(res.error.where, res.error.message);
  };

  return (
    <form
      noValidate
      className="pr-form prn-start"
      aria-label="Start a pay run"
      onSubmit={(e) => {
        e.preventDefault();
        void draft();
      }}
    >
      <h3 className="prn-subheading">Start a pay run</h3>
      <fieldset className="pr-checks prn-choice">
        <legend className="field-label">Choose the period</legend>
        <label>
          <input type="radio" name="prn-by" checked={by === 'number'} onChange={() => setBy('number')} /> By period number
        </label>
        <label>
          <input type="radio" name="prn-by" checked={by === 'dates'} onChange={() => setBy('dates')} /> By dates
        </label>
      </fieldset>
      {by === 'number' ? (
        <>
          <div className="prn-grid">
            <TextInput
              ref={firstRef}
              label="Tax year"
              hint="Like 2026-27"
              value={taxYear}
              error={errors['taxYear']}
              onChange={(e) => {
                setTaxYear(e.target.value);
                setShown(null);
              }}
            />
            <TextInput
              label="Period number"
              inputMode="numeric"
              hint={frequency === 'monthly' ? 'Months from April: 1 is April, 12 is March' : 'Pay periods from 6 April: 1 is the first'}
              value={period}
              error={errors['period']}
              onChange={(e) => {
                setPeriod(e.target.value);
                setShown(null);
              }}
            />
          </div>
          <div className="form-actions">
            <Button pending={looking.pending} onClick={() => void lookUp()}>
              Show the dates
            </Button>
          </div>
          {looking.error && !errors['taxYear'] && !errors['period'] ? <ErrorAlert error={looking.error} /> : null}
          {shown ? (
            <p className="prn-dates" role="status">
              Period {shown.periodStart} to {shown.periodEnd}, paid on {shown.payDate}.
            </p>
          ) : null}
        </>
      ) : (
        <div className="prn-grid">
          <TextInput label="Period start" type="date" value={dates.periodStart} error={errors['periodStart']} onChange={(e) => setDates({ ...dates, periodStart: e.target.value })} />
          <TextInput label="Period end" type="date" value={dates.periodEnd} error={errors['periodEnd']} onChange={(e) => setDates({ ...dates, periodEnd: e.target.value })} />
          <TextInput label="Pay date" type="date" value={dates.payDate} error={errors['payDate']} onChange={(e) => setDates({ ...dates, payDate: e.target.value })} />
        </div>
      )}
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          Draft pay run
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
