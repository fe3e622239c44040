/**
 * The CLI's banking commands (issue 7). Registered into COMMANDS by cli.ts.
 *
 *   steward bank import --account ID --file F [--preset NAME] [--format csv|ofx|qif] [--json]
 *   steward bank reconcile --account ID --date DATE --statement-balance A [--confirm [--note TEXT]] [--json]
 *
 * Flags are checked before the ledger is opened (a usage error, exit 2, names the flag). A
 * statement that cannot be read is refused whole: the summary (with every error's line and
 * column) is printed, `VALIDATION: …` goes to stderr, the exit code is 1 and nothing is written.
 * A reconciliation that does not agree prints its differences, `UNBALANCED: …` on stderr, exit 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext, Command } from './cli';
import { date, id, req, str, withLedger } from './cli-flags';
import type { ImportResult, ReconcileResult } from '../shared/contract-banking';
import { StewardError } from '../shared/errors';
import { formatPence, MoneyError, parseAmount } from '../shared/money';

/** A signed amount: 1234.56, £1,234.56, -12.00 or (12.00) (an overdrawn statement). */
function signedAmount(c: CliContext, name: string): number {
  const t = req(c, name);
  try {
    return parseAmount(t);
  } catch (e) {
    if (e instanceof MoneyError) return c.usage(`--${name}: ${e.message}`);
    throw e;
  }
}

const money = (p: number): string => formatPence(p);

function importSummary(r: ImportResult) {
  return {
    importId: r.importId,
    imported: r.imported,
    skipped: r.skipped.length,
    errors: r.errors.length,
    autoMatched: r.autoMatched,
    format: r.format,
    preset: r.preset,
    details: { skipped: r.skipped, errors: r.errors },
  };
}

function reconcileText(r: ReconcileResult): string {
  const out = [
    `Bank account ${r.bankAccountId} at ${r.date}`,
    `  Statement balance           ${money(r.statementBalance)}`,
    `  + uncleared ledger entries  ${money(r.unclearedEntriesTotal)}`,
    `  - unmatched statement lines ${money(r.unmatchedLinesTotal)}`,
    `  = adjusted statement        ${money(r.adjustedStatementBalance)}`,
    `  Ledger balance              ${money(r.ledgerBalance)}`,
    `  Difference                  ${money(r.difference)}`,
  ];
  if (r.pooled) {
    out.push(`  Pooled: ledger ${money(r.pooled.pooledLedger)}, sum of clients ${money(r.pooled.clientsTotal)}`);
    for (const p of r.pooled.perClient) out.push(`    ${p.clientName} (client ${p.clientId}): ${money(p.bankShare)}${p.difference ? ` (differs by ${money(p.difference)})` : ''}`);
  }
  for (const u of r.unclearedItems) out.push(`  uncleared ${u.type === 'entry' ? 'entry' : 'bank line'} ${u.id} ${u.date} ${money(u.amount)} ${u.description}`);
  for (const d of r.differences) out.push(`  DIFFERENCE ${d.code}: ${d.message}`);
  for (const w of r.warnings) out.push(`  NOTE: ${w}`);
  out.push(r.ok ? '  Agrees.' : '  Does not agree.');
  return out.join('\n') + '\n';
}

export const BANKING_COMMANDS: Record<string, Command> = {
  'bank import': {
    summary: 'Import a bank statement (CSV, OFX/QFX, QIF) into a bank account: all or nothing, never twice',
    usage: 'steward bank import --ledger FILE --account ID --file STATEMENT [--preset NAME] [--format csv|ofx|qif] [--json]',
    options: withLedger({ account: { type: 'string' }, file: { type: 'string' }, preset: { type: 'string' }, format: { type: 'string' } }),
    async run(c) {
      const bankAccountId = id(c, 'account');
      const file = req(c, 'file');
      const preset = str(c, 'preset');
      const format = str(c, 'format');
      if (format !== undefined && !['csv', 'ofx', 'qif'].includes(format)) c.usage(`--format: "${format}" is not one of csv, ofx, qif`);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        throw new StewardError('FILE_NOT_FOUND', `Cannot read the statement file ${file}.`, { where: 'file' });
      }
      if (bytes.length === 0) throw new StewardError('VALIDATION', `The statement file ${file} is empty. Nothing was imported.`, { where: 'file' });
      await c.openLedger();
      const r = await c.call('bank.import', {
        bankAccountId,
        fileName: path.basename(file).slice(0, 255) || 'statement',
        base64: bytes.toString('base64'),
        ...(preset !== undefined ? { preset } : {}),
        ...(format !== undefined ? { format: format as 'csv' | 'ofx' | 'qif' } : {}),
      });
      const summary = importSummary(r);
      c.print(summary, () => {
        const lines = [`Imported ${r.imported} line${r.imported === 1 ? '' : 's'} (${r.format ?? '?'}${r.preset ? `, preset ${r.preset}` : ''}); ${r.skipped.length} skipped; ${r.autoMatched} matched automatically.`];
        for (const s of r.skipped) lines.push(`  skipped line ${s.line}: ${s.reason}`);
        for (const e of r.errors) lines.push(`  line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
        return lines.join('\n') + '\n';
      });
      if (r.errors.length) {
        const e = r.errors[0]!;
        c.io.stderr(
          `VALIDATION: the statement was not imported (nothing was written): line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}${r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : ''}\n`,
        );
        return 1;
      }
      return 0;
    },
  },
  'bank reconcile': {
    summary: 'Reconcile a bank account at a date against the statement balance (dry run unless --confirm)',
    usage: 'steward bank reconcile --ledger FILE --account ID --date YYYY-MM-DD --statement-balance AMOUNT [--confirm [--note TEXT]] [--json]',
    options: withLedger({ account: { type: 'string' }, date: { type: 'string' }, 'statement-balance': { type: 'string' }, confirm: { type: 'boolean' }, note: { type: 'string' } }),
    async run(c) {
      const bankAccountId = id(c, 'account');
      const d = date(c, 'date');
      const statementBalance = signedAmount(c, 'statement-balance');
      const confirm = c.values['confirm'] === true;
      const note = str(c, 'note');
      if (note !== undefined && !confirm) c.usage('--note goes with --confirm');
      await c.openLedger();
      if (confirm) {
        const r = await c.call('bank.reconcileConfirm', { bankAccountId, date: d, statementBalance, note: note ?? '' });
        c.print(r, () => `Reconciliation ${r.reconciliation.id} recorded: ${r.reconciliation.lockedEntryCount} matched entries locked up to ${d}.\n${reconcileText(r.check)}`);
        return 0;
      }
      const r = await c.call('bank.reconcile', { bankAccountId, date: d, statementBalance });
      c.print(r, () => reconcileText(r));
      if (!r.ok) {
        c.io.stderr(`UNBALANCED: ${r.differences.map((x) => x.message).join(' ')}\n`);
        return 1;
      }
      return 0;
    },
  },
};
