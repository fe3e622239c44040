/**
 * The CLI's statements commands (issue 6). Registered into COMMANDS by cli.ts.
 *
 *   steward statement --client ID --from DATE --to DATE --out FILE.pdf [--variant standard|easy-read] [--json]
 *   steward statements --from DATE --to DATE --out DIR [--funder ID] [--variant standard|easy-read|client-choice] [--json]
 *
 * Flags are checked before the ledger is opened (a usage error, exit 2, names the flag; nothing
 * is written). Files are written under a temporary name and renamed when complete. `statements`
 * runs a report job through the api (report.run), prints progress on stderr, lists the clients
 * that failed and exits 1 if any did.
 */
import path from 'node:path';
import type { CliContext, Command, Options } from './cli';
import { isIsoDate } from '../shared/dates';
import type { JobStatus, StatementVariant } from '../shared/contract-reports';
import { writeFileAtomic } from './reports/files';

function str(c: CliContext, name: string): string | undefined {
  const v = c.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return c.usage(`--${name} takes a value`);
  if (v.trim() === '') return c.usage(`--${name} cannot be empty`);
  return v;
}

function req(c: CliContext, name: string): string {
  return str(c, name) ?? c.usage(`--${name} is required`);
}

function id(c: CliContext, name: string): number {
  const t = req(c, name).trim();
  if (!/^[1-9]\d{0,14}$/.test(t)) return c.usage(`--${name}: "${t}" is not an id (ids are positive whole numbers, like 12)`);
  return Number(t);
}

function date(c: CliContext, name: string): string {
  const t = req(c, name).trim();
  if (!isIsoDate(t)) return c.usage(`--${name}: "${t}" is not a date: write a real date as YYYY-MM-DD (for example 2026-06-28)`);
  return t;
}

function period(c: CliContext): { from: string; to: string } {
  const from = date(c, 'from');
  const to = date(c, 'to');
  if (to < from) c.usage(`--to: the period ends (${to}) before it starts (${from}): choose an end date on or after the start date`);
  return { from, to };
}

function variant(c: CliContext, allowed: readonly StatementVariant[], fallback: StatementVariant): StatementVariant {
  const v = str(c, 'variant');
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) return c.usage(`--variant: "${v}" is not one of ${allowed.join(', ')}`);
  return v as StatementVariant;
}

const common = (extra: Options): Options => ({ ledger: { type: 'string' }, ...extra });
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const STATEMENT_COMMANDS: Record<string, Command> = {
  statement: {
    summary: "Write one client's statement for a period as a PDF",
    usage: 'steward statement --ledger FILE --client ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--variant standard|easy-read] [--json]',
    options: common({ client: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, variant: { type: 'string' } }),
    async run(c) {
      const clientId = id(c, 'client');
      const { from, to } = period(c);
      const out = path.resolve(req(c, 'out'));
      if (!out.toLowerCase().endsWith('.pdf')) c.usage('--out: give a file name ending in .pdf');
      // Without --variant the client's own choice (report.prefs) decides.
      const v = variant(c, ['standard', 'easy-read'], 'client-choice');
      await c.openLedger();
      const f = await c.call('report.file', { kind: 'statement', clientId, from, to, variant: v });
      const bytes = writeFileAtomic(out, Buffer.from(f.base64, 'base64'));
      c.print({ file: out, clientId, from, to, variant: f.fileName.startsWith('statement-easy-read-') ? 'easy-read' : 'standard', bytes }, () => `Wrote ${out} (${bytes} bytes).\n`);
      return 0;
    },
  },
  statements: {
    summary: 'Write the statements of every client (or one funder\'s clients) for a period into a folder',
    usage: 'steward statements --ledger FILE --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--funder ID] [--variant standard|easy-read|client-choice] [--json]',
    options: common({ from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, funder: { type: 'string' }, variant: { type: 'string' } }),
    async run(c) {
      const { from, to } = period(c);
      const dir = path.resolve(req(c, 'out'));
      const funderId = c.values['funder'] === undefined ? undefined : id(c, 'funder');
      const v = variant(c, ['standard', 'easy-read', 'client-choice'], 'client-choice');
      await c.openLedger();
      let st: JobStatus = await c.call('report.run', {
        job: { kind: 'statements', clients: funderId === undefined ? { all: true, includeEnded: false } : { all: true, funderId, includeEnded: false }, from, to, variant: v },
        dir,
      });
      let shown = -1;
      while (st.state === 'running') {
        await pause(50);
        st = await c.call('report.job', { jobId: st.jobId });
        if (st.done !== shown && st.total > 0) {
          shown = st.done;
          c.io.stderr(`statements: ${st.done} of ${st.total} clients\n`);
        }
      }
      const summary = { dir: st.dir, state: st.state, written: st.files.length, files: st.files.map((f) => f.fileName), failures: st.failures, error: st.error };
      c.print(summary, () => {
        const lines = [`Wrote ${st.files.length} statement${st.files.length === 1 ? '' : 's'} into ${st.dir}.`];
        for (const f of st.failures) lines.push(`  FAILED ${f.clientName} (client ${f.clientId ?? '?'}): ${f.code}: ${f.message}`);
        return lines.join('\n') + '\n';
      });
      if (st.error) {
        c.io.stderr(`${st.error.code}: ${st.error.message}\n`);
        return 1;
      }
      if (st.failures.length > 0) {
        c.io.stderr(`${st.failures.length} client${st.failures.length === 1 ? '' : 's'} failed: ${st.failures.map((f) => f.clientName).join(', ')}\n`);
        return 1;
      }
      return 0;
    },
  },
};
