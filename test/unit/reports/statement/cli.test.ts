/**
 * `steward statement` and `steward statements`, run in-process through runCli with a fixed clock
 * on the shared fixture's ledger file. Every refusal leaves nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/cli';
import { fixedClock } from '../../../fixtures/clock';
import { PASSPHRASE } from '../../../fixtures/ledger';
import { tempDir } from '../../../fixtures/temp';
import { PERIODS, REPORTS_NOW, reportsWorld } from '../fixture';
import { pdfText } from './pdf-read';

let ledger = '';
let keep = '';
let ids = { zoe: 0, edmund: 0, funder: 0 };

beforeAll(async () => {
  const w = await reportsWorld();
  ids = { zoe: w.zoe.id, edmund: w.edmund.id, funder: w.funder.id };
  w.close();
  // The fixture's folder is removed after the first test: keep a copy of the ledger for the file.
  keep = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-statement-cli-'));
  const src = w.env.ledgerPath;
  for (const f of fs.readdirSync(path.dirname(src)).filter((n) => n.startsWith(path.basename(src)))) fs.copyFileSync(path.join(path.dirname(src), f), path.join(keep, f));
  ledger = path.join(keep, path.basename(src));
}, 60_000);
afterAll(() => fs.rmSync(keep, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { STEWARD_DATA_DIR: tempDir(), STEWARD_PASSPHRASE: PASSPHRASE },
    now: fixedClock(REPORTS_NOW).now,
  });
  return { code, out, err };
}

describe('steward statement', () => {
  it('writes the PDF (standard, then easy-read)', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'zoe.pdf');
    const r = await cli(['statement', '--ledger', ledger, '--client', String(ids.zoe), '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { file: string; bytes: number; variant: string };
    expect(j).toMatchObject({ file: out, variant: 'standard' });
    expect(fs.readdirSync(dir)).toEqual(['zoe.pdf']);
    expect(fs.statSync(out).size).toBe(j.bytes);
    expect(pdfText(fs.readFileSync(out))).toContain('Zoë Ní Bhriain · 1 to 28 June 2026');
    const easy = path.join(dir, 'zoe-easy.pdf');
    const r2 = await cli(['statement', '--ledger', ledger, '--client', String(ids.zoe), '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', easy, '--variant', 'easy-read']);
    expect(r2.code).toBe(0);
    expect(pdfText(fs.readFileSync(easy))).toContain('This is your money for 1 to 28 June 2026.');
  });

  it('an end before the start is a usage error (exit 2) and writes nothing', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'x.pdf');
    const r = await cli(['statement', '--ledger', ledger, '--client', String(ids.zoe), '--from', PERIODS.p3.to, '--to', PERIODS.p3.from, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--to');
    expect(r.err).toContain('before it starts');
    expect(fs.readdirSync(dir)).toEqual([]);
    const bad = await cli(['statement', '--ledger', ledger, '--client', String(ids.zoe), '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', out, '--variant', 'huge']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--variant');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an unwritable --out is an IO error and writes nothing', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const out = path.join(blocker, 'zoe.pdf');
    const r = await cli(['statement', '--ledger', ledger, '--client', String(ids.zoe), '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('IO_ERROR');
    expect(fs.readdirSync(dir)).toEqual(['not-a-folder']);
  });

  it('a client with no activity: a clear error, no file', async () => {
    const dir = tempDir();
    const r = await cli(['statement', '--ledger', ledger, '--client', String(ids.edmund), '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', path.join(dir, 'e.pdf')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Edmund Quiet has no money recorded');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('steward statements', () => {
  it('writes every client into the folder, lists the failed one, exits 1', async () => {
    const dir = path.join(tempDir(), 'june');
    const r = await cli(['statements', '--ledger', ledger, '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', dir, '--funder', String(ids.funder), '--variant', 'standard']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Wrote 3 statements');
    expect(r.out).toContain('FAILED Edmund Quiet');
    expect(r.err).toContain('1 client failed: Edmund Quiet');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.part'))).toBe(false);
  });

  it('an end before the start is a usage error and makes no folder', async () => {
    const dir = path.join(tempDir(), 'never');
    const r = await cli(['statements', '--ledger', ledger, '--from', PERIODS.p3.to, '--to', PERIODS.p3.from, '--out', dir]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('steward statements and clients whose support has ended', () => {
  it('leaves an ended client out unless --include-ended is given (a final statement)', async () => {
    const w = await reportsWorld();
    await w.call('client.end', { id: w.edmund.id, date: '2026-07-31', reason: 'Moved to another council', authorisedBy: 'Mary Somerville' });
    const edmund = w.edmund.id;
    w.close();
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-statement-ended-'));
    try {
      const src = w.env.ledgerPath;
      for (const f of fs.readdirSync(path.dirname(src)).filter((n) => n.startsWith(path.basename(src)))) fs.copyFileSync(path.join(path.dirname(src), f), path.join(copy, f));
      const file = path.join(copy, path.basename(src));
      const without = await cli(['statements', '--ledger', file, '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', tempDir(), '--json']);
      expect(without.code).toBe(0);
      const a = JSON.parse(without.out) as { written: number; failures: Array<{ clientId: number }> };
      expect(a).toMatchObject({ written: 3, failures: [] });
      const withEnded = await cli(['statements', '--ledger', file, '--from', PERIODS.p3.from, '--to', PERIODS.p3.to, '--out', tempDir(), '--include-ended', '--json']);
      const b = JSON.parse(withEnded.out) as { written: number; failures: Array<{ clientId: number }> };
      expect(b.written).toBe(3);
      expect(b.failures.map((f) => f.clientId)).toEqual([edmund]);
      expect(withEnded.code).toBe(1);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
