/** Dashboard panel: plan reviews (and risk reviews) due in the next four weeks or overdue (planning.reminders). */
import { useLoaded } from '../client/hooks';
import { Card, ErrorAlert } from '../ui';

export function PlanReviewsPanel({ today }: { today: string }) {
  const r = useLoaded('planning.reminders', { asOf: today, withinDays: 28 });
  const items = r.data ? [...r.data].sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1)) : [];
  return (
    <Card title="Plan reviews" description="Support plan and risk reviews due in the next four weeks or overdue.">
      {r.error ? <ErrorAlert error={r.error} /> : null}
      {r.data && items.length === 0 ? <p className="muted">No reviews due in the next four weeks.</p> : null}
      {items.length > 0 ? (
        <ul className="pl-reminders">
          {items.map((m) => (
            <li key={`${m.kind}-${m.clientId}-${m.dueDate}`} className={m.kind === 'review-overdue' ? 'pl-reminder-overdue' : undefined}>
              <a href={`#/planning/${m.clientId}`}>{m.clientName}</a>: {m.message} <span className="muted">({m.kind === 'review-overdue' ? 'overdue since' : 'due'} {m.dueDate})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
