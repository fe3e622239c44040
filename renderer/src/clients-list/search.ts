/**
 * Client search and filters, pure. Matching is case- and accent-insensitive ("chloe" finds
 * "Chloë"); every word typed must appear in the name, preferred name or council reference.
 */
import type { AlertKind, Arrangement } from '../../../shared/domain';
import type { ClientSummary } from '../../../shared/contract-money';

/** Lower case, accents removed, apostrophes and runs of space folded: "O’Neill  Chloë" → "o'neill chloe". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchKey(c: Pick<ClientSummary, 'name' | 'preferredName' | 'councilReference'>): string {
  return fold(`${c.name} ${c.preferredName} ${c.councilReference}`);
}

/** "any": has at least one alert; "none": has none; a kind: has that kind; "": no filter. */
export type AlertFilter = '' | 'any' | 'none' | AlertKind;

export interface ClientFilters {
  query: string;
  funderId: number | null;
  arrangement: Arrangement | '';
  alert: AlertFilter;
}

export const NO_FILTERS: ClientFilters = { query: '', funderId: null, arrangement: '', alert: '' };

export interface Indexed {
  client: ClientSummary;
  key: string;
}

export function indexClients(clients: readonly ClientSummary[]): Indexed[] {
  return clients.map((client) => ({ client, key: searchKey(client) }));
}

export function filterClients(index: readonly Indexed[], f: ClientFilters): ClientSummary[] {
  const words = fold(f.query).split(' ').filter(Boolean);
  const out: ClientSummary[] = [];
  for (const { client: c, key } of index) {
    if (f.funderId !== null && !c.funderIds.includes(f.funderId)) continue;
    if (f.arrangement && c.arrangement !== f.arrangement) continue;
    if (f.alert === 'any' && c.alertKinds.length === 0) continue;
    if (f.alert === 'none' && c.alertKinds.length > 0) continue;
    if (f.alert !== '' && f.alert !== 'any' && f.alert !== 'none' && !c.alertKinds.includes(f.alert)) continue;
    if (words.length > 0 && !words.every((w) => key.includes(w))) continue;
    out.push(c);
  }
  return out;
}

export function isFiltered(f: ClientFilters): boolean {
  return f.query.trim() !== '' || f.funderId !== null || f.arrangement !== '' || f.alert !== '';
}
