/**
 * Flag readers shared by the CLI commands: each checks one flag before the ledger is opened and,
 * when it is wrong, stops with a usage error (exit 2) that names the flag and says what to write.
 */
import type { CliContext, Options } from './cli';
import { isIsoDate } from '../shared/dates';

/** Every ledger command takes --ledger (plus the common flags cli.ts adds). */
export const withLedger = (extra: Options): Options => ({ ledger: { type: 'string' }, ...extra });

/** An optional text flag: absent → undefined; present but empty → usage error. */
export function str(c: CliContext, name: string): string | undefined {
  const v = c.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return c.usage(`--${name} takes a value`);
  if (v.trim() === '') return c.usage(`--${name} cannot be empty`);
  return v;
}

export function req(c: CliContext, name: string): string {
  return str(c, name) ?? c.usage(`--${name} is required`);
}

/** A positive whole-number id. */
export function id(c: CliContext, name: string): number {
  const t = req(c, name).trim();
  if (!/^[1-9]\d{0,14}$/.test(t)) return c.usage(`--${name}: "${t}" is not an id (ids are positive whole numbers, like 12)`);
  return Number(t);
}

/** An optional real calendar date written YYYY-MM-DD, 1900–2199. */
export function optDate(c: CliContext, name: string): string | undefined {
  const v = str(c, name);
  if (v === undefined) return undefined;
  const t = v.trim();
  if (!isIsoDate(t)) return c.usage(`--${name}: "${t}" is not a date: write a real date as YYYY-MM-DD (for example 2026-04-30)`);
  if (t < '1900-01-01' || t > '2199-12-31') return c.usage(`--${name}: ${t} is out of range (1900-01-01 to 2199-12-31)`);
  return t;
}

export function date(c: CliContext, name: string): string {
  return optDate(c, name) ?? c.usage(`--${name} is required`);
}

/** --from and --to, refusing an end before the start. */
export function period(c: CliContext): { from: string; to: string } {
  const from = date(c, 'from');
  const to = date(c, 'to');
  if (to < from) c.usage(`--to: the period ends (${to}) before it starts (${from}): choose an end date on or after the start date`);
  return { from, to };
}
