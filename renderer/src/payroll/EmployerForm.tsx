/**
 * Set a client up as an employer, or change an employer's details: HMRC references, Employment
 * Allowance, the workplace pension, how often and when PAs are paid, and employer's liability
 * insurance. The server checks everything; an error naming a field is shown by that field.
 *
 * Pension contribution rates are typed as percentages and sent as basis points (3 → 300). The
 * defaults, 3% employer and 8% in total, are the automatic-enrolment minimums (source: The Pensions
 * Regulator, "Automatic enrolment: contributions", minimum contributions from 6 April 2019).
 */
import { useEffect } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { PAY_FREQUENCIES, PENSION_BASES, WEEKDAYS, type Employer, type EmployerSetInput, type PayFrequency } from '../../../shared/contract-payroll';
import type { ClientSummary } from '../../../shared/contract-money';
import { call } from '../api';
import { useUnsavedGuard } from '../session';
import { Button, Checkbox, ErrorAlert, TextInput } from '../ui';
import { Fieldset, Select } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { FREQUENCY_LABEL, PENSION_BASIS_LABEL, WEEKDAY_LABEL, fieldError, parsePercent, payDayOf, percentText } from './labels';

interface EmployerFormValues {
  clientId: string;
  payeReference: string;
  accountsOfficeReference: string;
  employmentAllowance: boolean;
  pensionSchemeName: string;
  pensionProvider: string;
  pensionBasis: '' | (typeof PENSION_BASES)[number];
  pensionEmployerRate: string;
  pensionTotalRate: string;
  payFrequency: PayFrequency;
  payDay: string;
  employersLiabilityInsurer: string;
  employersLiabilityRenewalDate: string;
}

const FIELDS: readonly Path<EmployerFormValues>[] = [
  'clientId',
  'payeReference',
  'accountsOfficeReference',
  'employmentAllowance',
  'pensionSchemeName',
  'pensionProvider',
  'pensionBasis',
  'pensionEmployerRate',
  'pensionTotalRate',
  'payFrequency',
  'payDay',
  'employersLiabilityInsurer',
  'employersLiabilityRenewalDate',
];
const isField = (f: string): f is Path<EmployerFormValues> => (FIELDS as readonly string[]).includes(f);

function valuesOf(e: Employer | null): EmployerFormValues {
  return {
    clientId: e ? String(e.clientId) : '',
    payeReference: e?.payeReference ?? '',
    accountsOfficeReference: e?.accountsOfficeReference ?? '',
    employmentAllowance: e?.employmentAllowance ?? false,
    pensionSchemeName: e?.pensionSchemeName ?? '',
    pensionProvider: e?.pensionProvider ?? '',
    pensionBasis: e?.pensionBasis ?? '',
    pensionEmployerRate: percentText(e?.pensionEmployerRate ?? 300),
    pensionTotalRate: percentText(e?.pensionTotalRate ?? 800),
    payFrequency: e?.payFrequency ?? 'weekly',
    payDay: e ? String(e.payDay) : 'friday',
    employersLiabilityInsurer: e?.employersLiabilityInsurer ?? '',
    employersLiabilityRenewalDate: e?.employersLiabilityRenewalDate ?? '',
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

const DAYS_OF_MONTH = Array.from({ length: 28 }, (_, i) => i + 1);

interface EmployerFormProps {
  /** The employer being edited; null to set a new one up. */
  employer: Employer | null;
  /** Clients who could become employers (only used when setting one up). */
  candidates: readonly ClientSummary[];
  onSaved: (e: Employer, created: boolean) => void;
  onCancel: () => void;
}

export function EmployerForm({ employer, candidates, onSaved, onCancel }: EmployerFormProps) {
  const saving = useSave();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    watch,
    getValues,
    formState: { errors, isDirty },
  } = useForm<EmployerFormValues>({ defaultValues: valuesOf(employer) });
  useUnsavedGuard(isDirty);

  // Pay day depends on the frequency: a weekday for weekly pay, a day of the month for monthly.
  const frequency = watch('payFrequency');
  const monthly = frequency === 'monthly';
  useEffect(() => {
    const day = getValues('payDay');
    const isWeekday = (WEEKDAYS as readonly string[]).includes(day);
    if (monthly && isWeekday) setValue('payDay', 'last-working-day');
    if (!monthly && !isWeekday) setValue('payDay', 'friday');
  }, [monthly, getValues, setValue]);

  const onSubmit = handleSubmit(async (v) => {
    if (v.clientId === '') {
      setError('clientId', { message: 'Choose the client who employs the PAs.' }, { shouldFocus: true });
      return;
    }
    // Percentages to basis points here; the server checks the same rules again.
    const employerRate = parsePercent(v.pensionEmployerRate);
    const totalRate = parsePercent(v.pensionTotalRate);
    if (employerRate === null) {
      setError('pensionEmployerRate', { message: 'Write the employer’s contribution as a percentage from 0 to 100, e.g. 3 or 3.5.' }, { shouldFocus: true });
      return;
    }
    if (totalRate === null) {
      setError('pensionTotalRate', { message: 'Write the total contribution as a percentage from 0 to 100, e.g. 8.' }, { shouldFocus: true });
      return;
    }
    if (employerRate > totalRate) {
      setError('pensionTotalRate', { message: `The total (${v.pensionTotalRate.trim()}%) includes the employer’s share, so it cannot be below the employer’s ${v.pensionEmployerRate.trim()}%.` }, { shouldFocus: true });
      return;
    }
    const input: EmployerSetInput = {
      clientId: Number(v.clientId),
      payeReference: orNull(v.payeReference),
      accountsOfficeReference: orNull(v.accountsOfficeReference),
      employmentAllowance: v.employmentAllowance,
      pensionSchemeName: v.pensionSchemeName,
      pensionProvider: v.pensionProvider,
      pensionBasis: v.pensionBasis === '' ? null : v.pensionBasis,
      pensionEmployerRate: employerRate,
      pensionTotalRate: totalRate,
      payFrequency: v.payFrequency,
      payDay: payDayOf(v.payDay),
      employersLiabilityInsurer: v.employersLiabilityInsurer,
      employersLiabilityRenewalDate: orNull(v.employersLiabilityRenewalDate),
    };
    const res = await saving.run(() => call('employer.set', input));
    if (!res.ok) {
      const fe = fieldError(res.error.where, res.error.message);
      if (fe && isField(fe.field)) setError(fe.field, { message: fe.message }, { shouldFocus: true });
      return;
    }
    reset(valuesOf(res.value));
    onSaved(res.value, employer === null);
  });

  const clear = () => saving.clear();
  const opts = { onChange: clear };
  const name = employer?.clientName;

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="pr-form" aria-label={name ? `Employer details for ${name}` : 'Set up an employer'}>
      {employer === null ? (
        <Select label="Client" hint="The client who employs the PAs. Clients already set up as employers are not listed." error={errors.clientId?.message} {...register('clientId', opts)}>
          <option value="">Choose a client…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.councilReference ? `${c.name} (${c.councilReference})` : c.name}
            </option>
          ))}
        </Select>
      ) : null}

      <Fieldset label="HMRC" className="pr-group">
        <div className="form-grid">
          <TextInput
            label="Employer PAYE reference"
            hint="3 digits, a slash and up to 10 letters or digits, e.g. 123/AB45678. Leave empty until HMRC registers the client."
            autoComplete="off"
            error={errors.payeReference?.message}
            {...register('payeReference', opts)}
          />
          <TextInput
            label="Accounts Office reference"
            hint="13 characters, e.g. 123PX00123456. It is on HMRC’s letter confirming the registration."
            autoComplete="off"
            error={errors.accountsOfficeReference?.message}
            {...register('accountsOfficeReference', opts)}
          />
        </div>
        <Checkbox
          label="Claim Employment Allowance"
          hint="Reduces the employer’s National Insurance each year. Most people employing care and support workers can claim it."
          {...register('employmentAllowance', opts)}
        />
      </Fieldset>

      <Fieldset label="Pay" className="pr-group">
        <div className="form-grid">
          <Select label="How often PAs are paid" error={errors.payFrequency?.message} {...register('payFrequency', opts)}>
            {PAY_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABEL[f]}
              </option>
            ))}
          </Select>
          <Select
            label="Pay day"
            hint={monthly ? 'A day of the month (1 to 28, so it exists every month) or the last working day.' : 'The day of the week PAs are paid.'}
            error={errors.payDay?.message}
            {...register('payDay', opts)}
          >
            {monthly ? (
              <>
                <option value="last-working-day">Last working day of the month</option>
                {DAYS_OF_MONTH.map((d) => (
                  <option key={d} value={String(d)}>
                    Day {d}
                  </option>
                ))}
              </>
            ) : (
              WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {WEEKDAY_LABEL[d]}
                </option>
              ))
            )}
          </Select>
        </div>
      </Fieldset>

      <Fieldset label="Workplace pension" className="pr-group">
        <div className="form-grid">
          <TextInput label="Pension scheme" hint="e.g. NEST. Leave empty if there is no scheme yet." autoComplete="off" error={errors.pensionSchemeName?.message} {...register('pensionSchemeName', opts)} />
          <TextInput label="Pension provider" autoComplete="off" error={errors.pensionProvider?.message} {...register('pensionProvider', opts)} />
          <Select label="Tax relief basis" hint="The scheme or provider can tell you." error={errors.pensionBasis?.message} {...register('pensionBasis', opts)}>
            <option value="">Not set</option>
            {PENSION_BASES.map((b) => (
              <option key={b} value={b}>
                {PENSION_BASIS_LABEL[b]}
              </option>
            ))}
          </Select>
          <TextInput
            label="Employer contribution (%)"
            hint="Of qualifying earnings. The legal minimum is 3%."
            inputMode="decimal"
            autoComplete="off"
            error={errors.pensionEmployerRate?.message}
            {...register('pensionEmployerRate', opts)}
          />
          <TextInput
            label="Total contribution (%)"
            hint="Employer and PA together, including tax relief. The legal minimum is 8%."
            inputMode="decimal"
            autoComplete="off"
            error={errors.pensionTotalRate?.message}
            {...register('pensionTotalRate', opts)}
          />
        </div>
      </Fieldset>

      <Fieldset label="Employer’s liability insurance" className="pr-group">
        <div className="form-grid">
          <TextInput label="Insurer" autoComplete="off" error={errors.employersLiabilityInsurer?.message} {...register('employersLiabilityInsurer', opts)} />
          <TextInput label="Renewal date" type="date" error={errors.employersLiabilityRenewalDate?.message} {...register('employersLiabilityRenewalDate', opts)} />
        </div>
      </Fieldset>

      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          {employer ? 'Save employer' : 'Set up employer'}
        </Button>
        <Button
          onClick={() => {
            reset();
            onCancel();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
