/**
 * A small inline form (not a nested <form>: it sits inside the client form) that opens a pooled
 * bank account: one account at the bank holding several clients' money, each client's share kept
 * apart in the ledger.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BankAccount } from '../../../shared/contract-money';
import { call } from '../api';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/Alert';
import { TextInput } from '../ui/Field';
import { useSave } from './useSave';

interface Props {
  onCreated: (account: BankAccount) => void;
  onCancel: () => void;
}

type Fields = { name: string; sortCode: string; accountNumber: string };

export function PooledAccountCreator({ onCreated, onCancel }: Props) {
  const [fields, setFields] = useState<Fields>({ name: '', sortCode: '', accountNumber: '' });
  const [errors, setErrors] = useState<Partial<Fields>>({});
  const saving = useSave();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const create = async () => {
    const local: Partial<Fields> = {};
    if (!fields.name.trim()) local.name = 'Enter a name for the account, e.g. “Client account 2”.';
    if (fields.sortCode.trim() && !/^\d{2}-?\d{2}-?\d{2}$/.test(fields.sortCode.trim())) local.sortCode = 'A sort code is 6 digits, like 12-34-56.';
    if (fields.accountNumber.trim() && !/^\d{8}$/.test(fields.accountNumber.trim())) local.accountNumber = 'An account number is 8 digits.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const res = await saving.run(() =>
      call('bankAccount.create', { name: fields.name.trim(), kind: 'pooled', sortCode: fields.sortCode.trim(), accountNumber: fields.accountNumber.trim() }),
    );
    if (res.ok) onCreated(res.value);
    else if (res.error.where === 'name' || res.error.where === 'sortCode' || res.error.where === 'accountNumber') setErrors({ [res.error.where]: res.error.message });
  };

  // Enter here creates the account rather than submitting the whole client form; Escape closes.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
      e.preventDefault();
      void create();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };

  const field = (k: keyof Fields) => ({
    value: fields[k],
    error: errors[k],
    onChange: (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value })),
  });

  return (
    <div className="inline-creator" role="group" aria-label="New pooled account" onKeyDown={onKeyDown}>
      <p className="inline-creator-title">New pooled account</p>
      <div className="form-grid">
        <TextInput ref={first} label="Account name" autoComplete="off" {...field('name')} />
        <TextInput label="Sort code" autoComplete="off" inputMode="numeric" hint="Optional, e.g. 12-34-56" {...field('sortCode')} />
        <TextInput label="Account number" autoComplete="off" inputMode="numeric" hint="Optional, 8 digits" {...field('accountNumber')} />
      </div>
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button variant="secondary" pending={saving.pending} onClick={() => void create()}>
          Create pooled account
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
