/**
 * Batches of statements into a folder (writeStatements, and report.run through the api), each
 * client's layout preference, period suggestions and refused requests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listReportClients } from '../../../../main/reports/clients';
import { waitForJob } from '../../../../main/reports/jobs';
import { suggestPeriods, writeStatements } from '../../../../main/reports/statement';
import type { JobStatus } from '../../../../shared/contract-reports';
import type { FileOut } from '../../../../shared/contract-payroll-outputs';
import { StewardError } from '../../../../shared/errors';
import { tempDir } from '../../../fixtures/temp';
import { PERIODS, reportsWorld, TODAY, type ReportsWorld } from '../fixture';
import { pdfText } from './pdf-read';

let w: ReportsWorld;
const meta = { organisationName: 'Riverside Support Brokers', generatedOn: TODAY };
const ALL = { all: true as const, includeEnded: false };

beforeAll(async () => {
  w = await reportsWorld();
}, 60_000);
afterAll(() => w.close());
afterEach(() => vi.restoreAllMocks());

const pdfsIn = (dir: string): string[] => fs.readdirSync(dir).sort();

describe('writeStatements', () => {
  it('writes every client; a client with no activity is listed as a failure and the rest are written', async () => {
    const dir = tempDir();
    const progress: Array<[number, number]> = [];
    const onFile: string[] = [];
    let breaths = 0;
    const r = await writeStatements(w.db(), meta, { clients: ALL, from: PERIODS.p3.from, to: PERIODS.p3.to, variant: 'standard' }, dir, {
      onProgress: (d, t) => progress.push([d, t]),
      onFile: (f) => onFile.push(f.fileName),
      breathe: async () => {
        breaths += 1;
      },
    });
    expect(r.cancelled).toBe(false);
    expect(r.failures).toEqual([{ clientId: w.edmund.id, clientName: 'Edmund Quiet', code: 'VALIDATION', message: expect.stringContaining('no money recorded') }]);
    const names = [`statement-beatrix-o-neill-${w.beatrix.id}-2026-06-01-to-2026-06-28.pdf`, `statement-tomasz-nowak-${w.tomasz.id}-2026-06-01-to-2026-06-28.pdf`, `statement-zoe-ni-bhriain-${w.zoe.id}-2026-06-01-to-2026-06-28.pdf`];
    expect(r.files.map((f) => f.fileName)).toEqual(names);
    expect(onFile).toEqual(names);
    expect(pdfsIn(dir)).toEqual(names);
    expect(progress).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    expect(breaths).toBe(4);
    for (const f of r.files) {
      expect(fs.statSync(f.path).size).toBe(f.bytes);
      expect(pdfText(fs.readFileSync(f.path))).toContain('Statement');
    }
  });

  it('stops between clients when cancelled', async () => {
    const dir = tempDir();
    let done = 0;
    const r = await writeStatements(w.db(), meta, { clients: ALL, from: PERIODS.p3.from, to: PERIODS.p3.to, variant: 'standard' }, dir, {
      onProgress: (d) => {
        done = d;
      },
      isCancelled: () => done >= 1,
    });
    expect(r.cancelled).toBe(true);
    expect(r.files.map((f) => f.clientId)).toEqual([w.beatrix.id]);
    expect(pdfsIn(dir)).toEqual([r.files[0]!.fileName]);
  });

  it('a full disk stops the batch: IO_ERROR "disk is full", earlier files complete, no .part, nothing under the failed name', async () => {
    const dir = tempDir();
    const real = fs.writeSync;
    let calls = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((...args: Parameters<typeof fs.writeSync>) => {
      calls += 1;
      if (calls > 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return (real as (...a: unknown[]) => number)(...args);
    }) as typeof fs.writeSync);
    const files: string[] = [];
    const err = await writeStatements(w.db(), meta, { clients: ALL, from: PERIODS.p3.from, to: PERIODS.p3.to, variant: 'standard' }, dir, { onFile: (f) => files.push(f.fileName) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StewardError);
    expect((err as StewardError).code).toBe('IO_ERROR');
    expect((err as StewardError).message).toContain('The disk is full');
    // Beatrix and Tomasz were finished (Edmund failed without a file); Zoë's write hit the full disk.
    expect(files).toEqual([`statement-beatrix-o-neill-${w.beatrix.id}-2026-06-01-to-2026-06-28.pdf`, `statement-tomasz-nowak-${w.tomasz.id}-2026-06-01-to-2026-06-28.pdf`]);
    expect(pdfsIn(dir)).toEqual(files);
    vi.restoreAllMocks();
    for (const f of files) expect(pdfText(fs.readFileSync(path.join(dir, f)))).toMatch(/Page 1 of \d/);
  });

  it('easy-read for every client, or each client’s own choice', async () => {
    const dir = tempDir();
    const r = await writeStatements(w.db(), meta, { clients: { clientIds: [w.zoe.id, w.tomasz.id] }, from: PERIODS.p3.from, to: PERIODS.p3.to, variant: 'easy-read' }, dir, {});
    expect(r.files.map((f) => f.fileName)).toEqual([`statement-easy-read-tomasz-nowak-${w.tomasz.id}-2026-06-01-to-2026-06-28.pdf`, `statement-easy-read-zoe-ni-bhriain-${w.zoe.id}-2026-06-01-to-2026-06-28.pdf`]);
  });
});

describe('report.prefs', () => {
  it('set and get, with an audit row; listReportClients and client-choice follow it', async () => {
    expect(await w.call('report.prefs.get', { clientId: w.tomasz.id })).toEqual({ clientId: w.tomasz.id, easyRead: false });
    const before = w.counts().audit_log!;
    expect(await w.call('report.prefs.set', { clientId: w.tomasz.id, easyRead: true })).toEqual({ clientId: w.tomasz.id, easyRead: true });
    expect(w.counts().audit_log).toBe(before + 1);
    const row = w.db().prepare('SELECT action, entity, entity_id AS eid, before_json AS b, after_json AS a FROM audit_log ORDER BY rowid DESC LIMIT 1').get() as { action: string; entity: string; eid: string; b: string; a: string };
    expect(row).toMatchObject({ action: 'set-statement-layout', entity: 'client', eid: String(w.tomasz.id) });
    expect(JSON.parse(row.b)).toEqual({ clientId: w.tomasz.id, easyRead: false });
    expect(JSON.parse(row.a)).toEqual({ clientId: w.tomasz.id, easyRead: true });
    expect(await w.call('report.prefs.get', { clientId: w.tomasz.id })).toEqual({ clientId: w.tomasz.id, easyRead: true });
    expect(listReportClients(w.db(), {}).find((c) => c.id === w.tomasz.id)!.easyRead).toBe(true);
    const f = await w.call<FileOut>('report.file', { kind: 'statement', clientId: w.tomasz.id, from: PERIODS.p3.from, to: PERIODS.p3.to });
    expect(f.fileName).toMatch(/^statement-easy-read-tomasz-nowak-/);
    await w.call('report.prefs.set', { clientId: w.tomasz.id, easyRead: false });
    expect((await w.call<FileOut>('report.file', { kind: 'statement', clientId: w.tomasz.id, from: PERIODS.p3.from, to: PERIODS.p3.to })).fileName).toMatch(/^statement-tomasz-nowak-/);
    // An unknown client: NOT_FOUND, nothing written.
    const counts = w.counts();
    expect((await w.fail('report.prefs.set', { clientId: 9999, easyRead: true })).code).toBe('NOT_FOUND');
    expect((await w.fail('report.prefs.get', { clientId: 9999 })).code).toBe('NOT_FOUND');
    expect(w.counts()).toEqual(counts);
  });
});

describe('bad inputs through the api write nothing', () => {
  it('unknown client, no activity, end before start: clear errors, no file, no rows', async () => {
    const counts = w.counts();
    const unknown = await w.fail('report.file', { kind: 'statement', clientId: 9999, from: PERIODS.p3.from, to: PERIODS.p3.to, variant: 'standard' });
    expect(unknown.code).toBe('NOT_FOUND');
    const none = await w.fail('report.file', { kind: 'statement', clientId: w.edmund.id, from: PERIODS.p3.from, to: PERIODS.p3.to, variant: 'standard' });
    expect(none.code).toBe('VALIDATION');
    expect(none.details).toMatchObject({ reason: 'NO_ACTIVITY' });
    const backwards = await w.fail('report.statement.data', { clientId: w.zoe.id, from: PERIODS.p3.to, to: PERIODS.p3.from });
    expect(backwards.code).toBe('VALIDATION');
    expect(backwards.message).toContain('ends before it starts');
    const dir = tempDir();
    const run = await w.fail('report.run', { job: { kind: 'statements', clients: ALL, from: PERIODS.p3.to, to: PERIODS.p3.from }, dir });
    expect(run.code).toBe('VALIDATION');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(w.counts()).toEqual(counts);
  });

  it('report.statement.data answers through the api (its output schema holds)', async () => {
    const d = await w.call<{ clientId: number; closingBalance: number; receipts: { total: number } }>('report.statement.data', { clientId: w.zoe.id, from: PERIODS.p3.from, to: PERIODS.p3.to });
    expect(d.clientId).toBe(w.zoe.id);
    expect(d.receipts.total).toBe(400_000);
  });

  it('report.run writes the batch as a job; failures listed, the others written', async () => {
    const dir = tempDir();
    const st = await w.call<JobStatus>('report.run', { job: { kind: 'statements', clients: ALL, from: PERIODS.p3.from, to: PERIODS.p3.to, variant: 'standard' }, dir });
    const end = await waitForJob(st.jobId);
    expect(end.state).toBe('done');
    expect(end.files).toHaveLength(3);
    expect(end.failures.map((f) => f.clientName)).toEqual(['Edmund Quiet']);
    expect(fs.readdirSync(dir)).toHaveLength(3);
  });
});

describe('suggestPeriods', () => {
  it('four-weekly periods aligned to the client’s council schedule, latest first', () => {
    expect(suggestPeriods(w.db(), { basis: 'four-weekly', clientId: w.zoe.id, around: '2026-07-10', count: 3 })).toEqual([
      { from: '2026-06-29', to: '2026-07-26', label: '4 weeks 29 June–26 July 2026' },
      { from: '2026-06-01', to: '2026-06-28', label: '4 weeks 1–28 June 2026' },
      { from: '2026-05-04', to: '2026-05-31', label: '4 weeks 4–31 May 2026' },
    ]);
    // A funder: its clients' earliest four-weekly schedule (6 April 2026).
    expect(suggestPeriods(w.db(), { basis: 'four-weekly', funderId: w.funder.id, around: '2026-06-01', count: 1 })[0]).toMatchObject({ from: '2026-06-01', to: '2026-06-28' });
    // Beatrix has only a monthly schedule: aligned to the tax year start (6 April).
    expect(suggestPeriods(w.db(), { basis: 'four-weekly', clientId: w.beatrix.id, around: '2026-05-03', count: 1 })[0]).toMatchObject({ from: '2026-04-06', to: '2026-05-03' });
    // Across a year end.
    expect(suggestPeriods(w.db(), { basis: 'four-weekly', clientId: w.zoe.id, around: '2027-01-01', count: 1 })[0]).toEqual({ from: '2026-12-14', to: '2027-01-10', label: '4 weeks 14 December 2026–10 January 2027' });
  });

  it('months, quarters (April–June…) and tax years', () => {
    expect(suggestPeriods(w.db(), { basis: 'monthly', around: '2026-02-10', count: 2 })).toEqual([
      { from: '2026-02-01', to: '2026-02-28', label: 'February 2026' },
      { from: '2026-01-01', to: '2026-01-31', label: 'January 2026' },
    ]);
    expect(suggestPeriods(w.db(), { basis: 'quarterly', around: '2026-05-15', count: 3 }).map((p) => [p.from, p.to, p.label])).toEqual([
      ['2026-04-01', '2026-06-30', 'Quarter April–June 2026'],
      ['2026-01-01', '2026-03-31', 'Quarter January–March 2026'],
      ['2025-10-01', '2025-12-31', 'Quarter October–December 2025'],
    ]);
    expect(suggestPeriods(w.db(), { basis: 'tax-year', around: '2026-04-05', count: 2 }).map((p) => [p.from, p.to])).toEqual([
      ['2025-04-06', '2026-04-05'],
      ['2024-04-06', '2025-04-05'],
    ]);
    expect(suggestPeriods(w.db(), { basis: 'tax-year', around: '2026-04-06', count: 1 })[0]!.label).toBe('Tax year 2026-27 (6 April 2026 to 5 April 2027)');
  });

  it('an unknown client or funder is NOT_FOUND', async () => {
    expect((await w.fail('report.periods', { basis: 'four-weekly', clientId: 9999 })).code).toBe('NOT_FOUND');
    expect((await w.fail('report.periods', { basis: 'four-weekly', funderId: 9999 })).code).toBe('NOT_FOUND');
  });
});
