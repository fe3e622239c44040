/**
 * Stable error codes. A code never changes meaning once shipped: scripts and the renderer branch on
 * it. The message is for a person and says what to do.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'LOCKED',
  'ALREADY_OPEN',
  'WEAK_PASSPHRASE',
  'WRONG_PASSPHRASE',
  'NOT_A_LEDGER',
  'CORRUPT',
  'NEWER_VERSION',
  'LEDGER_IN_USE',
  'FILE_EXISTS',
  'FILE_NOT_FOUND',
  'IO_ERROR',
  'BACKUP_FAILED',
  'REMEMBER_UNAVAILABLE',
  'FORBIDDEN',
  'UNBALANCED',
  'PERIOD_CLOSED',
  'INSUFFICIENT_FUNDS',
  'IMMUTABLE',
  'BROKEN_CHAIN',
  'AUTHORISATION_REQUIRED',
  'CONFLICT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field or line the error is about, where there is one (e.g. "passphrase", "line 14"). */
  where?: string;
  details?: Record<string, unknown>;
}

export class StewardError extends Error {
  readonly code: ErrorCode;
  readonly where?: string;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: { where?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message);
    this.name = 'StewardError';
    this.code = code;
    if (opts.where !== undefined) this.where = opts.where;
    if (opts.details !== undefined) this.details = opts.details;
    if (opts.cause !== undefined) (this as { cause?: unknown }).cause = opts.cause;
  }
  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.where !== undefined) body.where = this.where;
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export function isStewardError(e: unknown): e is StewardError {
  return e instanceof StewardError;
}
