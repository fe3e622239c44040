/** Record the day a PA left (pa.leave). Their record and history stay; they are no longer paid. */
import { useState } from 'react';
import type { Pa } from '../../../shared/contract-payroll';
import { call } from '../api';
import { useUnsavedGuard } from '../session';
import { Button, ErrorAlert, TextInput } from '../ui';
import { useSave } from '../clients-list/useSave';
import { fieldError } from './labels';

interface LeaveFormProps {
  pa: Pa;
  onSaved: (pa: Pa) => void;
  onCancel: () => void;
}

export function LeaveForm({ pa, onSaved, onCancel }: LeaveFormProps) {
  const saving = useSave();
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  useUnsavedGuard(date !== '');

  const submit = async () => {
    if (date === '') {
      setError('Enter the last day the PA worked for this employer.');
      return;
    }
    const res = await saving.run(() => call('pa.leave', { id: pa.id, leavingDate: date }));
    if (!res.ok) {
      const fe = fieldError(res.error.where, res.error.message);
      if (fe?.field === 'leavingDate') setError(fe.message);
      return;
    }
    setDate('');
    onSaved(res.value);
  };

  return (
    <form
      noValidate
      className="pr-form"
      aria-label={`Record leaving date for ${pa.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextInput
        label="Leaving date"
        type="date"
        hint={`The last day ${pa.name} worked. Started on ${pa.startDate}.`}
        error={error}
        value={date}
        onChange={(e) => {
          setDate(e.target.value);
          setError(undefined);
          saving.clear();
        }}
      />
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          Record leaving date
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
