import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { Settings, StatusResult } from '../../shared/contract';
import { onMenu, type ApiError } from './api';
import { useAutoLock } from './autolock';
import { ROUTES, useHashRoute, type Route } from './routes';
import { SessionProvider, UnsavedProvider, useUnsavedRegistry, type Session } from './session';
import { Dashboard } from './screens/Dashboard';
import { ClientFormScreen } from './screens/ClientForm';
import { ClientPage } from './screens/ClientPage';
import { ClientsScreen } from './screens/Clients';
import { FundersScreen } from './screens/Funders';
import { PayrollScreen } from './screens/Payroll';
import { PlanningScreen } from './screens/Planning';
import { BankingScreen } from './screens/Banking';
import { ReportsScreen } from './screens/Reports';
import { SettingsScreen } from './screens/Settings';
import { Button, Dialog, ErrorAlert, Nav } from './ui';

export type LockReason = 'user' | 'idle';

interface ShellProps {
  status: StatusResult;
  /** Set when the last attempt to lock failed and the ledger is still open. */
  lockError: ApiError | null;
  onLock: (reason: LockReason, autoLockMinutes: number) => void;
}

export function Shell(props: ShellProps) {
  return (
    <UnsavedProvider>
      <ShellInner {...props} />
    </UnsavedProvider>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.key) {
    case 'dashboard':
      return <Dashboard />;
    case 'settings':
      return <SettingsScreen />;
    case 'funders':
      return <FundersScreen />;
    case 'payroll':
      return <PayrollScreen />;
    case 'planning':
      return <PlanningScreen />;
    case 'banking':
      return <BankingScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'clients': {
      const [first, second] = route.parts;
      if (first === 'new') return <ClientFormScreen clientId={null} />;
      const id = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
      if (id !== null && second === 'edit') return <ClientFormScreen clientId={id} />;
      if (id !== null) return <ClientPage key={id} clientId={id} />;
      return <ClientsScreen />;
    }
  }
}

function ShellInner({ status, lockError, onLock }: ShellProps) {
  const organisationName = status.ledger?.organisationName ?? 'Steward';
  const [settings, setSettings] = useState<Settings>(status.settings);
  const session = useMemo<Session>(() => ({ organisationName, settings, setSettings }), [organisationName, settings]);
  const route = useHashRoute();
  const unsaved = useUnsavedRegistry();
  const [confirmLock, setConfirmLock] = useState(false);
  const minutes = settings.autoLockMinutes;

  const requestLock = useCallback(() => {
    if (unsaved.anyDirty()) setConfirmLock(true);
    else onLock('user', minutes);
  }, [unsaved, onLock, minutes]);

  const autoLock = useAutoLock({ minutes, anyDirty: unsaved.anyDirty, onIdle: () => onLock('idle', minutes) });

  // Ctrl+L (Cmd+L on a Mac) locks, from anywhere in the open ledger.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        requestLock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [requestLock]);

  // File › Lock in the desktop menu (its Ctrl+L reaches the menu first): the same confirmed path.
  useEffect(() => onMenu((action) => action === 'lock' && requestLock()), [requestLock]);

  // On a route change (not the first render) move focus to the new page's heading and set the title.
  const firstRoute = useRef(true);
  useEffect(() => {
    const label = ROUTES.find((r) => r.key === route.key)?.label ?? 'Steward';
    document.title = `${label} · ${organisationName} · Steward`;
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    document.querySelector<HTMLElement>('#main-content h1')?.focus();
  }, [route.key, route.parts.join('/'), organisationName]);

  const skipToMain = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById('main-content')?.focus();
  };

  return (
    <SessionProvider value={session}>
      <div className="shell">
        <a className="skip-link" href="#main-content" onClick={skipToMain}>
          Skip to main content
        </a>
        <header className="shell-header">
          <div className="brand">
            <span className="brand-name">Steward</span>
            <span className="org-name">{organisationName}</span>
          </div>
          <Button variant="secondary" onClick={requestLock} aria-keyshortcuts="Control+L Meta+L" title="Lock (Ctrl+L)">
            Lock
          </Button>
        </header>
        <div className="shell-body">
          <Nav label="Main" items={ROUTES} current={route.key} />
          <main className="shell-main" id="main-content" tabIndex={-1}>
            {autoLock.warning ? <IdleWarning withinMs={autoLock.warnMs} onStay={autoLock.stayUnlocked} /> : null}
            {lockError ? <ErrorAlert error={lockError}>Steward could not lock the ledger. It is still open.</ErrorAlert> : null}
            <Screen route={route} />
          </main>
        </div>
        <Dialog
          open={confirmLock}
          title="Discard unsaved changes and lock?"
          onCancel={() => setConfirmLock(false)}
          actions={
            <>
              <Button variant="primary" autoFocus onClick={() => setConfirmLock(false)}>
                Keep editing
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setConfirmLock(false);
                  onLock('user', minutes);
                }}
              >
                Discard and lock
              </Button>
            </>
          }
        >
          <p>Some changes on this screen have not been saved. Locking now throws them away.</p>
        </Dialog>
      </div>
    </SessionProvider>
  );
}

/** Shown one minute before the auto-lock while a form holds unsaved changes. Takes focus, gives it back. */
function IdleWarning({ withinMs, onStay }: { withinMs: number; onStay: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const previous = useRef<HTMLElement | null>(null);
  useEffect(() => {
    previous.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    button.current?.focus();
  }, []);
  const when = withinMs >= 60_000 ? 'in 1 minute' : `in ${Math.round(withinMs / 1000)} seconds`;
  return (
    <div className="banner banner-warning" role="alertdialog" aria-modal="false" aria-labelledby="idle-warning-title" aria-describedby="idle-warning-text">
      <p id="idle-warning-title" className="banner-title">
        Unsaved changes
      </p>
      <p id="idle-warning-text">You have unsaved changes. Steward will lock {when} and they will be lost.</p>
      <Button
        ref={button}
        variant="primary"
        onClick={() => {
          onStay();
          previous.current?.focus();
        }}
      >
        Stay unlocked
      </Button>
    </div>
  );
}
