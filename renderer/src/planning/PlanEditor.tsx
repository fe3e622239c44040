/**
 * #/planning/CLIENT_ID/plans/PLAN_ID: one support plan version. A draft can be edited (content,
 * outcomes, costed lines); any other status is read-only. The steps panel moves the version on:
 * submit (refused while over budget), return with reasons, approve against the five criteria,
 * activate, end.
 */
import { useEffect, useState } from 'react';
import { SUPPORT_ARRANGEMENTS, type BudgetCheck, type Plan, type Provider } from '../../../shared/contract-planning';
import type { Pa } from '../../../shared/contract-payroll';
import { formatPence } from '../../../shared/money';
import { call, useMutation } from '../api';
import { useLoaded } from '../client/hooks';
import { Select, TextArea } from '../clients-list/fields';
import { DownloadButton } from '../payruns/common';
import { ScreenHeading } from '../screens/ScreenHeading';
import { Alert, Button, Card, Checkbox, ErrorAlert, TextInput } from '../ui';
import { ARRANGEMENT_LABEL, LINE_TYPE_LABEL, STATUS_LABEL, poundsText } from './format';
import { BudgetGap, LinesTable } from './LinesTable';
import { fromPlanLine, parseWhere, previewOf, toInput, type DraftLine } from './lines';
import { OncostPanel } from './Oncost';
import { PlanSteps } from './PlanSteps';

export function PlanEditor({ clientId, planId }: { clientId: number; planId: number }) {
  const plan = useLoaded('plan.get', { id: planId });
  const check = useLoaded('plan.check', { id: planId });
  const providers = useLoaded('provider.list', {});
  const pas = useLoaded('pa.list', { clientId });
  const p = plan.data;
  const reload = () => {
    plan.reload();
    check.reload();
  };
  if (!p) {
    return (
      <>
        <ScreenHeading title="Support plan" />
        {plan.error ? <ErrorAlert error={plan.error} /> : <p role="status">Loading the plan…</p>}
      </>
    );
  }
  const editable = p.status === 'draft';
  return (
    <>
      <ScreenHeading title={`${p.clientName}: support plan version ${p.version}`}>
        <p>
          <span className={`pl-status pl-status-${p.status}`}>{STATUS_LABEL[p.status]}</span> <a href={`#/planning/${clientId}`}>Back to {p.clientName}’s planning</a>
        </p>
      </ScreenHeading>
      {!editable ? (
        <Alert tone="info">
          {p.status === 'returned'
            ? 'This version was returned and stays as the council saw it. Make a new version to change it.'
            : 'This version is no longer a draft, so it cannot be changed. Make a new version to change the plan.'}
        </Alert>
      ) : null}
      {p.returnReasons.length > 0 ? (
        <Alert tone="warning" title="Returned with these reasons">
          <ul className="cp-plain-list">
            {p.returnReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="stack">
        <PlanSteps plan={p} check={check.data} onChanged={reload} />
        <LinesSection key={`${p.id}-${p.lines.map((l) => `${l.id}:${l.position}:${l.annualCost}`).join(',')}`} plan={p} editable={editable} providers={providers.data ?? []} pas={pas.data ?? []} check={check.data} onSaved={reload} />
        <ContentSection key={`c-${p.id}-${p.status}`} plan={p} editable={editable} onSaved={reload} />
        <Card title="Download">
          <DownloadButton label="Download plan PDF" fetch={() => call('plan.pdf', { id: p.id })} />
        </Card>
        <History plan={p} />
      </div>
    </>
  );
}

function LinesSection({ plan, editable, providers, pas, check, onSaved }: { plan: Plan; editable: boolean; providers: Provider[]; pas: Pa[]; check: BudgetCheck | null; onSaved: () => void }) {
  const [rows, setRows] = useState<DraftLine[]>(() => plan.lines.map(fromPlanLine));
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<{ row: number; field: string; message: string } | null>(null);
  const save = useMutation('plan.lines.set');
  const change = (next: DraftLine[]) => {
    setRows(next);
    setDirty(true);
    setProblem(null);
    save.clear();
  };
  const submit = async () => {
    setProblem(null);
    const lines = [];
    for (const [i, r] of rows.entries()) {
      const out = toInput(r, i);
      if (!out.ok) {
        setProblem(out.problem);
        return;
      }
      lines.push(out.line);
    }
    const res = await save.run({ planId: plan.id, lines });
    if (res) {
      setDirty(false);
      onSaved();
    }
  };
  const where = parseWhere(save.error?.where);
  const liveAnnual = rows.reduce((s, r) => s + (previewOf(r)?.annual ?? 0), 0);
  return (
    <Card title="Costed lines">
      <LinesTable rows={rows} onChange={change} editable={editable} providers={providers} pas={pas} problem={problem ?? where} saved={plan} />
      <div className="pl-totals" data-testid="saved-totals">
        <p>
          <strong>Saved plan</strong> (Steward’s figures): {formatPence(plan.totals.weekly)} a week, {formatPence(plan.totals.annual)} a year; {formatPence(plan.totals.planYear)} in the first plan year
          {plan.totals.contingencyAnnual > 0 ? `, of which contingency ${formatPence(plan.totals.contingencyAnnual)}` : ''}.
        </p>
      </div>
      <BudgetGap liveAnnual={liveAnnual} check={check} dirty={dirty} />
      {problem ? (
        <Alert tone="error" title="Nothing was saved">
          <p>{problem.message}</p>
        </Alert>
      ) : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {editable ? (
        <div className="form-actions">
          <Button variant="primary" pending={save.pending} onClick={() => void submit()} disabled={!dirty}>
            Save lines
          </Button>
          {dirty ? <span className="muted">Unsaved changes.</span> : null}
        </div>
      ) : null}
      {editable ? (
        <OncostPanel
          date={plan.startDate}
          targets={rows.flatMap((r, i) => (r.type === 'pa-hours' ? [{ index: i, label: `Line ${i + 1}: ${r.description || LINE_TYPE_LABEL[r.type]}` }] : []))}
          onUse={(i, res) => change(rows.map((r, j) => (j === i ? { ...r, rate: poundsText(res.totalPerHour), grossHourlyRate: res.hourly, onCostHourly: res.onCostPerHour, onCostTaxYear: res.taxYear } : r)))}
        />
      ) : null}
    </Card>
  );
}

type Outcome = { text: string; lineIds: number[] };

function ContentSection({ plan, editable, onSaved }: { plan: Plan; editable: boolean; onSaved: () => void }) {
  const [f, setF] = useState({
    title: plan.title,
    startDate: plan.startDate,
    endDate: plan.endDate ?? '',
    whatMatters: plan.whatMatters,
    whatWorks: plan.whatWorks,
    whatDoesNotWork: plan.whatDoesNotWork,
    arrangement: plan.arrangement,
    moneyManagedBy: plan.moneyManagedBy,
    spendingRecordedBy: plan.spendingRecordedBy,
  });
  const [outcomes, setOutcomes] = useState<Outcome[]>(plan.outcomes);
  const [saved, setSaved] = useState(false);
  const update = useMutation('plan.update');
  useEffect(() => setSaved(false), [f, outcomes]);
  const err = (k: string) => (update.error?.where === k ? update.error.message : undefined);
  const submit = async () => {
    const out = await update.run({ id: plan.id, patch: { ...f, endDate: f.endDate === '' ? null : f.endDate, outcomes } });
    if (out) {
      setSaved(true);
      onSaved();
    }
  };
  const d = !editable;
  return (
    <Card title="The plan">
      <form
        aria-label="Plan content"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={d} className="pl-plain-fieldset">
          <div className="form-grid">
            <TextInput label="Title" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} error={err('title')} />
            <TextInput label="Plan starts" type="date" value={f.startDate} onChange={(e) => setF({ ...f, startDate: e.target.value })} error={err('startDate')} />
            <TextInput label="Plan ends (optional)" type="date" value={f.endDate} onChange={(e) => setF({ ...f, endDate: e.target.value })} error={err('endDate')} />
            <Select label="How support is arranged" value={f.arrangement} onChange={(e) => setF({ ...f, arrangement: SUPPORT_ARRANGEMENTS.find((a) => a === e.target.value) ?? 'direct-payment' })}>
              {SUPPORT_ARRANGEMENTS.map((a) => (
                <option key={a} value={a}>
                  {ARRANGEMENT_LABEL[a]}
                </option>
              ))}
            </Select>
            <TextInput label="Who manages the money" value={f.moneyManagedBy} onChange={(e) => setF({ ...f, moneyManagedBy: e.target.value })} />
          </div>
          <TextArea label="What matters to the person" rows={3} value={f.whatMatters} onChange={(e) => setF({ ...f, whatMatters: e.target.value })} />
          <div className="form-grid">
            <TextArea label="What works" rows={3} value={f.whatWorks} onChange={(e) => setF({ ...f, whatWorks: e.target.value })} />
            <TextArea label="What does not work" rows={3} value={f.whatDoesNotWork} onChange={(e) => setF({ ...f, whatDoesNotWork: e.target.value })} />
          </div>
          <TextArea label="How spending is recorded" rows={2} value={f.spendingRecordedBy} onChange={(e) => setF({ ...f, spendingRecordedBy: e.target.value })} />
          <h3>Outcomes, in the person’s own words</h3>
          {outcomes.length === 0 ? <p className="muted">No outcomes yet.</p> : null}
          {outcomes.map((o, i) => (
            <div key={i} className="pl-outcome">
              <TextInput
                label={`Outcome ${i + 1}`}
                value={o.text}
                onChange={(e) => setOutcomes(outcomes.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
                error={update.error?.where?.startsWith(`outcomes[${i}]`) ? update.error.message : undefined}
              />
              {plan.lines.length > 0 ? (
                <div className="pl-outcome-lines" role="group" aria-label={`Lines that serve outcome ${i + 1}`}>
                  <span className="field-hint">Served by:</span>
                  {plan.lines.map((l, k) => (
                    <Checkbox
                      key={l.id}
                      label={`Line ${k + 1}: ${l.description || LINE_TYPE_LABEL[l.type]}`}
                      checked={o.lineIds.includes(l.id)}
                      onChange={(e) =>
                        setOutcomes(outcomes.map((x, j) => (j === i ? { ...x, lineIds: e.target.checked ? [...x.lineIds, l.id] : x.lineIds.filter((id) => id !== l.id) } : x)))
                      }
                    />
                  ))}
                </div>
              ) : (
                <p className="field-hint">Save some lines to link this outcome to them.</p>
              )}
              {editable ? (
                <Button variant="quiet" onClick={() => setOutcomes(outcomes.filter((_, j) => j !== i))}>
                  Remove outcome {i + 1}
                </Button>
              ) : null}
            </div>
          ))}
          {editable ? <Button onClick={() => setOutcomes([...outcomes, { text: '', lineIds: [] }])}>Add an outcome</Button> : null}
        </fieldset>
        {update.error ? <ErrorAlert error={update.error} /> : null}
        {saved ? <Alert tone="success">Plan saved.</Alert> : null}
        {editable ? (
          <div className="form-actions">
            <Button type="submit" variant="primary" pending={update.pending}>
              Save the plan
            </Button>
          </div>
        ) : null}
      </form>
    </Card>
  );
}

function History({ plan }: { plan: Plan }) {
  return (
    <Card title="History of this version">
      <ol className="pl-history">
        {plan.history.map((h, i) => (
          <li key={i}>
            <strong>{h.at.slice(0, 16).replace('T', ' ')}</strong> {h.from ? `${STATUS_LABEL[h.from]} → ` : ''}
            {STATUS_LABEL[h.to]} by {h.by}
            {h.note ? `: ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </Card>
  );
}
