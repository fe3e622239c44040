/**
 * File names, the in-memory export (report.file: every kind comes back whole and matches the file
 * written to a folder; too many journal lines is refused with a message that says to write to a
 * folder), and bad requests: each is a clear VALIDATION or IO_ERROR and writes nothing (no file
 * under the final name, no temporary file, no ledger rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFileName, makeExport, MAX_IN_MEMORY_LINES, writeExport } from '../../../../main/reports/exports';
import { MIME } from '../../../../main/reports/types';
import { startJob, waitForJob } from '../../../../main/reports/jobs';
import { tempDir } from '../../../fixtures/temp';
import { reportsWorld, TODAY, type ReportsWorld } from '../fixture';
import { filesIn } from './helpers';

let w: ReportsWorld;
const meta = { organisationName: 'Riverside Support Brokers', generatedOn: TODAY };

beforeAll(async () => {
  w = await reportsWorld();
}, 60_000);
afterAll(() => w.close());

describe('file names', () => {
  it('names each export by its kind and period', () => {
    expect(exportFileName({ kind: 'accountant', from: '2025-04-01', to: '2026-03-31' }, TODAY)).toBe('accountant-pack-2025-04-01-to-2026-03-31.xlsx');
    expect(exportFileName({ kind: 'xero', from: '2025-04-01', to: '2026-03-31' }, TODAY)).toBe('xero-journal-2025-04-01-to-2026-03-31.csv');
    expect(exportFileName({ kind: 'sage', from: '2025-04-01', to: '2026-03-31' }, TODAY)).toBe('sage-journal-2025-04-01-to-2026-03-31.csv');
    expect(exportFileName({ kind: 'hledger' }, TODAY)).toBe('steward-2026-08-01.journal');
    expect(exportFileName({ kind: 'hledger', to: '2026-03-31' }, TODAY)).toBe('steward-2026-03-31.journal');
  });
});

describe('in memory (report.file)', () => {
  it('gives back each kind whole, the same bytes as the file written to a folder (text kinds)', async () => {
    for (const kind of ['xero', 'sage', 'hledger'] as const) {
      const req = { kind, from: '2026-04-01', to: '2026-07-31' };
      const made = await makeExport(w.db(), meta, req);
      expect(made.fileName).toBe(exportFileName(req, TODAY));
      expect(made.mime).toBe(kind === 'hledger' ? MIME.journal : MIME.csv);
      const dir = tempDir();
      await writeExport(w.db(), meta, req, path.join(dir, made.fileName), {});
      expect(made.data.equals(fs.readFileSync(path.join(dir, made.fileName)))).toBe(true);
    }
    const pack = await makeExport(w.db(), meta, { kind: 'accountant', from: '2026-04-01', to: '2026-07-31' });
    expect(pack.mime).toBe(MIME.xlsx);
    expect(pack.data.subarray(0, 2).toString()).toBe('PK');
  });

  it('through the api: report.file returns the export', async () => {
    const r = await w.call<{ fileName: string; base64?: string }>('report.file', { kind: 'sage', from: '2026-04-01', to: '2026-07-31' });
    expect(r.fileName).toBe('sage-journal-2026-04-01-to-2026-07-31.csv');
  });

  it('refuses more journal lines than can be handed back in one piece, saying to write to a folder', async () => {
    expect(MAX_IN_MEMORY_LINES).toBe(200_000);
    await expect(makeExport(w.db(), meta, { kind: 'accountant', from: '2026-04-01', to: '2026-07-31' }, { maxLines: 10 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/too many to download in one piece .*Write it to a folder instead/),
    });
  });
});

describe('report jobs', () => {
  it('write each CSV and the journal into the folder under its own name, progress in journal lines', async () => {
    const dir = tempDir();
    const jobs = [
      { kind: 'xero', from: '2026-04-01', to: '2026-07-31' },
      { kind: 'sage', from: '2026-04-01', to: '2026-07-31' },
      { kind: 'hledger' },
    ] as const;
    for (const job of jobs) {
      const st = startJob(() => w.db(), meta, job, dir, () => '2026-08-01T09:00:00.000Z');
      expect(st.unit).toBe('journal lines');
      const done = await waitForJob(st.jobId);
      expect(done.state).toBe('done');
      expect(done.files.map((f) => f.fileName)).toEqual([exportFileName(job, TODAY)]);
      expect(done.done).toBe(done.total);
      expect(done.total).toBeGreaterThan(0);
    }
    expect(filesIn(dir)).toEqual(['sage-journal-2026-04-01-to-2026-07-31.csv', 'steward-2026-08-01.journal', 'xero-journal-2026-04-01-to-2026-07-31.csv']);
  });
});

describe('bad requests write nothing', () => {
  it('an end before the start, a bad date, a missing date: VALIDATION, no file, no ledger rows', async () => {
    const before = w.counts();
    const dir = tempDir();
    const cases = [
      { kind: 'accountant', from: '2026-07-31', to: '2026-04-01' },
      { kind: 'xero', from: '2026-04-31', to: '2026-05-01' },
      { kind: 'sage', to: '2026-05-01' },
      { kind: 'accountant', from: '2026-04-01' },
      { kind: 'hledger', from: '2026-06-01', to: '2026-05-01' },
    ] as const;
    for (const req of cases) {
      await expect(writeExport(w.db(), meta, req, path.join(dir, 'x.out'), {})).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(makeExport(w.db(), meta, req)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(filesIn(dir)).toEqual([]);
    expect(w.counts()).toEqual(before);
    const api = await w.fail('report.file', { kind: 'xero', from: '2026-07-31', to: '2026-04-01' });
    expect(api.code).toBe('VALIDATION');
  });

  it('a path that cannot be written: IO_ERROR, nothing left behind', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'x');
    for (const kind of ['accountant', 'xero', 'hledger'] as const) {
      await expect(writeExport(w.db(), meta, { kind, from: '2026-04-01', to: '2026-07-31' }, path.join(blocker, `out.${kind}`), {})).rejects.toMatchObject({ code: 'IO_ERROR' });
    }
    expect(filesIn(dir)).toEqual(['file']);
  });

  it('cancelled before it starts: nothing is written', async () => {
    const dir = tempDir();
    for (const kind of ['xero', 'sage', 'hledger'] as const) {
      await expect(writeExport(w.db(), meta, { kind, from: '2026-04-01', to: '2026-07-31' }, path.join(dir, `x.${kind}`), { isCancelled: () => true })).rejects.toMatchObject({
        message: expect.stringMatching(/cancelled/),
      });
    }
    expect(filesIn(dir)).toEqual([]);
  });
});
