/**
 * CSV column mappings and the presets for UK banks' CSV exports. Presets are data: a name, a
 * mapping and a note of where the layout comes from. None is verified against the bank's own
 * documentation (see docs/banking.md): each is a commonly reported layout.
 *
 * `reference` is mapped only to a column that holds the payer's or payee's reference, never to a
 * transaction-type code (DD, FPO, DEB), which would only add noise to matching by reference.
 */
import type { CsvMapping } from './types';

export interface Preset {
  label: string;
  mapping: CsvMapping;
  /** True only when the layout was checked against the bank's own published documentation. */
  verified: boolean;
  note: string;
}

export const PRESETS = {
  barclays: {
    label: 'Barclays',
    mapping: {
      date: 'Date',
      amount: 'Amount',
      description: ['Memo'],
      dateFormat: 'dd/mm/yyyy',
    },
    verified: false,
    note: 'Number,Date,Account,Amount,Subcategory,Memo; one signed amount; no balance.',
  },
  hsbc: {
    label: 'HSBC',
    mapping: { date: 0, description: [1], amount: 2, headerRow: 0, dateFormat: 'auto' },
    verified: false,
    note: 'No header row: date, description, signed amount.',
  },
  lloyds: {
    label: 'Lloyds',
    mapping: {
      date: 'Transaction Date',
      description: ['Transaction Description'],
      paidOut: 'Debit Amount',
      paidIn: 'Credit Amount',
      balance: 'Balance',
      dateFormat: 'dd/mm/yyyy',
    },
    verified: false,
    note: 'Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,Debit Amount,Credit Amount,Balance.',
  },
  halifax: {
    label: 'Halifax / Bank of Scotland',
    mapping: {
      date: 'Transaction Date',
      description: ['Transaction Description'],
      paidOut: 'Debit Amount',
      paidIn: 'Credit Amount',
      balance: 'Balance',
      dateFormat: 'dd/mm/yyyy',
    },
    verified: false,
    note: 'Same layout as Lloyds (same banking group).',
  },
  natwest: {
    label: 'NatWest / RBS',
    mapping: {
      date: 'Date',
      description: ['Description'],
      amount: 'Value',
      balance: 'Balance',
      dateFormat: 'auto',
    },
    verified: false,
    note: 'Date, Type, Description, Value, Balance, Account Name, Account Number (header cells have leading spaces).',
  },
  santander: {
    label: 'Santander',
    mapping: {
      date: 'Date',
      description: ['Description'],
      paidIn: 'Money in',
      paidOut: 'Money out',
      balance: 'Balance',
      dateFormat: 'auto',
    },
    verified: false,
    note: 'Date, Description, Money in, Money out, Balance. Least certain of the presets.',
  },
  nationwide: {
    label: 'Nationwide',
    mapping: {
      date: 'Date',
      description: ['Transaction type', 'Description'],
      paidOut: 'Paid out',
      paidIn: 'Paid in',
      balance: 'Balance',
      dateFormat: 'd mmm yyyy',
    },
    verified: false,
    note: 'Preamble ("Account Name:", "Account Balance:", "Available Balance:", blank), then Date,Transaction type,Description,Paid out,Paid in,Balance; dates like 12 Mar 2026; £ in Windows-1252.',
  },
  monzo: {
    label: 'Monzo',
    mapping: {
      id: 'Transaction ID',
      date: 'Date',
      description: ['Name'],
      reference: 'Description',
      amount: 'Amount',
      dateFormat: 'dd/mm/yyyy',
    },
    verified: false,
    note: 'Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In.',
  },
  starling: {
    label: 'Starling',
    mapping: {
      date: 'Date',
      description: ['Counter Party'],
      reference: 'Reference',
      amount: 'Amount (GBP)',
      balance: 'Balance (GBP)',
      dateFormat: 'dd/mm/yyyy',
    },
    verified: false,
    note: 'Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category,Notes.',
  },
  generic: {
    label: 'Generic (Date, Description, Amount, Balance)',
    mapping: { date: 'Date', description: ['Description'], amount: 'Amount', balance: 'Balance', dateFormat: 'auto' },
    verified: false,
    note: 'A plain layout for files made by hand or by other software.',
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name);
}

/** A fresh, mutable copy of a preset's mapping (safe to edit in a mapping step). */
export function presetMapping(name: PresetName): CsvMapping {
  const m: CsvMapping = PRESETS[name].mapping;
  return structuredClone(m);
}

/** The header names a mapping needs (its string column references). */
export function namedColumns(mapping: CsvMapping): string[] {
  const refs = [mapping.date, mapping.amount, mapping.paidIn, mapping.paidOut, ...mapping.description, mapping.reference, mapping.balance, mapping.id];
  const out: string[] = [];
  for (const r of refs) if (typeof r === 'string' && !out.includes(r)) out.push(r);
  return out;
}

export function normaliseHeader(cell: string): string {
  return cell.replace(/^\ufeff/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Problems with a mapping itself, before any file is read. */
export function checkMapping(mapping: CsvMapping): string[] {
  const problems: string[] = [];
  const refs: [string, unknown][] = [
    ['date', mapping.date],
    ['amount', mapping.amount],
    ['paidIn', mapping.paidIn],
    ['paidOut', mapping.paidOut],
    ['reference', mapping.reference],
    ['balance', mapping.balance],
    ['id', mapping.id],
  ];
  if (!Array.isArray(mapping.description)) problems.push('description must be a list of columns');
  else mapping.description.forEach((d, i) => refs.push([`description[${i}]`, d]));
  for (const [name, r] of refs) {
    if (r === undefined) continue;
    if (typeof r === 'number' ? !(Number.isInteger(r) && r >= 0 && r < 10000) : typeof r !== 'string' || r.trim() === '') {
      problems.push(`${name} must be a column name or a zero-based column number`);
    }
  }
  if (mapping.date === undefined) problems.push('a date column is required');
  const hasAmount = mapping.amount !== undefined;
  const hasSplit = mapping.paidIn !== undefined || mapping.paidOut !== undefined;
  if (hasAmount && hasSplit) problems.push('give either an amount column or paid-in/paid-out columns, not both');
  if (!hasAmount && !hasSplit) problems.push('an amount column, or paid-in and/or paid-out columns, is required');
  if (mapping.headerRow !== undefined && !(Number.isInteger(mapping.headerRow) && mapping.headerRow >= 0)) {
    problems.push('headerRow must be a line number (1-based), or 0 for no header');
  }
  if (mapping.headerRow === 0 && namedColumns(mapping).length > 0) {
    problems.push('with no header row (headerRow 0) columns must be given by number');
  }
  return problems;
}
