import { createContext, useContext, useEffect, useId, useMemo, type ReactNode } from 'react';
import type { Settings } from '../../shared/contract';

/** What every screen of an open ledger may need. */
export interface Session {
  organisationName: string;
  settings: Settings;
  setSettings: (s: Settings) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside an open ledger');
  return s;
}

/** Which forms hold unsaved changes. Read at the moment of locking, so it needs no re-render. */
export interface UnsavedRegistry {
  set(id: string, dirty: boolean): void;
  anyDirty(): boolean;
}

export function createUnsavedRegistry(): UnsavedRegistry {
  const dirty = new Set<string>();
  return {
    set: (id, isDirty) => {
      if (isDirty) dirty.add(id);
      else dirty.delete(id);
    },
    anyDirty: () => dirty.size > 0,
  };
}

const UnsavedContext = createContext<UnsavedRegistry | null>(null);

export function UnsavedProvider({ children }: { children: ReactNode }) {
  const registry = useMemo(createUnsavedRegistry, []);
  return <UnsavedContext.Provider value={registry}>{children}</UnsavedContext.Provider>;
}

export function useUnsavedRegistry(): UnsavedRegistry {
  const r = useContext(UnsavedContext);
  if (!r) throw new Error('useUnsavedRegistry outside UnsavedProvider');
  return r;
}

/** A form calls this with its dirty flag; it is forgotten when the form unmounts. */
export function useUnsavedGuard(dirty: boolean): void {
  const registry = useContext(UnsavedContext);
  const id = useId();
  useEffect(() => {
    registry?.set(id, dirty);
    return () => registry?.set(id, false);
  }, [registry, id, dirty]);
}
