/**
 * The evidence pack: one zip per client and period with
 *
 *   return-….pdf, return-….xlsx        the monitoring return
 *   statement-….pdf                    the client statement for the period (standard layout)
 *   payroll/payrun-….pdf               the summary of each pay run paid in the period
 *   payroll/payslips/payslip-….pdf     every payslip of those runs
 *   evidence/<date>-<entry>-<id>-<name> every file attached to the client's entries dated in the
 *                                      period, and client documents added in it
 *   MANIFEST.csv                       every file above with its size, sha256 and what it is
 *
 * The same entries feed an in-memory zip (download) and a zip streamed to a temporary file and
 * renamed when complete (writeReturns). Every zip entry carries the same fixed date (the day the
 * pack was generated, from the api clock) so a pack made twice from the same ledger on the same day
 * has the same bytes, as far as archiver allows (it does for stored and deflated buffers).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import archiver from 'archiver';
import type { ReturnData } from '../../../shared/reports-return';
import { slug, type OutputMeta } from '../../payroll/outputs/common';
import { payslipFileName, payslipData, payslipPdf } from '../../payroll/outputs/payslip';
import { runSummary, summaryFileName, summaryPdf } from '../../payroll/outputs/summary';
import { StewardError } from '../../../shared/errors';
import { safeFileName } from '../files';
import { makeStatement } from '../statement';

type Archive = archiver.Archiver;

function newZip(): Archive {
  return archiver('zip', { zlib: { level: 6 } });
}

export interface PackEntry {
  name: string;
  what: string;
  data: Buffer;
}

export function baseName(d: Pick<ReturnData, 'clientId' | 'clientName' | 'period'>): string {
  return `${slug(d.clientName)}-${d.clientId}-${d.period.from}-to-${d.period.to}`;
}

/** Everything in the pack but the manifest, made one file at a time. */
export function* packEntries(db: Database, meta: OutputMeta, d: ReturnData, ret: { pdf: Buffer; xlsx: Buffer }): Generator<PackEntry> {
  const base = baseName(d);
  yield { name: `return-${base}.pdf`, what: 'Monitoring return (PDF)', data: ret.pdf };
  yield { name: `return-${base}.xlsx`, what: 'Monitoring return (Excel workbook)', data: ret.xlsx };
  const st = makeStatement(db, meta, { clientId: d.clientId, from: d.period.from, to: d.period.to, variant: 'standard' });
  yield { name: st.fileName, what: `Client statement ${d.period.from} to ${d.period.to}`, data: st.data };
  for (const r of d.payRuns) {
    const s = runSummary(db, r.id);
    yield { name: `payroll/${summaryFileName(s, 'pdf')}`, what: `Pay run ${r.id} summary, paid ${r.payDate}`, data: summaryPdf(s, meta) };
    for (const pa of r.pas) {
      const name = payslipFileName(payslipData(db, r.id, pa.paId, meta));
      yield { name: `payroll/payslips/${name}`, what: `Payslip: ${pa.name}, pay run ${r.id} paid ${r.payDate}`, data: payslipPdf(db, r.id, pa.paId, meta) };
    }
  }
  const get = db.prepare('SELECT data FROM attachments WHERE id = ?');
  for (const a of d.attachments) {
    const row = get.get(a.id) as { data: Buffer } | undefined;
    if (!row) continue;
    const who = a.entryId === null ? 'client' : `entry-${a.entryId}`;
    // The attachment id keeps names unique; safeFileName keeps them legal on Windows and macOS.
    const name = safeFileName(`${a.date}-${who}-${a.id}-${a.filename}`).replace(/ /g, '_');
    yield { name: `evidence/${name}`, what: a.about, data: Buffer.from(row.data) };
  }
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function manifestCsv(rows: ReadonlyArray<{ name: string; bytes: number; sha256: string; what: string }>): string {
  const lines = ['path,bytes,sha256,description', ...rows.map((r) => [r.name, r.bytes, r.sha256, r.what].map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Append every entry (waiting for each to be written) and the manifest, then finish the zip. */
async function fill(archive: Archive, entries: Iterable<PackEntry>, date: Date): Promise<void> {
  const rows: Array<{ name: string; bytes: number; sha256: string; what: string }> = [];
  const add = (name: string, data: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      const done = (): void => {
        archive.off('error', fail);
        resolve();
      };
      const fail = (err: Error): void => {
        archive.off('entry', done);
        reject(err);
      };
      archive.once('entry', done);
      archive.once('error', fail);
      archive.append(data, { name, date });
    });
  for (const e of entries) {
    rows.push({ name: e.name, bytes: e.data.length, sha256: crypto.createHash('sha256').update(e.data).digest('hex'), what: e.what });
    await add(e.name, e.data);
  }
  await add('MANIFEST.csv', Buffer.from(manifestCsv(rows), 'utf8'));
  await archive.finalize();
}

function packDate(meta: OutputMeta): Date {
  return new Date(`${meta.generatedOn}T12:00:00.000Z`);
}

/** The pack in memory (for download). */
export async function packBuffer(db: Database, meta: OutputMeta, d: ReturnData, ret: { pdf: Buffer; xlsx: Buffer }): Promise<Buffer> {
  const archive = newZip();
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
    archive.on('error', reject);
  });
  ended.catch(() => undefined); // awaited below; this only stops an early failure being "unhandled"
  archive.pipe(sink);
  await fill(archive, packEntries(db, meta, d, ret), packDate(meta));
  await ended;
  return Buffer.concat(chunks);
}

/** The pack streamed into `file` (a temporary path; the caller renames it when this resolves). */
export async function packToFile(db: Database, meta: OutputMeta, d: ReturnData, ret: { pdf: Buffer; xlsx: Buffer }, file: string): Promise<void> {
  const archive = newZip();
  const out = fs.createWriteStream(file, { flags: 'wx' });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    archive.on('error', reject);
  });
  closed.catch(() => undefined); // awaited below; this only stops an early failure being "unhandled"
  archive.pipe(out);
  try {
    await fill(archive, packEntries(db, meta, d, ret), packDate(meta));
  } catch (err) {
    archive.abort();
    out.destroy();
    await closed.catch(() => undefined);
    // A file-system error stays as it is (files.ts turns it into IO_ERROR and the batch stops);
    // anything else is this client's failure, not the folder's.
    if (err instanceof StewardError || typeof (err as NodeJS.ErrnoException | null)?.code === 'string') throw err;
    throw new StewardError('INTERNAL', `The evidence pack for ${d.clientName} could not be made: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  await closed;
}
