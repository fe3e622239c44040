/**
 * A "Write to folder" job while it runs and when it ends: a real progress bar fed by report.job
 * (polled until the job is no longer running), "n of N clients", Cancel (report.cancel, which
 * stops between two files), then the files written with their sizes, the clients that failed and
 * why, and the folder.
 */
import { useEffect, useState } from 'react';
import type { JobStatus } from '../../../shared/contract-reports';
import { call, toApiError, type ApiError } from '../api';
import { Alert, Button, ErrorAlert } from '../ui';
import { formatBytes } from './kinds';

const POLL_MS = 250;
/** A batch of hundreds of clients lists the first of its files (all are in the folder) and counts the rest; every failure is listed. */
const LIST_MAX = 100;

interface JobProgressProps {
  first: JobStatus;
  canOpen: boolean;
  /** Called once the job is no longer running (done, cancelled or failed). */
  onFinished?: () => void;
}

export function JobProgress({ first, canOpen, onFinished }: JobProgressProps) {
  const [job, setJob] = useState<JobStatus>(first);
  const [error, setError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    setJob(first);
  }, [first]);

  useEffect(() => {
    if (job.state !== 'running') {
      onFinished?.();
      return;
    }
    const t = window.setTimeout(() => {
      call('report.job', { jobId: job.jobId }).then(setJob, (e: unknown) => setError(toApiError(e)));
    }, POLL_MS);
    return () => window.clearTimeout(t);
    // Poll again after each answer (job is a new object each time). onFinished is left out on
    // purpose: a new callback from the screen must not poll again.
  }, [job]);

  const cancel = () => {
    setCancelling(true);
    call('report.cancel', { jobId: job.jobId }).then(
      (s) => {
        setCancelling(false);
        setJob(s);
      },
      (e: unknown) => {
        setCancelling(false);
        setError(toApiError(e));
      },
    );
  };

  const total = Math.max(job.total, 0);
  const pct = total > 0 ? Math.round((job.done / total) * 100) : job.state === 'done' ? 100 : 0;
  const progressText = `${job.done} of ${total} ${job.unit}`;

  return (
    <section className="rp-job" aria-label="Writing to the folder">
      <div className="rp-progress-row">
        <div
          className="rp-progress"
          role="progressbar"
          aria-label="Progress"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={job.done}
          aria-valuetext={progressText}
        >
          <div className={`rp-progress-fill rp-progress-${job.state}`} style={{ width: `${pct}%` }} />
        </div>
        <span className="rp-progress-text">{progressText}</span>
        {job.state === 'running' ? (
          <Button variant="secondary" pending={cancelling} onClick={cancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {job.state === 'running' ? <p className="muted" aria-live="polite">Writing into {job.dir}…</p> : null}
      {job.state === 'done' ? (
        <Alert tone={job.failures.length > 0 ? 'warning' : 'success'} title={`Finished: ${job.files.length} ${job.files.length === 1 ? 'file' : 'files'} written to ${job.dir}`}>
          {job.failures.length > 0 ? <p>{job.failures.length} could not be made: see the list below.</p> : null}
        </Alert>
      ) : null}
      {job.state === 'cancelled' ? (
        <Alert tone="info" title="Cancelled">
          <p>
            Stopped after {progressText}. The {job.files.length} {job.files.length === 1 ? 'file' : 'files'} listed below are complete; nothing half-written was left in the folder.
          </p>
        </Alert>
      ) : null}
      {job.state === 'failed' && job.error ? (
        <div className="alert alert-error" role="alert">
          <p>
            <code className="error-code">{job.error.code}</code> {job.error.message}
          </p>
          <p>The files listed below were written before it stopped; nothing half-written was left in the folder.</p>
        </div>
      ) : null}
      {job.failures.length > 0 ? (
        <div className="rp-failures">
          <h3>Could not be made ({job.failures.length})</h3>
          <ul className="rp-scroll-box" tabIndex={0} aria-label="Clients whose report could not be made">
            {job.failures.map((f, i) => (
              <li key={`${f.clientId ?? 'org'}-${i}`}>
                <strong>{f.clientName}</strong>
                {f.clientId !== null ? <span className="muted"> (client {f.clientId})</span> : null}: <code className="error-code">{f.code}</code> {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {job.files.length > 0 ? (
        <div className="rp-files">
          <h3>Files written ({job.files.length})</h3>
          <div className="rp-scroll-box" tabIndex={0} role="region" aria-label="Files written">
            <table className="rp-file-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {job.files.slice(0, LIST_MAX).map((f) => (
                  <tr key={f.path}>
                    <td>{f.fileName}</td>
                    <td className="num">{formatBytes(f.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {job.files.length > LIST_MAX ? <p className="muted">and {job.files.length - LIST_MAX} more in the folder.</p> : null}
        </div>
      ) : null}
      {job.state !== 'running' ? <OpenFolder dir={job.dir} canOpen={canOpen} /> : null}
    </section>
  );
}

/** "Open folder" in the desktop app; the path itself in the browser, where nothing can open it. */
export function OpenFolder({ dir, canOpen }: { dir: string; canOpen: boolean }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  if (!canOpen) {
    return (
      <p className="rp-path">
        Folder: <code>{dir}</code>
      </p>
    );
  }
  const open = () => {
    setPending(true);
    setError(null);
    call('report.openFolder', { dir }).then(
      () => setPending(false),
      (e: unknown) => {
        setPending(false);
        setError(toApiError(e));
      },
    );
  };
  return (
    <div className="rp-open">
      <Button variant="secondary" pending={pending} onClick={open}>
        Open folder
      </Button>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
