/**
 * The hledger / ledger-cli journal: plain text any plain-text-accounting tool reads.
 *
 * Syntax (hledger manual, "Journal format": transactions, postings separated from amounts by two
 * or more spaces, `;` comments and `name:value` tags, the `commodity` directive; checked with
 * Debian's hledger 1.25 in test/unit/reports/exports/hledger.test.ts):
 *
 *   commodity £1,000.00
 *
 *   2025-04-03 (1234) Receipt: REF-1 - Barset Council  ; entry:1234, client:C0012, kind:receipt
 *       clients:C0012 Amara Okafor:assets:bank            £1,200.00
 *       clients:C0012 Amara Okafor:income:council        -£1,200.00
 *
 * One transaction per journal entry, postings to accounts named per client. Names are kept
 * hledger-safe: no `:` (the account separator), no `;` (a comment), no `|`, no tab and never two
 * spaces in a row (two spaces end an account name). With a `from` date, the balances brought
 * forward are one "Opening balances" transaction dated the day before.
 */
import { ENTRY_KIND_LABEL } from '../../../shared/domain';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { addDays } from '../../../shared/dates';
import { formatPence } from '../../../shared/money';
import type { OutputMeta } from '../../payroll/outputs/common';
import { clientLinesStatement, countLines, exportClients, Pacer, type ExportClient, type LineRow } from './read';
import type { RunHooks } from '../types';
import { TextSink } from './text';

/** Text safe inside an hledger account name or description. */
export function hledgerSafe(s: string): string {
  const t = s.replace(/[;:|\t\r\n]/g, ' ').replace(/\s+/g, ' ').trim();
  return t === '' ? 'unnamed' : t;
}

const TYPE_ROOT: Record<string, string> = { bank: 'assets', expense: 'expenses', income: 'income', liability: 'liabilities', equity: 'equity' };

/** "clients:C0012 Amara Okafor:assets:bank", "…:expenses:pa-wages", "…:liabilities:paye-ni". */
export function hledgerAccount(client: Pick<ExportClient, 'code' | 'name'>, code: string): string {
  const [head, ...rest] = code.split(':');
  const root = TYPE_ROOT[head ?? ''] ?? hledgerSafe(head ?? 'other');
  const tail = head === 'bank' ? ['bank'] : rest.map(hledgerSafe);
  return ['clients', hledgerSafe(`${client.code} ${client.name}`), root, ...tail].join(':');
}

function posting(account: string, pence: number): string {
  return `    ${account.padEnd(60)}  ${formatPence(pence).padStart(14)}\n`;
}


function description(l: LineRow): string {
  const parts = [l.reference, l.payee, l.memo].map((p) => p.trim()).filter((p) => p !== '');
  const head = ENTRY_KIND_LABEL[l.kind] ?? l.kind;
  const text = l.reverses !== null ? `${head} of entry ${l.reverses}${parts.length ? ` - ${parts.join(' - ')}` : ''}` : `${head}${parts.length ? ` - ${parts.join(' - ')}` : ''}`;
  return hledgerSafe(text).slice(0, 200);
}

export interface HledgerRange {
  from: string | null;
  to: string;
}

export async function writeHledger(db: Database, meta: OutputMeta, range: HledgerRange, tmpPath: string, hooks: RunHooks): Promise<number> {
  const from = range.from ?? '0000-01-01';
  const clients = exportClients(db);
  const pacer = new Pacer(hooks, countLines(db, from, range.to));
  const out = new TextSink(tmpPath);
  try {
    out.write(`; Steward ledger export for hledger / ledger-cli\n`);
    out.write(`; Organisation: ${hledgerSafe(meta.organisationName || 'Steward')}\n`);
    out.write(`; ${range.from ? `From ${range.from} to ${range.to}` : `The whole ledger to ${range.to}`}; generated ${meta.generatedOn}.\n`);
    out.write(`; Amounts in pounds sterling; debits positive. Entry numbers are Steward's journal entry ids.\n\n`);
    out.write(`commodity £1,000.00\n\n`);

    if (range.from !== null) {
      // Balances brought forward: every account's balance before `from`, one transaction. Each
      // client's accounts sum to zero (every entry balances), so the transaction balances too.
      const rows = db
        .prepare(
          `SELECT a.client_id AS clientId, a.code AS code, SUM(l.amount) AS balance
             FROM accounts a JOIN journal_lines l ON l.account_id = a.id AND l.date < ?
            GROUP BY a.id HAVING SUM(l.amount) <> 0 ORDER BY a.client_id, a.id`,
        )
        .all(range.from) as Array<{ clientId: number; code: string; balance: number }>;
      if (rows.length) {
        const byId = new Map(clients.map((c) => [c.id, c]));
        out.write(`${addDays(range.from, -1)} Opening balances  ; opening:\n`);
        for (const r of rows) out.write(posting(hledgerAccount(byId.get(r.clientId)!, r.code), r.balance));
        out.write('\n');
      }
    }

    const stmt = clientLinesStatement(db);
    for (const c of clients) {
      let n = 0;
      let current = -1;
      for (const l of stmt.iterate(c.id, from, range.to) as IterableIterator<LineRow>) {
        if (l.entryId !== current) {
          if (current !== -1) out.write('\n');
          current = l.entryId;
          const tags = [`entry:${l.entryId}`, `client:${c.code}`, `kind:${hledgerSafe(l.kind)}`, ...(l.reverses !== null ? [`reverses:${l.reverses}`] : [])];
          out.write(`${l.date} (${l.entryId}) ${description(l)}  ; ${tags.join(', ')}\n`);
        }
        out.write(posting(hledgerAccount(c, l.code), l.amount));
        n++;
      }
      if (current !== -1) out.write('\n');
      out.lines += n;
      await pacer.step(n);
    }
    pacer.finish();
  } finally {
    out.close();
  }
  return out.lines;
}
