/**
 * Jobs that write reports into a folder (report.run / report.job / report.cancel). A job runs in
 * main while the app stays responsive: writers call `breathe()` between units (a client, or a block
 * of journal lines), which lets status requests and a cancel through. A cancel takes effect between
 * two files; files already finished stay, the one in progress is never left under its real name.
 * One failing client is listed and the job goes on; a folder that cannot be written or a full disk
 * stops the job ("failed", with the reason).
 *
 * Jobs live in memory for the session: locking the ledger cancels the running ones.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { JobRequest, JobStatus } from '../../shared/contract-reports';
import { StewardError } from '../../shared/errors';
import type { OutputMeta } from '../payroll/outputs/common';
import { selectClients } from './clients';
import { ensureWritableDir } from './files';
import { writeStatements } from './statement';
import { writeReturns } from './return';
import { exportFileName, writeExport } from './exports';
import type { RunHooks, RunResult } from './types';
import path from 'node:path';

interface JobRecord {
  status: JobStatus;
  cancelRequested: boolean;
  promise: Promise<void>;
}

const jobs = new Map<string, JobRecord>();
/** Finished jobs kept for status requests; older ones are forgotten. */
const KEEP_FINISHED = 50;

const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function unitOf(job: JobRequest): string {
  return job.kind === 'statements' || job.kind === 'returns' ? 'clients' : 'journal lines';
}

/** Run a job's writer to the end (used by report.run in the background and by tests directly). */
export async function runJobWriter(db: Database, meta: OutputMeta, job: JobRequest, dir: string, hooks: RunHooks): Promise<RunResult> {
  const abs = ensureWritableDir(dir);
  switch (job.kind) {
    case 'statements':
      return writeStatements(db, meta, { clients: job.clients, from: job.from, to: job.to, variant: job.variant }, abs, hooks);
    case 'returns':
      return writeReturns(db, meta, { clients: job.clients, from: job.from, to: job.to }, abs, hooks);
    case 'accountant':
    case 'xero':
    case 'sage':
    case 'hledger': {
      const req = { kind: job.kind, from: job.from, to: job.to };
      const file = await writeExport(db, meta, req, path.join(abs, exportFileName(req, meta.generatedOn)), hooks);
      return { files: hooks.isCancelled?.() ? [] : [file], failures: [], cancelled: hooks.isCancelled?.() ?? false };
    }
  }
}

function prune(): void {
  const finished = [...jobs.entries()].filter(([, j]) => j.status.state !== 'running');
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(id);
}

/**
 * Start a job. The folder is checked before this returns (a folder that cannot be written is an
 * error at once, not a failed job); the rest runs in the background.
 */
export function startJob(getDb: () => Database, meta: OutputMeta, job: JobRequest, dir: string, nowIso: () => string): JobStatus {
  const abs = ensureWritableDir(dir);
  const db = getDb();
  // Refuse an unknown client or funder, or a selection with nobody in it, before anything starts.
  if (job.kind === 'statements' || job.kind === 'returns') {
    if (selectClients(db, job.clients).length === 0) throw new StewardError('VALIDATION', 'No clients match this choice: choose clients, or another funder.', { where: 'job.clients' });
  }
  const jobId = crypto.randomBytes(8).toString('hex');
  const status: JobStatus = {
    jobId,
    kind: job.kind,
    state: 'running',
    done: 0,
    total: 0,
    unit: unitOf(job),
    dir: abs,
    files: [],
    failures: [],
    error: null,
    startedAt: nowIso(),
    finishedAt: null,
  };
  const rec: JobRecord = { status, cancelRequested: false, promise: Promise.resolve() };
  const hooks: RunHooks = {
    onProgress: (done, total) => {
      status.done = done;
      status.total = total;
    },
    isCancelled: () => {
      if (rec.cancelRequested) return true;
      try {
        // A locked (closed) ledger ends the job too.
        getDb();
        return false;
      } catch {
        rec.cancelRequested = true;
        return true;
      }
    },
    breathe,
    onFile: (f) => {
      status.files.push(f);
    },
  };
  rec.promise = (async () => {
    await breathe();
    try {
      const r = await runJobWriter(db, meta, job, abs, hooks);
      // Writers report files as they finish (onFile); their result is the complete list.
      status.files = r.files;
      status.failures = r.failures;
      status.state = r.cancelled ? 'cancelled' : 'done';
    } catch (err) {
      status.state = rec.cancelRequested ? 'cancelled' : 'failed';
      // A cancel is not an error: the writer stopped because it was asked to.
      status.error = status.state === 'cancelled' ? null : err instanceof StewardError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
    } finally {
      status.finishedAt = nowIso();
      prune();
    }
  })();
  jobs.set(jobId, rec);
  return { ...status };
}

function get(jobId: string): JobRecord {
  const j = jobs.get(jobId);
  if (!j) throw new StewardError('NOT_FOUND', `There is no report job ${jobId}: it may have finished before the app was restarted.`, { where: 'jobId' });
  return j;
}

export function jobStatus(jobId: string): JobStatus {
  const s = get(jobId).status;
  return { ...s, files: [...s.files], failures: [...s.failures] };
}

export function cancelJob(jobId: string): JobStatus {
  const j = get(jobId);
  if (j.status.state === 'running') j.cancelRequested = true;
  return jobStatus(jobId);
}

/** Wait for a job to finish (tests and the CLI). */
export async function waitForJob(jobId: string): Promise<JobStatus> {
  await get(jobId).promise;
  return jobStatus(jobId);
}

/** Ask every running job to stop (the ledger is being locked). */
export function cancelAllJobs(): void {
  for (const j of jobs.values()) if (j.status.state === 'running') j.cancelRequested = true;
}
