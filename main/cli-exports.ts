/**
 * The CLI's exports commands (issue 6). Registered into COMMANDS by cli.ts.
 *
 *   steward export accountant --from DATE --to DATE --out FILE.xlsx [--force] [--json]
 *   steward export hledger --out FILE [--from DATE] [--to DATE] [--force] [--json]
 *   steward export xero --from DATE --to DATE --out FILE.csv [--force] [--json]
 *   steward export sage --from DATE --to DATE --out FILE.csv [--force] [--json]
 *
 * Flags are checked before the ledger is opened (a usage error, exit 2, names the flag; an end
 * before the start is one). The export streams straight to a temporary name beside --out and is
 * renamed when complete, so a failure (a folder that cannot be written: IO_ERROR, exit 1) leaves
 * no file. An existing --out is not replaced unless --force is given. `--json` prints
 * {path, bytes, lines}.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command, Options } from './cli';
import { date, optDate, str } from './cli-flags';
import { StewardError } from '../shared/errors';
import { requireLedger } from './api/ledger';
import { metaOf } from './payroll/outputs/common';
import { exportLineCount, writeExport, type ExportKind } from './reports/exports';
import { ensureWritableDir } from './reports/files';

const WHAT: Record<ExportKind, { summary: string; usage: string; ext: string }> = {
  accountant: {
    summary: 'Write the accountant pack for a period: one Excel workbook (trial balances, journal, payroll journal, client balances, pooled check)',
    usage: 'steward export accountant --ledger FILE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx [--force] [--json]',
    ext: '.xlsx',
  },
  hledger: {
    summary: 'Write the ledger as an hledger / ledger-cli journal (the whole ledger to today, or --from/--to)',
    usage: 'steward export hledger --ledger FILE --out FILE.journal [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--force] [--json]',
    ext: '.journal',
  },
  xero: {
    summary: 'Write a Xero manual-journal import CSV for a period (client as a tracking option)',
    usage: 'steward export xero --ledger FILE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.csv [--force] [--json]',
    ext: '.csv',
  },
  sage: {
    summary: 'Write a Sage 50 audit-trail (journal) import CSV for a period',
    usage: 'steward export sage --ledger FILE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.csv [--force] [--json]',
    ext: '.csv',
  },
};

const OPTIONS: Options = { ledger: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } };

function command(kind: ExportKind): Command {
  return {
    summary: WHAT[kind].summary,
    usage: WHAT[kind].usage,
    options: OPTIONS,
    async run(c) {
      const from = kind === 'hledger' ? optDate(c, 'from') : date(c, 'from');
      const to = kind === 'hledger' ? optDate(c, 'to') : date(c, 'to');
      if (from !== undefined && to !== undefined && to < from) c.usage(`--to: the period ends (${to}) before it starts (${from}); choose an end date on or after the start date`);
      const outArg = str(c, 'out') ?? c.usage(`--out is required (the file to write, e.g. export${WHAT[kind].ext})`);
      const out = path.resolve(outArg);
      const force = c.values['force'] === true;
      if (fs.existsSync(out)) {
        if (fs.statSync(out).isDirectory()) c.usage(`--out: ${out} is a folder; give the name of the file to write (e.g. ${path.join(outArg, `export${WHAT[kind].ext}`)})`);
        if (!force) throw new StewardError('FILE_EXISTS', `--out: ${out} already exists. Nothing was written. Use --force to replace it, or choose another name.`, { where: 'out' });
      }
      await c.openLedger();
      ensureWritableDir(path.dirname(out));
      const db = requireLedger(c.api).db;
      const meta = metaOf(db, c.today());
      const req = { kind, from, to };
      const lines = exportLineCount(db, req, meta.generatedOn);
      const f = await writeExport(db, meta, req, out, {});
      const result = { path: f.path, bytes: f.bytes, lines };
      c.print(result, () => `Wrote ${lines.toLocaleString('en-GB')} journal line${lines === 1 ? '' : 's'} to ${f.path} (${f.bytes.toLocaleString('en-GB')} bytes).\n`);
    },
  };
}

export const EXPORT_COMMANDS: Record<string, Command> = {
  'export accountant': command('accountant'),
  'export hledger': command('hledger'),
  'export xero': command('xero'),
  'export sage': command('sage'),
};
