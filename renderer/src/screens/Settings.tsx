import { useRef, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { SettingsPatch } from '../../../shared/contract';
import { canPickFiles, pickFile, useMutation } from '../api';
import { passphraseHint, PASSPHRASE_RULE, type PassphraseHint } from '../passphrase';
import { useSession, useUnsavedGuard } from '../session';
import { Alert, Button, Card, ErrorAlert, TextInput } from '../ui';
import { ScreenHeading } from './ScreenHeading';

export function SettingsScreen() {
  return (
    <>
      <ScreenHeading title="Settings">
        <p>How this ledger locks and backs itself up, and its passphrase.</p>
      </ScreenHeading>
      <div className="stack">
        <SettingsForm />
        <BackupCard />
        <ChangePassphraseCard />
        <VerifyCard />
      </div>
    </>
  );
}

type SettingsInput = z.input<typeof SettingsPatch>;
type SettingsOutput = z.output<typeof SettingsPatch>;

const settingsResolver = zodResolver(SettingsPatch, {
  error: (issue) => (issue.code === 'invalid_type' ? 'Enter a whole number.' : undefined),
});

function SettingsForm() {
  const { settings, setSettings } = useSession();
  const save = useMutation('settings.update');
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isDirty },
  } = useForm<SettingsInput, unknown, SettingsOutput>({
    resolver: settingsResolver,
    defaultValues: { autoLockMinutes: settings.autoLockMinutes, backupKeep: settings.backupKeep },
  });
  useUnsavedGuard(isDirty);

  const onSubmit = handleSubmit(async (values) => {
    const saved = await save.run({ autoLockMinutes: values.autoLockMinutes, backupKeep: values.backupKeep });
    if (!saved) return;
    setSettings(saved);
    reset({ autoLockMinutes: saved.autoLockMinutes, backupKeep: saved.backupKeep });
  });

  return (
    <Card title="Locking and backups">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextInput
          label="Auto-lock after (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={240}
          step={1}
          hint="Steward locks the ledger after this many minutes without use. 1 to 240."
          error={errors.autoLockMinutes?.message}
          {...register('autoLockMinutes', { valueAsNumber: true, onChange: save.clear })}
        />
        <TextInput
          label="Automatic backups to keep"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          hint="Older automatic backups beyond this number are deleted. 1 to 365."
          error={errors.backupKeep?.message}
          {...register('backupKeep', { valueAsNumber: true, onChange: save.clear })}
        />
        {save.error ? <ErrorAlert error={save.error} /> : null}
        {save.data && !isDirty ? <Alert tone="success">Settings saved.</Alert> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={save.pending}>
            Save settings
          </Button>
        </div>
      </form>
    </Card>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function BackupCard() {
  const { settings } = useSession();
  const [folder, setFolder] = useState(settings.backupFolder ?? '');
  const backup = useMutation('ledger.backup');
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = folder.trim();
    void backup.run(f ? { folder: f } : {});
  };
  return (
    <Card title="Back up" description={<p>A backup is a full copy of the ledger, checked after it is written. It opens with the same passphrase.</p>}>
      <form onSubmit={submit} noValidate>
        <TextInput
          label="Backup folder"
          name="folder"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          hint="Optional. Leave empty to use the usual backup folder."
          action={
            canPickFiles() ? (
              <Button onClick={() => void pickFile('chooseFolder').then((p) => p && setFolder(p))}>Choose folder…</Button>
            ) : undefined
          }
        />
        {backup.error ? <ErrorAlert error={backup.error} /> : null}
        {backup.data ? (
          <Alert tone="success" title="Backup saved and checked.">
            <p>
              <span className="path">{backup.data.path}</span> ({formatBytes(backup.data.bytes)}, schema version {backup.data.schemaVersion})
            </p>
          </Alert>
        ) : null}
        <div className="form-actions">
          <Button type="submit" pending={backup.pending}>
            Back up now
          </Button>
        </div>
      </form>
    </Card>
  );
}

interface PassphraseErrors {
  current?: string;
  next?: string;
  confirm?: string;
}

function ChangePassphraseCard() {
  const change = useMutation('ledger.changePassphrase');
  const [dirty, setDirty] = useState(false);
  const [hint, setHint] = useState<PassphraseHint | null>(null);
  const [fieldErrors, setFieldErrors] = useState<PassphraseErrors>({});
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  useUnsavedGuard(dirty);

  const take = (el: HTMLInputElement | null): string => {
    if (!el) return '';
    const v = el.value;
    el.value = '';
    return v;
  };

  // Passphrases stay in the fields, never in React state; every submit empties all three.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const current = take(currentRef.current);
    const next = take(nextRef.current);
    const confirm = take(confirmRef.current);
    setDirty(false);
    setHint(null);
    change.clear();
    const errors: PassphraseErrors = {
      ...(current ? {} : { current: 'Enter the current passphrase.' }),
      ...(next ? {} : { next: 'Choose a new passphrase.' }),
      ...(next && confirm !== next ? { confirm: 'The two new passphrases do not match.' } : {}),
    };
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      currentRef.current?.focus();
      return;
    }
    void change.run({ current, next });
  };

  return (
    <Card title="Change passphrase" description={<p>All three fields are emptied after each attempt.</p>}>
      <form
        onSubmit={submit}
        noValidate
        onInput={() => setDirty([currentRef, nextRef, confirmRef].some((r) => (r.current?.value ?? '') !== ''))}
      >
        <TextInput ref={currentRef} label="Current passphrase" type="password" autoComplete="current-password" error={fieldErrors.current} />
        <TextInput
          ref={nextRef}
          label="New passphrase"
          type="password"
          autoComplete="new-password"
          hint={PASSPHRASE_RULE}
          onInput={(e) => setHint(passphraseHint(e.currentTarget.value))}
          live={hint ? <span className={hint.ok ? 'strength strength-ok' : 'strength strength-weak'}>{hint.text}</span> : ''}
          error={fieldErrors.next}
        />
        <TextInput ref={confirmRef} label="Confirm passphrase" type="password" autoComplete="new-password" error={fieldErrors.confirm} />
        {change.error ? <ErrorAlert error={change.error} /> : null}
        {change.data ? <Alert tone="success">Passphrase changed. Use the new one the next time you unlock.</Alert> : null}
        <div className="form-actions">
          <Button type="submit" pending={change.pending}>
            Change passphrase
          </Button>
        </div>
      </form>
    </Card>
  );
}

function VerifyCard() {
  const verify = useMutation('ledger.verify');
  const result = verify.data;
  return (
    <Card title="Check the ledger" description={<p>Reads the whole file and checks its structure and records. Nothing is changed.</p>}>
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {result?.ok ? (
        <Alert tone="success" title="The ledger passed every check.">
          <p>
            Integrity: {result.integrity}. Schema version {result.schemaVersion}.
          </p>
        </Alert>
      ) : null}
      {result && !result.ok ? (
        <Alert tone="warning" title={`The check found ${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'}.`}>
          <p>
            Integrity: {result.integrity}. Schema version {result.schemaVersion}.
          </p>
          <ul className="problem-list">
            {result.problems.map((p, i) => (
              <li key={`${p.code}-${i}`}>
                <code className="error-code">{p.code}</code> {p.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button pending={verify.pending} onClick={() => void verify.run({})}>
          Verify ledger
        </Button>
      </div>
    </Card>
  );
}
