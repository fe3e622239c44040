/**
 * `steward return`: run in-process through runCli with the fixture's clock on the fixture's
 * ledger. It writes the return PDF, the workbook and the evidence pack into the folder and prints
 * their paths; an end before the start is a usage error (exit 2) and unknown clients, clients with
 * no activity and folders that cannot be written are refused, with nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/cli';
import { fixedClock } from '../../../fixtures/clock';
import { PASSPHRASE } from '../../../fixtures/ledger';
import { tempDir } from '../../../fixtures/temp';
import { PERIODS, REPORTS_NOW, reportsWorld } from '../fixture';

let ledger = '';
let keep = '';
let zoe = 0;
let edmund = 0;

beforeAll(async () => {
  const w = await reportsWorld();
  zoe = w.zoe.id;
  edmund = w.edmund.id;
  w.close();
  // tempDir() folders go after each test; the ledger must outlive them all.
  keep = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-return-cli-'));
  ledger = path.join(keep, 'org.steward');
  fs.copyFileSync(w.env.ledgerPath, ledger);
}, 120_000);

afterAll(() => {
  if (keep) fs.rmSync(keep, { recursive: true, force: true });
});

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

describe('steward return', () => {
  it('writes the return PDF, the workbook and the evidence pack and prints their paths', async () => {
    const dir = path.join(tempDir(), 'returns');
    const r = await cli(['return', '--ledger', ledger, '--client', String(zoe), '--from', PERIODS.p1.from, '--to', PERIODS.p2.to, '--out', dir, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { files } = JSON.parse(r.out) as { files: Array<{ path: string; bytes: number }> };
    const base = `zoe-ni-bhriain-${zoe}-2026-04-06-to-2026-05-31`;
    expect(files.map((f) => path.basename(f.path))).toEqual([`return-${base}.pdf`, `return-${base}.xlsx`, `evidence-${base}.zip`]);
    expect(fs.readdirSync(dir).sort()).toEqual(files.map((f) => path.basename(f.path)).sort()); // no temporary file left
    for (const f of files) expect(fs.statSync(f.path).size).toBe(f.bytes);
    expect(fs.readFileSync(files[0]!.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const zip = await JSZip.loadAsync(fs.readFileSync(files[2]!.path));
    expect(zip.file(`return-${base}.pdf`)).not.toBeNull();
    expect(zip.file('MANIFEST.csv')).not.toBeNull();
    const human = await cli(['return', '--ledger', ledger, '--client', String(zoe), '--from', PERIODS.p1.from, '--to', PERIODS.p2.to, '--out', path.join(tempDir(), 'h')]);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/return-zoe-ni-bhriain-\d+-2026-04-06-to-2026-05-31\.pdf \(\d+ bytes\)\n/);
  });

  it('an end before the start is a usage error (exit 2) and writes nothing', async () => {
    const dir = path.join(tempDir(), 'never');
    const r = await cli(['return', '--ledger', ledger, '--client', String(zoe), '--from', '2026-05-31', '--to', '2026-04-06', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--to: the period ends \(2026-04-06\) before it starts \(2026-05-31\)/);
    expect(fs.existsSync(dir)).toBe(false);
    const bad = await cli(['return', '--ledger', ledger, '--client', 'x', '--from', '2026-05-31', '--to', '2026-06-06', '--out', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--client: "x" is not an id/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('unknown client, no activity and an unwritable folder are refused with nothing written', async () => {
    const dir = path.join(tempDir(), 'none');
    const a = await cli(['return', '--ledger', ledger, '--client', '9999', '--from', PERIODS.p1.from, '--to', PERIODS.p2.to, '--out', dir]);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/^NOT_FOUND: /);
    const b = await cli(['return', '--ledger', ledger, '--client', String(edmund), '--from', PERIODS.p1.from, '--to', PERIODS.p2.to, '--out', dir]);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/^VALIDATION: .*Edmund Quiet has no money recorded/);
    expect(fs.existsSync(dir)).toBe(false);
    const parent = tempDir();
    fs.writeFileSync(path.join(parent, 'file'), 'x');
    const c = await cli(['return', '--ledger', ledger, '--client', String(zoe), '--from', PERIODS.p1.from, '--to', PERIODS.p2.to, '--out', path.join(parent, 'file', 'sub')]);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/^IO_ERROR: /);
    expect(fs.readdirSync(parent)).toEqual(['file']);
  });
});
