/**
 * The reports the Reports screen offers, and how each one turns into an api request: one file in
 * memory (report.file: preview, download, print) or a job writing into a folder (report.run).
 * The request shapes are those of shared/contract-reports.ts.
 */
import type { ClientSelection, FileRequest, JobRequest, StatementVariant } from '../../../shared/contract-reports';

export type ReportChoice = 'statement' | 'return' | 'evidence-pack' | 'accountant' | 'xero' | 'sage' | 'hledger';
export type ReturnFormat = 'pdf' | 'xlsx';

export interface ReportInfo {
  key: ReportChoice;
  label: string;
  /** One line under the label: what the report is and who it is for. */
  about: string;
  /** True when the report is made for each chosen client (false: one file for the whole organisation). */
  perClient: boolean;
}

export const REPORTS: readonly ReportInfo[] = [
  { key: 'statement', label: 'Client statement', about: 'Money in, money out and the balance for the period, for the client or their family (PDF).', perClient: true },
  { key: 'return', label: 'Council monitoring return', about: 'What the council asks for each period: funding received, spending by category, balance held and any surplus (PDF or Excel).', perClient: true },
  { key: 'evidence-pack', label: 'Evidence pack', about: 'The return (PDF and Excel), the statement, pay-run summaries, payslips and the receipts and invoices attached in the period, with a list of them all, in one zip file for the council.', perClient: true },
  { key: 'accountant', label: 'Accountant pack', about: 'Trial balances, the journal, the payroll journal, client balances and the pooled account check, for the whole organisation (Excel).', perClient: false },
  { key: 'xero', label: 'Xero CSV', about: 'Manual journals for import into Xero (CSV).', perClient: false },
  { key: 'sage', label: 'Sage CSV', about: 'Journals for import into Sage (CSV).', perClient: false },
  { key: 'hledger', label: 'hledger journal', about: 'The ledger as a plain-text hledger journal, for checking with hledger or another plain-text accounting tool.', perClient: false },
];

export const VARIANT_LABEL: Record<StatementVariant, string> = {
  'client-choice': "Each client's choice",
  standard: 'Standard',
  'easy-read': 'Easy read',
};

export interface ReportForm {
  choice: ReportChoice;
  variant: StatementVariant;
  returnFormat: ReturnFormat;
  from: string;
  to: string;
  /** hledger only: the whole ledger up to `to` (opening balances included) rather than from..to. */
  wholeLedger: boolean;
}

export function reportInfo(choice: ReportChoice): ReportInfo {
  const info = REPORTS.find((r) => r.key === choice);
  if (!info) throw new Error(`Unknown report ${choice}`);
  return info;
}

/** The single file for one client (or the organisation): what Preview, Download and Print ask for. */
export function fileRequest(f: ReportForm, clientId: number | null): FileRequest | null {
  const period = { from: f.from, to: f.to };
  switch (f.choice) {
    case 'statement':
      return clientId === null ? null : { kind: 'statement', clientId, ...period, variant: f.variant };
    case 'return':
      return clientId === null ? null : { kind: f.returnFormat === 'pdf' ? 'return-pdf' : 'return-xlsx', clientId, ...period };
    case 'evidence-pack':
      return clientId === null ? null : { kind: 'evidence-pack', clientId, ...period };
    case 'accountant':
    case 'xero':
    case 'sage':
      return { kind: f.choice, ...period };
    case 'hledger':
      return f.wholeLedger ? { kind: 'hledger', to: f.to } : { kind: 'hledger', ...period };
  }
}

/** The job that writes the report into a folder (for every chosen client when per client). */
export function jobRequest(f: ReportForm, clientIds: readonly number[]): JobRequest | null {
  const period = { from: f.from, to: f.to };
  const clients: ClientSelection | null = clientIds.length > 0 ? { clientIds: [...clientIds] } : null;
  switch (f.choice) {
    case 'statement':
      return clients ? { kind: 'statements', clients, ...period, variant: f.variant } : null;
    case 'return':
    case 'evidence-pack':
      return clients ? { kind: 'returns', clients, ...period } : null;
    case 'accountant':
    case 'xero':
    case 'sage':
      return { kind: f.choice, ...period };
    case 'hledger':
      return f.wholeLedger ? { kind: 'hledger', to: f.to } : { kind: 'hledger', ...period };
  }
}

/** True when the file is a PDF, so it can be previewed here and printed. */
export function isPdf(f: ReportForm): boolean {
  return f.choice === 'statement' || (f.choice === 'return' && f.returnFormat === 'pdf');
}

/** Why there is no preview, for the kinds that are not PDFs. */
export function noPreviewReason(f: ReportForm): string {
  switch (f.choice) {
    case 'return':
      return 'Preview shows PDFs only. The Excel return is a spreadsheet: download it and open it in Excel or LibreOffice.';
    case 'evidence-pack':
      return 'Preview shows PDFs only. The evidence pack is a zip of many files: download it and open it to see them.';
    case 'accountant':
      return 'Preview shows PDFs only. The accountant pack is a workbook with several sheets: download it and open it in Excel or LibreOffice.';
    case 'xero':
    case 'sage':
      return 'Preview shows PDFs only. This CSV file is meant for importing into the accounts software: download it and import it there.';
    case 'hledger':
      return 'Preview shows PDFs only. The hledger journal is plain text: download it and open it with hledger or a text editor.';
    default:
      return '';
  }
}

/** What "Write to folder" writes, said before it runs. */
export function jobDescription(f: ReportForm, count: number): string {
  const each = count === 1 ? 'the client chosen' : `each of the ${count} clients chosen`;
  switch (f.choice) {
    case 'statement':
      return `Write to folder makes a statement PDF for ${each}.`;
    case 'return':
    case 'evidence-pack':
      return `Write to folder makes, for ${each}, the return as PDF and Excel and its evidence pack (zip).`;
    case 'accountant':
      return 'One workbook for the whole organisation.';
    case 'xero':
    case 'sage':
      return 'One CSV file for the whole organisation.';
    case 'hledger':
      return 'One journal file for the whole organisation.';
  }
}

/** Same check as the contract's Period: both dates given, and the end on or after the start. */
export const END_BEFORE_START = 'The period ends before it starts: choose an end date on or after the start date';

export function periodProblem(f: ReportForm): { field: 'from' | 'to'; message: string } | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  const needsFrom = !(f.choice === 'hledger' && f.wholeLedger);
  if (needsFrom && !iso.test(f.from)) return { field: 'from', message: 'Enter the first day of the period.' };
  if (!iso.test(f.to)) return { field: 'to', message: 'Enter the last day of the period.' };
  if (needsFrom && f.to < f.from) return { field: 'to', message: END_BEFORE_START };
  return null;
}

/** "12.3 KB"-style file size. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Bytes of a base64 file from the api. */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Lower case with accents removed, so "chloe" finds "Chloë". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
