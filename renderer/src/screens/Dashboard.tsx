import { useQuery } from '../api';
import type { DashboardSummary } from '../../../shared/contract';
import { Button, Card, EmptyState, ErrorAlert } from '../ui';
import { AlertsPanel } from '../clients-list/AlertsPanel';
import { PayrollReminders } from '../payroll/PayrollReminders';
import { PlanReviewsPanel } from '../planning/PlanReviewsPanel';
import { useToday } from '../timesheets/useToday';
import { ScreenHeading } from './ScreenHeading';
import '../styles-clients.css';
import '../styles-payroll.css';

export function Dashboard() {
  const summary = useQuery('dashboard.summary', {});
  return (
    <>
      <ScreenHeading title="Dashboard">{summary.data ? <p>{summary.data.organisationName}</p> : null}</ScreenHeading>
      {summary.status === 'loading' ? (
        <p role="status" className="muted">
          Loading the summary…
        </p>
      ) : null}
      {summary.status === 'error' ? (
        <ErrorAlert error={summary.error}>
          <Button onClick={summary.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {summary.data ? <SummaryBody summary={summary.data} /> : null}
    </>
  );
}

function SummaryBody({ summary }: { summary: DashboardSummary }) {
  // The app's today (the server's clock), as the alerts panel uses.
  const today = useToday();
  const steps = summary.firstSteps;
  const checklist =
    steps.length > 0 ? (
      <ol className="checklist" aria-label="First steps">
        {steps.map((s) => (
          <li key={s.id} className={s.done ? 'checklist-item is-done' : 'checklist-item'}>
            <span className="checklist-box" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <span className="checklist-text">{s.title}</span>
            <span className="sr-only">{s.done ? ' (done)' : ' (to do)'}</span>
          </li>
        ))}
      </ol>
    ) : null;

  if (summary.clientCount === 0) {
    return (
      <EmptyState title="Nothing recorded yet">
        <p>This ledger is new. Work through these steps to get started; each one is ticked off here when it is done.</p>
        {checklist}
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <div className="stat-row">
        <Card title="Clients" level={2}>
          <p className="stat">{summary.clientCount}</p>
        </Card>
        <Card title="Funders" level={2}>
          <p className="stat">{summary.funderCount}</p>
        </Card>
      </div>
      <AlertsPanel />
      {today.today ? <PayrollReminders today={today.today} /> : null}
      {today.today ? <PlanReviewsPanel today={today.today} /> : null}
      {steps.some((s) => !s.done) ? <Card title="Still to set up">{checklist}</Card> : null}
    </div>
  );
}
