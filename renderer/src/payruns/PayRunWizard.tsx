/**
 * #/payroll/runs/RUN_ID: the pay-run wizard. Four steps, each a tab-like button in an ordered list:
 * 1 Review (a line per PA, the change from their last posted run, the run's notes, totals and what
 * the employer pays on top), 2 Approve (the employer, or two trustees for a trust), 3 Post (the
 * journal entry it will make, shown before it is made), 4 Pay and outputs (payslips, summary,
 * FPS data, paying the liabilities). A posted run is never edited: it can only be reversed, with
 * a reason, through the journal.
 */
import { useEffect, useRef, useState } from 'react';
import type { PayRun, PayRunLine } from '../../../shared/contract-payruns';
import { AUTH_METHODS, type AuthMethod } from '../../../shared/domain';
import { call, useQuery } from '../api';
import { Alert, Button, Card, ErrorAlert, Money, TextInput } from '../ui';
import { Select, TextArea } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { AUTH_METHOD_LABEL } from '../client/format';
import { FREQUENCY_LABEL } from '../payroll/labels';
import { ScreenHeading } from '../screens/ScreenHeading';
import { DownloadButton, periodText, RunStatus, signedMoney } from './common';
import { Liabilities } from './Liabilities';
import '../styles-payruns.css';

type Step = 1 | 2 | 3 | 4;
const STEP_NAMES: Record<Step, string> = { 1: 'Review', 2: 'Approve', 3: 'Post', 4: 'Pay and outputs' };

/** The step a run's status leads to: what is left to do with it. */
function stepFor(run: PayRun): Step {
  if (run.status === 'draft') return 1;
  if (run.status === 'approved') return 3;
  return 4;
}

/** Which steps can be opened: review always; approve only a draft; post only an approved run; outputs once posted. */
function reachable(run: PayRun, step: Step): boolean {
  if (step === 1) return true;
  if (step === 2) return run.status === 'draft';
  if (step === 3) return run.status === 'approved';
  return run.status === 'posted' || run.status === 'reversed';
}

export function PayRunWizard({ runId }: { runId: number }) {
  const query = useQuery('payrun.get', { id: runId });
  if (query.status === 'loading') {
    return (
      <p role="status" className="muted">
        Loading the pay run…
      </p>
    );
  }
  if (query.status === 'error') {
    return (
      <>
        <ScreenHeading title="Pay run" />
        <ErrorAlert error={query.error}>
          <Button onClick={query.reload}>Try again</Button>
        </ErrorAlert>
      </>
    );
  }
  return <Wizard initial={query.data} />;
}

function Wizard({ initial }: { initial: PayRun }) {
  const [run, setRun] = useState<PayRun>(initial);
  const [step, setStep] = useState<Step>(() => stepFor(initial));
  const [notice, setNotice] = useState<string | null>(null);
  const client = useQuery('client.get', { id: initial.clientId });

  const clientName = client.status === 'ok' ? client.data.client.name : `client ${run.clientId}`;
  const isTrust = client.status === 'ok' && client.data.client.arrangement === 'user-trust';
  const trustees = client.status === 'ok' ? client.data.client.trustees.map((t) => t.name) : [];

  const changed = (next: PayRun, message: string) => {
    setRun(next);
    setStep(stepFor(next));
    setNotice(message);
  };

  return (
    <>
      <p className="pr-back">
        <a href={`#/payroll/${run.clientId}`}>Payroll: {clientName}</a>
      </p>
      <div className="heading-row">
        <ScreenHeading title={`Pay run: ${clientName}, ${periodText(run)}`}>
          <p>
            {FREQUENCY_LABEL[run.frequency]} pay, tax year {run.taxYear} period {run.taxPeriod}, paid on {run.payDate}. Status: <RunStatus status={run.status} />
          </p>
        </ScreenHeading>
      </div>
      <ol className="prn-steps" aria-label="Pay run steps">
        {([1, 2, 3, 4] as const).map((s) => {
          const done = s < stepFor(run);
          return (
            <li key={s}>
              <button
                type="button"
                className={['prn-step', s === step ? 'prn-step-current' : null, done ? 'prn-step-done' : null].filter(Boolean).join(' ')}
                aria-current={s === step ? 'step' : undefined}
                disabled={!reachable(run, s)}
                onClick={() => {
                  setNotice(null);
                  setStep(s);
                }}
              >
                <span className="prn-step-no">{s}</span> {STEP_NAMES[s]}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="stack">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {run.status === 'reversed' ? (
          <Alert tone="warning" title="This pay run was reversed">
            <p>
              Reversed on {run.reversedAt?.slice(0, 10)}: {run.reversedReason}. Its journal entry #{run.entryId} was cancelled by entry #{run.reversalEntryId}. Draft the period again to
              pay it correctly.
            </p>
          </Alert>
        ) : null}
        {step === 1 ? <ReviewStep run={run} onNext={() => setStep(2)} /> : null}
        {step === 2 && client.status === 'loading' ? (
          <p role="status" className="muted">
            Loading who can approve…
          </p>
        ) : null}
        {step === 2 && client.status !== 'loading' ? <ApproveStep key={String(isTrust)} run={run} isTrust={isTrust} trustees={trustees} clientName={clientName} onApproved={(r) => changed(r, `Pay run approved by ${r.approvals.map((a) => a.by).join(' and ')}.`)} /> : null}
        {step === 3 ? <PostStep run={run} onPosted={(r) => changed(r, `Posted to ${clientName}'s ledger as entry #${r.entryId ?? ''}.`)} /> : null}
        {step === 4 ? (
          <OutputsStep run={run} isTrust={isTrust} trustees={trustees} onReversed={(r) => changed(r, `Pay run reversed: entry #${r.reversalEntryId ?? ''} cancels entry #${r.entryId ?? ''}.`)} />
        ) : null}
      </div>
    </>
  );
}

/** Focus a step's primary action when the step opens, so Enter does the next thing. */
function usePrimaryFocus() {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

function loans(l: Pick<PayRunLine, 'studentLoan' | 'postgraduateLoan'>): number {
  return l.studentLoan + l.postgraduateLoan;
}

function ReviewStep({ run, onNext }: { run: PayRun; onNext: () => void }) {
  const primary = usePrimaryFocus();
  const t = run.totals;
  const employerCost = t.gross + t.employerNi + t.employerPension;
  return (
    <>
      <Card title="1. Review the figures" description={<p>One line per PA, worked out from their approved timesheets. Check each change from the last period before approving.</p>}>
        {run.lines.length === 0 ? (
          <p className="muted">No PA has approved timesheets in this period, so there is nothing to pay.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table prn-table">
              <caption className="sr-only">Pay for each PA in this run</caption>
              <thead>
                <tr>
                  <th scope="col">PA</th>
                  <th scope="col" className="num">
                    Gross
                  </th>
                  <th scope="col" className="num">
                    Tax
                  </th>
                  <th scope="col" className="num">
                    NI
                  </th>
                  <th scope="col" className="num">
                    Loans
                  </th>
                  <th scope="col" className="num">
                    Pension
                  </th>
                  <th scope="col" className="num">
                    Net pay
                  </th>
                  <th scope="col">Change in net pay</th>
                </tr>
              </thead>
              <tbody>
                {run.lines.map((l) => (
                  <tr key={l.paId}>
                    <th scope="row">
                      {l.paName}
                      <span className="cell-note">
                        <span className="pr-mono">{l.taxCode}</span>
                        {l.taxBasis === 'week1month1' ? ' (Week 1 / Month 1)' : ''} · NI {l.niCategory}
                      </span>
                    </th>
                    <td className="num">
                      <Money pence={l.gross} />
                    </td>
                    <td className="num">
                      <Money pence={l.tax} />
                    </td>
                    <td className="num">
                      <Money pence={l.employeeNi} />
                    </td>
                    <td className="num">
                      <Money pence={loans(l)} />
                    </td>
                    <td className="num">
                      <Money pence={l.employeePension} />
                    </td>
                    <td className="num prn-strong">
                      <Money pence={l.net} />
                    </td>
                    <td>
                      {l.difference && l.previousRunId !== null ? (
                        <>
                          <span className={l.difference.net > 0 ? 'prn-up' : l.difference.net < 0 ? 'prn-down' : 'muted'}>{signedMoney(l.difference.net)}</span>
                          <span className="cell-note">
                            gross {signedMoney(l.difference.gross)} · <a href={`#/payroll/runs/${l.previousRunId}`}>previous run #{l.previousRunId}</a>
                          </span>
                        </>
                      ) : (
                        <span className="muted">First pay run</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Totals</th>
                  <td className="num">
                    <Money pence={t.gross} />
                  </td>
                  <td className="num">
                    <Money pence={t.tax} />
                  </td>
                  <td className="num">
                    <Money pence={t.employeeNi} />
                  </td>
                  <td className="num">
                    <Money pence={loans(t)} />
                  </td>
                  <td className="num">
                    <Money pence={t.employeePension} />
                  </td>
                  <td className="num prn-strong">
                    <Money pence={t.net} />
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <dl className="pr-details prn-costs">
          <div>
            <dt>Employer&rsquo;s NI</dt>
            <dd>
              <Money pence={t.employerNi} />
            </dd>
          </div>
          <div>
            <dt>Employer&rsquo;s pension contributions</dt>
            <dd>
              <Money pence={t.employerPension} />
            </dd>
          </div>
          <div>
            <dt>Total cost to the budget</dt>
            <dd className="prn-strong">
              <Money pence={employerCost} />
            </dd>
          </div>
        </dl>
      </Card>
      {run.notes.trim() ? (
        <Alert tone="info" title="Notes on this run">
          {run.notes.split('\n').map((n, i) => (
            <p key={i}>{n}</p>
          ))}
        </Alert>
      ) : null}
      {run.status === 'draft' ? (
        <div className="form-actions">
          <Button ref={primary} variant="primary" onClick={onNext}>
            Continue to approval
          </Button>
        </div>
      ) : null}
    </>
  );
}

interface ApproverRow {
  by: string;
  method: AuthMethod;
}

function ApproveStep({ run, isTrust, trustees, clientName, onApproved }: { run: PayRun; isTrust: boolean; trustees: string[]; clientName: string; onApproved: (r: PayRun) => void }) {
  const count = isTrust ? 2 : 1;
  const [rows, setRows] = useState<ApproverRow[]>(() => Array.from({ length: count }, () => ({ by: '', method: 'written' as AuthMethod })));
  const [errors, setErrors] = useState<string[]>([]);
  const saving = useSave();
  const firstRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const set = (i: number, patch: Partial<ApproverRow>) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setErrors([]);
    saving.clear();
  };

  const submit = async () => {
    const missing = rows.map((r, i) => (r.by.trim() === '' ? (isTrust ? `Enter the name of trustee ${i + 1}.` : 'Enter who approved the pay run.') : ''));
    if (missing.some((m) => m !== '')) {
      setErrors(missing);
      return;
    }
    const res = await saving.run(() => call('payrun.approve', { id: run.id, approvals: rows.map((r) => ({ by: r.by.trim(), method: r.method })) }));
    if (res.ok) onApproved(res.value);
  };

  return (
    <Card
      title="2. Approve"
      description={
        isTrust ? (
          <p>
            {clientName}&rsquo;s money is held in trust: two different trustees must approve each pay run. Trustees on record: {trustees.join(', ') || 'none recorded'}.
          </p>
        ) : (
          <p>Record who approved paying these figures for {clientName}, and how they told you.</p>
        )
      }
    >
      <form
        noValidate
        className="pr-form"
        aria-label="Approve the pay run"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {rows.map((r, i) => (
          <div className="prn-approver" key={i}>
            <TextInput
              ref={i === 0 ? firstRef : undefined}
              label={isTrust ? `Trustee ${i + 1}` : 'Approved by'}
              list={isTrust ? 'prn-trustees' : undefined}
              autoComplete="off"
              value={r.by}
              error={errors[i] || undefined}
              onChange={(e) => set(i, { by: e.target.value })}
            />
            <Select label={isTrust ? `How trustee ${i + 1} approved` : 'How they approved'} value={r.method} onChange={(e) => set(i, { method: e.target.value as AuthMethod })}>
              {AUTH_METHODS.map((m) => (
                <option key={m} value={m}>
                  {AUTH_METHOD_LABEL[m]}
                </option>
              ))}
            </Select>
          </div>
        ))}
        {isTrust ? (
          <datalist id="prn-trustees">
            {trustees.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        ) : null}
        {saving.error ? <ErrorAlert error={saving.error} /> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={saving.pending}>
            Approve pay run
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The journal entry posting makes, worked out the same way as main/payroll/payruns.ts payRunLines. */
export function journalEffect(t: PayRun['totals']): Array<{ account: string; debit: number; credit: number }> {
  const rows = [
    { account: 'PA wages (expense)', debit: t.gross, credit: 0 },
    { account: "Employer's NI (expense)", debit: t.employerNi, credit: 0 },
    { account: "Employer's pension (expense)", debit: t.employerPension, credit: 0 },
    { account: 'Net wages owed to PAs (liability)', debit: 0, credit: t.net },
    { account: 'PAYE and NI owed to HMRC (liability)', debit: 0, credit: t.tax + t.employeeNi + t.employerNi + t.studentLoan + t.postgraduateLoan },
    { account: 'Pension contributions owed (liability)', debit: 0, credit: t.employeePension + t.employerPension },
  ];
  return rows.filter((r) => r.debit !== 0 || r.credit !== 0);
}

function PostStep({ run, onPosted }: { run: PayRun; onPosted: (r: PayRun) => void }) {
  const primary = usePrimaryFocus();
  const saving = useSave();
  const rows = journalEffect(run.totals);
  const debits = rows.reduce((s, r) => s + r.debit, 0);
  const credits = rows.reduce((s, r) => s + r.credit, 0);
  return (
    <Card
      title="3. Post to the ledger"
      description={
        <p>
          Posting writes one journal entry dated {run.payDate}: the costs go to the budget&rsquo;s expenses and what is owed to the PAs, HMRC and the pension scheme is held as
          liabilities until you record paying it. A posted run cannot be edited, only reversed.
        </p>
      }
    >
      <div className="table-wrap">
        <table className="data-table prn-table">
          <caption className="sr-only">The journal entry posting will make</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Debit
              </th>
              <th scope="col" className="num">
                Credit
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.account}>
                <th scope="row">{r.account}</th>
                <td className="num">{r.debit ? <Money pence={r.debit} /> : null}</td>
                <td className="num">{r.credit ? <Money pence={r.credit} /> : null}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totals</th>
              <td className="num">
                <Money pence={debits} />
              </td>
              <td className="num">
                <Money pence={credits} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted prn-after-table">
        Approved by {run.approvals.map((a) => `${a.by} (${AUTH_METHOD_LABEL[a.method].toLowerCase()}, ${a.at})`).join(' and ')}.
      </p>
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button
          ref={primary}
          variant="primary"
          pending={saving.pending}
          onClick={() => {
            void saving.run(() => call('payrun.post', { id: run.id })).then((res) => {
              if (res.ok) onPosted(res.value);
            });
          }}
        >
          Post to ledger
        </Button>
      </div>
    </Card>
  );
}

function OutputsStep({ run, isTrust, trustees, onReversed }: { run: PayRun; isTrust: boolean; trustees: string[]; onReversed: (r: PayRun) => void }) {
  const [reversing, setReversing] = useState(false);
  const reverseRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Card title="4. Payslips and files" description={<p>Give each PA their payslip, keep the summary with the client&rsquo;s records, and send the FPS figures to HMRC on or before pay day.</p>}>
        <div className="table-wrap">
          <table className="data-table prn-table">
            <caption className="sr-only">Payslips</caption>
            <thead>
              <tr>
                <th scope="col">PA</th>
                <th scope="col" className="num">
                  Net pay
                </th>
                <th scope="col">
                  <span className="sr-only">Payslip</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {run.lines.map((l) => (
                <tr key={l.paId}>
                  <th scope="row">{l.paName}</th>
                  <td className="num">
                    <Money pence={l.net} />
                  </td>
                  <td className="actions">
                    <a className="btn btn-quiet" href={`#/payroll/runs/${run.id}/payslip/${l.paId}`}>
                      Payslip<span className="sr-only"> for {l.paName}</span>
                    </a>
                    <DownloadButton variant="quiet" label="PDF" srLabel={`payslip for ${l.paName}`} fetch={() => call('payslip.pdf', { runId: run.id, paId: l.paId })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="prn-files">
          <DownloadButton label="Summary (PDF)" fetch={() => call('payrun.summaryPdf', { runId: run.id })} />
          <DownloadButton label="Summary (Excel)" fetch={() => call('payrun.summaryXlsx', { runId: run.id })} />
          <DownloadButton label="FPS data (CSV)" fetch={() => call('fps.export', { runId: run.id, format: 'csv' })} />
          <DownloadButton label="FPS data (JSON)" fetch={() => call('fps.export', { runId: run.id, format: 'json' })} />
        </div>
      </Card>
      {run.status === 'posted' ? <Liabilities clientId={run.clientId} isTrust={isTrust} trustees={trustees} defaultDate={run.payDate} asOf={run.payDate} /> : null}
      {run.status === 'posted' ? (
        <Card title="Something wrong?" level={2} description={<p>A posted pay run is never edited. Reverse it with the reason, then draft the period again.</p>}>
          {reversing ? (
            <ReverseForm
              run={run}
              onCancel={() => {
                setReversing(false);
                reverseRef.current?.focus();
              }}
              onReversed={onReversed}
            />
          ) : (
            <Button ref={reverseRef} variant="danger" onClick={() => setReversing(true)}>
              Reverse pay run
            </Button>
          )}
        </Card>
      ) : null}
    </>
  );
}

function ReverseForm({ run, onCancel, onReversed }: { run: PayRun; onCancel: () => void; onReversed: (r: PayRun) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const saving = useSave();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const submit = async () => {
    if (reason.trim().length < 5) {
      setError('Give the reason for reversing (at least 5 characters). It is kept with the journal.');
      ref.current?.focus();
      return;
    }
    const res = await saving.run(() => call('payrun.reverse', { id: run.id, reason: reason.trim() }));
    if (res.ok) onReversed(res.value);
  };
  return (
    <form
      noValidate
      className="pr-form"
      aria-label="Reverse the pay run"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextArea
        ref={ref}
        label="Reason for reversing"
        hint="For example: hours were entered against the wrong PA. Kept with the reversal in the journal."
        rows={3}
        value={reason}
        error={error}
        onChange={(e) => {
          setReason(e.target.value);
          setError(undefined);
          saving.clear();
        }}
      />
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="danger" pending={saving.pending}>
          Reverse pay run
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
