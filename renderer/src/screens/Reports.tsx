/**
 * The Reports screen (#/reports, issue 6 point 7): choose the report, the clients (for client
 * reports), the period and the output folder; then preview the first page, download, print, or
 * write every chosen client's report into the folder with a progress bar.
 *
 * Preview, Download and Print make one file (report.file) for the first chosen client; "Write to
 * folder" runs a job (report.run) for all of them. Nothing here writes the ledger except a
 * client's easy-read choice (report.prefs.set).
 */
import { useEffect, useMemo, useState } from 'react';
import type { JobStatus, ReportClient, StatementVariant } from '../../../shared/contract-reports';
import { call, canPickFiles, pickFile, toApiError, useQuery, type ApiError } from '../api';
import { saveFile, useAppToday } from '../payruns/common';
import { ClientPicker } from '../reports/ClientPicker';
import { JobProgress, OpenFolder } from '../reports/JobProgress';
import { PdfPreview } from '../reports/PdfPreview';
import { PeriodPicker, type Basis } from '../reports/PeriodPicker';
import {
  REPORTS,
  VARIANT_LABEL,
  base64ToBytes,
  fileRequest,
  formatBytes,
  isPdf,
  jobDescription,
  jobRequest,
  noPreviewReason,
  periodProblem,
  reportInfo,
  type ReportChoice,
  type ReportForm,
  type ReturnFormat,
} from '../reports/kinds';
import { Alert, Button, Card, ErrorAlert, TextInput } from '../ui';
import { ScreenHeading } from './ScreenHeading';
import '../styles-reports.css';

type Action = 'preview' | 'download' | 'print' | 'run';

export function ReportsScreen() {
  const defaults = useQuery('report.defaults', {});
  const funders = useQuery('funder.list', {});
  const { today } = useAppToday();

  const [funderId, setFunderId] = useState<number | null>(null);
  const [clients, setClients] = useState<ReportClient[] | null>(null);
  const [clientsError, setClientsError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());

  const [form, setForm] = useState<ReportForm>({ choice: 'statement', variant: 'client-choice', returnFormat: 'pdf', from: '', to: '', wholeLedger: true });
  const [basis, setBasis] = useState<Basis>('monthly');
  const [dir, setDir] = useState<string | null>(null);
  const [tried, setTried] = useState(false);

  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ bytes: Uint8Array; label: string } | null>(null);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [jobRunning, setJobRunning] = useState(false);
  const [showEnded, setShowEnded] = useState(false);

  // The clients of the chosen funder (all when none); keep the chosen ones that are still listed.
  useEffect(() => {
    let live = true;
    setClientsError(null);
    call('report.clients', { ...(funderId === null ? {} : { funderId }), includeEnded: showEnded }).then(
      (cs) => {
        if (!live) return;
        setClients(cs);
        setSelected((prev) => new Set(cs.filter((c) => prev.has(c.id)).map((c) => c.id)));
      },
      (e: unknown) => live && setClientsError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [funderId, showEnded]);

  useEffect(() => {
    if (dir === null && defaults.status === 'ok') setDir(defaults.data.outputDir);
  }, [defaults, dir]);

  const info = reportInfo(form.choice);
  const chosen = useMemo(() => (clients ?? []).filter((c) => selected.has(c.id)), [clients, selected]);
  const first = chosen[0] ?? null;
  const problem = periodProblem(form);
  // Show the date problem as soon as both dates are there (end before start), or after a try.
  const shownProblem = problem && (tried || (form.from !== '' && form.to !== '')) ? problem : null;
  const canOpen = defaults.status === 'ok' && defaults.data.canOpen;
  const pdf = isPdf(form);

  const update = (patch: Partial<ReportForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(null);
    setNotice(null);
    setError(null);
    setFormProblem(null);
  };

  /** The checks made before anything is sent; says what to fix. */
  const check = (): boolean => {
    setTried(true);
    setError(null);
    setNotice(null);
    if (info.perClient && !first) {
      setFormProblem('Choose at least one client in the list.');
      return false;
    }
    if (problem) {
      setFormProblem(problem.message);
      return false;
    }
    setFormProblem(null);
    return true;
  };

  const makeFile = async (action: Exclude<Action, 'run'>) => {
    if (!check()) return;
    const req = fileRequest(form, first?.id ?? null);
    if (!req) return;
    setBusy(action);
    try {
      if (action === 'print' && canOpen) {
        const r = await call('report.print', req);
        setNotice(`Opened ${r.path} in the system's PDF viewer: print it from there.`);
      } else {
        const file = await call('report.file', req);
        const bytes = base64ToBytes(file.base64);
        if (action === 'preview') {
          setPreview({ bytes, label: `First page of ${file.fileName}` });
        } else {
          saveFile(file);
          setNotice(
            action === 'print'
              ? `Downloaded ${file.fileName}. Open the downloaded PDF to print it.`
              : `Downloaded ${file.fileName} (${formatBytes(bytes.length)}).`,
          );
        }
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const run = async () => {
    if (!check()) return;
    const req = jobRequest(form, chosen.map((c) => c.id));
    if (!req || dir === null) return;
    setBusy('run');
    setJob(null);
    try {
      const started = await call('report.run', { job: req, dir });
      setJobRunning(started.state === 'running');
      setJob(started);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const choose = async () => {
    const picked = await pickFile('chooseFolder');
    if (picked) setDir(picked);
  };

  const subject = info.perClient ? (first ? ` for ${first.name}` : '') : ' for the organisation';

  return (
    <>
      <ScreenHeading title="Reports">
        <p>Statements for clients, monitoring returns and evidence for councils, and exports for the accountant. Reports only read the ledger: making one changes nothing.</p>
      </ScreenHeading>

      <div className="rp-layout">
        <div className="rp-col">
          <Card title="Report">
            <fieldset className="rp-choices">
              <legend className="sr-only">Which report</legend>
              {REPORTS.map((r) => (
                <div key={r.key} className="rp-choice">
                  <input
                    type="radio"
                    id={`rp-kind-${r.key}`}
                    name="rp-kind"
                    value={r.key}
                    checked={form.choice === r.key}
                    aria-describedby={`rp-kind-${r.key}-about`}
                    onChange={() => update({ choice: r.key as ReportChoice })}
                  />
                  <label htmlFor={`rp-kind-${r.key}`}>{r.label}</label>
                  <p className="rp-about" id={`rp-kind-${r.key}-about`}>
                    {r.about}
                  </p>
                </div>
              ))}
            </fieldset>
            {form.choice === 'statement' ? (
              <div className="field">
                <label className="field-label" htmlFor="rp-variant">
                  Layout
                </label>
                <div className="field-hint" id="rp-variant-hint">
                  "Each client's choice" uses the easy-read layout for the clients marked Easy read in the list.
                </div>
                <select id="rp-variant" className="input" aria-describedby="rp-variant-hint" value={form.variant} onChange={(e) => update({ variant: e.target.value as StatementVariant })}>
                  {(Object.keys(VARIANT_LABEL) as StatementVariant[]).map((v) => (
                    <option key={v} value={v}>
                      {VARIANT_LABEL[v]}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {form.choice === 'return' ? (
              <div className="field">
                <label className="field-label" htmlFor="rp-format">
                  Format
                </label>
                <select id="rp-format" className="input" value={form.returnFormat} onChange={(e) => update({ returnFormat: e.target.value as ReturnFormat })}>
                  <option value="pdf">PDF</option>
                  <option value="xlsx">Excel</option>
                </select>
              </div>
            ) : null}
            {form.choice === 'hledger' ? (
              <div className="field field-check">
                <input id="rp-whole" type="checkbox" checked={form.wholeLedger} onChange={(e) => update({ wholeLedger: e.target.checked })} aria-describedby="rp-whole-hint" />
                <label htmlFor="rp-whole">Whole ledger up to the end date</label>
                <div className="field-hint" id="rp-whole-hint">
                  Includes everything from the start, so hledger's balances match Steward's. Untick to export only the period's transactions.
                </div>
              </div>
            ) : null}
          </Card>

          <Card title="Period">
            <PeriodPicker
              basis={basis}
              onBasis={(b) => {
                setBasis(b);
                setPreview(null);
              }}
              from={form.from}
              to={form.to}
              onPeriod={(from, to) => update({ from, to })}
              clientId={info.perClient && selected.size === 1 && first ? first.id : null}
              funderId={funderId}
              today={today}
              problem={shownProblem}
              endOnly={form.choice === 'hledger' && form.wholeLedger}
            />
          </Card>
        </div>

        <div className="rp-col">
          {info.perClient ? (
            <Card title="Clients" description="Tick the clients to report on. Preview, Download and Print use the first one ticked; Write to folder makes the report for all of them.">
              {clientsError ? (
                <ErrorAlert error={clientsError} />
              ) : clients === null ? (
                <p className="muted">Loading the clients…</p>
              ) : (
                <ClientPicker
                  clients={clients}
                  funders={funders.status === 'ok' ? funders.data : []}
                  funderId={funderId}
                  onFunder={setFunderId}
                  showEnded={showEnded}
                  onShowEnded={setShowEnded}
                  selected={selected}
                  onSelected={(s) => {
                    setSelected(s);
                    setPreview(null);
                    setFormProblem(null);
                  }}
                  onEasyRead={(id, easyRead) => {
                    setClients((cs) => (cs ? cs.map((c) => (c.id === id ? { ...c, easyRead } : c)) : cs));
                    setPreview(null);
                  }}
                />
              )}
            </Card>
          ) : (
            <Card title="Clients">
              <p>This report covers the whole organisation: every client's money, in one file. There are no clients to choose.</p>
            </Card>
          )}
        </div>
      </div>

      <Card title="Make the report" className="rp-make">
        {defaults.status === 'error' ? <ErrorAlert error={defaults.error} /> : null}
        <TextInput
          label="Output folder"
          hint="Write to folder puts the files here (the folder is made if it does not exist). Give the full path."
          value={dir ?? ''}
          onChange={(e) => setDir(e.target.value)}
          spellCheck={false}
          action={
            canPickFiles() ? (
              <Button variant="secondary" onClick={() => void choose()}>
                Choose…
              </Button>
            ) : undefined
          }
        />
        {dir && canOpen ? <OpenFolder dir={dir} canOpen={canOpen} /> : null}

        <p className="rp-summary">
          <strong>{info.label}</strong>
          {subject}
          {form.to ? `, ${form.choice === 'hledger' && form.wholeLedger ? `up to ${form.to}` : `${form.from || '…'} to ${form.to}`}` : ''}.{' '}
          {info.perClient && chosen.length > 0 ? jobDescription(form, chosen.length) : !info.perClient ? jobDescription(form, 0) : null}
        </p>

        <div className="rp-actions">
          {pdf ? (
            <Button variant="secondary" pending={busy === 'preview'} onClick={() => void makeFile('preview')}>
              Preview
            </Button>
          ) : null}
          <Button variant="secondary" pending={busy === 'download'} onClick={() => void makeFile('download')}>
            Download
          </Button>
          {pdf ? (
            <Button variant="secondary" pending={busy === 'print'} onClick={() => void makeFile('print')}>
              Print
            </Button>
          ) : null}
          <Button variant="primary" pending={busy === 'run'} disabled={jobRunning} onClick={() => void run()}>
            Write to folder
          </Button>
        </div>
        {pdf ? null : <p className="muted rp-no-preview">{noPreviewReason(form)}</p>}
        {pdf && !canOpen ? <p className="muted">In the browser, Print downloads the PDF: open it and print it from your PDF viewer.</p> : null}

        {formProblem ? (
          <div className="alert alert-error" role="alert">
            <p>{formProblem}</p>
          </div>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {job ? <JobProgress first={job} canOpen={canOpen} onFinished={() => setJobRunning(false)} /> : null}
        {preview ? <PdfPreview bytes={preview.bytes} label={preview.label} /> : null}
      </Card>
    </>
  );
}
