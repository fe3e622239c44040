/**
 * Council monitoring returns and evidence packs (issue 6, point 3): the figures (data.ts), the PDF
 * (pdf.ts), the Excel workbook (xlsx.ts) and the zip (pack.ts); writeReturns writes all three for
 * each client of a selection into a folder. Reads the ledger only. See docs/returns.md.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ClientSelection, JobFailure, WrittenFile } from '../../../shared/contract-reports';
import type { ReturnData } from '../../../shared/reports-return';
import { StewardError } from '../../../shared/errors';
import type { OutputMeta } from '../../payroll/outputs/common';
import { selectClients } from '../clients';
import { writeFileAtomic, writeViaTemp } from '../files';
import { MIME, type MadeFile, type RunHooks, type RunResult } from '../types';
import { buildReturnData } from './data';
import { baseName, packBuffer, packToFile } from './pack';
import { returnPdfBuffer } from './pdf';
import { returnXlsxBuffer } from './xlsx';

export { buildReturnData } from './data';

export interface ReturnRequest {
  clientId: number;
  from: string;
  to: string;
}

export function returnFileNames(d: Pick<ReturnData, 'clientId' | 'clientName' | 'period'>): { pdf: string; xlsx: string; zip: string } {
  const base = baseName(d);
  return { pdf: `return-${base}.pdf`, xlsx: `return-${base}.xlsx`, zip: `evidence-${base}.zip` };
}

function data(db: Database, meta: OutputMeta, req: ReturnRequest): ReturnData {
  return buildReturnData(db, req.clientId, req.from, req.to, meta.generatedOn);
}

export function makeReturnPdf(db: Database, meta: OutputMeta, req: ReturnRequest): MadeFile {
  const d = data(db, meta, req);
  return { fileName: returnFileNames(d).pdf, mime: MIME.pdf, data: returnPdfBuffer(d, meta) };
}

export async function makeReturnXlsx(db: Database, meta: OutputMeta, req: ReturnRequest): Promise<MadeFile> {
  const d = data(db, meta, req);
  return { fileName: returnFileNames(d).xlsx, mime: MIME.xlsx, data: await returnXlsxBuffer(d, meta) };
}

export async function makeEvidencePack(db: Database, meta: OutputMeta, req: ReturnRequest): Promise<MadeFile> {
  const d = data(db, meta, req);
  const ret = { pdf: returnPdfBuffer(d, meta), xlsx: await returnXlsxBuffer(d, meta) };
  return { fileName: returnFileNames(d).zip, mime: MIME.zip, data: await packBuffer(db, meta, d, ret) };
}

/**
 * For each client: the return PDF, the return workbook and the evidence pack into `dir`. The
 * return is made in memory before anything is written, so a client whose return cannot be made
 * (no activity, a record that cannot be read) has none of its files written; it is listed and the
 * run goes on. Then the pack is streamed to a temporary name and renamed, then the PDF and the
 * workbook are written. A folder that cannot be written or a full disk (IO_ERROR) stops the run:
 * every file already renamed is complete (so a client can be left with its pack but not its PDF),
 * and nothing half-written stays under a final name.
 */
export async function writeReturns(db: Database, meta: OutputMeta, req: { clients: ClientSelection; from: string; to: string }, dir: string, hooks: RunHooks): Promise<RunResult> {
  const clients = selectClients(db, req.clients);
  const files: WrittenFile[] = [];
  const failures: JobFailure[] = [];
  const total = clients.length;
  hooks.onProgress?.(0, total);
  let done = 0;
  for (const c of clients) {
    if (hooks.isCancelled?.()) return { files, failures, cancelled: true };
    try {
      const d = buildReturnData(db, c.id, req.from, req.to, meta.generatedOn);
      const names = returnFileNames(d);
      const ret = { pdf: returnPdfBuffer(d, meta), xlsx: await returnXlsxBuffer(d, meta) };
      const zipPath = path.join(dir, names.zip);
      const z = await writeViaTemp(zipPath, (tmp) => packToFile(db, meta, d, ret, tmp));
      const mine: WrittenFile[] = [{ path: zipPath, fileName: names.zip, bytes: z.bytes, clientId: c.id }];
      hooks.onFile?.(mine[0]!);
      for (const [name, buf] of [
        [names.pdf, ret.pdf],
        [names.xlsx, ret.xlsx],
      ] as const) {
        const p = path.join(dir, name);
        const f: WrittenFile = { path: p, fileName: name, bytes: writeFileAtomic(p, buf), clientId: c.id };
        mine.push(f);
        hooks.onFile?.(f);
      }
      files.push(mine[1]!, mine[2]!, mine[0]!);
    } catch (err) {
      if (err instanceof StewardError && err.code === 'IO_ERROR') throw err;
      failures.push({
        clientId: c.id,
        clientName: c.name,
        code: err instanceof StewardError ? err.code : 'INTERNAL',
        message: err instanceof Error ? err.message : String(err),
      });
    }
    done += 1;
    hooks.onProgress?.(done, total);
    await hooks.breathe?.();
  }
  return { files, failures, cancelled: false };
}
