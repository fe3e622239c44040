/**
 * #/payroll/run-all: draft the pay run of every employer due for one period. "Check what is due"
 * lists each employer of that pay frequency (ready, or skipped with the reason and any PA whose
 * timesheet is missing); "Run all due" drafts the ready ones one at a time with payrun.draftPeriod,
 * so the progress bar is real and the page stays responsive, then lists the drafted runs (each
 * linking to its wizard) and the employers skipped or failed, with why.
 */
import { useEffect, useRef, useState } from 'react';
import { PAY_FREQUENCIES, type PayFrequency } from '../../../shared/contract-payroll';
import type { PayRun } from '../../../shared/contract-payruns';
import type { OutputOf } from '../../../shared/contract';
import { call, toApiError } from '../api';
import { Alert, Button, Card, ErrorAlert, Money, TextInput } from '../ui';
import { Select } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { FREQUENCY_LABEL } from '../payroll/labels';
import { ScreenHeading } from '../screens/ScreenHeading';
import { periodContaining, RunStatus, todayUk, useAppToday } from './common';
import '../styles-payruns.css';

type DueRow = OutputOf<'payrun.due'>[number];
type Outcome = { kind: 'drafted'; row: DueRow; run: PayRun } | { kind: 'skipped'; row: DueRow; reason: string } | { kind: 'failed'; row: DueRow; reason: string };

interface Query {
  taxYear: string;
  frequency: PayFrequency;
  period: number;
}

export function RunAllDue() {
  const appToday = useAppToday().today;
  const today = appToday ?? todayUk();
  const [frequency, setFrequency] = useState<PayFrequency>('monthly');
  const [taxYear, setTaxYear] = useState(() => periodContaining('monthly', today).taxYear);
  const [period, setPeriod] = useState(() => String(periodContaining('monthly', today).period));
  const [touched, setTouched] = useState(false);
  // Start from the current period by the app's clock once it answers, unless the person has typed.
  useEffect(() => {
    if (appToday === null || touched) return;
    const cur = periodContaining(frequency, appToday);
    setTaxYear(cur.taxYear);
    setPeriod(String(cur.period));
    // Only when the app's clock first answers.
  }, [appToday]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const checking = useSave();
  const [due, setDue] = useState<{ query: Query; rows: DueRow[] } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string } | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const running = progress !== null && outcomes === null;
  const resultsRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcomes !== null) resultsRef.current?.focus();
  }, [outcomes]);

  const check = async () => {
    const next: Record<string, string> = {};
    if (!/^\d{4}-\d{2}$/.test(taxYear.trim())) next['taxYear'] = 'Enter the tax year like 2026-27.';
    if (!/^\d{1,2}$/.test(period.trim()) || Number(period) < 1) next['period'] = 'Enter the period number, 1 or more.';
    setErrors(next);
    if (Object.keys(next).length) return;
    const query: Query = { taxYear: taxYear.trim(), frequency, period: Number(period) };
    setDue(null);
    setOutcomes(null);
    setProgress(null);
    const res = await checking.run(() => call('payrun.due', query));
    if (res.ok) setDue({ query, rows: res.value });
  };

  const runAll = async () => {
    if (!due) return;
    const ready = due.rows.filter((r) => r.ready);
    const results: Outcome[] = due.rows.filter((r) => !r.ready).map((row) => ({ kind: 'skipped', row, reason: row.reason || 'Not ready.' }));
    setOutcomes(null);
    setProgress({ done: 0, total: ready.length, current: ready[0]?.clientName ?? '' });
    for (let i = 0; i < ready.length; i++) {
      const row = ready[i]!;
      setProgress({ done: i, total: ready.length, current: row.clientName });
      try {
        // One employer at a time: each call is awaited, so the page repaints between them.
        const run = await call('payrun.draftPeriod', { clientId: row.clientId, taxYear: due.query.taxYear, period: due.query.period });
        results.push({ kind: 'drafted', row, run });
      } catch (e) {
        const err = toApiError(e);
        results.push({ kind: 'failed', row, reason: `${err.code}: ${err.message}` });
      }
      setProgress({ done: i + 1, total: ready.length, current: row.clientName });
    }
    setOutcomes(results);
  };

  const readyCount = due?.rows.filter((r) => r.ready).length ?? 0;
  const drafted = outcomes?.filter((o): o is Extract<Outcome, { kind: 'drafted' }> => o.kind === 'drafted') ?? [];
  const notDrafted = outcomes?.filter((o): o is Exclude<Outcome, { kind: 'drafted' }> => o.kind !== 'drafted') ?? [];

  return (
    <>
      <p className="pr-back">
        <a href="#/payroll">All employers</a>
      </p>
      <ScreenHeading title="Run all due pay runs">
        <p>Draft the pay run of every employer paid at one frequency for one period. Each draft still needs reviewing, approving and posting in its own pay run.</p>
      </ScreenHeading>
      <div className="stack">
        <Card title="Which period">
          <form
            noValidate
            className="pr-form"
            aria-label="Which period"
            onSubmit={(e) => {
              e.preventDefault();
              void check();
            }}
          >
            <div className="prn-grid">
              <TextInput label="Tax year" hint="Like 2026-27" value={taxYear} error={errors['taxYear']} disabled={running} onChange={(e) => {
                  setTouched(true);
                  setTaxYear(e.target.value);
                }} />
              <Select
                label="Pay frequency"
                value={frequency}
                disabled={running}
                onChange={(e) => {
                  const f = e.target.value as PayFrequency;
                  setFrequency(f);
                  if (!touched) {
                    const cur = periodContaining(f, today);
                    setTaxYear(cur.taxYear);
                    setPeriod(String(cur.period));
                  }
                }}
              >
                {PAY_FREQUENCIES.map((f) => (
                  <option key={f} value={f}>
                    {FREQUENCY_LABEL[f]}
                  </option>
                ))}
              </Select>
              <TextInput label="Period number" inputMode="numeric" hint="Starts with the current period" value={period} error={errors['period']} disabled={running} onChange={(e) => {
                  setTouched(true);
                  setPeriod(e.target.value);
                }} />
            </div>
            {checking.error ? <ErrorAlert error={checking.error} /> : null}
            <div className="form-actions">
              <Button type="submit" variant={due ? 'secondary' : 'primary'} pending={checking.pending} disabled={running}>
                Check what is due
              </Button>
            </div>
          </form>
        </Card>

        {due ? (
          <Card
            title={`Due for ${FREQUENCY_LABEL[due.query.frequency].toLowerCase()} period ${due.query.period} of ${due.query.taxYear}`}
            description={
              <p>
                {readyCount} of {due.rows.length} {due.rows.length === 1 ? 'employer is' : 'employers are'} ready to draft.
              </p>
            }
          >
            {due.rows.length === 0 ? <p className="muted">No employer pays {FREQUENCY_LABEL[due.query.frequency].toLowerCase()}.</p> : null}
            {due.rows.length > 0 ? (
              <div className="table-wrap">
                <table className="data-table prn-table">
                  <caption className="sr-only">Employers due</caption>
                  <thead>
                    <tr>
                      <th scope="col">Employer</th>
                      <th scope="col">Period</th>
                      <th scope="col" className="num">
                        Approved timesheets
                      </th>
                      <th scope="col">Ready?</th>
                    </tr>
                  </thead>
                  <tbody>
                    {due.rows.map((r) => (
                      <tr key={r.clientId}>
                        <th scope="row">
                          <a href={`#/payroll/${r.clientId}`}>{r.clientName}</a>
                        </th>
                        <td className="prn-nowrap">
                          {r.periodStart} to {r.periodEnd}
                          <span className="cell-note">paid {r.payDate}</span>
                        </td>
                        <td className="num">
                          {r.approvedTimesheets}
                          <span className="cell-note">
                            {r.paCount} {r.paCount === 1 ? 'PA' : 'PAs'} to pay
                          </span>
                        </td>
                        <td>
                          {r.ready ? <span className="prn-status prn-status-ready">Ready</span> : <span className="prn-status prn-status-skip">Skipped</span>}
                          {r.reason ? <span className="cell-note prn-wrap">{r.reason}</span> : null}
                          {r.missingTimesheets.length > 0 ? <span className="cell-note prn-wrap">No approved timesheet: {r.missingTimesheets.map((m) => m.paName).join(', ')}</span> : null}
                          {r.runId !== null ? (
                            <span className="cell-note">
                              <a href={`#/payroll/runs/${r.runId}`}>Existing run #{r.runId}</a> {r.runStatus ? <>({r.runStatus})</> : null}
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {progress ? (
              <div className="prn-progress">
                <label htmlFor="prn-progress-bar" className="field-label">
                  Drafting pay runs
                </label>
                <progress id="prn-progress-bar" value={progress.done} max={Math.max(progress.total, 1)} />
                <p aria-live="polite" role="status" className="prn-progress-text">
                  {progress.done} of {progress.total}
                  {running && progress.current ? ` — now drafting ${progress.current}` : progress.done === progress.total ? ' — finished' : ''}
                </p>
              </div>
            ) : null}
            <div className="form-actions">
              <Button variant="primary" pending={running} disabled={readyCount === 0 || outcomes !== null} onClick={() => void runAll()}>
                Run all due
              </Button>
            </div>
          </Card>
        ) : null}

        {outcomes ? (
          <section className="card" aria-labelledby="prn-results">
            <h2 id="prn-results" className="card-title" tabIndex={-1} ref={resultsRef}>
              Results
            </h2>
            {drafted.length > 0 ? (
              <Alert tone="success" title={`Drafted ${drafted.length} pay ${drafted.length === 1 ? 'run' : 'runs'}`}>
                <ul className="prn-results">
                  {drafted.map((o) => (
                    <li key={o.row.clientId}>
                      <a href={`#/payroll/runs/${o.run.id}`}>
                        {o.row.clientName}: pay run #{o.run.id}
                      </a>{' '}
                      <RunStatus status={o.run.status} /> {o.run.lines.length} {o.run.lines.length === 1 ? 'PA' : 'PAs'}, net <Money pence={o.run.totals.net} />
                    </li>
                  ))}
                </ul>
              </Alert>
            ) : (
              <p className="muted">No pay runs were drafted.</p>
            )}
            {notDrafted.length > 0 ? (
              <Alert tone="warning" title={`Not drafted: ${notDrafted.length}`}>
                <ul className="prn-results">
                  {notDrafted.map((o) => (
                    <li key={o.row.clientId}>
                      <strong>{o.row.clientName}</strong> ({o.kind === 'failed' ? 'failed' : 'skipped'}): {o.reason}
                      {o.row.missingTimesheets.length > 0 ? ` No approved timesheet: ${o.row.missingTimesheets.map((m) => m.paName).join(', ')}.` : ''}
                    </li>
                  ))}
                </ul>
              </Alert>
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
