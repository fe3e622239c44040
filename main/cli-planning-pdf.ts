/**
 * `steward plan pdf --client ID --out FILE [--force] [--json]` (or `--plan ID` for one version):
 * writes the support plan PDF. With --client it is the client's current plan: the active version,
 * else the newest version of any status (plan.current). Registered into COMMANDS by cli.ts.
 *
 * The PDF is made in memory first; an existing FILE is refused (FILE_EXISTS, naming --out) unless
 * --force is given. It is written under a temporary name next to FILE and renamed into place, so a
 * failure part-way never leaves a half-written PDF behind. --json prints {file, planId, clientId,
 * version, status, bytes}.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext, Command } from './cli';
import { StewardError } from '../shared/errors';
import { requireLedger } from './api/ledger';
import { metaOf } from './payroll/outputs/common';
import { supportPlanPdf, supportPlanPdfData } from './planning/pdf';

function text(c: CliContext, name: string): string {
  const v = c.values[name];
  if (v === undefined) return c.usage(`--${name} is required`);
  if (typeof v !== 'string') return c.usage(`--${name} takes a value`);
  if (v.trim() === '') return c.usage(`--${name} cannot be empty`);
  return v;
}

function idFlag(c: CliContext, name: 'client' | 'plan', what: string): number {
  const t = text(c, name).trim();
  if (!/^[1-9]\d{0,14}$/.test(t)) return c.usage(`--${name}: "${t}" is not a ${what} id (ids are positive whole numbers, like 12)`);
  return Number(t);
}

/** Hard-link tmp to out (refusing an existing out); on a file system without hard links, check and rename. */
function linkOrRename(tmp: string, out: string): void {
  try {
    fs.linkSync(tmp, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || fs.existsSync(out)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    fs.renameSync(tmp, out);
  }
}

export interface PlanPdfWritten {
  file: string;
  planId: number;
  clientId: number;
  version: number;
  status: string;
  bytes: number;
}

export const PLAN_PDF_COMMANDS: Record<string, Command> = {
  'plan pdf': {
    summary: "Write a client's support plan as a printable PDF",
    usage: 'steward plan pdf --ledger FILE (--client ID | --plan ID) --out FILE.pdf [--force] [--json]',
    options: { ledger: { type: 'string' }, client: { type: 'string' }, plan: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    async run(c) {
      const hasClient = c.values['client'] !== undefined;
      const hasPlan = c.values['plan'] !== undefined;
      if (hasClient === hasPlan) c.usage(hasClient ? 'give --client or --plan, not both' : '--client is required (or --plan for one version)');
      const clientId = hasClient ? idFlag(c, 'client', 'client') : null;
      const planIdIn = hasPlan ? idFlag(c, 'plan', 'support plan') : null;
      const out = path.resolve(text(c, 'out'));
      const force = c.values['force'] === true;
      if (fs.existsSync(out) && fs.statSync(out).isDirectory()) c.usage(`--out: ${out} is a folder; give a file name, e.g. ${path.join(out, 'support-plan.pdf')}`);
      if (!fs.existsSync(path.dirname(out)) || !fs.statSync(path.dirname(out)).isDirectory()) {
        throw new StewardError('FILE_NOT_FOUND', `--out: the folder ${path.dirname(out)} does not exist. Create it first or choose another place.`, { where: 'out' });
      }
      if (fs.existsSync(out) && !force) {
        throw new StewardError('FILE_EXISTS', `--out: ${out} already exists. Nothing was written. Use --force to replace it, or choose another file name.`, { where: 'out' });
      }
      await c.openLedger();

      let planId: number;
      if (clientId !== null) {
        let current;
        try {
          current = await c.call('plan.current', { clientId });
        } catch (e) {
          // plan.current's only input is the client id, so a failure naming it means there is no such client.
          if (e instanceof StewardError && (e.code === 'NOT_FOUND' || e.where === 'clientId')) throw new StewardError('NOT_FOUND', `--client: there is no client ${clientId}. Client ids are shown by steward client list.`, { where: 'client' });
          throw e;
        }
        if (current === null) throw new StewardError('NOT_FOUND', `--client: client ${clientId} has no support plan yet. Make one in the app (or with the api's plan.create) first.`, { where: 'client' });
        planId = current.id;
      } else planId = planIdIn as number;

      const db = requireLedger(c.api).db;
      let data;
      try {
        data = supportPlanPdfData(db, planId);
      } catch (e) {
        if (e instanceof StewardError && e.code === 'NOT_FOUND' && clientId === null) throw new StewardError('NOT_FOUND', `--plan: there is no support plan version ${planId}. steward plan show --client ID lists a client's plan.`, { where: 'plan' });
        throw e;
      }
      const pdf = supportPlanPdf(data, metaOf(db, c.today()));

      const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
      try {
        fs.writeFileSync(tmp, pdf, { flag: 'wx' });
        // With --force the rename replaces the file; without it a hard link refuses a file that
        // appeared since the check above, so nothing is ever overwritten by accident.
        if (force) fs.renameSync(tmp, out);
        else linkOrRename(tmp, out);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST' && !force) {
          throw new StewardError('FILE_EXISTS', `--out: ${out} already exists. Nothing was written. Use --force to replace it, or choose another file name.`, { where: 'out' });
        }
        throw new StewardError('IO_ERROR', `--out: could not write ${out}: ${e instanceof Error ? e.message : String(e)}`, { where: 'out' });
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      const p = data.plan;
      const written: PlanPdfWritten = { file: out, planId: p.id, clientId: p.clientId, version: p.version, status: p.status, bytes: pdf.length };
      c.print(written, () => `Wrote version ${p.version} (${p.status}) of ${p.clientName}'s support plan to ${out} (${pdf.length} bytes).\n`);
    },
  },
};
