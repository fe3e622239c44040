import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { StatusResult } from '../../../shared/contract';
import { call, canPickFiles, onMenu, pickFile, toApiError, type ApiError, type FileDialogKind } from '../api';
import { passphraseHint, PASSPHRASE_RULE, type PassphraseHint } from '../passphrase';
import { Alert, Button, Checkbox, ErrorAlert, TextInput } from '../ui';

export interface LockNotice {
  message: string;
  backup: string | null;
}

interface UnlockScreenProps {
  status: StatusResult;
  notice: LockNotice | null;
  onOpened: () => void;
}

type Tab = 'open' | 'create';

/**
 * Read a secret straight from its input and empty the input. Passphrases never enter React state:
 * they live in the DOM field until submit, then only in the one request that needs them.
 */
function takeSecret(ref: RefObject<HTMLInputElement | null>): string {
  const el = ref.current;
  if (!el) return '';
  const value = el.value;
  el.value = '';
  return value;
}

/** "Browse…" beside a path field, only where a native file dialog exists (Electron). */
function BrowseButton({ kind, onPick }: { kind: FileDialogKind; onPick: (path: string) => void }) {
  if (!canPickFiles()) return null;
  return (
    <Button
      onClick={() => {
        void pickFile(kind).then((p) => p && onPick(p));
      }}
    >
      Browse…
    </Button>
  );
}

export function UnlockScreen({ status, notice, onOpened }: UnlockScreenProps) {
  const [tab, setTab] = useState<Tab>(status.recent.length > 0 ? 'open' : 'create');
  const [openPath, setOpenPath] = useState(status.recent[0] ?? '');
  const [createPath, setCreatePath] = useState('');
  const id = useId();

  // File > New ledger… / Open ledger… from the Electron menu: show that tab and ask for the file.
  useEffect(
    () =>
      onMenu((action) => {
        if (action !== 'new-ledger' && action !== 'open-ledger') return;
        const next: Tab = action === 'new-ledger' ? 'create' : 'open';
        setTab(next);
        void pickFile(next === 'create' ? 'saveLedger' : 'openLedger').then((p) => {
          if (p) (next === 'create' ? setCreatePath : setOpenPath)(p);
        });
      }),
    [],
  );
  const tabs: { key: Tab; label: string }[] = [
    { key: 'open', label: 'Open a ledger' },
    { key: 'create', label: 'Create a new ledger' },
  ];
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next: Tab = tab === 'open' ? 'create' : 'open';
    setTab(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };

  return (
    <main className="unlock" id="main-content" tabIndex={-1}>
      <div className="unlock-inner">
        <h1 className="unlock-title">Steward</h1>
        <p className="unlock-lead">Personal budgets, payroll and statements, kept in one encrypted ledger file.</p>
        {notice ? (
          <Alert tone="info" title={notice.message}>
            {notice.backup ? <p>A backup was saved to {notice.backup}</p> : null}
          </Alert>
        ) : null}
        <div className="tabs" role="tablist" aria-label="Open or create a ledger">
          {tabs.map((t) => (
            <button
              key={t.key}
              type="button"
              role="tab"
              id={`${id}-tab-${t.key}`}
              className="tab"
              aria-selected={tab === t.key}
              aria-controls={`${id}-panel`}
              onClick={() => setTab(t.key)}
              onKeyDown={onTabKey}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div className="card tab-panel" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`}>
          {tab === 'open' ? (
            <OpenPanel status={status} path={openPath} setPath={setOpenPath} onOpened={onOpened} />
          ) : (
            <CreatePanel path={createPath} setPath={setCreatePath} onOpened={onOpened} />
          )}
        </div>
      </div>
    </main>
  );
}

interface PanelProps {
  path: string;
  setPath: (p: string) => void;
  onOpened: () => void;
}

function OpenPanel({ status, path, setPath, onOpened }: PanelProps & { status: StatusResult }) {
  const [remember, setRemember] = useState(false);
  const [remembered, setRemembered] = useState(status.remembered);
  const [fieldErrors, setFieldErrors] = useState<{ path?: string; passphrase?: string }>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const passRef = useRef<HTMLInputElement>(null);

  const open = async (request: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    try {
      await request();
      onOpened();
    } catch (e) {
      setError(toApiError(e));
      setPending(false);
      passRef.current?.focus();
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    if (!path.trim()) {
      setFieldErrors({ path: 'Enter the path of the ledger file.' });
      return;
    }
    const passphrase = takeSecret(passRef);
    if (!passphrase) {
      setFieldErrors({ passphrase: 'Enter the passphrase.' });
      passRef.current?.focus();
      return;
    }
    setFieldErrors({});
    void open(() => call('ledger.unlock', { path: path.trim(), passphrase, ...(remember ? { remember: true } : {}) }));
  };

  const forget = async (p: string) => {
    setError(null);
    try {
      await call('ledger.forget', { path: p });
      setRemembered((list) => list.filter((r) => r !== p));
      setPath(p);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Open a ledger">
      <h2 className="card-title">Open a ledger</h2>
      {status.recent.length > 0 ? (
        <div className="recent">
          <h3 className="recent-title">Recent ledgers</h3>
          <ul className="recent-list">
            {status.recent.map((p) => (
              <li key={p} className="recent-item">
                <Button
                  variant="quiet"
                  className="recent-path"
                  aria-pressed={p === path}
                  onClick={() => {
                    setPath(p);
                    passRef.current?.focus();
                  }}
                >
                  {p}
                </Button>
                {remembered.includes(p) ? (
                  <span className="recent-actions">
                    <Button variant="secondary" disabled={pending} onClick={() => void open(() => call('ledger.unlockRemembered', { path: p }))}>
                      Open without passphrase<span className="sr-only"> ({p})</span>
                    </Button>
                    <Button variant="quiet" onClick={() => void forget(p)}>
                      Forget<span className="sr-only"> {p} on this device</span>
                    </Button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextInput
        label="Ledger file"
        name="path"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        error={fieldErrors.path}
        autoComplete="off"
        spellCheck={false}
        hint="The full path of the .steward file."
        action={<BrowseButton kind="openLedger" onPick={setPath} />}
      />
      <TextInput ref={passRef} label="Passphrase" name="passphrase" type="password" autoComplete="current-password" error={fieldErrors.passphrase} />
      {status.rememberAvailable ? (
        <Checkbox
          label="Remember on this device"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
          hint="Keeps the key in this computer's secure store, so this ledger opens without the passphrase for anyone signed in to this account."
        />
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={pending}>
          Unlock
        </Button>
      </div>
    </form>
  );
}

interface CreateErrors {
  organisationName?: string;
  path?: string;
  passphrase?: string;
  confirm?: string;
}

function CreatePanel({ path, setPath, onOpened }: PanelProps) {
  const [organisationName, setOrganisationName] = useState('');
  const [hint, setHint] = useState<PassphraseHint | null>(null);
  const [fieldErrors, setFieldErrors] = useState<CreateErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const passRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const plain: CreateErrors = {
      ...(organisationName.trim() ? {} : { organisationName: 'Enter the organisation name.' }),
      ...(path.trim() ? {} : { path: 'Choose where the ledger file goes.' }),
    };
    if (Object.keys(plain).length > 0) {
      setFieldErrors(plain);
      return;
    }
    // From here on the passphrase is taken out of the fields: it is sent once or dropped.
    const passphrase = takeSecret(passRef);
    const confirm = takeSecret(confirmRef);
    setHint(null);
    const secret: CreateErrors = passphrase
      ? confirm === passphrase
        ? {}
        : { confirm: 'The two passphrases do not match. Type both again.' }
      : { passphrase: 'Choose a passphrase.' };
    setFieldErrors(secret);
    if (Object.keys(secret).length > 0) {
      passRef.current?.focus();
      return;
    }
    setPending(true);
    try {
      await call('ledger.create', { path: path.trim(), passphrase, organisationName: organisationName.trim() });
      onOpened();
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
      passRef.current?.focus();
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Create a new ledger">
      <h2 className="card-title">Create a new ledger</h2>
      <p className="muted">A ledger is one encrypted file. Keep the passphrase safe: without it nobody, including us, can open the file.</p>
      <TextInput
        label="Organisation name"
        name="organisationName"
        value={organisationName}
        onChange={(e) => setOrganisationName(e.target.value)}
        error={fieldErrors.organisationName}
        autoComplete="organization"
      />
      <TextInput
        label="Ledger file"
        name="path"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        error={fieldErrors.path}
        autoComplete="off"
        spellCheck={false}
        hint="The full path for the new file, ending in .steward."
        action={<BrowseButton kind="saveLedger" onPick={setPath} />}
      />
      <TextInput
        ref={passRef}
        label="New passphrase"
        name="new-passphrase"
        type="password"
        autoComplete="new-password"
        hint={PASSPHRASE_RULE}
        onInput={(e) => setHint(passphraseHint(e.currentTarget.value))}
        live={hint ? <span className={hint.ok ? 'strength strength-ok' : 'strength strength-weak'}>{hint.text}</span> : ''}
        error={fieldErrors.passphrase}
      />
      <TextInput ref={confirmRef} label="Confirm passphrase" name="confirm-passphrase" type="password" autoComplete="new-password" error={fieldErrors.confirm} />
      {error ? <ErrorAlert error={error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={pending}>
          Create ledger
        </Button>
      </div>
    </form>
  );
}
