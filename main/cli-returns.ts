/**
 * The CLI's returns command (issue 6). Registered into COMMANDS by cli.ts.
 *
 *   steward return --client ID --from DATE --to DATE --out DIR [--json]
 *
 * Writes the council monitoring return (PDF and Excel) and the evidence pack (zip) into DIR. Flags
 * are checked before the ledger is opened (a usage error, exit 2, names the flag; an end before
 * the start is one). The three files are made through the api (report.file) first and written only
 * when all three exist, each under a temporary name renamed when complete: a refusal or a failure
 * writes nothing.
 */
import path from 'node:path';
import type { Command } from './cli';
import { id, period, req, withLedger } from './cli-flags';
import { ensureWritableDir, writeFileAtomic } from './reports/files';

export const RETURN_COMMANDS: Record<string, Command> = {
  return: {
    summary: "Write a client's council monitoring return (PDF and Excel) and evidence pack (zip) for a period into a folder",
    usage: 'steward return --ledger FILE --client ID --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--json]',
    options: withLedger({ client: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } }),
    async run(c) {
      const clientId = id(c, 'client');
      const { from, to } = period(c);
      const dir = path.resolve(req(c, 'out'));
      await c.openLedger();
      const made = [];
      for (const kind of ['return-pdf', 'return-xlsx', 'evidence-pack'] as const) made.push(await c.call('report.file', { kind, clientId, from, to }));
      const abs = ensureWritableDir(dir);
      const files = made.map((f) => {
        const p = path.join(abs, f.fileName);
        return { path: p, bytes: writeFileAtomic(p, Buffer.from(f.base64, 'base64')) };
      });
      c.print({ files }, () => files.map((f) => `${f.path} (${f.bytes} bytes)`).join('\n') + '\n');
      return 0;
    },
  },
};
