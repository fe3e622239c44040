/**
 * Xero and Sage journal CSVs for a period: every journal line, grouped by journal entry, each
 * entry balanced in the file. Amounts are pounds with two decimals made from integer pence
 * (penceToDecimal: no floating point). docs/exports.md lists the columns, the account mapping
 * and where each format comes from.
 *
 * Xero: the "manual journal" import template (Xero Central, "Add, import and post manual
 *   journals" / help.xero.com ManualJournalsImport): Narration, Date, Description, AccountCode,
 *   TaxRate, Amount (debit positive, credit negative), TrackingName1/TrackingOption1,
 *   TrackingName2/TrackingOption2; rows with the same Narration and Date become one journal, so
 *   each entry's narration is unique (it carries the entry id). The client is the tracking option
 *   of a "Client" tracking category.
 * Sage 50: the "Audit Trail Transactions" import (Sage 50 Data Import; field list as published by
 *   Sage resellers, e.g. makingithappen.co.uk "Standard Sage 50 Imports - Audit Trail Records"):
 *   Type (JD journal debit / JC journal credit), Account Reference, Nominal A/C Ref, Department
 *   Code, Date, Reference, Details, Net Amount (positive), Tax Code (T9: outside the scope of VAT),
 *   Tax Amount, Exchange Rate, Extra Reference. Reference is the entry ("ST1234"); the client's
 *   code is in Extra Reference and at the start of Details.
 * Both are from public documentation, not checked against a live import: see docs/exports.md.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StewardError } from '../../../shared/errors';
import { penceToDecimal } from '../../../shared/money';
import type { RunHooks } from '../types';
import { clientLinesStatement, countLines, exportClients, Pacer, type ExportClient, type LineRow } from './read';
import { csvField, csvRow, csvText, TextSink, ukDate } from './text';

/**
 * Steward's account codes (shared/domain.ts CLIENT_CHART, the same for every client) to nominal
 * codes. Where Sage 50's standard UK chart has the account, its code is used (1200 bank, 4000
 * sales, 4900 miscellaneous income, 7000 gross wages, 7006 employer's NI, 7007 employer's
 * pensions, 2109 accruals, 2210 PAYE, 2220 net wages, 2230 pension fund, 3200 profit and loss);
 * the rest take free codes in the right range. The same codes serve Xero (create them there, or
 * change the codes in the file). Steward keeps clients apart by the client column, not by code.
 */
export const NOMINAL: Readonly<Record<string, { code: string; name: string }>> = {
  bank: { code: '1200', name: 'Client money at bank' },
  'income:council': { code: '4000', name: 'Council or NHS funding' },
  'income:contribution': { code: '4010', name: 'Client contributions' },
  'income:other': { code: '4900', name: 'Other income' },
  'expense:pa-wages': { code: '7000', name: 'PA wages (gross)' },
  'expense:employer-ni': { code: '7006', name: "Employer's NI" },
  'expense:pension': { code: '7007', name: 'Employer pension' },
  'expense:agency': { code: '7100', name: 'Agency care' },
  'expense:respite': { code: '7110', name: 'Respite and short breaks' },
  'expense:activities': { code: '7120', name: 'Day and community activities' },
  'expense:equipment': { code: '7130', name: 'Equipment' },
  'expense:transport': { code: '7140', name: 'Transport' },
  'expense:insurance': { code: '7150', name: 'Insurance' },
  'expense:therapies': { code: '7160', name: 'Therapies' },
  'expense:fees': { code: '7170', name: 'Management and payroll fees' },
  'expense:other': { code: '7190', name: 'Other care costs' },
  'liability:invoices': { code: '2109', name: 'Invoices payable (accruals)' },
  'liability:holiday-accrual': { code: '2110', name: 'Accrued holiday pay' },
  'liability:funder-refund': { code: '2150', name: 'Surplus owed to funders' },
  'liability:paye-ni': { code: '2210', name: 'PAYE and NI payable' },
  'liability:net-wages': { code: '2220', name: 'Net wages payable' },
  'liability:pension': { code: '2230', name: 'Pension payable' },
  'equity:contingency-reserve': { code: '3100', name: 'Contingency reserve' },
  'equity:redundancy-reserve': { code: '3110', name: 'Redundancy reserve' },
  'equity:fund': { code: '3200', name: 'General fund' },
};
/** Any code not in the table (none today) goes to suspense, so nothing is silently dropped. */
export const SUSPENSE = { code: '9998', name: 'Suspense' };

export function nominalOf(code: string): { code: string; name: string } {
  return NOMINAL[code] ?? SUSPENSE;
}

export const XERO_COLUMNS = ['*Narration', '*Date', 'Description', '*AccountCode', '*TaxRate', '*Amount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2'] as const;
export const SAGE_COLUMNS = [
  'Type',
  'Account Reference',
  'Nominal A/C Ref',
  'Department Code',
  'Date',
  'Reference',
  'Details',
  'Net Amount',
  'Tax Code',
  'Tax Amount',
  'Exchange Rate',
  'Extra Reference',
] as const;

/** Xero's UK tax rate for amounts outside VAT (care funds are not a taxable supply here). */
export const XERO_TAX_RATE = 'No VAT';
/** Sage's tax code for transactions outside the scope of VAT. */
export const SAGE_TAX_CODE = 'T9';

const KIND: Record<string, string> = { receipt: 'Receipt', payment: 'Payment', reversal: 'Reversal', refund: 'Refund', transfer: 'Transfer', payroll: 'Payroll', adjustment: 'Adjustment' };

function entryText(l: LineRow): string {
  const head = l.reverses !== null ? `Reversal of entry ${l.reverses}` : (KIND[l.kind] ?? l.kind);
  return [head, l.reference, l.payee].map((s) => s.trim()).filter((s) => s !== '').join(' - ');
}

function xeroRows(c: ExportClient, lines: LineRow[]): string {
  const first = lines[0]!;
  const narration = csvText(`Steward entry ${first.entryId} - ${c.code} ${c.name} - ${entryText(first)}`);
  const option = csvText(`${c.code} ${c.name}`.slice(0, 100));
  return lines
    .map((l) => {
      const nominal = nominalOf(l.code);
      const desc = csvText([l.accountName, l.memo].map((s) => s.trim()).filter((s) => s !== '').join(' - '));
      return csvRow([narration, ukDate(l.date), desc, nominal.code, XERO_TAX_RATE, penceToDecimal(l.amount), 'Client', option, '', '']);
    })
    .join('');
}

function sageRows(c: ExportClient, lines: LineRow[]): string {
  const first = lines[0]!;
  // Sage 50 field limits: Reference 30 characters, Details 60.
  const details = csvText(`${c.code} ${c.name}: ${entryText(first)}`.slice(0, 60));
  return lines
    .map((l) =>
      csvRow([l.amount > 0 ? 'JD' : 'JC', '', nominalOf(l.code).code, '0', ukDate(l.date), csvField(`ST${l.entryId}`), details, penceToDecimal(Math.abs(l.amount)), SAGE_TAX_CODE, '0.00', '', csvField(c.code)]),
    )
    .join('');
}

export async function writeJournalCsv(db: Database, kind: 'xero' | 'sage', from: string, to: string, tmpPath: string, hooks: RunHooks): Promise<number> {
  const clients = exportClients(db);
  const pacer = new Pacer(hooks, countLines(db, from, to));
  const out = new TextSink(tmpPath);
  const rowsOf = kind === 'xero' ? xeroRows : sageRows;
  try {
    out.write(csvRow([...(kind === 'xero' ? XERO_COLUMNS : SAGE_COLUMNS)]));
    const stmt = clientLinesStatement(db);
    for (const c of clients) {
      let n = 0;
      let entry: LineRow[] = [];
      const flushEntry = (): void => {
        if (entry.length === 0) return;
        const sum = entry.reduce((t, l) => t + l.amount, 0);
        if (sum !== 0) throw new StewardError('UNBALANCED', `Journal entry ${entry[0]!.entryId} does not balance (${sum} pence); run "steward verify" and contact support. No file was written.`);
        out.write(rowsOf(c, entry));
        n += entry.length;
        entry = [];
      };
      for (const l of stmt.iterate(c.id, from, to) as IterableIterator<LineRow>) {
        if (entry.length && entry[0]!.entryId !== l.entryId) flushEntry();
        entry.push(l);
      }
      flushEntry();
      out.lines += n;
      await pacer.step(n);
    }
    pacer.finish();
  } finally {
    out.close();
  }
  return out.lines;
}
