/**
 * Payroll (#/payroll): the clients who employ PAs, setting a client up as an employer and editing
 * their details. #/payroll/CLIENT_ID opens one employer and their PAs.
 */
import { useEffect, useRef, useState } from 'react';
import type { Employer } from '../../../shared/contract-payroll';
import { useQuery } from '../api';
import { useHashRoute } from '../routes';
import { Alert, Button, Card, EmptyState, ErrorAlert } from '../ui';
import { EmployerForm } from '../payroll/EmployerForm';
import { EmployerPage } from '../payroll/EmployerPage';
import { YearEndCard } from '../payroll/YearEndCard';
import { FREQUENCY_LABEL, payDayLabel } from '../payroll/labels';
import { ScreenHeading } from './ScreenHeading';
import { PayRunWizard } from '../payruns/PayRunWizard';
import { PayslipPreview } from '../payruns/PayslipPreview';
import { RunAllDue } from '../payruns/RunAllDue';
import { TimesheetGrid } from '../timesheets/TimesheetGrid';
import '../styles-clients.css';
import '../styles-payroll.css';

const ID = /^\d+$/;

export function PayrollScreen() {
  const route = useHashRoute();
  const [first, second, third, fourth] = route.parts;
  if (first === 'run-all') return <RunAllDue />;
  if (first === 'runs' && second !== undefined && ID.test(second)) {
    if (third === 'payslip' && fourth !== undefined && ID.test(fourth)) return <PayslipPreview key={`${second}/${fourth}`} runId={Number(second)} paId={Number(fourth)} />;
    return <PayRunWizard key={second} runId={Number(second)} />;
  }
  if (first !== undefined && ID.test(first)) {
    if (second === 'timesheets' && (third === 'new' || (third !== undefined && ID.test(third)))) {
      return <TimesheetGrid key={`${first}/${third}`} clientId={Number(first)} timesheetId={third === 'new' ? null : Number(third)} />;
    }
    return <EmployerPage key={first} clientId={Number(first)} />;
  }
  return <EmployerList />;
}

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; employer: Employer };

function EmployerList() {
  const employers = useQuery('employer.list', {});
  const clients = useQuery('client.list', {});
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (editing.mode !== 'closed') formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [editing]);

  const open = (next: Editing) => {
    setNotice(null);
    setEditing(next);
  };

  const list = employers.data ?? [];
  const employerIds = new Set(list.map((e) => e.clientId));
  const candidates = (clients.data ?? []).filter((c) => c.status !== 'ended' && !employerIds.has(c.id));
  const noClients = clients.status === 'ok' && clients.data.length === 0;
  const canAdd = employers.status === 'ok' && clients.status === 'ok' && candidates.length > 0;

  return (
    <>
      <div className="heading-row">
        <ScreenHeading title="Payroll">
          <p>Clients who employ personal assistants (PAs) with their budget: their HMRC references, pay day, pension and insurance, and their PAs.</p>
        </ScreenHeading>
        <div className="pr-heading-actions">
          {list.length > 0 ? (
            <a className="btn btn-secondary" href="#/payroll/run-all">
              Run all due
            </a>
          ) : null}
          {editing.mode === 'closed' && list.length > 0 && canAdd ? (
            <Button variant="primary" onClick={() => open({ mode: 'add' })}>
              Set up an employer
            </Button>
          ) : null}
        </div>
      </div>
      <div className="stack">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {editing.mode !== 'closed' ? (
          <div ref={formRef}>
            <Card
              title={editing.mode === 'add' ? 'Set up a client as an employer' : `Employer details for ${editing.employer.clientName}`}
              description={<p>A client who pays PAs directly is their employer. These details come from HMRC’s registration letter, the pension provider and the insurer.</p>}
            >
              <EmployerForm
                key={editing.mode === 'edit' ? editing.employer.clientId : 'new'}
                employer={editing.mode === 'edit' ? editing.employer : null}
                candidates={candidates}
                onCancel={() => setEditing({ mode: 'closed' })}
                onSaved={(e, created) => {
                  setEditing({ mode: 'closed' });
                  setNotice(created ? `${e.clientName} is set up as an employer. Open their PAs to add the people they employ.` : `Saved the employer details for ${e.clientName}.`);
                  employers.reload();
                }}
              />
            </Card>
          </div>
        ) : null}
        {employers.status === 'loading' || clients.status === 'loading' ? (
          <p role="status" className="muted">
            Loading employers…
          </p>
        ) : null}
        {employers.status === 'error' ? (
          <ErrorAlert error={employers.error}>
            <Button onClick={employers.reload}>Try again</Button>
          </ErrorAlert>
        ) : null}
        {clients.status === 'error' ? (
          <ErrorAlert error={clients.error}>
            <Button onClick={clients.reload}>Try again</Button>
          </ErrorAlert>
        ) : null}
        {employers.status === 'ok' && list.length === 0 && editing.mode === 'closed' ? (
          <EmptyState title="No employers yet">
            <p>
              When a client uses their budget to employ personal assistants, set the client up as an employer here: their PAYE and Accounts Office references, how often
              PAs are paid, the workplace pension and employer’s liability insurance. Then add their PAs.
            </p>
            {noClients ? (
              <p>
                There are no clients yet. <a href="#/clients/new">Add a client</a> first.
              </p>
            ) : null}
            {canAdd ? (
              <Button variant="primary" onClick={() => open({ mode: 'add' })}>
                Set up an employer
              </Button>
            ) : null}
          </EmptyState>
        ) : null}
        {list.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table pr-table">
              <caption className="sr-only">Clients who are employers</caption>
              <thead>
                <tr>
                  <th scope="col">Employer</th>
                  <th scope="col">PAYE reference</th>
                  <th scope="col">Pay</th>
                  <th scope="col">Pension scheme</th>
                  <th scope="col">Insurance renews</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((e) => (
                  <tr key={e.clientId}>
                    <th scope="row">
                      <a href={`#/payroll/${e.clientId}`}>{e.clientName}</a>
                    </th>
                    <td className="pr-mono">{e.payeReference ?? <span className="muted">Not registered yet</span>}</td>
                    <td>
                      {FREQUENCY_LABEL[e.payFrequency]}
                      <span className="cell-note">{payDayLabel(e.payDay)}</span>
                    </td>
                    <td>{e.pensionSchemeName || <span className="muted">None</span>}</td>
                    <td>{e.employersLiabilityRenewalDate ?? <span className="muted">Not set</span>}</td>
                    <td className="actions">
                      <a className="btn btn-quiet" href={`#/payroll/${e.clientId}`}>
                        PAs<span className="sr-only"> of {e.clientName}</span>
                      </a>
                      <Button variant="quiet" onClick={() => open({ mode: 'edit', employer: e })}>
                        Edit<span className="sr-only"> {e.clientName}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {list.length > 0 ? <YearEndCard employers={list} /> : null}
      </div>
    </>
  );
}
