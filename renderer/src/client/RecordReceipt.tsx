import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { ClientDetail, ReceiptResult } from '../../../shared/contract-money';
import { RECEIPT_SOURCES, ReceiptSource } from '../../../shared/domain';
import { useUnsavedGuard } from '../session';
import { ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { TextInput } from '../ui/Field';
import { SelectField } from './fields';
import { AmountText, DateText, ShortText, fieldFor } from './forms';
import { useAction } from './hooks';
import { Modal } from './Modal';
import { SOURCE_LABEL } from './format';

const ReceiptForm = z
  .object({
    date: DateText,
    amount: AmountText,
    source: ReceiptSource,
    funderId: z.string(),
    reference: ShortText,
    memo: ShortText,
  })
  .superRefine((v, ctx) => {
    if (v.source === 'council' && v.funderId === '') ctx.addIssue({ code: 'custom', path: ['funderId'], message: 'Choose which funder paid' });
  });
type ReceiptIn = z.input<typeof ReceiptForm>;
type ReceiptOut = z.output<typeof ReceiptForm>;
type ReceiptField = keyof ReceiptIn;

const SERVER_FIELDS: Partial<Record<string, ReceiptField>> = { date: 'date', amount: 'amount', source: 'source', funderId: 'funderId', reference: 'reference', memo: 'memo' };

export type ReceiptSaved = z.infer<typeof ReceiptResult>;

interface Props {
  detail: ClientDetail;
  onClose: () => void;
  onSaved: (result: ReceiptSaved) => void;
}

export function RecordReceiptDialog({ detail, onClose, onSaved }: Props) {
  const save = useAction('receipt.add');
  const funders = detail.funders;
  const many = funders.length > 1;
  const {
    register,
    handleSubmit,
    watch,
    setError,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<ReceiptIn, unknown, ReceiptOut>({
    resolver: zodResolver(ReceiptForm),
    defaultValues: { date: detail.asOf, amount: '', source: 'council', funderId: many ? '' : String(funders[0]?.id ?? ''), reference: '', memo: '' },
  });
  useUnsavedGuard(isDirty);
  const source = watch('source');

  const onSubmit = handleSubmit(async (v) => {
    const result = await save.run({
      clientId: detail.client.id,
      date: v.date,
      amount: v.amount,
      source: v.source,
      ...(v.source === 'council' && many ? { funderId: Number(v.funderId) } : {}),
      reference: v.reference,
      memo: v.memo,
    });
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    const field = fieldFor(result.error, SERVER_FIELDS);
    if (field) {
      setError(field, { type: 'server', message: result.error.message });
      // After the alert above the fields has rendered, so the field scrolls into view.
      requestAnimationFrame(() => setFocus(field));
    }
  });

  return (
    <Modal
      title="Record a receipt"
      onClose={onClose}
      busy={save.pending}
      onSubmit={(e) => void onSubmit(e)}
      actions={
        <>
          <Button onClick={onClose} disabled={save.pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={save.pending}>
            Record receipt
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">Money paid into {detail.client.name}&rsquo;s account. Steward matches it to the receipt schedule.</p>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <div className="cp-form-grid">
        <TextInput label="Date received" type="date" error={errors.date?.message} {...register('date', { onChange: save.clear })} />
        <TextInput
          label="Amount"
          inputMode="decimal"
          autoComplete="off"
          hint="For example £1,234.56"
          error={errors.amount?.message}
          {...register('amount', { onChange: save.clear })}
        />
        <SelectField label="Source" error={errors.source?.message} {...register('source', { onChange: save.clear })}>
          {RECEIPT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABEL[s]}
            </option>
          ))}
        </SelectField>
        {many && source === 'council' ? (
          <SelectField label="Funder" error={errors.funderId?.message} {...register('funderId', { onChange: save.clear })}>
            <option value="">Choose the funder that paid</option>
            {funders.map((f) => (
              <option key={f.id} value={String(f.id)}>
                {f.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextInput label="Reference" hint="Optional: the remittance or bank reference." autoComplete="off" error={errors.reference?.message} {...register('reference')} />
        <TextInput label="Memo" hint="Optional: a note for the record." autoComplete="off" error={errors.memo?.message} {...register('memo')} />
      </div>
    </Modal>
  );
}
