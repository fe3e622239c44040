/**
 * What every report writer shares: how a long run reports progress and is cancelled, and what it
 * hands back. Jobs (main/reports/jobs.ts), the CLI and the benchmarks all drive writers through
 * these hooks, so a batch behaves the same from every front door.
 */
import type { JobFailure, WrittenFile } from '../../shared/contract-reports';

export interface RunHooks {
  /** Called after each unit (a client, or a block of journal lines). */
  onProgress?(done: number, total: number): void;
  /** True once the user asked to stop: a writer checks it between two files and stops cleanly. */
  isCancelled?(): boolean;
  /**
   * Let the event loop breathe between units, so status requests and a cancel are answered while a
   * job runs in the app. Default: resolves at once (CLI, tests).
   */
  breathe?(): Promise<void>;
  /** Called when a file is complete under its final name (so a job that later fails still lists it). */
  onFile?(file: WrittenFile): void;
}

export interface RunResult {
  files: WrittenFile[];
  failures: JobFailure[];
  cancelled: boolean;
}

/** One output made in memory. */
export interface MadeFile {
  fileName: string;
  mime: string;
  data: Buffer;
}

export const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  csv: 'text/csv',
  journal: 'text/plain',
} as const;
