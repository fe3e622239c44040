/** The next steps for a plan version: submit, return with reasons, approve against the criteria, activate, end, or start a new version. */
import { useState } from 'react';
import { CRITERIA, type BudgetCheck, type Plan } from '../../../shared/contract-planning';
import { useMutation } from '../api';
import { go } from '../routes';
import { TextArea } from '../clients-list/fields';
import { Alert, Button, Card, Checkbox, ErrorAlert, TextInput } from '../ui';
import { useToday } from '../timesheets/useToday';
import { CRITERION_LABEL } from './format';
import { CheckFlag } from './PlanningHome';

type Criteria = Record<(typeof CRITERIA)[number], { met: boolean; comment: string }>;

export function PlanSteps({ plan, check, onChanged }: { plan: Plan; check: BudgetCheck | null; onChanged: () => void }) {
  const submit = useMutation('plan.submit');
  const activate = useMutation('plan.activate');
  const create = useMutation('plan.create');
  const [mode, setMode] = useState<'return' | 'approve' | 'end' | null>(null);
  const newVersion = async () => {
    const out = await create.run({ clientId: plan.clientId, copyFrom: plan.id });
    if (out) go(`#/planning/${plan.clientId}/plans/${out.id}`);
  };
  const error = submit.error ?? activate.error ?? create.error;
  return (
    <Card title="Steps" description="Draft → submitted → approved (or returned with reasons) → active → superseded or ended.">
      <p>
        Budget check: <CheckFlag check={check} />
      </p>
      {error ? <ErrorAlert error={error} /> : null}
      <div className="form-actions">
        {plan.status === 'draft' ? (
          <Button variant="primary" pending={submit.pending} onClick={() => void submit.run({ id: plan.id }).then((p) => p && onChanged())}>
            Submit for approval
          </Button>
        ) : null}
        {plan.status === 'submitted' ? (
          <>
            <Button variant="primary" onClick={() => setMode('approve')}>
              Approve…
            </Button>
            <Button onClick={() => setMode('return')}>Return with reasons…</Button>
          </>
        ) : null}
        {plan.status === 'approved' ? (
          <Button variant="primary" pending={activate.pending} onClick={() => void activate.run({ id: plan.id }).then((p) => p && onChanged())}>
            Activate from {plan.startDate}
          </Button>
        ) : null}
        {plan.status === 'active' ? <Button onClick={() => setMode('end')}>End this plan…</Button> : null}
        {plan.status !== 'draft' ? (
          <Button pending={create.pending} onClick={() => void newVersion()}>
            New version from this one
          </Button>
        ) : null}
      </div>
      {plan.approval ? <ApprovalRecord plan={plan} /> : null}
      {mode === 'return' ? <ReturnForm plan={plan} onDone={(ok) => (setMode(null), ok && onChanged())} /> : null}
      {mode === 'approve' ? <ApproveForm plan={plan} check={check} onDone={(ok) => (setMode(null), ok && onChanged())} /> : null}
      {mode === 'end' ? <EndForm plan={plan} onDone={(ok) => (setMode(null), ok && onChanged())} /> : null}
    </Card>
  );
}

function ApprovalRecord({ plan }: { plan: Plan }) {
  const a = plan.approval;
  if (!a) return null;
  return (
    <div className="pl-approval">
      <h3>
        Approved by {a.by} on {a.at.slice(0, 10)}
      </h3>
      <ul className="cp-plain-list">
        {CRITERIA.map((c) => (
          <li key={c}>
            <strong>{CRITERION_LABEL[c]}</strong>: {a.criteria[c].met ? 'met' : 'not met'}
            {a.criteria[c].comment ? ` — ${a.criteria[c].comment}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReturnForm({ plan, onDone }: { plan: Plan; onDone: (ok: boolean) => void }) {
  const [text, setText] = useState('');
  const ret = useMutation('plan.return');
  const submit = async () => {
    const reasons = text
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const out = await ret.run({ id: plan.id, reasons });
    if (out) onDone(true);
  };
  return (
    <form
      aria-label="Return the plan"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextArea label="Reasons for returning the plan" hint="One reason a line." rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      {ret.error ? <ErrorAlert error={ret.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={ret.pending}>
          Return the plan
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </div>
    </form>
  );
}

function ApproveForm({ plan, check, onDone }: { plan: Plan; check: BudgetCheck | null; onDone: (ok: boolean) => void }) {
  const [criteria, setCriteria] = useState<Criteria>({
    withinBudget: { met: check?.status !== 'over', comment: '' },
    lawful: { met: false, comment: '' },
    bestValue: { met: false, comment: '' },
    realisticCosts: { met: false, comment: '' },
    safe: { met: false, comment: '' },
  });
  const [by, setBy] = useState('');
  const approve = useMutation('plan.approve');
  const submit = async () => {
    const out = await approve.run({ id: plan.id, criteria, by });
    if (out) onDone(true);
  };
  return (
    <form
      className="pl-approve"
      aria-label="Approve the plan"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>The council’s criteria</h3>
      {CRITERIA.map((c) => (
        <div key={c} className="pl-criterion">
          <Checkbox label={`${CRITERION_LABEL[c]}: met`} checked={criteria[c].met} onChange={(e) => setCriteria({ ...criteria, [c]: { ...criteria[c], met: e.target.checked } })} />
          <TextInput label={`${CRITERION_LABEL[c]}: comment`} value={criteria[c].comment} onChange={(e) => setCriteria({ ...criteria, [c]: { ...criteria[c], comment: e.target.value } })} />
        </div>
      ))}
      <TextInput label="Approved by" value={by} onChange={(e) => setBy(e.target.value)} error={approve.error?.where === 'by' ? approve.error.message : undefined} />
      {approve.error ? <ErrorAlert error={approve.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={approve.pending}>
          Approve the plan
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </div>
    </form>
  );
}

function EndForm({ plan, onDone }: { plan: Plan; onDone: (ok: boolean) => void }) {
  const { today } = useToday();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const end = useMutation('plan.end');
  const submit = async () => {
    const out = await end.run({ id: plan.id, date: date || today || plan.startDate, reason });
    if (out) onDone(true);
  };
  return (
    <form
      aria-label="End the plan"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Alert tone="warning">Ending the plan stops it; spending is no longer planned against it.</Alert>
      <div className="form-grid">
        <TextInput label="Ends on" type="date" value={date || today || ''} onChange={(e) => setDate(e.target.value)} />
        <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {end.error ? <ErrorAlert error={end.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="danger" pending={end.pending}>
          End the plan
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </div>
    </form>
  );
}
