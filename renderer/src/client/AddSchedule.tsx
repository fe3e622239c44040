import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { ClientDetail, Schedule } from '../../../shared/contract-money';
import { CADENCES, CADENCE_LABEL, Cadence } from '../../../shared/domain';
import { useUnsavedGuard } from '../session';
import { ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { TextInput } from '../ui/Field';
import { SelectField } from './fields';
import { AmountText, DateText, OptionalDateText, fieldFor } from './forms';
import { useAction } from './hooks';
import { Modal } from './Modal';

const ScheduleForm = z
  .object({
    source: z.enum(['council', 'contribution']),
    funderId: z.string(),
    amount: AmountText,
    cadence: Cadence,
    firstDate: DateText,
    endDate: OptionalDateText,
  })
  .superRefine((v, ctx) => {
    if (v.source === 'council' && v.funderId === '') ctx.addIssue({ code: 'custom', path: ['funderId'], message: 'Choose the funder that pays' });
    if (v.endDate && v.endDate < v.firstDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the first date' });
  });
type ScheduleIn = z.input<typeof ScheduleForm>;
type ScheduleOut = z.output<typeof ScheduleForm>;

interface Props {
  detail: ClientDetail;
  onClose: () => void;
  onSaved: (s: Schedule) => void;
}

export function AddScheduleDialog({ detail, onClose, onSaved }: Props) {
  const save = useAction('schedule.create');
  const funders = detail.funders;
  const firstFunder = funders[0];
  const {
    register,
    handleSubmit,
    watch,
    setError,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<ScheduleIn, unknown, ScheduleOut>({
    resolver: zodResolver(ScheduleForm),
    defaultValues: {
      source: 'council',
      funderId: funders.length === 1 ? String(firstFunder?.id ?? '') : '',
      amount: '',
      cadence: firstFunder?.rules.cadence ?? 'four-weekly',
      firstDate: detail.asOf,
      endDate: '',
    },
  });
  useUnsavedGuard(isDirty);
  const source = watch('source');

  const onSubmit = handleSubmit(async (v) => {
    const result = await save.run({
      clientId: detail.client.id,
      source: v.source,
      ...(v.source === 'council' ? { funderId: Number(v.funderId) } : {}),
      amount: v.amount,
      cadence: v.cadence,
      firstDate: v.firstDate,
      ...(v.endDate ? { endDate: v.endDate } : {}),
    });
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    const field = fieldFor(result.error, { source: 'source', funderId: 'funderId', amount: 'amount', cadence: 'cadence', firstDate: 'firstDate', endDate: 'endDate' } as const);
    if (field) {
      setError(field, { type: 'server', message: result.error.message });
      // After the alert above the fields has rendered, so the field scrolls into view.
      requestAnimationFrame(() => setFocus(field));
    }
  });

  return (
    <Modal
      title="Add a receipt schedule"
      onClose={onClose}
      busy={save.pending}
      onSubmit={(e) => void onSubmit(e)}
      actions={
        <>
          <Button onClick={onClose} disabled={save.pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={save.pending}>
            Add schedule
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">
        What the funder pays, or the contribution {detail.client.name} is assessed to pay, and how often. Steward uses it to spot late, short and missing
        receipts and contribution arrears.
      </p>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <div className="cp-form-grid">
        <SelectField label="Paid by" error={errors.source?.message} {...register('source', { onChange: save.clear })}>
          <option value="council">The funder</option>
          <option value="contribution">The client (contribution)</option>
        </SelectField>
        {source === 'council' ? (
          <SelectField label="Funder" error={errors.funderId?.message} {...register('funderId', { onChange: save.clear })}>
            {funders.length !== 1 ? <option value="">Choose the funder</option> : null}
            {funders.map((f) => (
              <option key={f.id} value={String(f.id)}>
                {f.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextInput label="Amount each time" inputMode="decimal" autoComplete="off" hint="For example £1,234.56" error={errors.amount?.message} {...register('amount', { onChange: save.clear })} />
        <SelectField label="How often" error={errors.cadence?.message} {...register('cadence')}>
          {CADENCES.map((c) => (
            <option key={c} value={c}>
              {CADENCE_LABEL[c]}
            </option>
          ))}
        </SelectField>
        <TextInput label="First payment due" type="date" error={errors.firstDate?.message} {...register('firstDate', { onChange: save.clear })} />
        <TextInput label="Last payment due" type="date" hint="Optional: leave empty if it carries on." error={errors.endDate?.message} {...register('endDate')} />
      </div>
    </Modal>
  );
}
