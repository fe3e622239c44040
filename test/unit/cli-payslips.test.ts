/**
 * `steward payslips`: run in-process through runCli with a fixed clock on a ledger built through the
 * api (two PAs, May posted, June posted). Files are checked with pdftotext against the run's figures;
 * refusals write nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { formatPence } from '../../shared/money';
import type { PayRun } from '../../shared/contract-payruns';
import { fixedClock } from '../fixtures/clock';
import { PASSPHRASE } from '../fixtures/ledger';
import { tempDir } from '../fixtures/temp';
import { pdfText, squeeze, world } from './payroll/outputs/fixture';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { STEWARD_DATA_DIR: tempDir(), STEWARD_PASSPHRASE: PASSPHRASE },
    now: fixedClock().now,
  });
  return { code, out, err };
}

/** A ledger file with posted May and June runs, closed so the CLI can open it. */
async function ledgerWithRuns(): Promise<{ file: string; june: PayRun; may: PayRun }> {
  const w = await world({ postJune: true });
  w.env.ctx.session.disarm();
  w.env.ctx.session.ledger?.close();
  w.env.ctx.session.ledger = null;
  return { file: w.env.ledgerPath, june: w.june, may: w.may };
}

const snapshot = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]) : null);


describe('steward payslips', () => {
  it('writes one payslip PDF per PA and lists them with --json', async () => {
    const { file, june } = await ledgerWithRuns();
    const out = path.join(tempDir(), 'slips', 'june'); // created, parents too
    const r = await cli(['payslips', '--ledger', file, '--run', String(june.id), '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Array<{ paId: number; paName: string; file: string }>;
    expect(list.map((x) => x.paId).sort()).toEqual(june.lines.map((l) => l.paId).sort());
    expect(fs.readdirSync(out).sort()).toEqual(list.map((x) => path.basename(x.file)).sort()); // no temp files left
    for (const l of june.lines) {
      const entry = list.find((x) => x.paId === l.paId)!;
      expect(entry.paName).toBe(l.paName);
      expect(path.basename(entry.file)).toMatch(/^payslip-[a-z-]+-2026-06-26\.pdf$/);
      expect(fs.readFileSync(entry.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = squeeze(pdfText(entry.file));
      expect(text).toContain(l.paName);
      expect(text).toContain(`Net pay ${formatPence(l.net)}`);
      expect(text).toContain(`Tax code ${l.taxCode}`);
    }
    // Human output names the files.
    const again = await cli(['payslips', '--ledger', file, '--run', String(june.id), '--out', path.join(tempDir(), 'h')]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^Wrote 2 payslips for pay run \d+ \(paid 2026-06-26\)/);
  });

  it('refuses to overwrite without --force (nothing written), and replaces with it', async () => {
    const { file, june } = await ledgerWithRuns();
    const out = tempDir();
    expect((await cli(['payslips', '--ledger', file, '--run', String(june.id), '--out', out])).code).toBe(0);
    // Change one file so a replacement can be seen.
    const first = fs.readdirSync(out)[0]!;
    fs.writeFileSync(path.join(out, first), 'old');
    const before = snapshot(out);
    const r = await cli(['payslips', '--ledger', file, '--run', String(june.id), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^FILE_EXISTS: --out: .*already exist.*--force/);
    expect(snapshot(out)).toEqual(before);
    const f = await cli(['payslips', '--ledger', file, '--run', String(june.id), '--out', out, '--force']);
    expect(f.code).toBe(0);
    expect(fs.readFileSync(path.join(out, first)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('names the flag on bad input and writes nothing', async () => {
    const { file } = await ledgerWithRuns();
    const out = path.join(tempDir(), 'never');
    const bad = await cli(['payslips', '--ledger', file, '--run', 'abc', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--run: "abc" is not a pay run id');
    const missing = await cli(['payslips', '--ledger', file, '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--run is required');
    const noOut = await cli(['payslips', '--ledger', file, '--run', '1']);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out is required');
    const unknown = await cli(['payslips', '--ledger', file, '--run', '999', '--out', out]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^NOT_FOUND: --run: there is no pay run 999/);
    const aFile = path.join(tempDir(), 'file.txt');
    fs.writeFileSync(aFile, 'x');
    const notDir = await cli(['payslips', '--ledger', file, '--run', '1', '--out', aFile]);
    expect(notDir.code).toBe(2);
    expect(notDir.err).toContain('--out:');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readFileSync(aFile, 'utf8')).toBe('x');
  });
});
