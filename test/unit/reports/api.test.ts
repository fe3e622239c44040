/**
 * The reports api as the screen and the desktop app use it: defaults, Print and "Open folder"
 * (desktop only: a fake system opener stands in for Electron's shell), and jobs that write into a
 * folder: progress, one failing client listed while the others are written, cancel, a lock
 * stopping a job, a full disk, a folder that cannot be written, and a period that ends before it
 * starts. Nothing here writes to the ledger.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Opener } from '../../../main/api/context';
import { waitForJob } from '../../../main/reports/jobs';
import type { JobStatus } from '../../../shared/contract-reports';
import { tempDir } from '../../fixtures/temp';
import { PERIODS, reportsWorld, type ReportsWorld } from './fixture';

let w: ReportsWorld;
beforeAll(async () => {
  w = await reportsWorld();
}, 60_000);
afterAll(() => w?.close());
afterEach(() => {
  vi.restoreAllMocks();
  setOpener(null);
});

function setOpener(o: Opener | null): void {
  (w.env.ctx as { opener: Opener | null }).opener = o;
}

function fakeOpener(docs: string): Opener & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    openPath: (p: string) => {
      opened.push(p);
      return Promise.resolve('');
    },
    documentsDir: () => docs,
  };
}

const listing = (dir: string): string[] => fs.readdirSync(dir).sort();

describe('report.defaults', () => {
  it('browser mode and the CLI: reports go to <data folder>/reports and nothing can be opened', async () => {
    expect(await w.call('report.defaults')).toEqual({ outputDir: path.join(w.env.ctx.dataDir, 'reports'), canOpen: false });
  });

  it('the desktop app: Documents/Steward reports, and files can be opened', async () => {
    setOpener(fakeOpener('/home/broker/Documents'));
    expect(await w.call('report.defaults')).toEqual({ outputDir: path.join('/home/broker/Documents', 'Steward reports'), canOpen: true });
  });
});

describe('report.print and report.openFolder', () => {
  it('browser mode refuses to print (download instead) and writes nothing', async () => {
    const e = await w.fail('report.print', { kind: 'statement', clientId: w.zoe.id, ...PERIODS.p3 });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/download the file/);
    expect(fs.existsSync(path.join(w.env.ctx.dataDir, 'print'))).toBe(false);
  });

  it('the desktop app writes the PDF to a private print folder and opens it in the system viewer', async () => {
    const o = fakeOpener(tempDir());
    setOpener(o);
    const r = await w.call<{ opened: boolean; path: string }>('report.print', { kind: 'statement', clientId: w.zoe.id, ...PERIODS.p3, variant: 'standard' });
    expect(r.opened).toBe(true);
    expect(path.dirname(r.path)).toBe(path.join(w.env.ctx.dataDir, 'print'));
    expect(o.opened).toEqual([r.path]);
    expect(fs.readFileSync(r.path).subarray(0, 5).toString()).toBe('%PDF-');
    if (process.platform !== 'win32') {
      // Kept to this user: the folder and the file are owner-only.
      expect(fs.statSync(path.dirname(r.path)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(r.path).mode & 0o777).toBe(0o600);
    }
  });

  it('each Print clears printed files older than a day from the print folder', async () => {
    setOpener(fakeOpener(tempDir()));
    const printDir = path.join(w.env.ctx.dataDir, 'print');
    fs.mkdirSync(printDir, { recursive: true });
    const stale = path.join(printDir, 'old-statement.pdf');
    const fresh = path.join(printDir, 'recent-statement.pdf');
    fs.writeFileSync(stale, '%PDF-old');
    fs.writeFileSync(fresh, '%PDF-recent');
    const now = w.env.ctx.now().getTime() / 1000;
    fs.utimesSync(stale, now - 2 * 86_400, now - 2 * 86_400);
    fs.utimesSync(fresh, now - 3_600, now - 3_600);
    const r = await w.call<{ path: string }>('report.print', { kind: 'statement', clientId: w.tomasz.id, ...PERIODS.p3, variant: 'standard' });
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(r.path)).toBe(true);
  });

  it('opens a folder in the desktop app; a missing folder is FILE_NOT_FOUND; browser mode answers opened: false', async () => {
    const dir = tempDir();
    expect(await w.call('report.openFolder', { dir })).toEqual({ opened: false });
    const o = fakeOpener(dir);
    setOpener(o);
    expect(await w.call('report.openFolder', { dir })).toEqual({ opened: true });
    expect(o.opened).toEqual([dir]);
    expect((await w.fail('report.openFolder', { dir: path.join(dir, 'nope') })).code).toBe('FILE_NOT_FOUND');
    expect((await w.fail('report.openFolder', { dir: 'relative/folder' })).message).toMatch(/full path/);
  });
});

describe('report.run jobs', () => {
  it('writes a statement for every client, lists the one with no money, and counts progress in clients', async () => {
    const dir = path.join(tempDir(), 'June');
    const before = w.counts();
    const started = await w.call<JobStatus>('report.run', { job: { kind: 'statements', clients: { all: true }, ...PERIODS.p3, variant: 'standard' }, dir });
    expect(started).toMatchObject({ state: 'running', kind: 'statements', unit: 'clients', dir });
    const done = await waitForJob(started.jobId);
    expect(done.state).toBe('done');
    expect(done).toMatchObject({ done: 4, total: 4 });
    expect(done.failures).toEqual([{ clientId: w.edmund.id, clientName: 'Edmund Quiet', code: 'VALIDATION', message: expect.stringMatching(/Edmund Quiet/) }]);
    expect(done.files.map((f) => f.clientId).sort()).toEqual([w.zoe.id, w.tomasz.id, w.beatrix.id].sort());
    for (const f of done.files) {
      expect(path.dirname(f.path)).toBe(dir);
      expect(fs.statSync(f.path).size).toBe(f.bytes);
    }
    expect(listing(dir)).toEqual(done.files.map((f) => f.fileName).sort());
    expect(await w.call<JobStatus>('report.job', { jobId: started.jobId })).toEqual(done);
    expect(w.counts()).toEqual(before);
  });

  it('a cancel before the first client stops the job with nothing written', async () => {
    const dir = tempDir();
    const started = await w.call<JobStatus>('report.run', { job: { kind: 'statements', clients: { all: true }, ...PERIODS.p3 }, dir });
    const cancelled = await w.call<JobStatus>('report.cancel', { jobId: started.jobId });
    expect(['running', 'cancelled']).toContain(cancelled.state);
    const end = await waitForJob(started.jobId);
    expect(end.state).toBe('cancelled');
    expect(end.files).toEqual([]);
    expect(listing(dir)).toEqual([]);
  });

  it('a full disk part-way stops the job with a clear message; finished files stay whole and nothing half-written is left', async () => {
    const dir = tempDir();
    const real = fs.writeSync.bind(fs) as (...a: unknown[]) => number;
    let files = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((...args: unknown[]) => {
      // The first statement goes through; every write after it fails as on a full disk.
      if (files >= 1) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return real(...args);
    }) as typeof fs.writeSync);
    vi.spyOn(fs, 'renameSync').mockImplementation(((from: fs.PathLike, to: fs.PathLike) => {
      fs.linkSync(from, to);
      fs.unlinkSync(from);
      files += 1;
    }) as typeof fs.renameSync);
    const started = await w.call<JobStatus>('report.run', { job: { kind: 'statements', clients: { all: true }, ...PERIODS.p3, variant: 'standard' }, dir });
    const end = await waitForJob(started.jobId);
    expect(end.state).toBe('failed');
    expect(end.error).toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/disk is full/) });
    expect(end.files).toHaveLength(1);
    expect(listing(dir)).toEqual([end.files[0]!.fileName]);
    expect(fs.readFileSync(end.files[0]!.path).subarray(-6).toString()).toMatch(/%%EOF/);
  });

  it('locking the ledger stops a running job', async () => {
    const other = await reportsWorld();
    try {
      const dir = tempDir();
      const started = await other.call<JobStatus>('report.run', { job: { kind: 'statements', clients: { all: true }, ...PERIODS.p3 }, dir });
      await other.call('ledger.lock');
      const end = await waitForJob(started.jobId);
      expect(end.state).toBe('cancelled');
      expect(end.files).toEqual([]);
      expect(listing(dir)).toEqual([]);
    } finally {
      other.close();
    }
  }, 60_000);

  it('a folder that cannot be written is refused at once and nothing is created', async () => {
    const base = tempDir();
    fs.writeFileSync(path.join(base, 'a-file'), 'x');
    const e = await w.fail('report.run', { job: { kind: 'statements', clients: { all: true }, ...PERIODS.p3 }, dir: path.join(base, 'a-file', 'reports') });
    expect(e.code).toBe('IO_ERROR');
    expect(listing(base)).toEqual(['a-file']);
  });

  it('a period that ends before it starts is refused, naming the end date', async () => {
    const dir = tempDir();
    const e = await w.fail('report.run', { job: { kind: 'statements', clients: { all: true }, from: '2026-06-28', to: '2026-06-01' }, dir });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'job.to' });
    expect(e.message).toMatch(/ends before it starts/);
    expect((await w.fail('report.file', { kind: 'statement', clientId: w.zoe.id, from: '2026-06-28', to: '2026-06-01' })).message).toMatch(/ends before it starts/);
    expect(listing(dir)).toEqual([]);
  });

  it('an unknown job or client is NOT_FOUND', async () => {
    expect((await w.fail('report.job', { jobId: 'feedfacecafebeef' })).code).toBe('NOT_FOUND');
    const e = await w.fail('report.run', { job: { kind: 'statements', clients: { clientIds: [9999] }, ...PERIODS.p3 }, dir: tempDir() });
    expect(e.code).toBe('NOT_FOUND');
  });
});
