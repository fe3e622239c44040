/**
 * Accountant exports (issue 6): the accountant pack (Excel, streamed), Xero and Sage journal CSVs,
 * and the hledger journal. Every export is a read: the ledger is never written. Files go to a
 * temporary name and are renamed when complete (main/reports/files.ts writeViaTemp), so a
 * cancelled or failed export leaves nothing under its real name. docs/exports.md describes the
 * formats.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { isIsoDate } from '../../../shared/dates';
import { StewardError } from '../../../shared/errors';
import type { WrittenFile } from '../../../shared/contract-reports';
import type { OutputMeta } from '../../payroll/outputs/common';
import { writeViaTemp } from '../files';
import { MIME, type MadeFile, type RunHooks } from '../types';
import { writeAccountantPack } from './accountant';
import { writeJournalCsv } from './csv';
import { writeHledger } from './hledger';
import { countLines } from './read';

export type ExportKind = 'accountant' | 'xero' | 'sage' | 'hledger';

export interface ExportRequest {
  kind: ExportKind;
  /** Optional only for hledger (the whole ledger to `to`, or to today). */
  from?: string | undefined;
  to?: string | undefined;
}

/** Above this many journal lines an export is not handed back in memory (report.file): write it to a folder instead. */
export const MAX_IN_MEMORY_LINES = 200_000;

interface Resolved {
  kind: ExportKind;
  from: string | null;
  to: string;
}

/** Check the request (whatever door it came through) and fill in hledger's defaults. */
function resolve(req: ExportRequest, today: string): Resolved {
  for (const k of ['from', 'to'] as const) {
    const v = req[k];
    if (v !== undefined && !isIsoDate(v)) throw new StewardError('VALIDATION', `The ${k === 'from' ? 'start' : 'end'} date "${v}" is not a date: use YYYY-MM-DD.`, { where: k });
  }
  if (req.kind === 'hledger') {
    const to = req.to ?? today;
    const from = req.from ?? null;
    if (from !== null && to < from) throw new StewardError('VALIDATION', 'The period ends before it starts: choose an end date on or after the start date.', { where: 'to' });
    return { kind: 'hledger', from, to };
  }
  if (req.from === undefined) throw new StewardError('VALIDATION', 'Choose the first day of the period to export.', { where: 'from' });
  if (req.to === undefined) throw new StewardError('VALIDATION', 'Choose the last day of the period to export.', { where: 'to' });
  if (req.to < req.from) throw new StewardError('VALIDATION', 'The period ends before it starts: choose an end date on or after the start date.', { where: 'to' });
  return { kind: req.kind, from: req.from, to: req.to };
}

/** The file name an export gets (e.g. "accountant-pack-2025-04-01-to-2026-03-31.xlsx"). */
export function exportFileName(req: ExportRequest, today: string): string {
  const r = resolve(req, today);
  switch (r.kind) {
    case 'accountant':
      return `accountant-pack-${r.from}-to-${r.to}.xlsx`;
    case 'xero':
      return `xero-journal-${r.from}-to-${r.to}.csv`;
    case 'sage':
      return `sage-journal-${r.from}-to-${r.to}.csv`;
    case 'hledger':
      return r.from === null ? `steward-${r.to}.journal` : `steward-${r.from}-to-${r.to}.journal`;
  }
}

/** Write the export to `finalPath` (via a temporary name); progress in journal lines. */
export async function writeExport(db: Database, meta: OutputMeta, req: ExportRequest, finalPath: string, hooks: RunHooks): Promise<WrittenFile> {
  const r = resolve(req, meta.generatedOn);
  const { bytes } = await writeViaTemp(finalPath, async (tmp) => {
    switch (r.kind) {
      case 'accountant':
        return (await writeAccountantPack(db, meta, r.from!, r.to, tmp, hooks)).lines;
      case 'xero':
      case 'sage':
        return writeJournalCsv(db, r.kind, r.from!, r.to, tmp, hooks);
      case 'hledger':
        return writeHledger(db, meta, { from: r.from, to: r.to }, tmp, hooks);
    }
  });
  const file: WrittenFile = { path: finalPath, fileName: path.basename(finalPath), bytes, clientId: null };
  hooks.onFile?.(file);
  return file;
}

/** How many journal lines an export covers (the unit of its progress). */
export function exportLineCount(db: Database, req: ExportRequest, today: string): number {
  const r = resolve(req, today);
  return countLines(db, r.from ?? '0000-01-01', r.to);
}

/** The export in memory (for download); refuses ledgers too large to hand back in one piece. */
export async function makeExport(db: Database, meta: OutputMeta, req: ExportRequest, opts: { maxLines?: number } = {}): Promise<MadeFile> {
  const limit = opts.maxLines ?? MAX_IN_MEMORY_LINES;
  const fileName = exportFileName(req, meta.generatedOn);
  const lines = exportLineCount(db, req, meta.generatedOn);
  if (lines > limit) {
    throw new StewardError(
      'VALIDATION',
      `This export covers ${lines.toLocaleString('en-GB')} journal lines, too many to download in one piece (the limit is ${limit.toLocaleString('en-GB')}). Write it to a folder instead (in Reports, or with "steward export … --out FILE"), or choose a shorter period.`,
      { where: 'to', details: { lines, limit } },
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-export-'));
  try {
    // Breathe between blocks of lines so the app answers other requests while a large download is made.
    const file = await writeExport(db, meta, req, path.join(dir, fileName), { breathe: () => new Promise<void>((r) => setImmediate(r)) });
    const data = fs.readFileSync(file.path);
    const mime = fileName.endsWith('.xlsx') ? MIME.xlsx : fileName.endsWith('.csv') ? MIME.csv : MIME.journal;
    return { fileName, mime, data };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
