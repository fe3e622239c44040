import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { ClientDetail, Entry } from '../../../shared/contract-money';
import { useQuery } from '../api';
import { useUnsavedGuard } from '../session';
import { ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { TextInput } from '../ui/Field';
import { EntrySummary } from './EntrySummary';
import { TextAreaField } from './fields';
import { DateText, fieldFor, fieldMessage } from './forms';
import { laterDate } from './format';
import { useAction } from './hooks';
import { Modal } from './Modal';
import { OverrideFields } from './OverrideFields';

const ReverseForm = z
  .object({
    reason: z.string().trim().min(5, 'Give the reason for the reversal (at least 5 characters)').max(500, 'At most 500 characters'),
    date: DateText,
    useOverride: z.boolean(),
    overrideBy: z.string().trim().max(200, 'At most 200 characters'),
    overrideReason: z.string().trim().max(500, 'At most 500 characters'),
  })
  .superRefine((v, ctx) => {
    if (v.useOverride && v.overrideBy === '') ctx.addIssue({ code: 'custom', path: ['overrideBy'], message: 'Record who authorised the override' });
    if (v.useOverride && v.overrideReason.length < 5) ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'Give the reason for the override (at least 5 characters)' });
  });
type ReverseIn = z.input<typeof ReverseForm>;
type ReverseOut = z.output<typeof ReverseForm>;

interface Props {
  detail: ClientDetail;
  entryId: number;
  onClose: () => void;
  onSaved: (reversal: Entry, original: Entry) => void;
}

/** Loads the entry first, so the person sees exactly what they are about to reverse. */
export function ReverseEntryDialog({ detail, entryId, onClose, onSaved }: Props) {
  const entry = useQuery('entry.get', { id: entryId });
  if (entry.status !== 'ok') {
    return (
      <Modal
        title={`Reverse entry #${entryId}`}
        onClose={onClose}
        actions={
          <Button autoFocus onClick={onClose}>
            Cancel
          </Button>
        }
      >
        {entry.status === 'loading' ? <p role="status">Loading entry #{entryId}…</p> : null}
        {entry.status === 'error' ? (
          <ErrorAlert error={entry.error}>
            <Button onClick={entry.reload}>Try again</Button>
          </ErrorAlert>
        ) : null}
      </Modal>
    );
  }
  return <ReverseEntryForm detail={detail} entry={entry.data} onClose={onClose} onSaved={onSaved} />;
}

function ReverseEntryForm({ detail, entry, onClose, onSaved }: { detail: ClientDetail; entry: Entry; onClose: () => void; onSaved: Props['onSaved'] }) {
  const save = useAction('entry.reverse');
  const [insufficient, setInsufficient] = useState(false);
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    setError,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<ReverseIn, unknown, ReverseOut>({
    resolver: zodResolver(ReverseForm),
    defaultValues: { reason: '', date: laterDate(detail.asOf, entry.date), useOverride: false, overrideBy: '', overrideReason: '' },
  });
  useUnsavedGuard(isDirty);
  const useOverride = watch('useOverride');

  const onSubmit = handleSubmit(async (v) => {
    const result = await save.run({
      entryId: entry.id,
      reason: v.reason,
      date: v.date,
      ...(v.useOverride ? { override: { by: v.overrideBy, reason: v.overrideReason } } : {}),
    });
    if (result.ok) {
      onSaved(result.value, entry);
      return;
    }
    if (result.error.code === 'INSUFFICIENT_FUNDS') setInsufficient(true);
    const field = fieldFor(result.error, { reason: 'reason', date: 'date', 'override.by': 'overrideBy', 'override.reason': 'overrideReason' } as const);
    if (field) {
      setError(field, { type: 'server', message: fieldMessage(result.error) });
      // After the alert above the fields has rendered, so the field scrolls into view.
      requestAnimationFrame(() => setFocus(field));
    }
  });

  const startOverride = () => {
    setValue('useOverride', true);
    save.clear();
    requestAnimationFrame(() => setFocus('overrideBy'));
  };

  const already = entry.kind === 'reversal' || entry.reversedById !== null;

  return (
    <Modal
      title={`Reverse entry #${entry.id}`}
      size="wide"
      onClose={onClose}
      busy={save.pending}
      onSubmit={(e) => void onSubmit(e)}
      actions={
        <>
          <Button onClick={onClose} disabled={save.pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={save.pending} disabled={already}>
            {useOverride ? 'Reverse with the override' : 'Reverse entry'}
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">
        A reversal posts the opposite entry; the original stays in the record, marked as reversed. Use it for a mistake, then record the entry again
        correctly.
      </p>
      {save.error ? (
        <ErrorAlert error={save.error}>
          {save.error.code === 'INSUFFICIENT_FUNDS' && !useOverride ? (
            <Button variant="secondary" onClick={startOverride}>
              Reverse anyway with an authorised override
            </Button>
          ) : null}
        </ErrorAlert>
      ) : null}
      <EntrySummary entry={entry} detail={detail} />
      {already ? (
        <p className="field-error">
          {entry.kind === 'reversal' ? 'This entry is itself a reversal and cannot be reversed.' : `This entry was already reversed by entry #${entry.reversedById}.`}
        </p>
      ) : (
        <>
          <TextAreaField
            label="Reason for the reversal"
            rows={2}
            hint="At least 5 characters, for example “Paid to the wrong agency”."
            error={errors.reason?.message}
            {...register('reason', { onChange: save.clear })}
          />
          <TextInput
            label="Date of the reversal"
            type="date"
            hint={`Not before ${entry.date}, the date of the entry.`}
            error={errors.date?.message}
            {...register('date', { onChange: save.clear })}
          />
        </>
      )}
      {insufficient && useOverride ? (
        <OverrideFields
          what="this reversal"
          by={register('overrideBy')}
          reason={register('overrideReason')}
          errors={{ by: errors.overrideBy?.message, reason: errors.overrideReason?.message }}
        />
      ) : null}
    </Modal>
  );
}
