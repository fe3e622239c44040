/**
 * Words for the client page: entry kinds, sources, authorisation methods, statuses, and the one
 * line that describes a journal entry. No money arithmetic here: amounts stay integer pence.
 */
import type { ClientDetail, TransactionRow } from '../../../shared/contract-money';
import { CATEGORY_LABEL, ENTRY_KIND_LABEL, type AuthMethod, type Category } from '../../../shared/domain';

export const KIND_LABEL = ENTRY_KIND_LABEL;

export const SOURCE_LABEL: Record<string, string> = {
  council: 'Council or NHS funding',
  contribution: 'Client contribution',
  other: 'Other income',
};

export const AUTH_METHOD_LABEL: Record<AuthMethod, string> = {
  written: 'In writing',
  email: 'By email',
  phone: 'By phone',
  'in-person': 'In person',
};

export const STATUS_LABEL: Record<string, string> = {
  active: 'Active',
  suspended: 'Suspended',
  ended: 'Ended',
};

export function categoryLabel(c: string | null): string | null {
  if (c === null) return null;
  return c in CATEGORY_LABEL ? CATEGORY_LABEL[c as Category] : c;
}

export function authMethodLabel(m: string): string {
  return m in AUTH_METHOD_LABEL ? AUTH_METHOD_LABEL[m as AuthMethod] : m;
}

/** The client's display name: "Margaret Okafor (Maggie)". */
export function clientName(c: { name: string; preferredName: string }): string {
  return c.preferredName && c.preferredName !== c.name ? `${c.name} (${c.preferredName})` : c.name;
}

/** Who paid a receipt, in words. One funder is named; with several, the kind of income is. */
export function receiptFrom(source: string | null, funders: ClientDetail['funders']): string {
  if (source === 'council' && funders.length === 1) return funders[0]!.name;
  return SOURCE_LABEL[source ?? ''] ?? 'Unknown source';
}

/** The headline of a transaction row: "Payment to Bright Days Care", "Receipt from Riverside Council". */
export function describeRow(row: Pick<TransactionRow, 'kind' | 'source' | 'payeeName' | 'reversesId'>, funders: ClientDetail['funders']): string {
  switch (row.kind) {
    case 'receipt':
      return `Receipt from ${receiptFrom(row.source, funders)}`;
    case 'payment':
      return `Payment to ${row.payeeName ?? 'an unnamed payee'}`;
    case 'refund':
      return `Refund to ${row.payeeName ?? 'an unnamed payee'}`;
    case 'reversal':
      return `Reversal of entry #${row.reversesId ?? '?'}`;
    default:
      return `${KIND_LABEL[row.kind] ?? row.kind}${row.payeeName ? `: ${row.payeeName}` : ''}`;
  }
}

/** What the category column says: the spending category, or for money in the kind of income. */
export function rowCategory(row: Pick<TransactionRow, 'category' | 'source'>): string {
  return categoryLabel(row.category) ?? (row.source ? (SOURCE_LABEL[row.source] ?? row.source) : '—');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "4.3 weeks"; null when there is no weekly funding to divide by. */
export function formatWeeks(weeks: number | null): string | null {
  if (weeks === null || !Number.isFinite(weeks)) return null;
  const rounded = Math.round(weeks * 10) / 10;
  return `${rounded.toFixed(1)} ${rounded === 1 ? 'week' : 'weeks'}`;
}

/** The later of two ISO dates. */
export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}
