import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { ClientDetail, PaymentResult } from '../../../shared/contract-money';
import { AUTH_METHODS, AuthMethod, CATEGORIES, CATEGORY_LABEL, Category } from '../../../shared/domain';
import { useUnsavedGuard } from '../session';
import { Alert, ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { TextInput } from '../ui/Field';
import { SelectField } from './fields';
import { AmountText, DateText, OptionalDateText, ShortText, fieldFor, fieldMessage } from './forms';
import { AUTH_METHOD_LABEL } from './format';
import { useAction } from './hooks';
import { Modal } from './Modal';
import { OverrideFields } from './OverrideFields';

const NEW_PAYEE = 'new';

const PaymentForm = z
  .object({
    date: DateText,
    amount: AmountText,
    payeeChoice: z.string(),
    payeeName: z.string().trim().max(200, 'At most 200 characters'),
    category: Category,
    reference: ShortText,
    memo: ShortText,
    auth1By: z.string().trim().min(1, 'Record who authorised the payment').max(200, 'At most 200 characters'),
    auth1Method: AuthMethod,
    auth1At: OptionalDateText,
    auth1Note: ShortText,
    auth2By: z.string().trim().max(200),
    auth2Method: AuthMethod,
    auth2At: OptionalDateText,
    useOverride: z.boolean(),
    overrideBy: z.string().trim().max(200, 'At most 200 characters'),
    overrideReason: z.string().trim().max(500, 'At most 500 characters'),
  })
  .superRefine((v, ctx) => {
    if (v.payeeChoice === '') ctx.addIssue({ code: 'custom', path: ['payeeChoice'], message: 'Choose who is paid, or choose “A new payee” and type the name' });
    if (v.payeeChoice === NEW_PAYEE && v.payeeName === '') ctx.addIssue({ code: 'custom', path: ['payeeName'], message: 'Type the payee’s name' });
    if (v.useOverride && v.overrideBy === '') ctx.addIssue({ code: 'custom', path: ['overrideBy'], message: 'Record who authorised the override' });
    if (v.useOverride && v.overrideReason.length < 5) ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'Give the reason for the override (at least 5 characters)' });
  });
type PaymentIn = z.input<typeof PaymentForm>;
type PaymentOut = z.output<typeof PaymentForm>;
type PaymentField = keyof PaymentIn;

export type PaymentSaved = z.infer<typeof PaymentResult>;

interface Props {
  detail: ClientDetail;
  onClose: () => void;
  onSaved: (result: PaymentSaved) => void;
}

export function RecordPaymentDialog({ detail, onClose, onSaved }: Props) {
  const save = useAction('payment.add');
  const { client, payees } = detail;
  const trust = client.arrangement === 'user-trust';
  const [insufficient, setInsufficient] = useState(false);
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    setError,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<PaymentIn, unknown, PaymentOut>({
    resolver: zodResolver(PaymentForm),
    defaultValues: {
      date: detail.asOf,
      amount: '',
      payeeChoice: payees.length ? '' : NEW_PAYEE,
      payeeName: '',
      category: 'other',
      reference: '',
      memo: '',
      auth1By: '',
      auth1Method: 'written',
      auth1At: detail.asOf,
      auth1Note: '',
      auth2By: '',
      auth2Method: 'written',
      auth2At: detail.asOf,
      useOverride: false,
      overrideBy: '',
      overrideReason: '',
    },
  });
  useUnsavedGuard(isDirty);
  const payeeChoice = watch('payeeChoice');
  const useOverride = watch('useOverride');

  const serverFields: Partial<Record<string, PaymentField>> = {
    date: 'date',
    amount: 'amount',
    payeeId: payees.length ? 'payeeChoice' : 'payeeName',
    payeeName: 'payeeName',
    category: 'category',
    reference: 'reference',
    memo: 'memo',
    authorisations: trust ? 'auth2By' : 'auth1By',
    'authorisations.0.by': 'auth1By',
    'authorisations.1.by': 'auth2By',
    'override.by': 'overrideBy',
    'override.reason': 'overrideReason',
  };

  const onSubmit = handleSubmit(async (v) => {
    const authorisations = [{ by: v.auth1By, method: v.auth1Method, note: v.auth1Note, ...(v.auth1At ? { at: v.auth1At } : {}) }];
    if (trust && v.auth2By) authorisations.push({ by: v.auth2By, method: v.auth2Method, note: '', ...(v.auth2At ? { at: v.auth2At } : {}) });
    const result = await save.run({
      clientId: client.id,
      date: v.date,
      amount: v.amount,
      ...(v.payeeChoice === NEW_PAYEE ? { payeeName: v.payeeName } : { payeeId: Number(v.payeeChoice) }),
      category: v.category,
      reference: v.reference,
      memo: v.memo,
      authorisations,
      ...(v.useOverride ? { override: { by: v.overrideBy, reason: v.overrideReason } } : {}),
    });
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    if (result.error.code === 'INSUFFICIENT_FUNDS') setInsufficient(true);
    const field = fieldFor(result.error, serverFields);
    if (field) {
      setError(field, { type: 'server', message: fieldMessage(result.error) });
      // After the alert above the fields has rendered, so the field scrolls into view.
      requestAnimationFrame(() => setFocus(field));
    }
  });

  const startOverride = () => {
    setValue('useOverride', true);
    save.clear();
    // The field appears on this render; focus it on the next frame.
    requestAnimationFrame(() => setFocus('overrideBy'));
  };

  const choosePayee = (value: string) => {
    const p = payees.find((x) => String(x.id) === value);
    if (p?.defaultCategory) setValue('category', p.defaultCategory);
  };

  const noTrustees = trust && client.trustees.length < 2;

  return (
    <Modal
      title="Record a payment"
      size="wide"
      onClose={onClose}
      busy={save.pending}
      onSubmit={(e) => void onSubmit(e)}
      actions={
        <>
          <Button onClick={onClose} disabled={save.pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={save.pending}>
            {useOverride ? 'Pay with the override' : 'Record payment'}
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">Money paid out of {client.name}&rsquo;s account. Steward checks the money available on the date first.</p>
      {save.error ? (
        <ErrorAlert error={save.error}>
          {save.error.code === 'INSUFFICIENT_FUNDS' && !useOverride ? (
            <Button variant="secondary" onClick={startOverride}>
              Pay anyway with an authorised override
            </Button>
          ) : null}
        </ErrorAlert>
      ) : null}
      <div className="cp-form-grid">
        <TextInput label="Date paid" type="date" error={errors.date?.message} {...register('date', { onChange: save.clear })} />
        <TextInput label="Amount" inputMode="decimal" autoComplete="off" hint="For example £1,234.56" error={errors.amount?.message} {...register('amount', { onChange: save.clear })} />
        {payees.length ? (
          <SelectField
            label="Payee"
            error={errors.payeeChoice?.message}
            {...register('payeeChoice', { onChange: (e: { target: HTMLSelectElement }) => choosePayee(e.target.value) })}
          >
            <option value="">Choose who is paid</option>
            {payees.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
            <option value={NEW_PAYEE}>A new payee (type the name)</option>
          </SelectField>
        ) : null}
        {payeeChoice === NEW_PAYEE ? (
          <TextInput
            label={payees.length ? 'New payee name' : 'Payee'}
            hint="A new name joins the payee directory."
            autoComplete="off"
            error={errors.payeeName?.message}
            {...register('payeeName')}
          />
        ) : null}
        <SelectField label="Category" error={errors.category?.message} {...register('category')}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABEL[c]}
            </option>
          ))}
        </SelectField>
        <TextInput label="Reference" hint="Optional: invoice or payslip number." autoComplete="off" error={errors.reference?.message} {...register('reference')} />
        <TextInput label="Memo" hint="Optional: a note for the record." autoComplete="off" error={errors.memo?.message} {...register('memo')} />
      </div>

      {trust ? (
        <fieldset className="cp-fieldset">
          <legend>Trustees&rsquo; approval</legend>
          <p className="field-hint">
            {client.name}&rsquo;s money is held in an Independent User Trust: two different trustees must approve every payment. Record both approvals.
          </p>
          {noTrustees ? (
            <Alert tone="warning">
              Fewer than two trustees are recorded for this trust. Add them under <a href={`#/clients/${client.id}/edit`}>Edit details</a> first.
            </Alert>
          ) : null}
          <div className="cp-approver-row">
            <SelectField label="First trustee" error={errors.auth1By?.message} {...register('auth1By', { onChange: save.clear })}>
              <option value="">Choose a trustee</option>
              {client.trustees.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="How the first trustee approved" {...register('auth1Method')}>
              {AUTH_METHODS.map((m) => (
                <option key={m} value={m}>
                  {AUTH_METHOD_LABEL[m]}
                </option>
              ))}
            </SelectField>
            <TextInput label="First approval date" type="date" error={errors.auth1At?.message} {...register('auth1At')} />
          </div>
          <div className="cp-approver-row">
            <SelectField label="Second trustee" error={errors.auth2By?.message} {...register('auth2By', { onChange: save.clear })}>
              <option value="">Choose a different trustee</option>
              {client.trustees.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="How the second trustee approved" {...register('auth2Method')}>
              {AUTH_METHODS.map((m) => (
                <option key={m} value={m}>
                  {AUTH_METHOD_LABEL[m]}
                </option>
              ))}
            </SelectField>
            <TextInput label="Second approval date" type="date" error={errors.auth2At?.message} {...register('auth2At')} />
          </div>
          <TextInput label="Approval note" hint="Optional: for example “Trustee meeting minutes, item 4”." autoComplete="off" {...register('auth1Note')} />
        </fieldset>
      ) : (
        <fieldset className="cp-fieldset">
          <legend>Authorisation</legend>
          <p className="field-hint">Who agreed to this payment, how and when. Kept with the entry.</p>
          <div className="cp-approver-row">
            <TextInput label="Authorised by" autoComplete="off" error={errors.auth1By?.message} {...register('auth1By', { onChange: save.clear })} />
            <SelectField label="How" {...register('auth1Method')}>
              {AUTH_METHODS.map((m) => (
                <option key={m} value={m}>
                  {AUTH_METHOD_LABEL[m]}
                </option>
              ))}
            </SelectField>
            <TextInput label="Date authorised" type="date" error={errors.auth1At?.message} {...register('auth1At')} />
          </div>
          <TextInput label="Authorisation note" hint="Optional: for example “Email from Jo Okafor, 3 April”." autoComplete="off" {...register('auth1Note')} />
        </fieldset>
      )}

      {insufficient && useOverride ? (
        <OverrideFields
          what="this payment"
          by={register('overrideBy')}
          reason={register('overrideReason')}
          errors={{ by: errors.overrideBy?.message, reason: errors.overrideReason?.message }}
        />
      ) : null}
    </Modal>
  );
}
