/**
 * Statements benchmark (issue 6). Called by run.ts (STEWARD_BENCH_ONLY=reports) on the built
 * organisation ledger (500 clients over 3 years by default).
 *
 * The ledger is opened through a fresh api context (key derivation and checks as in the app), the
 * last full 4-week period of the council schedule ending on or before asOf is chosen with
 * report.periods, and every client's statement is written into a folder by the job writer
 * (runJobWriter → writeStatements, with the app's setImmediate breathing between clients), so the
 * figure includes reading the ledger, building the figures, laying out the PDF with the embedded
 * font and writing the file safely (temporary name, fsync, rename). Target: at least 20 statements
 * a second. The split between building the figures and drawing the PDF is measured on the side.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createContext } from '../../main/api/create-context';
import { dispatch } from '../../main/api';
import type { ApiContext } from '../../main/api/context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import { metaOf } from '../../main/payroll/outputs/common';
import { runJobWriter } from '../../main/reports/jobs';
import { buildStatementData, renderStatement } from '../../main/reports/statement';
import type { Method } from '../../shared/contract';
import type { SuggestedPeriod } from '../../shared/contract-reports';
import type { TargetRow } from './org-ledger';

export interface ReportsBenchInput {
  /** The built organisation ledger file. */
  file: string;
  passphrase: string;
  /** The app's today (the last day of the books). */
  asOf: string;
  /** A scratch folder for outputs. */
  dir: string;
  log: (s: string) => void;
}

async function call<T>(ctx: ApiContext, method: Method, input: unknown): Promise<T> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const int = (n: number): string => Math.round(n).toLocaleString('en-GB');

export async function benchStatements(o: ReportsBenchInput): Promise<TargetRow[]> {
  const rows: TargetRow[] = [];
  const ctx = createContext({ mode: 'test', dataDir: path.join(o.dir, 'statements-data'), prefs: new MemoryPrefsStore(), now: () => new Date(`${o.asOf}T09:00:00.000Z`), actor: 'bench' });
  await call(ctx, 'ledger.unlock', { path: o.file, passphrase: o.passphrase });
  const db = ctx.session.ledger!.db;
  try {
    const funder = db.prepare('SELECT MIN(id) AS id FROM funders').get() as { id: number | null };
    const periods = await call<SuggestedPeriod[]>(ctx, 'report.periods', { basis: 'four-weekly', ...(funder.id ? { funderId: funder.id } : {}), around: o.asOf, count: 2 });
    const period = periods.find((p) => p.to <= o.asOf)!;
    const meta = metaOf(db, o.asOf);
    const out = fs.mkdtempSync(path.join(o.dir, 'statements-'));
    o.log(`  statements: ${period.label} for every client …\n`);

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let last = 0;
    const r = await runJobWriter(db, meta, { kind: 'statements', clients: { all: true, includeEnded: true }, from: period.from, to: period.to, variant: 'standard' }, out, {
      breathe,
      onProgress: (done, total) => {
        if (done - last >= 100 || done === total) {
          last = done;
          o.log(`    ${done} of ${total}\n`);
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const n = r.files.length;
    const rate = n / seconds;
    const bytes = r.files.reduce((s, f) => s + f.bytes, 0);
    rows.push({
      what: `statements for all clients, one 4-week period (standard PDF, written)`,
      figure: `${rate.toFixed(1)} /s`,
      runs: 1,
      target: '>= 20 statements/s',
      status: rate >= 20 ? 'MET' : 'MISSED',
      note: `${n} files in ${seconds.toFixed(1)} s = ${(1000 / Math.max(rate, 1e-9)).toFixed(1)} ms per statement (${((cpu.user + cpu.system) / 1000 / Math.max(n, 1)).toFixed(1)} ms CPU); ${period.label}; ${r.failures.length} failed${r.failures[0] ? ` (first: ${r.failures[0].clientName}: ${r.failures[0].message.slice(0, 80)})` : ''}; ${int(bytes / 1024)} KB in all, ${int(bytes / Math.max(n, 1) / 1024)} KB each`,
    });

    // The split: figures only, then drawing only, over the first 100 clients that worked.
    const sample = r.files.slice(0, 100).map((f) => f.clientId!);
    const t1 = performance.now();
    const data = sample.map((id) => buildStatementData(db, id, period.from, period.to, o.asOf));
    const dataMs = (performance.now() - t1) / Math.max(sample.length, 1);
    const t2 = performance.now();
    for (const d of data) renderStatement(d, meta, false);
    const drawMs = (performance.now() - t2) / Math.max(sample.length, 1);
    const t3 = performance.now();
    for (const d of data) renderStatement(d, meta, true);
    const easyMs = (performance.now() - t3) / Math.max(sample.length, 1);
    rows.push({
      what: 'one statement: figures / standard PDF / easy-read PDF',
      figure: `${(dataMs + drawMs).toFixed(1)} ms`,
      runs: sample.length,
      target: '',
      status: '',
      note: `figures ${dataMs.toFixed(1)} ms, standard PDF ${drawMs.toFixed(1)} ms, easy-read PDF ${easyMs.toFixed(1)} ms (mean over ${sample.length} clients; file writing excluded)`,
    });
    fs.rmSync(out, { recursive: true, force: true });
  } finally {
    ctx.session.disarm();
    ctx.session.ledger?.close();
    ctx.session.ledger = null;
    fs.rmSync(path.join(o.dir, 'statements-data'), { recursive: true, force: true });
  }
  return rows;
}
