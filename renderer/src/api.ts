/**
 * The one api client. Every screen talks to Steward through `call` (or the hooks below); nothing else
 * in the renderer knows about IPC, HTTP or tokens.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { contract, type InputOf, type Method, type OutputOf } from '../../shared/contract';
import { ERROR_CODES, type ErrorCode, type Result } from '../../shared/errors';

export type FileDialogKind = 'openLedger' | 'saveLedger' | 'chooseFolder';
export type MenuAction = 'new-ledger' | 'open-ledger' | 'lock' | 'backup';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by the preload script (main/electron/bridge.ts). */
    steward?: {
      invoke(method: string, input: unknown): Promise<unknown>;
      platform: string;
      /** Native file dialogs; absent in browser mode. */
      dialog?(kind: FileDialogKind): Promise<string | null>;
      /** Application-menu actions; returns a function that stops listening. */
      onMenu?(cb: (action: MenuAction) => void): () => void;
    };
  }
}

/** True when a native file dialog is available (Electron); browser mode types paths. */
export function canPickFiles(): boolean {
  return typeof window.steward?.dialog === 'function';
}

export async function pickFile(kind: FileDialogKind): Promise<string | null> {
  const dialog = window.steward?.dialog;
  return dialog ? dialog(kind) : null;
}

/** Listen for application-menu actions (Electron only; a no-op in the browser). */
export function onMenu(cb: (action: MenuAction) => void): () => void {
  const bridge = window.steward;
  return bridge?.onMenu ? bridge.onMenu(cb) : () => undefined;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly where?: string;
  constructor(code: ErrorCode, message: string, where?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (where !== undefined) this.where = where;
  }
}

/** Turn anything thrown into an ApiError so screens can always show code + message. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError('INTERNAL', message || 'Something went wrong.');
}

/**
 * Browser mode: the server hands the page a one-off token in the URL fragment (#token=...). Read it
 * once, keep it only in this module, and take it out of the address bar and history straight away.
 */
const browserToken: string | null = (() => {
  if (typeof window === 'undefined') return null;
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  window.history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
  return token;
})();

async function transport(method: Method, input: unknown): Promise<unknown> {
  const bridge = window.steward;
  if (bridge && typeof bridge.invoke === 'function') return bridge.invoke(method, input);
  let res: Response;
  try {
    res = await fetch('/api/invoke', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(browserToken ? { Authorization: `Bearer ${browserToken}` } : {}),
      },
      body: JSON.stringify({ method, input }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('INTERNAL', 'Steward is not answering. Check that it is still running, then try again.');
  }
  try {
    return await res.json();
  } catch {
    throw new ApiError('INTERNAL', `Steward sent an unreadable answer (HTTP ${res.status}).`);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x);
}

/** Check the envelope shape; the value itself is checked against the contract's output schema. */
function readEnvelope(raw: unknown): Result<unknown> {
  if (isRecord(raw) && raw.ok === true && 'value' in raw) return { ok: true, value: raw.value };
  if (isRecord(raw) && raw.ok === false && isRecord(raw.error)) {
    const { code, message, where } = raw.error;
    return {
      ok: false,
      error: {
        code: isErrorCode(code) ? code : 'INTERNAL',
        message: typeof message === 'string' ? message : 'Something went wrong.',
        ...(typeof where === 'string' ? { where } : {}),
      },
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'Steward sent an answer in an unexpected shape.' } };
}

type LockedListener = (error: ApiError) => void;
const lockedListeners = new Set<LockedListener>();

/** Be told whenever any call finds the ledger locked (e.g. the server's own idle timer fired). */
export function onLocked(listener: LockedListener): () => void {
  lockedListeners.add(listener);
  return () => {
    lockedListeners.delete(listener);
  };
}

export async function call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const envelope = readEnvelope(await transport(method, input));
  if (!envelope.ok) {
    const err = new ApiError(envelope.error.code, envelope.error.message, envelope.error.where);
    if (err.code === 'LOCKED') for (const l of lockedListeners) l(err);
    throw err;
  }
  const parsed = contract[method].output.safeParse(envelope.value);
  if (!parsed.success) throw new ApiError('INTERNAL', `Steward's answer to ${method} did not match the contract.`);
  return parsed.data as OutputOf<M>;
}

export type Query<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'ok'; data: T; error: null }
  | { status: 'error'; data: null; error: ApiError };

/** Load once on mount (and again on `reload`). Use for read-only methods. */
export function useQuery<M extends Method>(method: M, input: InputOf<M>): Query<OutputOf<M>> & { reload: () => void } {
  const [state, setState] = useState<Query<OutputOf<M>>>({ status: 'loading', data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    let live = true;
    setState({ status: 'loading', data: null, error: null });
    call(method, inputRef.current).then(
      (data) => live && setState({ status: 'ok', data, error: null }),
      (e: unknown) => live && setState({ status: 'error', data: null, error: toApiError(e) }),
    );
    return () => {
      live = false;
    };
  }, [method, key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}

/** Run a method on demand (a button, a form). Tracks pending state and the last error. */
export function useMutation<M extends Method>(method: M) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [data, setData] = useState<OutputOf<M> | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (input: InputOf<M>): Promise<OutputOf<M> | null> => {
      setPending(true);
      setError(null);
      try {
        const out = await call(method, input);
        if (mounted.current) setData(out);
        return out;
      } catch (e) {
        if (mounted.current) setError(toApiError(e));
        return null;
      } finally {
        if (mounted.current) setPending(false);
      }
    },
    [method],
  );
  const clear = useCallback(() => {
    setError(null);
    setData(null);
  }, []);
  return { run, pending, error, data, clear };
}
