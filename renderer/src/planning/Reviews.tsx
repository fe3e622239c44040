/** Reviews: when the next is due (first within the funder's period, then yearly), recording one, and the history. */
import { useState } from 'react';
import { REVIEW_OUTCOMES } from '../../../shared/contract-planning';
import { useMutation } from '../api';
import { useLoaded } from '../client/hooks';
import { Select, TextArea } from '../clients-list/fields';
import { Button, Card, ErrorAlert, TextInput } from '../ui';
import { DueText } from './PlanningHome';

const OUTCOME_LABEL: Record<(typeof REVIEW_OUTCOMES)[number], string> = { continue: 'Continue as planned', 'change-plan': 'Change the plan', end: 'End the plan' };

export function ReviewsCard({ clientId, today }: { clientId: number; today: string }) {
  const due = useLoaded('review.due', { clientId });
  const list = useLoaded('review.list', { clientId });
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(today);
  const [by, setBy] = useState('');
  const [outcome, setOutcome] = useState<(typeof REVIEW_OUTCOMES)[number]>('continue');
  const [notes, setNotes] = useState('');
  const record = useMutation('review.record');
  const done = (list.data ?? []).filter((r) => r.status === 'done').sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : -1));
  const submit = async () => {
    const out = await record.run({ clientId, date, by, outcome, notes });
    if (out) {
      setOpen(false);
      setNotes('');
      list.reload();
      due.reload();
    }
  };
  return (
    <Card title="Reviews">
      {due.error ? <ErrorAlert error={due.error} /> : null}
      {due.data ? (
        <p className="pl-review-due">
          Next review due: <DueText due={due.data} today={today} />.{' '}
          <span className="muted">
            {due.data.basis === 'first-review'
              ? `The first review falls within ${due.data.firstReviewWeeks} weeks of the plan starting (the funder’s rule); after that at least every 12 months.`
              : 'Reviews are due at least every 12 months.'}
          </span>
        </p>
      ) : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {done.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">Reviews recorded</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">By</th>
                <th scope="col">Outcome</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {done.map((r) => (
                <tr key={r.id}>
                  <td>{r.date}</td>
                  <td>{r.by}</td>
                  <td>{r.outcome ? OUTCOME_LABEL[r.outcome] : ''}</td>
                  <td className="pl-prewrap">{r.notes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : list.data ? (
        <p className="muted">No reviews recorded yet.</p>
      ) : null}
      {open ? (
        <form
          aria-label="Record a review"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="form-grid">
            <TextInput label="Date of review" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={record.error?.where === 'date' ? record.error.message : undefined} />
            <TextInput label="Reviewed by" value={by} onChange={(e) => setBy(e.target.value)} error={record.error?.where === 'by' ? record.error.message : undefined} />
            <Select label="Outcome" value={outcome} onChange={(e) => setOutcome(REVIEW_OUTCOMES.find((o) => o === e.target.value) ?? 'continue')}>
              {REVIEW_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABEL[o]}
                </option>
              ))}
            </Select>
          </div>
          <TextArea label="Review notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
          {record.error ? <ErrorAlert error={record.error} /> : null}
          <div className="form-actions">
            <Button type="submit" variant="primary" pending={record.pending}>
              Save review
            </Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <Button onClick={() => setOpen(true)}>Record a review</Button>
        </div>
      )}
    </Card>
  );
}
