/**
 * Handlers for statements, returns and exports (shared/contract-reports.ts). Everything here reads
 * the ledger except report.prefs.set (one transaction, audited by the statements module). Files
 * in memory come back as FileOut; jobs write into a folder (main/reports/jobs.ts). "Generated on"
 * dates use the api clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { FileRequest, reportsContract } from '../../shared/contract-reports';
import { dayOf } from '../../shared/dates';
import { StewardError } from '../../shared/errors';
import type { Stamp } from '../ledger/journal';
import { fromSql } from '../ledger/sql-errors';
import { fileOut, metaOf, type OutputMeta } from '../payroll/outputs/common';
import { listReportClients } from '../reports/clients';
import { makeExport } from '../reports/exports';
import { writeFileAtomic, ensureWritableDir, safeFileName } from '../reports/files';
import { cancelJob, jobStatus, startJob } from '../reports/jobs';
import { buildReturnData, makeEvidencePack, makeReturnPdf, makeReturnXlsx } from '../reports/return';
import { buildStatementData, getStatementPrefs, makeStatement, setStatementPrefs, suggestPeriods } from '../reports/statement';
import type { MadeFile } from '../reports/types';
import type { ApiContext } from './context';
import { requireLedger } from './ledger';

type C = typeof reportsContract;
/** Written against this file's own contract so it compiles before and after shared/contract.ts spreads it in. */
type Handlers = { [M in keyof C]: (ctx: ApiContext, input: z.output<C[M]['input']>) => z.output<C[M]['output']> | Promise<z.output<C[M]['output']>> };

function db(ctx: ApiContext): Database {
  return requireLedger(ctx).db;
}

function meta(ctx: ApiContext): OutputMeta {
  return metaOf(db(ctx), dayOf(ctx.now()));
}

function today(ctx: ApiContext): string {
  return dayOf(ctx.now());
}

/** Where reports go by default: Documents/Steward reports in the desktop app, else <data folder>/reports. */
export function defaultReportsDir(ctx: ApiContext): string {
  return ctx.opener ? path.join(ctx.opener.documentsDir(), 'Steward reports') : path.join(ctx.dataDir, 'reports');
}

/**
 * Files sent to the system viewer hold clients' details outside the encrypted ledger: each Print
 * removes the ones older than a day (a viewer may still have today's open; a file in use that
 * cannot be removed is left for next time).
 */
function clearOldPrints(dir: string, nowMs: number): void {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    try {
      if (nowMs - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { force: true });
    } catch {
      // in use or already gone
    }
  }
}

/** Make one file in memory. */
export async function makeFile(ctx: ApiContext, req: FileRequest): Promise<MadeFile> {
  const d = db(ctx);
  const m = meta(ctx);
  switch (req.kind) {
    case 'statement':
      return makeStatement(d, m, { clientId: req.clientId, from: req.from, to: req.to, variant: req.variant });
    case 'return-pdf':
      return makeReturnPdf(d, m, req);
    case 'return-xlsx':
      return makeReturnXlsx(d, m, req);
    case 'evidence-pack':
      return makeEvidencePack(d, m, req);
    case 'accountant':
    case 'xero':
    case 'sage':
    case 'hledger':
      return makeExport(d, m, { kind: req.kind, from: req.from, to: req.to });
  }
}

export const reportsHandlers: Handlers = {
  'report.defaults': (ctx) => ({ outputDir: defaultReportsDir(ctx), canOpen: ctx.opener !== null }),
  'report.clients': (ctx, i) => listReportClients(db(ctx), i),
  'report.periods': (ctx, i) => suggestPeriods(db(ctx), { basis: i.basis, clientId: i.clientId, funderId: i.funderId, around: i.around ?? today(ctx), count: i.count }),
  'report.prefs.get': (ctx, i) => getStatementPrefs(db(ctx), i.clientId),
  'report.prefs.set': (ctx, i) => {
    const d = db(ctx);
    const st: Stamp = { at: ctx.now().toISOString(), actor: ctx.actor };
    try {
      return d.transaction(() => setStatementPrefs(d, i.clientId, i.easyRead, st))();
    } catch (e) {
      throw fromSql(e);
    }
  },
  'report.statement.data': (ctx, i) => buildStatementData(db(ctx), i.clientId, i.from, i.to, today(ctx)),
  'report.return.data': (ctx, i) => buildReturnData(db(ctx), i.clientId, i.from, i.to, today(ctx)),
  'report.file': async (ctx, i) => {
    const f = await makeFile(ctx, i);
    return fileOut(f.fileName, f.mime, f.data);
  },
  'report.run': (ctx, i) => startJob(() => db(ctx), meta(ctx), i.job, i.dir, () => ctx.now().toISOString()),
  'report.job': (_ctx, i) => jobStatus(i.jobId),
  'report.cancel': (_ctx, i) => cancelJob(i.jobId),
  'report.print': async (ctx, i) => {
    const opener = ctx.opener;
    if (!opener) throw new StewardError('VALIDATION', 'Printing opens the system viewer in the desktop app. In the browser, download the file and print it from there.', { details: { reason: 'NO_VIEWER' } });
    const f = await makeFile(ctx, i);
    // A folder under the app's data folder (itself in the user's profile), kept to this user on
    // macOS and Linux (owner-only permissions; Windows profile folders are per-user already).
    const dir = ensureWritableDir(path.join(ctx.dataDir, 'print'));
    fs.chmodSync(dir, 0o700);
    clearOldPrints(dir, ctx.now().getTime());
    const file = path.join(dir, safeFileName(f.fileName));
    writeFileAtomic(file, f.data, 0o600);
    const err = await opener.openPath(file);
    if (err) throw new StewardError('IO_ERROR', `The system could not open ${f.fileName}: ${err}`);
    return { opened: true, path: file };
  },
  'report.openFolder': async (ctx, i) => {
    if (!ctx.opener) return { opened: false };
    let isDir = false;
    try {
      isDir = fs.statSync(i.dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new StewardError('FILE_NOT_FOUND', `The folder ${i.dir} does not exist yet: run a report into it first.`, { where: 'dir' });
    const err = await ctx.opener.openPath(i.dir);
    if (err) throw new StewardError('IO_ERROR', `The system could not open the folder: ${err}`);
    return { opened: true };
  },
};
