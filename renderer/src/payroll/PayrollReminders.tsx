/**
 * The dashboard's payroll reminders (payroll.reminders) as at the app's today: HMRC payments due by
 * the 22nd, FPS due by pay day, pension re-enrolment, DBS checks, employer's liability insurance
 * and PAs without an approved timesheet. Sorted by due date (undated ones last), overdue marked,
 * each with a link to the employer's payroll page.
 */
import type { Reminder } from '../../../shared/contract-payroll-ops';
import { useQuery } from '../api';
import { Button, Card, EmptyState, ErrorAlert, Money } from '../ui';

const KIND_LABEL: Record<Reminder['kind'], string> = {
  'hmrc-payment': 'HMRC payment',
  fps: 'Full Payment Submission',
  're-enrolment': 'Pension re-enrolment',
  dbs: 'DBS check',
  'el-insurance': 'Employer’s liability insurance',
  'missing-timesheet': 'Missing timesheet',
};

export function PayrollReminders({ today }: { today: string }) {
  const q = useQuery('payroll.reminders', { asOf: today });
  if (q.status === 'loading') {
    return (
      <Card title="Payroll reminders">
        <p role="status" className="muted">
          Checking payroll for reminders…
        </p>
      </Card>
    );
  }
  if (q.status === 'error') {
    return (
      <Card title="Payroll reminders">
        <ErrorAlert error={q.error}>
          <Button onClick={q.reload}>Try again</Button>
        </ErrorAlert>
      </Card>
    );
  }
  if (q.data.length === 0) {
    return (
      <Card title="Payroll reminders">
        <EmptyState title="No payroll reminders">
          <p>Nothing payroll needs as at {today}: no HMRC payment or FPS due soon, no checks or renewals due and no timesheets missing.</p>
        </EmptyState>
      </Card>
    );
  }
  // Undated reminders (e.g. a DBS check never recorded) go last; the rest by due date.
  const rows = [...q.data].sort((a, b) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || a.clientName.localeCompare(b.clientName));
  return (
    <Card
      title="Payroll reminders"
      description={
        <p>
          {rows.length} {rows.length === 1 ? 'reminder' : 'reminders'} as at {today}, soonest first.
        </p>
      }
    >
      <div className="table-wrap">
        <table className="data-table pr-table pr-reminders">
          <caption className="sr-only">Payroll reminders</caption>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Employer</th>
              <th scope="col">Reminder</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const overdue = r.dueDate !== null && r.dueDate < today;
              return (
                <tr key={`${r.kind}-${r.clientId}-${r.paId ?? ''}-${i}`} className={overdue ? 'pr-overdue' : undefined}>
                  <td className="pr-mono">
                    {r.dueDate ?? <span className="muted">No date</span>}
                    {overdue ? <span className="cell-note pr-overdue-note">Overdue</span> : null}
                  </td>
                  <th scope="row">
                    <a href={`#/payroll/${r.clientId}`}>{r.clientName}</a>
                    {r.paName ? <span className="cell-note">{r.paName}</span> : null}
                  </th>
                  <td>
                    <span className="pr-reminder-kind">{KIND_LABEL[r.kind]}</span>
                    <span className="pr-reminder-message">{r.message}</span>
                  </td>
                  <td className="num">{r.amount !== null ? <Money pence={r.amount} /> : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
