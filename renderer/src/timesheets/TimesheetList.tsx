/**
 * The employer page's timesheets: one row per PA and period with status, hours and gross pay; open
 * one in the grid; approve (one approver, or two different trustees for a trust); reopen with a
 * reason; and for a timesheet blocked by the minimum wage check, its figures and "Record an
 * authorised note".
 */
import { useState } from 'react';
import { AUTH_METHODS, type AuthMethod } from '../../../shared/domain';
import type { Timesheet } from '../../../shared/contract-timesheets';
import { call, useQuery } from '../api';
import { Alert, Button, Card, Dialog, EmptyState, ErrorAlert, Money, TextInput } from '../ui';
import { Select, TextArea } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { hoursText } from './hours';
import { MinimumWageSummary } from './MinimumWageSummary';
import '../styles-timesheets.css';

const METHOD_LABEL: Record<AuthMethod, string> = { written: 'In writing', email: 'By email', phone: 'By phone', 'in-person': 'In person' };
const STATUS_LABEL: Record<Timesheet['status'], string> = { draft: 'Draft', blocked: 'Blocked', approved: 'Approved' };

type Acting = { kind: 'none' } | { kind: 'approve'; sheet: Timesheet } | { kind: 'reopen'; sheet: Timesheet } | { kind: 'note'; sheet: Timesheet };

export function TimesheetList({ clientId, clientName, hasPas }: { clientId: number; clientName: string; hasPas: boolean }) {
  const sheets = useQuery('timesheet.list', { clientId });
  const client = useQuery('client.get', { id: clientId });
  const [acting, setActing] = useState<Acting>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const trustees = client.data?.client.arrangement === 'user-trust' ? client.data.client.trustees.map((t) => t.name) : null;

  const done = (message: string) => {
    setActing({ kind: 'none' });
    setNotice(message);
    sheets.reload();
  };
  const list = sheets.data ?? [];
  const blocked = list.filter((s) => s.status === 'blocked');

  return (
    <Card
      title="Timesheets"
      description={<p>Hours each PA worked in a pay period. A timesheet is approved by the employer{trustees ? ' (two trustees for this trust)' : ''} before the pay run.</p>}
    >
      {hasPas ? (
        <p>
          <a className="btn btn-primary" href={`#/payroll/${clientId}/timesheets/new`}>
            New timesheet
          </a>
        </p>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {sheets.status === 'loading' ? (
        <p role="status" className="muted">
          Loading timesheets…
        </p>
      ) : null}
      {sheets.status === 'error' ? (
        <ErrorAlert error={sheets.error}>
          <Button onClick={sheets.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {sheets.status === 'ok' && list.length === 0 ? (
        <EmptyState title="No timesheets yet">
          <p>
            {hasPas
              ? `Enter each PA's hours for the pay period with "New timesheet" (or import a CSV from there). Approve them here before running ${clientName}'s payroll.`
              : `Add ${clientName}'s PAs first; then enter their hours for each pay period here.`}
          </p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table pr-table ts-list">
            <caption className="sr-only">Timesheets for {clientName}</caption>
            <thead>
              <tr>
                <th scope="col">PA</th>
                <th scope="col">Period</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Hours
                </th>
                <th scope="col" className="num">
                  Gross pay
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.paName}</th>
                  <td className="pr-mono">
                    {s.periodStart} to {s.periodEnd}
                  </td>
                  <td>
                    <span className={`status ts-status-${s.status}`}>{STATUS_LABEL[s.status]}</span>
                    {s.status === 'approved' ? <span className="cell-note">by {s.approvals.map((a) => a.by).join(' and ')}</span> : null}
                    {s.status === 'blocked' ? <span className="cell-note">minimum wage short by <Money pence={s.minimumWage.shortfall} /></span> : null}
                    {s.status === 'draft' && s.minimumWageNote ? <span className="cell-note">minimum wage note recorded</span> : null}
                  </td>
                  <td className="num">{hoursText(s.totalHours)}</td>
                  <td className="num">
                    <Money pence={s.grossPay} />
                  </td>
                  <td className="actions">
                    <a className="btn btn-quiet" href={`#/payroll/${clientId}/timesheets/${s.id}`}>
                      Open<span className="sr-only"> timesheet for {s.paName}, {s.periodStart}</span>
                    </a>
                    {s.status === 'draft' ? (
                      <Button variant="quiet" onClick={() => setActing({ kind: 'approve', sheet: s })}>
                        Approve<span className="sr-only"> timesheet for {s.paName}, {s.periodStart}</span>
                      </Button>
                    ) : null}
                    {s.status === 'blocked' ? (
                      <Button variant="quiet" onClick={() => setActing({ kind: 'note', sheet: s })}>
                        Record an authorised note<span className="sr-only"> for {s.paName}, {s.periodStart}</span>
                      </Button>
                    ) : null}
                    {s.status === 'approved' ? (
                      <Button variant="quiet" onClick={() => setActing({ kind: 'reopen', sheet: s })}>
                        Reopen<span className="sr-only"> timesheet for {s.paName}, {s.periodStart}</span>
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {blocked.map((s) => (
        <div key={s.id} className="ts-blocked">
          <p className="ts-blocked-title">
            {s.paName}, {s.periodStart} to {s.periodEnd}
          </p>
          <MinimumWageSummary sheet={s} />
        </div>
      ))}
      <Dialog open={acting.kind === 'approve'} title={acting.kind === 'approve' ? `Approve ${acting.sheet.paName}’s timesheet` : ''} actions={null} onCancel={() => setActing({ kind: 'none' })}>
        {acting.kind === 'approve' ? (
          <ApproveForm sheet={acting.sheet} trustees={trustees} onCancel={() => setActing({ kind: 'none' })} onDone={(t) => done(`Approved ${t.paName}’s timesheet for ${t.periodStart} to ${t.periodEnd}.`)} />
        ) : null}
      </Dialog>
      <Dialog open={acting.kind === 'reopen'} title={acting.kind === 'reopen' ? `Reopen ${acting.sheet.paName}’s timesheet` : ''} actions={null} onCancel={() => setActing({ kind: 'none' })}>
        {acting.kind === 'reopen' ? (
          <ReasonForm
            sheet={acting.sheet}
            label="Reopen"
            reasonHint="Why it must change, e.g. the hours on one day were wrong. The approvals are cleared and it must be approved again."
            send={(by, reason) => call('timesheet.reopen', { id: acting.sheet.id, by, reason })}
            onCancel={() => setActing({ kind: 'none' })}
            onDone={(t) => done(`Reopened ${t.paName}’s timesheet for ${t.periodStart} to ${t.periodEnd}. It can be changed now.`)}
          />
        ) : null}
      </Dialog>
      <Dialog open={acting.kind === 'note'} title={acting.kind === 'note' ? `Minimum wage note for ${acting.sheet.paName}` : ''} actions={null} onCancel={() => setActing({ kind: 'none' })}>
        {acting.kind === 'note' ? (
          <>
            <MinimumWageSummary sheet={acting.sheet} />
            <ReasonForm
              sheet={acting.sheet}
              label="Record note"
              reasonHint="Why the shortfall is accepted and who authorised it, e.g. the missing pay is made up in the next period."
              send={(by, reason) => call('timesheet.noteMinimumWage', { id: acting.sheet.id, by, reason })}
              onCancel={() => setActing({ kind: 'none' })}
              onDone={(t) => done(`Recorded the note. ${t.paName}’s timesheet for ${t.periodStart} to ${t.periodEnd} can be approved now.`)}
            />
          </>
        ) : null}
      </Dialog>
    </Card>
  );
}

function ApproveForm({ sheet, trustees, onCancel, onDone }: { sheet: Timesheet; trustees: string[] | null; onCancel: () => void; onDone: (t: Timesheet) => void }) {
  const saving = useSave();
  const two = trustees !== null;
  const [names, setNames] = useState(['', '']);
  const [methods, setMethods] = useState<AuthMethod[]>(['written', 'written']);
  const [errors, setErrors] = useState<Array<string | undefined>>([undefined, undefined]);
  const count = two ? 2 : 1;

  const submit = async () => {
    const errs: Array<string | undefined> = [undefined, undefined];
    for (let i = 0; i < count; i++) if (names[i]!.trim() === '') errs[i] = two ? 'Enter the name of a trustee who approved it.' : 'Enter the name of the person who approved it.';
    if (two && !errs[0] && !errs[1] && names[0]!.trim().toLowerCase() === names[1]!.trim().toLowerCase()) errs[1] = 'Two different trustees must approve: enter the second trustee.';
    setErrors(errs);
    if (errs.some(Boolean)) return;
    const approvals = Array.from({ length: count }, (_, i) => ({ by: names[i]!.trim(), method: methods[i]! }));
    const res = await saving.run(() => call('timesheet.approve', { id: sheet.id, approvals }));
    if (res.ok) onDone(res.value);
  };

  return (
    <form
      className="pr-form"
      noValidate
      aria-label="Approve timesheet"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p>
        {sheet.periodStart} to {sheet.periodEnd}: {hoursText(sheet.totalHours)} hours, gross pay <Money pence={sheet.grossPay} />.
      </p>
      {two ? <p className="field-hint">This client’s budget is held in trust: two different trustees must approve. Trustees: {trustees.join(', ')}.</p> : null}
      {Array.from({ length: count }, (_, i) => (
        <div className="form-grid" key={i}>
          <TextInput
            label={two ? `Trustee ${i + 1}` : 'Approved by'}
            autoComplete="off"
            list={two ? 'ts-trustees' : undefined}
            value={names[i]}
            error={errors[i]}
            onChange={(e) => {
              const next = [...names];
              next[i] = e.target.value;
              setNames(next);
              setErrors([undefined, undefined]);
              saving.clear();
            }}
          />
          <Select
            label={two ? `How trustee ${i + 1} approved` : 'How they approved'}
            value={methods[i]}
            onChange={(e) => {
              const next = [...methods];
              next[i] = e.target.value as AuthMethod;
              setMethods(next);
            }}
          >
            {AUTH_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABEL[m]}
              </option>
            ))}
          </Select>
        </div>
      ))}
      {two ? (
        <datalist id="ts-trustees">
          {trustees.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      ) : null}
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          Approve
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

interface ReasonFormProps {
  sheet: Timesheet;
  label: string;
  reasonHint: string;
  send: (by: string, reason: string) => Promise<Timesheet>;
  onCancel: () => void;
  onDone: (t: Timesheet) => void;
}

function ReasonForm({ label, reasonHint, send, onCancel, onDone }: ReasonFormProps) {
  const saving = useSave();
  const [by, setBy] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ by?: string; reason?: string }>({});

  const submit = async () => {
    const errs: { by?: string; reason?: string } = {};
    if (by.trim() === '') errs.by = 'Enter the name of the person who authorised this.';
    if (reason.trim().length < 5) errs.reason = 'Give the reason (at least 5 characters).';
    setErrors(errs);
    if (errs.by || errs.reason) return;
    const res = await saving.run(() => send(by.trim(), reason.trim()));
    if (res.ok) onDone(res.value);
    else if (res.error.where === 'by' || res.error.where === 'reason') setErrors({ [res.error.where]: res.error.message.replace(/^\w+: /, '') });
  };

  return (
    <form
      className="pr-form"
      noValidate
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextInput
        label="Authorised by"
        autoComplete="off"
        value={by}
        error={errors.by}
        onChange={(e) => {
          setBy(e.target.value);
          setErrors((x) => ({ ...x, by: undefined }));
        }}
      />
      <TextArea
        label="Reason"
        hint={reasonHint}
        rows={3}
        value={reason}
        error={errors.reason}
        onChange={(e) => {
          setReason(e.target.value);
          setErrors((x) => ({ ...x, reason: undefined }));
        }}
      />
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          {label}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
