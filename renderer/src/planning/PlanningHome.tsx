/** #/planning: every client with their support plan's status, the next review and an over-budget flag. */
import { useEffect, useState } from 'react';
import type { BudgetCheck, Plan, ReviewDue } from '../../../shared/contract-planning';
import type { ClientSummary } from '../../../shared/contract-money';
import { formatPence } from '../../../shared/money';
import { call, toApiError, type ApiError } from '../api';
import { ScreenHeading } from '../screens/ScreenHeading';
import { Button, ErrorAlert } from '../ui';
import { useToday } from '../timesheets/useToday';
import { STATUS_LABEL } from './format';

interface Row {
  client: ClientSummary;
  plan: Plan | null;
  due: ReviewDue | null;
  check: BudgetCheck | null;
}

export function PlanningHome() {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { today } = useToday();

  useEffect(() => {
    let live = true;
    setError(null);
    (async () => {
      const clients = await call('client.list', {});
      const out = await Promise.all(
        clients.map(async (client): Promise<Row> => {
          const [plan, due] = await Promise.all([call('plan.current', { clientId: client.id }), call('review.due', { clientId: client.id })]);
          const check = plan ? await call('plan.check', { id: plan.id }) : null;
          return { client, plan, due, check };
        }),
      );
      if (live) setRows(out);
    })().catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <>
      <ScreenHeading title="Planning">
        <p>Assessments, personal budgets and costed support plans for each client, with reviews and the provider directory.</p>
      </ScreenHeading>
      <p>
        <a href="#/planning/providers">Provider directory</a>
      </p>
      {error ? (
        <ErrorAlert error={error}>
          <Button onClick={() => setAttempt((n) => n + 1)}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {rows === null && !error ? (
        <p role="status" className="muted">
          Loading plans…
        </p>
      ) : null}
      {rows !== null && rows.length === 0 ? <p>No clients yet. Add a client first, then plan their support here.</p> : null}
      {rows !== null && rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table pl-home-table">
            <caption className="sr-only">Clients and their support plans</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Plan</th>
                <th scope="col" className="num">
                  Annual cost
                </th>
                <th scope="col" className="num">
                  Budget
                </th>
                <th scope="col">Budget check</th>
                <th scope="col">Next review</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.client.id}>
                  <th scope="row">
                    <a href={`#/planning/${r.client.id}`}>{r.client.name}</a>
                  </th>
                  <td>{r.plan ? <span className={`pl-status pl-status-${r.plan.status}`}>{`${STATUS_LABEL[r.plan.status]} (version ${r.plan.version})`}</span> : <span className="muted">No plan</span>}</td>
                  <td className="num">{r.plan ? formatPence(r.plan.totals.annual) : ''}</td>
                  <td className="num">{r.check?.budgetAnnual != null ? formatPence(r.check.budgetAnnual) : ''}</td>
                  <td>
                    <CheckFlag check={r.check} />
                  </td>
                  <td>
                    <DueText due={r.due} today={today} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export function CheckFlag({ check }: { check: BudgetCheck | null }) {
  if (!check) return null;
  if (check.status === 'over') return <span className="pl-flag pl-flag-over">Over budget by {formatPence(-(check.gap ?? 0))}</span>;
  if (check.status === 'under') return <span className="pl-flag pl-flag-under">Under budget by {formatPence(check.gap ?? 0)}</span>;
  if (check.status === 'no-budget') return <span className="pl-flag pl-flag-under">No personal budget set</span>;
  return <span className="pl-flag pl-flag-ok">Within budget</span>;
}

export function DueText({ due, today }: { due: ReviewDue | null; today: string | null }) {
  if (!due?.dueDate) return <span className="muted">None due</span>;
  const overdue = today !== null && due.dueDate < today;
  const basis = due.basis === 'first-review' ? 'first review' : due.basis === 'annual' ? 'annual review' : 'scheduled';
  return <span className={overdue ? 'pl-flag pl-flag-over' : undefined}>{`${due.dueDate} (${basis}${overdue ? ', overdue' : ''})`}</span>;
}
