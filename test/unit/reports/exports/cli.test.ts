/**
 * `steward export accountant|hledger|xero|sage`, run in-process through runCli on a copy of the
 * shared reports ledger with the fixture's clock: each writes its file and prints {path, bytes,
 * lines} with --json; an end before the start, a bad date or a missing flag is a usage error
 * (exit 2) with no file; a folder that cannot be written is IO_ERROR (exit 1) with no file; an
 * existing file is kept unless --force.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/cli';
import { fixedClock } from '../../../fixtures/clock';
import { PASSPHRASE } from '../../../fixtures/ledger';
import { tempDir } from '../../../fixtures/temp';
import { reportsWorld, REPORTS_NOW, TODAY } from '../fixture';
import { filesIn } from './helpers';

let home: string;
let ledger: string;
let lines: { all: number; year: number };

beforeAll(async () => {
  const w = await reportsWorld();
  lines = {
    all: (w.db().prepare('SELECT COUNT(*) AS n FROM journal_lines').get() as { n: number }).n,
    year: (w.db().prepare(`SELECT COUNT(*) AS n FROM journal_lines WHERE date BETWEEN '2026-04-01' AND '2026-07-31'`).get() as { n: number }).n,
  };
  w.close();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-export-cli-'));
  ledger = path.join(home, 'org.steward');
  fs.copyFileSync(w.env.ledgerPath, ledger);
}, 60_000);
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli([...args, '--ledger', ledger], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { STEWARD_DATA_DIR: tempDir(), STEWARD_PASSPHRASE: PASSPHRASE },
    now: fixedClock(REPORTS_NOW).now,
  });
  return { code, out, err };
}

describe('steward export', () => {
  it('accountant: writes the workbook and prints {path, bytes, lines}', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'pack.xlsx');
    const r = await cli(['export', 'accountant', '--from', '2026-04-01', '--to', '2026-07-31', '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { path: string; bytes: number; lines: number };
    expect(j).toEqual({ path: out, bytes: fs.statSync(out).size, lines: lines.year });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets).toHaveLength(6);
    expect(filesIn(dir)).toEqual(['pack.xlsx']);
  });

  it('hledger: the whole ledger by default; xero and sage: CSVs; text output without --json', async () => {
    const dir = tempDir();
    const h = await cli(['export', 'hledger', '--out', path.join(dir, 'all.journal'), '--json']);
    expect(h.code).toBe(0);
    expect(JSON.parse(h.out)).toMatchObject({ path: path.join(dir, 'all.journal'), lines: lines.all });
    expect(fs.readFileSync(path.join(dir, 'all.journal'), 'utf8')).toContain(`The whole ledger to ${TODAY}`);
    const x = await cli(['export', 'xero', '--from', '2026-04-01', '--to', '2026-07-31', '--out', path.join(dir, 'x.csv')]);
    expect(x.code).toBe(0);
    expect(x.out).toMatch(new RegExp(`^Wrote ${lines.year} journal lines to .*x\\.csv \\([\\d,]+ bytes\\)\\.\\n$`));
    expect(fs.readFileSync(path.join(dir, 'x.csv'), 'utf8').split('\r\n')[0]).toBe('*Narration,*Date,Description,*AccountCode,*TaxRate,*Amount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2');
    const s = await cli(['export', 'sage', '--from', '2026-04-01', '--to', '2026-07-31', '--out', path.join(dir, 's.csv'), '--json']);
    expect(s.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 's.csv'), 'utf8').split('\r\n').length - 2).toBe(lines.year);
    expect(filesIn(dir)).toEqual(['all.journal', 's.csv', 'x.csv']);
  });

  it('usage errors (exit 2) write nothing: end before start, bad date, missing flags, --out a folder', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'x.xlsx');
    const cases: Array<[string[], RegExp]> = [
      [['export', 'accountant', '--from', '2026-07-31', '--to', '2026-04-01', '--out', out], /--to: the period ends \(2026-04-01\) before it starts/],
      [['export', 'hledger', '--from', '2026-07-31', '--to', '2026-04-01', '--out', out], /before it starts/],
      [['export', 'xero', '--from', '2026-02-30', '--to', '2026-04-01', '--out', out], /--from: "2026-02-30" is not a date/],
      [['export', 'sage', '--from', '2026-04-01', '--out', out], /--to is required/],
      [['export', 'accountant', '--from', '2026-04-01', '--to', '2026-07-31'], /--out is required/],
      [['export', 'xero', '--from', '2026-04-01', '--to', '2026-07-31', '--out', dir], /is a folder/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.err).toMatch(msg);
    }
    expect(filesIn(dir)).toEqual([]);
  });

  it('a folder that cannot be written is IO_ERROR (exit 1) and leaves no file', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const r = await cli(['export', 'sage', '--from', '2026-04-01', '--to', '2026-07-31', '--out', path.join(blocker, 'sage.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^IO_ERROR: /);
    expect(filesIn(dir)).toEqual(['not-a-folder']);
    if (process.getuid?.() !== 0) {
      const ro = path.join(dir, 'read-only');
      fs.mkdirSync(ro, { mode: 0o555 });
      const r2 = await cli(['export', 'accountant', '--from', '2026-04-01', '--to', '2026-07-31', '--out', path.join(ro, 'pack.xlsx')]);
      expect(r2.code).toBe(1);
      expect(r2.err).toMatch(/^IO_ERROR: .*not allowed to write/);
      expect(filesIn(ro)).toEqual([]);
    }
  });

  it('keeps an existing file unless --force', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'j.journal');
    fs.writeFileSync(out, 'mine');
    const r = await cli(['export', 'hledger', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^FILE_EXISTS: /);
    expect(fs.readFileSync(out, 'utf8')).toBe('mine');
    const f = await cli(['export', 'hledger', '--out', out, '--force']);
    expect(f.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('commodity £1,000.00');
    expect(filesIn(dir)).toEqual(['j.journal']);
  });
});
