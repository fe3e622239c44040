/** Helpers shared by the planning modules: stamps, lookups that answer VALIDATION naming the field. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_FUNDER_RULES, FunderRules } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { cached } from '../store/statements';

/** When and by whom a write is made; today is the app clock's day (Europe/London). */
export interface PlanningStamp {
  at: string;
  actor: string;
  today: string;
}

export function invalid(where: string, message: string, details?: Record<string, unknown>): never {
  throw new StewardError('VALIDATION', message, details === undefined ? { where } : { where, details });
}

export interface ClientRef {
  id: number;
  name: string;
  arrangement: string;
  status: string;
}

/** The client, or VALIDATION naming `where` (an id given in the input that does not exist). */
export function clientRef(db: Database, clientId: number, where = 'clientId'): ClientRef {
  const r = cached(db, 'SELECT id, name, arrangement, status FROM clients WHERE id = ?').get(clientId) as ClientRef | undefined;
  if (!r) invalid(where, `There is no client ${clientId}. Run "steward client list" to see client ids.`);
  return r;
}

export function providerRef(db: Database, id: number, where: string): { id: number; name: string; type: string } {
  const r = cached(db, 'SELECT id, name, type FROM providers WHERE id = ?').get(id) as { id: number; name: string; type: string } | undefined;
  if (!r) invalid(where, `There is no provider ${id} in the directory. Add it with provider.create, or pick one from provider.list.`);
  return r;
}

/** A PA employed by this client, or VALIDATION naming `where`. */
export function paRef(db: Database, id: number, clientId: number, where: string): { id: number; name: string } {
  const r = cached(db, 'SELECT id, name, client_id AS clientId FROM pas WHERE id = ?').get(id) as { id: number; name: string; clientId: number } | undefined;
  if (!r) invalid(where, `There is no PA ${id}. Run "steward pa list --client ${clientId}" to see PA ids.`);
  if (r.clientId !== clientId) invalid(where, `PA ${id} (${r.name}) is employed by another client, not client ${clientId}.`);
  return r;
}

/** The funder rules that apply to a client: each of its funders' rules, stored rules merged over the defaults. */
export function clientFunderRules(db: Database, clientId: number): FunderRules[] {
  const rows = cached(db, 'SELECT f.rules_json AS rules FROM client_funders cf JOIN funders f ON f.id = cf.funder_id WHERE cf.client_id = ? ORDER BY f.id').all(clientId) as Array<{
    rules: string;
  }>;
  return rows.map((r) => FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...(JSON.parse(r.rules) as object) }));
}

/** Weeks to the first review: the strictest (smallest) of the client's funders' firstReviewWeeks; 26 without a funder. */
export function firstReviewWeeks(db: Database, clientId: number): number {
  const rules = clientFunderRules(db, clientId);
  return rules.length ? Math.min(...rules.map((r) => r.firstReviewWeeks)) : DEFAULT_FUNDER_RULES.firstReviewWeeks;
}

export function bool(n: number): boolean {
  return n === 1;
}
