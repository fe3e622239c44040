/** One employer (#/payroll/CLIENT_ID): their payroll details and their PAs, with add, edit and leaving. */
import { useEffect, useRef, useState } from 'react';
import type { Pa } from '../../../shared/contract-payroll';
import { formatNiNumber } from '../../../shared/ni-number';
import { call, toApiError, useQuery, type ApiError } from '../api';
import { Alert, Button, Card, EmptyState, ErrorAlert, Money } from '../ui';
import { ScreenHeading } from '../screens/ScreenHeading';
import { EmployerForm } from './EmployerForm';
import { EmployerSummary } from './EmployerSummary';
import { LeaveForm } from './LeaveForm';
import { PaForm } from './PaForm';
import { HolidayPanel } from './HolidayPanel';
import { formatHours } from './labels';
import { TimesheetList } from '../timesheets/TimesheetList';
import { PayRunsSection } from '../payruns/PayRunsSection';
import { DownloadButton, saveFile, todayUk, useAppToday, type FileLike } from '../payruns/common';
import { HmrcMonths, useOnPaymentNotice } from './HmrcMonths';
import { p60YearsFor, taxYearChoices } from './yearend';
import './yearend.css';

type Editing = { mode: 'closed' } | { mode: 'employer' } | { mode: 'add' } | { mode: 'edit'; pa: Pa } | { mode: 'leave'; pa: Pa };

export function EmployerPage({ clientId }: { clientId: number }) {
  const employer = useQuery('employer.get', { clientId });
  const pas = useQuery('pa.list', { clientId });
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [notice, setNotice] = useState<string | null>(null);
  const [holidayFor, setHolidayFor] = useState<Pa | null>(null);
  /** The PA whose leaving was just recorded: their P45 is offered with the notice. */
  const [justLeft, setJustLeft] = useState<Pa | null>(null);
  /** A P45 or P60 the server would not make, and why. */
  const [docError, setDocError] = useState<{ what: string; error: ApiError } | null>(null);
  const onDocError = (what: string, error: ApiError | null) => setDocError((cur) => (error ? { what, error } : cur?.what === what ? null : cur));
  const runs = useQuery('payrun.list', { clientId });
  const clock = useAppToday();
  // A payment to HMRC recorded in one liabilities card reloads the other and the HMRC months.
  const [hmrcRefresh, setHmrcRefresh] = useState(0);
  const [payRunsKey, setPayRunsKey] = useState(0);
  const payRunsRef = useRef<HTMLDivElement>(null);
  // Watch once the section is on the page (after the employer has loaded).
  useOnPaymentNotice(payRunsRef, employer.status === 'ok' && employer.data !== null, () => setHmrcRefresh((n) => n + 1));
  const holidayRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (editing.mode !== 'closed') formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [editing]);
  useEffect(() => {
    if (holidayFor) holidayRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, [holidayFor]);

  const open = (next: Editing) => {
    setNotice(null);
    setJustLeft(null);
    setEditing(next);
  };
  const done = (message: string, left: Pa | null = null) => {
    setEditing({ mode: 'closed' });
    setNotice(message);
    setJustLeft(left);
    pas.reload();
  };

  if (employer.status === 'loading') {
    return (
      <p role="status" className="muted">
        Loading the employer…
      </p>
    );
  }
  if (employer.status === 'error') {
    return (
      <>
        <ScreenHeading title="Payroll" />
        <ErrorAlert error={employer.error}>
          <Button onClick={employer.reload}>Try again</Button>
        </ErrorAlert>
      </>
    );
  }
  const e = employer.data;
  if (e === null) {
    return (
      <>
        <ScreenHeading title="Payroll" />
        <EmptyState title="This client is not set up as an employer">
          <p>PAs can only be added for a client who is an employer. Go back to the list of employers and set this client up first.</p>
          <p>
            <a href="#/payroll">All employers</a>
          </p>
        </EmptyState>
      </>
    );
  }

  const list = pas.data ?? [];
  const posted = (runs.data ?? []).filter((r) => r.status === 'posted');
  const postedYears = [...new Set(posted.map((r) => r.taxYear))];
  const today = clock.today ?? todayUk();
  // Owed as at today, or the latest posted pay day if later (as the pay-runs card does).
  const lastPayDate = posted.reduce((d, r) => (r.payDate > d ? r.payDate : d), '');
  const liabilityDate = lastPayDate > today ? lastPayDate : today;
  const formTitle =
    editing.mode === 'employer'
      ? `Employer details for ${e.clientName}`
      : editing.mode === 'add'
        ? 'Add a PA'
        : editing.mode === 'edit'
          ? `Edit ${editing.pa.name}`
          : editing.mode === 'leave'
            ? `Record that ${editing.pa.name} has left`
            : '';

  return (
    <>
      <p className="pr-back">
        <a href="#/payroll">All employers</a>
      </p>
      <div className="heading-row">
        <ScreenHeading title={`Payroll: ${e.clientName}`}>
          <p>The personal assistants {e.clientName} employs, and how they are paid.</p>
        </ScreenHeading>
        {editing.mode === 'closed' ? (
          <div className="pr-heading-actions">
            <Button onClick={() => open({ mode: 'employer' })}>Edit employer details</Button>
            {list.length > 0 ? (
              <Button variant="primary" onClick={() => open({ mode: 'add' })}>
                Add PA
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="stack">
        {notice ? (
          <Alert tone="success">
            <p>{notice}</p>
            {justLeft ? (
              <>
                <p>Give {justLeft.name} their P45 (parts 1A, 2 and 3) now: it shows their pay and tax in this tax year up to the day they left.</p>
                <DownloadButton label={`Download P45 for ${justLeft.name}`} fetch={() => call('p45.pdf', { paId: justLeft.id })} />
              </>
            ) : null}
          </Alert>
        ) : null}
        {editing.mode !== 'closed' ? (
          <div ref={formRef}>
            <Card title={formTitle}>
              {editing.mode === 'employer' ? (
                <EmployerForm
                  employer={e}
                  candidates={[]}
                  onCancel={() => setEditing({ mode: 'closed' })}
                  onSaved={() => {
                    setEditing({ mode: 'closed' });
                    setNotice(`Saved the employer details for ${e.clientName}.`);
                    employer.reload();
                  }}
                />
              ) : null}
              {editing.mode === 'add' || editing.mode === 'edit' ? (
                <PaForm
                  key={editing.mode === 'edit' ? editing.pa.id : 'new'}
                  clientId={clientId}
                  pa={editing.mode === 'edit' ? editing.pa : null}
                  onCancel={() => setEditing({ mode: 'closed' })}
                  onSaved={(pa, created) => done(created ? `Added ${pa.name}.` : `Saved ${pa.name}.`)}
                />
              ) : null}
              {editing.mode === 'leave' ? (
                <LeaveForm pa={editing.pa} onCancel={() => setEditing({ mode: 'closed' })} onSaved={(pa) => done(`Recorded that ${pa.name} left on ${pa.leavingDate ?? ''}.`, pa)} />
              ) : null}
            </Card>
          </div>
        ) : null}

        {editing.mode === 'closed' ? <EmployerSummary employer={e} /> : null}

        {pas.status === 'loading' ? (
          <p role="status" className="muted">
            Loading PAs…
          </p>
        ) : null}
        {pas.status === 'error' ? (
          <ErrorAlert error={pas.error}>
            <Button onClick={pas.reload}>Try again</Button>
          </ErrorAlert>
        ) : null}
        {pas.status === 'ok' && list.length === 0 && editing.mode === 'closed' ? (
          <EmptyState title="No PAs yet">
            <p>
              Add each personal assistant {e.clientName} employs, with their NI number, tax code from the P45 or starter checklist, hourly rates and contracted hours. PAs
              are needed before a pay run.
            </p>
            <Button variant="primary" onClick={() => open({ mode: 'add' })}>
              Add PA
            </Button>
          </EmptyState>
        ) : null}
        {docError ? (
          <ErrorAlert error={docError.error}>
            <p>Steward could not make the {docError.what}.</p>
            <Button onClick={() => setDocError(null)}>Dismiss</Button>
          </ErrorAlert>
        ) : null}
        {list.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table pr-table">
              <caption className="pr-caption">PAs employed by {e.clientName}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">NI number</th>
                  <th scope="col">Tax code</th>
                  <th scope="col" className="num">
                    Standard rate
                  </th>
                  <th scope="col" className="num">
                    Hours a week
                  </th>
                  <th scope="col">Employed</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((pa) => (
                  <tr key={pa.id}>
                    <th scope="row">{pa.name}</th>
                    <td className="pr-mono">{pa.niNumber ? formatNiNumber(pa.niNumber) : <span className="muted">Not given</span>}</td>
                    <td>
                      <span className="pr-mono">{pa.taxCode}</span>
                      {pa.taxBasis === 'week1month1' ? <span className="cell-note">Week 1 / Month 1</span> : null}
                    </td>
                    <td className="num">
                      <Money pence={pa.standardRate} />
                    </td>
                    <td className="num">{formatHours(pa.contractedHours)}</td>
                    <td>
                      {pa.leavingDate ? (
                        <>
                          <span className="status status-ended">Left</span>
                          <span className="cell-note">
                            {pa.startDate} to {pa.leavingDate}
                          </span>
                        </>
                      ) : (
                        <>
                          <span className="status status-active">Current</span>
                          <span className="cell-note">since {pa.startDate}</span>
                        </>
                      )}
                      <YearEndDownloads pa={pa} years={p60YearsFor(pa.id, runs.data ?? [])} onError={onDocError} />
                    </td>
                    <td className="actions">
                      <Button variant="quiet" onClick={() => open({ mode: 'edit', pa })}>
                        Edit<span className="sr-only"> {pa.name}</span>
                      </Button>
                      <Button variant="quiet" onClick={() => setHolidayFor(pa)} aria-expanded={holidayFor?.id === pa.id}>
                        Holiday<span className="sr-only"> for {pa.name}</span>
                      </Button>
                      {pa.leavingDate === null ? (
                        <Button variant="quiet" onClick={() => open({ mode: 'leave', pa })}>
                          Record leaving<span className="sr-only"> for {pa.name}</span>
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {holidayFor ? (
          <div ref={holidayRef}>
            <HolidayPanel key={holidayFor.id} pa={holidayFor} onClose={() => setHolidayFor(null)} />
          </div>
        ) : null}
        {pas.status === 'ok' ? <TimesheetList clientId={clientId} clientName={e.clientName} hasPas={list.some((p) => p.leavingDate === null)} /> : null}
        <div ref={payRunsRef}>
          <PayRunsSection key={payRunsKey} clientId={clientId} />
        </div>
        {runs.status === 'ok' && !clock.loading ? (
          <HmrcMonths
            clientId={clientId}
            clientName={e.clientName}
            taxYears={taxYearChoices(today, postedYears)}
            today={clock.today}
            liabilityDate={liabilityDate}
            refreshKey={hmrcRefresh}
            onPaid={() => setPayRunsKey((n) => n + 1)}
          />
        ) : null}
        {runs.status === 'error' ? <ErrorAlert error={runs.error} /> : null}
      </div>
    </>
  );
}

/** The PA's P45 (once they have a leaving date) and a P60 for each tax year they have posted pay in. */
function YearEndDownloads({ pa, years, onError }: { pa: Pa; years: string[]; onError: (what: string, error: ApiError | null) => void }) {
  if (pa.leavingDate === null && years.length === 0) return null;
  return (
    <div className="ye-downloads">
      {pa.leavingDate !== null ? <DocButton label="P45" paName={pa.name} onError={onError} fetch={() => call('p45.pdf', { paId: pa.id })} /> : null}
      {years.map((y) => (
        <DocButton key={y} label={`P60 ${y}`} paName={pa.name} onError={onError} fetch={() => call('p60.pdf', { paId: pa.id, taxYear: y })} />
      ))}
    </div>
  );
}

/** Ask the api for a PA's document and save it; a failure is shown above the PA table (the cell is too narrow for it). */
function DocButton({ label, paName, fetch, onError }: { label: string; paName: string; fetch: () => Promise<FileLike>; onError: (what: string, error: ApiError | null) => void }) {
  const [pending, setPending] = useState(false);
  const what = `${label} for ${paName}`;
  const click = () => {
    setPending(true);
    onError(what, null);
    fetch().then(
      (file) => {
        setPending(false);
        saveFile(file);
      },
      (e: unknown) => {
        setPending(false);
        onError(what, toApiError(e));
      },
    );
  };
  return (
    <Button variant="quiet" pending={pending} onClick={click}>
      {label}
      <span className="sr-only"> for {paName}</span>
    </Button>
  );
}
