/**
 * The CLI's statements commands (issue 6). Registered into COMMANDS by cli.ts.
 *
 *   steward statement --client ID --from DATE --to DATE --out FILE.pdf [--variant standard|easy-read] [--json]
 *   steward statements --from DATE --to DATE --out DIR [--funder ID] [--variant standard|easy-read|client-choice] [--include-ended] [--json]
 *
 * `statements` covers clients whose support is active or suspended; --include-ended adds those whose
 * support has ended (a final statement).
 *
 * Flags are checked before the ledger is opened (a usage error, exit 2, names the flag; nothing
 * is written). Files are written under a temporary name and renamed when complete. `statements`
 * runs the report-job writer (main/reports/jobs.ts) to the end, prints progress on stderr, lists
 * the clients that failed and exits 1 if any did.
 */
import path from 'node:path';
import type { CliContext, Command } from './cli';
import { id, period, req, str, withLedger } from './cli-flags';
import type { JobStatus, StatementVariant } from '../shared/contract-reports';
import { writeFileAtomic } from './reports/files';
import { runJobWriter } from './reports/jobs';
import { requireLedger } from './api/ledger';
import { metaOf } from './payroll/outputs/common';
import { StewardError } from '../shared/errors';

function variant(c: CliContext, allowed: readonly StatementVariant[], fallback: StatementVariant): StatementVariant {
  const v = str(c, 'variant');
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) return c.usage(`--variant: "${v}" is not one of ${allowed.join(', ')}`);
  return v as StatementVariant;
}


export const STATEMENT_COMMANDS: Record<string, Command> = {
  statement: {
    summary: "Write one client's statement for a period as a PDF",
    usage: 'steward statement --ledger FILE --client ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--variant standard|easy-read] [--json]',
    options: withLedger({ client: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, variant: { type: 'string' } }),
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
    usage: 'steward statements --ledger FILE --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--funder ID] [--variant standard|easy-read|client-choice] [--include-ended] [--json]',
    options: withLedger({ from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, funder: { type: 'string' }, variant: { type: 'string' }, 'include-ended': { type: 'boolean' } }),
    async run(c) {
      const { from, to } = period(c);
      const dir = path.resolve(req(c, 'out'));
      const funderId = c.values['funder'] === undefined ? undefined : id(c, 'funder');
      const v = variant(c, ['standard', 'easy-read', 'client-choice'], 'client-choice');
      await c.openLedger();
      // The same writer as a report job, run here to the end with progress on stderr.
      const db = requireLedger(c.api).db;
      const includeEnded = c.values['include-ended'] === true;
      const clients = funderId === undefined ? { all: true as const, includeEnded } : { all: true as const, funderId, includeEnded };
      let st: Pick<JobStatus, 'dir' | 'state' | 'files' | 'failures' | 'error'>;
      const written: JobStatus['files'] = [];
      try {
        const r = await runJobWriter(db, metaOf(db, c.today()), { kind: 'statements', clients, from, to, variant: v }, dir, {
          onProgress: (done, total) => c.io.stderr(`statements: ${done} of ${total} clients\n`),
          onFile: (f) => written.push(f),
        });
        st = { dir, state: 'done', files: r.files, failures: r.failures, error: null };
      } catch (e) {
        if (!(e instanceof StewardError) || e.code !== 'IO_ERROR') throw e;
        // Stopped part-way (a full disk, the folder gone): the files finished before it are whole.
        st = { dir, state: 'failed', files: written, failures: [], error: { code: e.code, message: e.message } };
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
