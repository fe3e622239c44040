/**
 * Exports benchmark (issue 6), on the built organisation ledger (500 clients over 3 years, over a
 * million journal lines). Each export runs in a CHILD process (test/bench/exports-child.ts) so its
 * peak memory (maxRSS from process.resourceUsage()) is that export's alone, and the app's own
 * progress/breathe hooks are used (setImmediate between blocks, as in a report job).
 *
 * Figures: the accountant pack for the last year and for the WHOLE ledger (time; peak memory,
 * target < 1 GB), the Xero and Sage CSVs for the last year, and the hledger journal of the whole
 * ledger (time).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addDays } from '../../shared/dates';
import type { ExportKind } from '../../main/reports/exports';
import type { TargetRow } from './org-ledger';
import type { ReportsBenchInput } from './statements';

interface ChildResult {
  seconds: number;
  maxRssMB: number;
  baseRssMB: number;
  bytes: number;
  lines: number;
  progressCalls: number;
}

const ROOT = path.resolve(__dirname, '..', '..');

function runChild(o: ReportsBenchInput, kind: ExportKind, from: string | undefined, to: string | undefined, out: string): ChildResult {
  const args = JSON.stringify({ file: o.file, passphrase: o.passphrase, kind, from, to, out, today: o.asOf });
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'bench', 'exports-child.ts'), args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildResult;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-GB');
const mb = (n: number): string => `${n.toFixed(0)} MB`;

export async function benchExports(o: ReportsBenchInput): Promise<TargetRow[]> {
  const rows: TargetRow[] = [];
  const out = fs.mkdtempSync(path.join(o.dir, 'exports-'));
  const yearFrom = addDays(o.asOf, -364);
  // "The whole ledger": from the earliest day any ledger could hold.
  const first = '1900-01-01';

  o.log(`  exports: accountant pack for ${yearFrom} to ${o.asOf} …\n`);
  const y = runChild(o, 'accountant', yearFrom, o.asOf, path.join(out, 'pack-year.xlsx'));
  rows.push({
    what: 'accountant pack, last year (Excel, streamed)',
    figure: `${y.seconds.toFixed(1)} s`,
    runs: 1,
    target: 'peak < 1 GB',
    status: y.maxRssMB < 1024 ? 'MET' : 'MISSED',
    note: `${int(y.lines)} journal lines = ${int(y.lines / y.seconds)} lines/s; ${(y.bytes / 1024 / 1024).toFixed(1)} MB file; peak RSS ${mb(y.maxRssMB)} (after opening the ledger ${mb(y.baseRssMB)})`,
  });

  o.log(`  exports: accountant pack for the whole ledger …\n`);
  const all = runChild(o, 'accountant', first, o.asOf, path.join(out, 'pack-all.xlsx'));
  rows.push({
    what: 'accountant pack, whole ledger (Excel, streamed)',
    figure: `${all.seconds.toFixed(1)} s`,
    runs: 1,
    target: 'peak < 1 GB',
    status: all.maxRssMB < 1024 ? 'MET' : 'MISSED',
    note: `${int(all.lines)} journal lines = ${int(all.lines / all.seconds)} lines/s; ${(all.bytes / 1024 / 1024).toFixed(1)} MB file; peak RSS ${mb(all.maxRssMB)} (after opening ${mb(all.baseRssMB)}); ${all.progressCalls} progress reports`,
  });
  fs.rmSync(path.join(out, 'pack-all.xlsx'), { force: true });

  for (const kind of ['xero', 'sage'] as const) {
    o.log(`  exports: ${kind} CSV for the last year …\n`);
    const r = runChild(o, kind, yearFrom, o.asOf, path.join(out, `${kind}.csv`));
    rows.push({
      what: `${kind === 'xero' ? 'Xero' : 'Sage'} journal CSV, last year`,
      figure: `${r.seconds.toFixed(1)} s`,
      runs: 1,
      target: '',
      status: '',
      note: `${int(r.lines)} lines = ${int(r.lines / r.seconds)} lines/s; ${(r.bytes / 1024 / 1024).toFixed(1)} MB; peak RSS ${mb(r.maxRssMB)}`,
    });
  }

  o.log(`  exports: hledger journal of the whole ledger …\n`);
  const h = runChild(o, 'hledger', undefined, o.asOf, path.join(out, 'all.journal'));
  rows.push({
    what: 'hledger journal, whole ledger',
    figure: `${h.seconds.toFixed(1)} s`,
    runs: 1,
    target: '',
    status: '',
    note: `${int(h.lines)} lines = ${int(h.lines / h.seconds)} lines/s; ${(h.bytes / 1024 / 1024).toFixed(0)} MB; peak RSS ${mb(h.maxRssMB)}`,
  });
  fs.rmSync(out, { recursive: true, force: true });
  return rows;
}
