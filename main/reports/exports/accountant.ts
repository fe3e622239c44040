/**
 * The accountant pack: one Excel workbook for a period, written with exceljs's streaming writer so
 * a ledger of millions of journal lines never sits in memory. Each sheet is finished (committed)
 * before the next begins, rows are committed as they are made, and the export waits for the
 * writer's output to drain every few thousand lines.
 *
 * Sheets: Trial balance (by account code, all clients together), Trial balance by client,
 * Journal (every line in the period, reversals marked), Payroll journal (lines of payroll
 * entries with their pay run), Client balances (each client's bank share: opening, receipts,
 * payments, closing) and Pooled account check (each bank account's ledger balance against the sum
 * of its clients' shares; the difference must be 0; with its last reconciliation).
 *
 * Every sheet: a title, the period, a header row frozen with an autofilter, £ formats, and totals
 * as SUM formulas whose `result` is stored too (so readers that do not calculate still show it).
 * Balances are signed: debit positive, credit negative (as in the ledger).
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import { addDays, longDate } from '../../../shared/dates';
import { ENTRY_KIND_LABEL } from '../../../shared/domain';
import type { OutputMeta } from '../../payroll/outputs/common';
import type { RunHooks } from '../types';
import { BEGINNING, byChart, clientAccountTotals, clientLinesStatement, clientPayrollStatement, countLines, exportClients, Pacer, type ExportClient, type LineRow } from './read';

export const GBP = '"£"#,##0.00;[Red]-"£"#,##0.00';
export const DATE_FMT = 'dd/mm/yyyy';
export const SHEETS = ['Trial balance', 'Trial balance by client', 'Journal', 'Payroll journal', 'Client balances', 'Pooled account check'] as const;
/** Rows above the data: title, subtitle, header. */
export const HEADER_ROW = 3;

type Kind = 'text' | 'money' | 'date' | 'int';
interface Col {
  header: string;
  width: number;
  kind: Kind;
}

const money = (p: number): number => p / 100;
const excelDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const colLetter = (i: number): string => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

type Cell = string | number | Date | null | { formula: string; result: number };

/**
 * One shared style object per kind of cell (plain and bold). exceljs remembers the style id of a
 * style object it has seen (a WeakMap), so sharing them saves rendering a style for every cell,
 * which was most of the time spent on a large journal.
 */
const STYLES: Record<Kind, [Partial<ExcelJS.Style>, Partial<ExcelJS.Style>]> = {
  text: [{ numFmt: 'General' }, { numFmt: 'General', font: { bold: true } }],
  int: [{ numFmt: '0' }, { numFmt: '0', font: { bold: true } }],
  money: [{ numFmt: GBP }, { numFmt: GBP, font: { bold: true } }],
  date: [{ numFmt: DATE_FMT }, { numFmt: DATE_FMT, font: { bold: true } }],
};

/** A sheet being streamed: rows are committed as they are added. */
class SheetOut {
  readonly ws: ExcelJS.Worksheet;
  private next = HEADER_ROW + 1;
  constructor(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    title: string,
    subtitle: string,
    readonly cols: Col[],
  ) {
    this.ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }] });
    this.ws.columns = cols.map((c) => ({ width: c.width }));
    const t = this.ws.getRow(1);
    t.getCell(1).value = title;
    t.getCell(1).font = { bold: true, size: 14 };
    t.commit();
    const s = this.ws.getRow(2);
    s.getCell(1).value = subtitle;
    s.getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
    s.commit();
    const h = this.ws.getRow(HEADER_ROW);
    cols.forEach((c, i) => {
      const cell = h.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
      cell.border = { bottom: { style: 'thin' } };
      cell.alignment = { vertical: 'middle', horizontal: c.kind === 'money' || c.kind === 'int' ? 'right' : 'left', wrapText: true };
    });
    h.commit();
  }

  /** Row number the next data row gets. */
  get rowNumber(): number {
    return this.next;
  }

  add(values: Cell[], opts: { bold?: boolean } = {}): void {
    const row = this.ws.getRow(this.next++);
    values.forEach((v, i) => {
      if (v === null || v === '') return;
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.style = STYLES[this.cols[i]?.kind ?? 'text'][opts.bold ? 1 : 0];
    });
    row.commit();
  }

  /** A totals row: SUM formulas (with their results) over the data rows for the given columns. */
  totals(label: string, labelCol: number, sums: Record<number, number>): number {
    const first = HEADER_ROW + 1;
    const last = this.next - 1;
    const values: Cell[] = this.cols.map(() => null);
    values[labelCol] = label;
    for (const [i, pence] of Object.entries(sums)) {
      const L = colLetter(Number(i));
      values[Number(i)] = last >= first ? { formula: `SUM(${L}${first}:${L}${last})`, result: money(pence) } : 0;
    }
    const at = this.next;
    this.add(values, { bold: true });
    return at;
  }

  finish(lastDataRow: number): void {
    this.ws.autoFilter = `A${HEADER_ROW}:${colLetter(this.cols.length - 1)}${Math.max(HEADER_ROW, lastDataRow)}`;
    this.ws.commit();
  }
}

/**
 * Wait while the writer holds more than ~4 MB not yet zipped and written (exceljs pushes rows into
 * the zip without back-pressure, so without this a fast export could outrun the disk).
 */
interface PipeLike {
  writableLength?: number;
  /** readable-stream 2 (archiver's PassThrough) has no writableLength getter, only its state. */
  _writableState?: { length?: number };
}
async function drained(ws: ExcelJS.Worksheet): Promise<void> {
  const s = (ws as unknown as { stream?: { pipes?: PipeLike[]; buffers?: Array<{ length: number }> } }).stream;
  if (!s) return;
  const pending = (): number =>
    (s.pipes ?? []).reduce((t, p) => t + (p.writableLength ?? p._writableState?.length ?? 0), 0) + (s.buffers ?? []).reduce((t, b) => t + b.length, 0);
  // Up to ~60 s per block: if the disk is that slow, carry on rather than hang.
  for (let i = 0; i < 60_000 && pending() > 4 * 1024 * 1024; i++) await new Promise((r) => setTimeout(r, 1));
}

function reversalNote(l: LineRow): string {
  if (l.reverses !== null) return `Reverses entry ${l.reverses}`;
  if (l.reversedBy !== null) return `Reversed by entry ${l.reversedBy}`;
  return '';
}

export interface AccountantResult {
  lines: number;
}

export async function writeAccountantPack(db: Database, meta: OutputMeta, from: string, to: string, tmpPath: string, hooks: RunHooks): Promise<AccountantResult> {
  const clients = exportClients(db);
  const journalLines = countLines(db, from, to);
  const payrollLines = countLines(db, from, to, true);
  let current: ExcelJS.Worksheet | null = null;
  const pacer = new Pacer(hooks, journalLines + payrollLines, () => (current ? drained(current) : Promise.resolve()));
  const org = meta.organisationName || 'Steward';
  const period = from <= BEGINNING ? `every entry to ${longDate(to)}` : `${longDate(from)} to ${longDate(to)}`;
  const sub = (extra: string): string => `${org} · ${period} · generated ${longDate(meta.generatedOn)}${extra ? ` · ${extra}` : ''}`;

  const out = fs.createWriteStream(tmpPath, { flags: 'wx' });
  const opened = new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  await opened;
  let streamError: unknown = null;
  // Keep a listener for the whole run: a write error (a full disk) must fail the export, not the app.
  out.on('error', (e) => {
    streamError ??= e;
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Steward';
  wb.title = `Accountant pack ${from} to ${to}`;
  let failed: unknown = null;
  try {
    // ---- Small aggregates first (SQL sums; a few rows per client and account).
    const totals = clientAccountTotals(db, from, to);
    const clientById = new Map(clients.map((c) => [c.id, c]));

    // 1. Trial balance, consolidated by account code.
    {
      const by = new Map<string, { name: string; type: string; opening: number; debits: number; credits: number }>();
      for (const t of totals) {
        const v = by.get(t.code) ?? { name: t.name, type: t.type, opening: 0, debits: 0, credits: 0 };
        v.opening += t.opening;
        v.debits += t.debits;
        v.credits += t.credits;
        by.set(t.code, v);
      }
      const s = new SheetOut(wb, SHEETS[0], 'Trial balance (all clients)', sub('debit balances positive, credit balances negative'), [
        { header: 'Account code', width: 28, kind: 'text' },
        { header: 'Account', width: 34, kind: 'text' },
        { header: 'Type', width: 11, kind: 'text' },
        { header: 'Opening balance', width: 17, kind: 'money' },
        { header: 'Debits', width: 17, kind: 'money' },
        { header: 'Credits', width: 17, kind: 'money' },
        { header: 'Closing balance', width: 17, kind: 'money' },
      ]);
      const sum = { o: 0, d: 0, c: 0, b: 0 };
      for (const code of [...by.keys()].sort(byChart)) {
        const v = by.get(code)!;
        const closing = v.opening + v.debits - v.credits;
        s.add([code, v.name, v.type, money(v.opening), money(v.debits), money(v.credits), money(closing)]);
        sum.o += v.opening;
        sum.d += v.debits;
        sum.c += v.credits;
        sum.b += closing;
      }
      const last = s.rowNumber - 1;
      const at = s.totals('Total', 1, { 3: sum.o, 4: sum.d, 5: sum.c, 6: sum.b });
      s.add([null, 'Debits less credits (must be 0)', null, null, { formula: `E${at}-F${at}`, result: money(sum.d - sum.c) }], { bold: true });
      s.finish(last);
    }

    // 2. Trial balance by client.
    {
      const s = new SheetOut(wb, SHEETS[1], 'Trial balance by client', sub('debit balances positive, credit balances negative'), [
        { header: 'Client code', width: 11, kind: 'text' },
        { header: 'Client', width: 28, kind: 'text' },
        { header: 'Account code', width: 28, kind: 'text' },
        { header: 'Account', width: 34, kind: 'text' },
        { header: 'Opening balance', width: 17, kind: 'money' },
        { header: 'Debits', width: 17, kind: 'money' },
        { header: 'Credits', width: 17, kind: 'money' },
        { header: 'Closing balance', width: 17, kind: 'money' },
      ]);
      const sum = { o: 0, d: 0, c: 0, b: 0 };
      for (const t of totals) {
        const c = clientById.get(t.clientId);
        const closing = t.opening + t.debits - t.credits;
        s.add([c?.code ?? String(t.clientId), c?.name ?? '', t.code, t.name, money(t.opening), money(t.debits), money(t.credits), money(closing)]);
        sum.o += t.opening;
        sum.d += t.debits;
        sum.c += t.credits;
        sum.b += closing;
      }
      const last = s.rowNumber - 1;
      s.totals('Total', 1, { 4: sum.o, 5: sum.d, 6: sum.c, 7: sum.b });
      s.finish(last);
    }

    // 3. Journal: every line in the period, streamed client by client.
    const lineSheet = async (name: string, title: string, payroll: boolean): Promise<void> => {
      const cols: Col[] = [
        { header: 'Date', width: 11, kind: 'date' },
        { header: 'Entry', width: 10, kind: 'int' },
        { header: 'Client code', width: 11, kind: 'text' },
        { header: 'Client', width: 26, kind: 'text' },
        ...(payroll ? [{ header: 'Pay run', width: 44, kind: 'text' as const }] : []),
        { header: 'Account code', width: 26, kind: 'text' },
        { header: 'Account', width: 30, kind: 'text' },
        { header: 'Debit', width: 14, kind: 'money' },
        { header: 'Credit', width: 14, kind: 'money' },
        { header: 'Reference', width: 18, kind: 'text' },
        { header: 'Payee', width: 24, kind: 'text' },
        { header: 'Kind', width: 11, kind: 'text' },
        { header: 'Memo', width: 36, kind: 'text' },
        { header: 'Reversal', width: 22, kind: 'text' },
      ];
      const s = new SheetOut(wb, name, title, sub(payroll ? 'lines of payroll entries, with their pay run' : 'every journal line; reversals are marked'), cols);
      current = s.ws;
      const stmt = payroll ? clientPayrollStatement(db) : clientLinesStatement(db);
      let debits = 0;
      let credits = 0;
      for (const c of clients) {
        let n = 0;
        for (const l of stmt.iterate(c.id, from, to) as IterableIterator<LineRow>) {
          s.add([
            excelDate(l.date),
            l.entryId,
            c.code,
            c.name,
            ...(payroll ? [l.payRun ?? ''] : []),
            l.code,
            l.accountName,
            l.amount > 0 ? money(l.amount) : null,
            l.amount < 0 ? money(-l.amount) : null,
            l.reference,
            l.payee,
            ENTRY_KIND_LABEL[l.kind] ?? l.kind,
            l.memo,
            reversalNote(l),
          ]);
          if (l.amount > 0) debits += l.amount;
          else credits -= l.amount;
          n++;
        }
        await pacer.step(n);
      }
      const last = s.rowNumber - 1;
      const dcol = payroll ? 7 : 6;
      s.totals('Total', 3, { [dcol]: debits, [dcol + 1]: credits });
      s.finish(last);
      current = null;
    };
    await lineSheet(SHEETS[2], 'Journal', false);
    await lineSheet(SHEETS[3], 'Payroll journal', true);

    // 5. Client balances: the bank share of each client.
    {
      const s = new SheetOut(wb, SHEETS[4], 'Client balances (bank share)', sub(from <= BEGINNING ? '' : `opening at ${longDate(addDays(from, -1))}`), [
        { header: 'Client code', width: 11, kind: 'text' },
        { header: 'Client', width: 28, kind: 'text' },
        { header: 'Bank account', width: 28, kind: 'text' },
        { header: 'Opening', width: 16, kind: 'money' },
        { header: 'Receipts', width: 16, kind: 'money' },
        { header: 'Payments', width: 16, kind: 'money' },
        { header: 'Closing', width: 16, kind: 'money' },
      ]);
      const bankNames = new Map((db.prepare('SELECT id, name FROM bank_accounts').all() as Array<{ id: number; name: string }>).map((b) => [b.id, b.name]));
      const bank = new Map(totals.filter((t) => t.code === 'bank').map((t) => [t.clientId, t]));
      const sum = { o: 0, r: 0, p: 0, c: 0 };
      for (const c of clients) {
        const t = bank.get(c.id) ?? { opening: 0, debits: 0, credits: 0 };
        const closing = t.opening + t.debits - t.credits;
        const r = s.rowNumber;
        s.add([c.code, c.name, bankNames.get(c.bankAccountId) ?? '', money(t.opening), money(t.debits), money(t.credits), { formula: `D${r}+E${r}-F${r}`, result: money(closing) }]);
        sum.o += t.opening;
        sum.r += t.debits;
        sum.p += t.credits;
        sum.c += closing;
      }
      const last = s.rowNumber - 1;
      s.totals('Total', 1, { 3: sum.o, 4: sum.r, 5: sum.p, 6: sum.c });
      s.finish(last);
    }

    // 6. Pooled account check, as banking's three-way check reads it (main/banking/ledger-reconcile.ts):
    // the pooled ledger (every journal line on the bank account's client accounts) against the
    // sum of the clients' own ledgers (the bank amount stored on each of their entries). Two
    // records kept apart; they differ only if the file was changed outside Steward.
    {
      const s = new SheetOut(wb, SHEETS[5], 'Pooled account check', sub(`balances at ${longDate(to)}; the difference must be £0.00`), [
        { header: 'Bank account', width: 28, kind: 'text' },
        { header: 'Kind', width: 11, kind: 'text' },
        { header: 'Clients', width: 10, kind: 'int' },
        { header: 'Ledger balance', width: 17, kind: 'money' },
        { header: "Sum of clients' entries", width: 21, kind: 'money' },
        { header: 'Difference', width: 14, kind: 'money' },
        { header: 'Last reconciled', width: 15, kind: 'date' },
        { header: 'Statement balance', width: 18, kind: 'money' },
        { header: 'Ledger at reconciliation', width: 22, kind: 'money' },
      ]);
      const accounts = db
        .prepare(
          `SELECT b.id, b.name, b.kind,
                  (SELECT COALESCE(SUM(l.amount), 0) FROM accounts a JOIN journal_lines l ON l.account_id = a.id WHERE a.bank_account_id = b.id AND l.date <= ?) AS ledger,
                  (SELECT COALESCE(SUM(e.bank_amount), 0) FROM clients c JOIN journal_entries e ON e.client_id = c.id
                    WHERE c.bank_account_id = b.id AND e.date <= ?) AS shares,
                  (SELECT COUNT(*) FROM clients c WHERE c.bank_account_id = b.id) AS clients
             FROM bank_accounts b ORDER BY b.kind DESC, b.name, b.id`,
        )
        .all(to, to) as Array<{ id: number; name: string; kind: string; ledger: number; shares: number; clients: number }>;
      const rec = db.prepare(
        'SELECT date, statement_balance AS statement, ledger_balance AS ledger FROM reconciliations WHERE bank_account_id = ? AND undone_at IS NULL AND date <= ? ORDER BY date DESC, id DESC LIMIT 1',
      );
      for (const b of accounts) {
        const r = rec.get(b.id, to) as { date: string; statement: number; ledger: number } | undefined;
        const row = s.rowNumber;
        s.add([
          b.name,
          b.kind === 'pooled' ? 'Pooled' : 'Dedicated',
          b.clients,
          money(b.ledger),
          money(b.shares),
          { formula: `D${row}-E${row}`, result: money(b.ledger - b.shares) },
          r ? excelDate(r.date) : 'never',
          r ? money(r.statement) : null,
          r ? money(r.ledger) : null,
        ]);
      }
      s.finish(s.rowNumber - 1);
    }
  } catch (err) {
    failed = err;
  }
  // Always finish the zip so the output stream closes cleanly (a cancelled or failed pack is then
  // removed by writeViaTemp: it never appears under its real name).
  if (!out.destroyed) {
    try {
      await wb.commit();
    } catch (err) {
      failed ??= err;
    }
  }
  if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
  failed ??= streamError;
  if (failed !== null) throw failed;
  pacer.finish();
  return { lines: journalLines };
}

export type { ExportClient };
