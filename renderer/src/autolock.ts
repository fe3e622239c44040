import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from './api';

const TOUCH_EVERY_MS = 30_000;
const WARN_BEFORE_MS = 60_000;
const TICK_MS = 1_000;
const ACTIVITY = ['keydown', 'pointerdown', 'wheel'] as const;

interface AutoLockOptions {
  minutes: number;
  anyDirty: () => boolean;
  onIdle: () => void;
}

export interface AutoLock {
  /** True from one minute before the lock while some form holds unsaved changes. */
  warning: boolean;
  /** Milliseconds left when the warning shows (one minute, or less for a very short auto-lock). */
  warnMs: number;
  stayUnlocked: () => void;
}

/**
 * Idle tracking for an open ledger. Everything is measured with Date.now() and checked by a plain
 * setInterval, so a test clock (Playwright's page.clock) controls it fully. The server keeps its own
 * idle timer, kept alive by session.touch at most once every 30 seconds.
 */
export function useAutoLock({ minutes, anyDirty, onIdle }: AutoLockOptions): AutoLock {
  const lastActivity = useRef(Date.now());
  const lastTouch = useRef(Date.now());
  const [warning, setWarning] = useState(false);
  const latest = useRef({ anyDirty, onIdle });
  useEffect(() => {
    latest.current = { anyDirty, onIdle };
  });

  const activity = useCallback((forceTouch: boolean) => {
    const now = Date.now();
    lastActivity.current = now;
    if (forceTouch || now - lastTouch.current >= TOUCH_EVERY_MS) {
      lastTouch.current = now;
      // A LOCKED answer is handled centrally (api.onLocked); nothing else here needs a reaction.
      call('session.touch', {}).catch(() => undefined);
    }
  }, []);

  useEffect(() => {
    const onActivity = () => activity(false);
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [activity]);

  const limitMs = minutes * 60_000;
  const warnMs = Math.min(WARN_BEFORE_MS, limitMs / 2);
  useEffect(() => {
    let fired = false;
    const id = window.setInterval(() => {
      if (fired) return;
      const idle = Date.now() - lastActivity.current;
      if (idle >= limitMs) {
        fired = true;
        window.clearInterval(id);
        latest.current.onIdle();
        return;
      }
      setWarning(idle >= limitMs - warnMs && latest.current.anyDirty());
    }, TICK_MS);
    return () => window.clearInterval(id);
  }, [limitMs, warnMs]);

  // Other activity hides the warning on the next tick, never mid-click (the banner must not vanish
  // between pointerdown and click). "Stay unlocked" hides it at once.
  const stayUnlocked = useCallback(() => {
    activity(true);
    setWarning(false);
  }, [activity]);
  return { warning, warnMs, stayUnlocked };
}
