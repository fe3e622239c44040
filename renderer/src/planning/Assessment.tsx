/** The client's assessment: date, assessor, eligible needs against the ten Care Act outcome areas, carer's assessment, notes. */
import { useState } from 'react';
import { OUTCOME_AREAS, OUTCOME_AREA_LABEL, type Assessment, type OutcomeArea } from '../../../shared/contract-planning';
import { useMutation } from '../api';
import { useLoaded } from '../client/hooks';
import { TextArea, Fieldset } from '../clients-list/fields';
import { Button, Card, Checkbox, ErrorAlert, TextInput } from '../ui';

export function AssessmentCard({ clientId, today }: { clientId: number; today: string }) {
  const list = useLoaded('assessment.list', { clientId });
  const [editing, setEditing] = useState<Assessment | 'new' | null>(null);
  const latest = list.data && list.data.length > 0 ? [...list.data].sort((a, b) => (a.date < b.date ? 1 : -1))[0]! : null;
  return (
    <Card title="Assessment">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {latest && editing === null ? (
        <div className="pl-assessment">
          <p>
            Assessed on <strong>{latest.date}</strong> by <strong>{latest.assessor}</strong>.{latest.carersAssessment ? ' A carer’s assessment was done too.' : ''}
          </p>
          <p>Eligible needs:</p>
          <ul className="pl-needs">
            {latest.eligibleNeeds.length === 0 ? <li className="muted">None recorded</li> : latest.eligibleNeeds.map((n) => <li key={n}>{OUTCOME_AREA_LABEL[n]}</li>)}
          </ul>
          {latest.notes ? <p className="pl-prewrap">{latest.notes}</p> : null}
        </div>
      ) : null}
      {list.data && list.data.length === 0 && editing === null ? <p className="muted">No assessment recorded yet.</p> : null}
      {editing === null ? (
        <div className="form-actions">
          <Button onClick={() => setEditing('new')}>Record an assessment</Button>
          {latest ? <Button onClick={() => setEditing(latest)}>Edit this assessment</Button> : null}
        </div>
      ) : (
        <AssessmentForm
          clientId={clientId}
          today={today}
          existing={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}

function AssessmentForm({ clientId, today, existing, onDone }: { clientId: number; today: string; existing: Assessment | null; onDone: () => void }) {
  const [date, setDate] = useState(existing?.date ?? today);
  const [assessor, setAssessor] = useState(existing?.assessor ?? '');
  const [needs, setNeeds] = useState<OutcomeArea[]>(existing?.eligibleNeeds ?? []);
  const [carers, setCarers] = useState(existing?.carersAssessment ?? false);
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const create = useMutation('assessment.create');
  const update = useMutation('assessment.update');
  const error = create.error ?? update.error;
  const submit = async () => {
    const fields = { date, assessor, eligibleNeeds: OUTCOME_AREAS.filter((a) => needs.includes(a)), carersAssessment: carers, notes };
    const out = existing ? await update.run({ id: existing.id, patch: fields }) : await create.run({ clientId, ...fields });
    if (out) onDone();
  };
  return (
    <form
      aria-label="Assessment"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <TextInput label="Date of assessment" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={error?.where === 'date' ? error.message : undefined} />
        <TextInput label="Assessor" value={assessor} onChange={(e) => setAssessor(e.target.value)} error={error?.where === 'assessor' ? error.message : undefined} />
      </div>
      <Fieldset label="Eligible needs (Care Act 2014 outcome areas)">
        <div className="pl-check-grid">
          {OUTCOME_AREAS.map((a) => (
            <Checkbox key={a} label={OUTCOME_AREA_LABEL[a]} checked={needs.includes(a)} onChange={(e) => setNeeds(e.target.checked ? [...needs, a] : needs.filter((n) => n !== a))} />
          ))}
        </div>
      </Fieldset>
      <Checkbox label="A carer’s assessment was carried out" checked={carers} onChange={(e) => setCarers(e.target.checked)} />
      <TextArea label="Notes" value={notes} rows={3} onChange={(e) => setNotes(e.target.value)} />
      {error ? <ErrorAlert error={error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={create.pending || update.pending}>
          Save assessment
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
