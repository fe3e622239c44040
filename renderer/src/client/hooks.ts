import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, Method, OutputOf } from '../../../shared/contract';
import { call, toApiError, type ApiError } from '../api';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  /** True while a load (the first or a refresh) is under way. The last data stays on screen. */
  loading: boolean;
  reload: () => void;
}

/**
 * Like useQuery, but a refresh keeps the data already shown until the new answer arrives, so the
 * page does not flash back to "Loading…" after every saved form.
 */
export function useLoaded<M extends Method>(method: M, input: InputOf<M>): Loaded<OutputOf<M>> {
  const [data, setData] = useState<OutputOf<M> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    let live = true;
    setLoading(true);
    call(method, inputRef.current).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [method, key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Run a write from a form. Unlike useMutation, `run` hands back the error as well, so the form can
 * place it by the field it names (error.where) or offer an override, in the same handler.
 */
export function useAction<M extends Method>(method: M) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (input: InputOf<M>): Promise<Outcome<OutputOf<M>>> => {
      setPending(true);
      setError(null);
      try {
        const value = await call(method, input);
        return { ok: true, value };
      } catch (e) {
        const err = toApiError(e);
        if (mounted.current) setError(err);
        return { ok: false, error: err };
      } finally {
        if (mounted.current) setPending(false);
      }
    },
    [method],
  );
  const clear = useCallback(() => setError(null), []);
  return { run, pending, error, clear };
}
