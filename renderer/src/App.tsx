import { useCallback, useEffect, useRef, useState } from 'react';
import type { StatusResult } from '../../shared/contract';
import { call, onLocked, toApiError, type ApiError } from './api';
import { UnlockScreen, type LockNotice } from './screens/UnlockScreen';
import { Shell, type LockReason } from './Shell';
import { Button, ErrorAlert } from './ui';

type Phase =
  | { kind: 'busy'; label: string }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'locked'; status: StatusResult; notice: LockNotice | null }
  | { kind: 'open'; status: StatusResult; lockError: ApiError | null };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'busy', label: 'Starting Steward…' });
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const load = useCallback(async (notice: LockNotice | null = null, lockError: ApiError | null = null) => {
    try {
      const status = await call('ledger.status', {});
      setPhase(status.state === 'open' ? { kind: 'open', status, lockError } : { kind: 'locked', status, notice });
    } catch (e) {
      setPhase({ kind: 'failed', error: toApiError(e) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // The server has its own idle timer: any call may find the ledger locked. Then show the unlock screen.
  useEffect(
    () =>
      onLocked((err) => {
        if (phaseRef.current.kind !== 'open') return;
        setPhase({ kind: 'busy', label: 'The ledger has been locked…' });
        void load({ message: `The ledger was locked (${err.code}): ${err.message}`, backup: null });
      }),
    [load],
  );


  const lock = useCallback(
    async (reason: LockReason, autoLockMinutes: number) => {
      // Unmount the open ledger's screens at once; nothing of it stays on screen while locking.
      setPhase({ kind: 'busy', label: 'Locking…' });
      let backup: string | null = null;
      let lockError: ApiError | null = null;
      try {
        backup = (await call('ledger.lock', { reason })).backup;
      } catch (e) {
        const err = toApiError(e);
        if (err.code !== 'LOCKED') lockError = err;
      }
      const message =
        reason === 'idle' ? `Locked after ${plural(autoLockMinutes, 'minute', 'minutes')} without use.` : 'The ledger is locked.';
      await load({ message, backup }, lockError);
    },
    [load],
  );

  switch (phase.kind) {
    case 'busy':
      return (
        <main className="centre" id="main-content">
          <p role="status">{phase.label}</p>
        </main>
      );
    case 'failed':
      return (
        <main className="centre" id="main-content">
          <h1>Steward cannot start</h1>
          <ErrorAlert error={phase.error}>
            {phase.error.code === 'FORBIDDEN' && !window.steward ? (
              <p>In a browser, Steward only answers the page it opened itself. Start Steward again and use the address it prints.</p>
            ) : null}
            <Button onClick={() => void load()}>Try again</Button>
          </ErrorAlert>
        </main>
      );
    case 'locked':
      return <UnlockScreen status={phase.status} notice={phase.notice} onOpened={() => void load()} />;
    case 'open':
      return <Shell status={phase.status} lockError={phase.lockError} onLock={(r, m) => void lock(r, m)} />;
  }
}
