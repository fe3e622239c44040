/**
 * Run a save and keep its pending state and error, and hand the error back to the caller at once so
 * a form can put a message naming a field (the error's `where`) beside that field.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../api';

export type SaveResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function useSave() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<SaveResult<T>> => {
    setPending(true);
    setError(null);
    try {
      const value = await fn();
      return { ok: true, value };
    } catch (e) {
      const err = toApiError(e);
      if (mounted.current) setError(err);
      return { ok: false, error: err };
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { pending, error, run, clear };
}
