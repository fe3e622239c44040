/**
 * The CLI's payroll output commands. Registered into COMMANDS by cli.ts.
 *
 * `steward payslips --run ID --out DIR [--force] [--json]` writes one payslip PDF per PA of the pay
 * run into DIR (created if missing), named like the app names them
 * (`payslip-<pa name>-<pay date>.pdf`). Every payslip is made in memory first; if any file of the
 * same name is already in DIR the command refuses (FILE_EXISTS, naming --out) unless --force is
 * given, and writes nothing. Files are written under temporary names and renamed at the end, so an
 * error part-way leaves no payslips behind. --json prints [{paId, paName, file}].
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext, Command } from './cli';
import type { OutputOf } from '../shared/contract';
import { StewardError } from '../shared/errors';

function text(c: CliContext, name: string): string {
  const v = c.values[name];
  if (v === undefined) return c.usage(`--${name} is required`);
  if (typeof v !== 'string') return c.usage(`--${name} takes a value`);
  if (v.trim() === '') return c.usage(`--${name} cannot be empty`);
  return v;
}

function runId(c: CliContext): number {
  const t = text(c, 'run').trim();
  if (!/^[1-9]\d{0,14}$/.test(t)) return c.usage(`--run: "${t}" is not a pay run id (ids are positive whole numbers, like 12)`);
  return Number(t);
}

export interface PayslipWritten {
  paId: number;
  paName: string;
  file: string;
}

export const PAYSLIP_COMMANDS: Record<string, Command> = {
  payslips: {
    summary: 'Write one payslip PDF per PA of a pay run into a folder',
    usage: 'steward payslips --ledger FILE --run ID --out DIR [--force] [--json]',
    options: { ledger: { type: 'string' }, run: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    async run(c) {
      const id = runId(c);
      const out = path.resolve(text(c, 'out'));
      const force = c.values['force'] === true;
      if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) c.usage(`--out: ${out} is a file, not a folder`);
      await c.openLedger();
      let run: OutputOf<'payrun.get'>;
      try {
        run = await c.call('payrun.get', { id });
      } catch (e) {
        if (e instanceof StewardError && e.code === 'NOT_FOUND') throw new StewardError('NOT_FOUND', `--run: there is no pay run ${id}. Pay run ids are shown in the app's Payroll screen.`, { where: 'run' });
        throw e;
      }
      if (run.lines.length === 0) throw new StewardError('VALIDATION', `--run: pay run ${id} has no PAs in it.`, { where: 'run' });

      // Make every payslip first; nothing is written until all of them exist.
      const files: Array<{ paId: number; paName: string; name: string; data: Buffer }> = [];
      for (const line of run.lines) {
        const f = await c.call('payslip.pdf', { runId: id, paId: line.paId });
        files.push({ paId: line.paId, paName: line.paName, name: f.fileName, data: Buffer.from(f.base64, 'base64') });
      }
      // Two PAs with the same name in one run: keep both, telling them apart by PA id.
      const seen = new Map<string, number>();
      for (const f of files) seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
      for (const f of files) if ((seen.get(f.name) ?? 0) > 1) f.name = f.name.replace(/\.pdf$/, `-pa-${f.paId}.pdf`);

      const clashes = files.map((f) => path.join(out, f.name)).filter((p) => fs.existsSync(p));
      if (clashes.length > 0 && !force) {
        throw new StewardError('FILE_EXISTS', `--out: ${clashes.map((p) => path.basename(p)).join(', ')} already exist${clashes.length === 1 ? 's' : ''} in ${out}. Nothing was written. Use --force to replace, or choose another folder.`, { where: 'out' });
      }
      fs.mkdirSync(out, { recursive: true });
      const temps: string[] = [];
      try {
        for (const f of files) {
          const tmp = path.join(out, `.${f.name}.${process.pid}.tmp`);
          fs.writeFileSync(tmp, f.data, { flag: 'wx' });
          temps.push(tmp);
        }
        files.forEach((f, i) => fs.renameSync(temps[i]!, path.join(out, f.name)));
      } catch (e) {
        for (const t of temps) fs.rmSync(t, { force: true });
        throw e;
      }
      const written: PayslipWritten[] = files.map((f) => ({ paId: f.paId, paName: f.paName, file: path.join(out, f.name) }));
      c.print(written, () => `Wrote ${written.length} payslip${written.length === 1 ? '' : 's'} for pay run ${id} (paid ${run.payDate}) to ${out}:\n${written.map((w) => `  ${w.paName.padEnd(30)} ${path.basename(w.file)}`).join('\n')}\n`);
    },
  },
};
