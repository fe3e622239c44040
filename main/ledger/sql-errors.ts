import { ERROR_CODES, StewardError, type ErrorCode } from '../../shared/errors';

/**
 * Triggers raise errors whose message starts with a Steward error code ("IMMUTABLE: …"). Turn
 * those into StewardErrors so a refusal by SQL reads the same as a refusal by code.
 */
export function fromSql(e: unknown): unknown {
  if (e instanceof StewardError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const m = /^([A-Z_]+): (.*)$/s.exec(msg);
  // Banking (migration 008): an entry locked by a reconciliation. Reported as CONFLICT.
  if (m && m[1] === 'RECONCILED') {
    const text = m[2]!;
    return new StewardError('CONFLICT', 'Reconciled: ' + text + (text.endsWith('.') ? '' : '.'), { cause: e, where: 'entryId', details: { reason: 'RECONCILED' } });
  }
  if (m && (ERROR_CODES as readonly string[]).includes(m[1]!)) {
    const text = m[2]!;
    return new StewardError(m[1] as ErrorCode, text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.'), { cause: e });
  }
  return e;
}

/** Run fn; rethrow trigger refusals as StewardErrors. */
export function sqlGuard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fromSql(e);
  }
}
