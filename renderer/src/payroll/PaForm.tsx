/**
 * Add or change a PA: every field of the PA schema. Rates are typed in pounds ("12.50", "£12.50")
 * and sent as integer pence; contracted hours are typed like 37.5 and sent as hundredths (3750).
 * The server checks everything else; an error naming a field is shown by that field.
 */
import { useForm, type Path } from 'react-hook-form';
import { HOLIDAY_SCHEMES, PENSION_STATUSES, STUDENT_LOAN_PLANS, TAX_BASES, type Pa, type PaCreateInput } from '../../../shared/contract-payroll';
import { formatNiNumber } from '../../../shared/ni-number';
import { MoneyError, formatPence, parseAmount } from '../../../shared/money';
import { call } from '../api';
import { useUnsavedGuard } from '../session';
import { Button, Checkbox, ErrorAlert, TextInput } from '../ui';
import { Fieldset, Select, TextArea } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { HOLIDAY_SCHEME_LABEL, PENSION_STATUS_LABEL, STUDENT_LOAN_LABEL, TAX_BASIS_LABEL, fieldError, formatHours, parseHours } from './labels';

type Plan = Pa['studentLoanPlans'][number];

interface PaFormValues {
  name: string;
  niNumber: string;
  dateOfBirth: string;
  address: string;
  startDate: string;
  leavingDate: string;
  taxCode: string;
  taxBasis: Pa['taxBasis'];
  niCategory: string;
  studentLoanPlans: Plan[];
  postgraduateLoan: boolean;
  pensionStatus: Pa['pensionStatus'];
  enrolmentDate: string;
  reEnrolmentDate: string;
  standardRate: string;
  weekendRate: string;
  nightRate: string;
  sleepInRate: string;
  bankHolidayRate: string;
  contractedHours: string;
  holidayScheme: Pa['holidayScheme'];
  dbsCheckDate: string;
  rightToWorkCheckedDate: string;
}

const RATE_FIELDS = ['standardRate', 'weekendRate', 'nightRate', 'sleepInRate', 'bankHolidayRate'] as const;
type RateField = (typeof RATE_FIELDS)[number];
const RATE_LABEL: Record<RateField, string> = {
  standardRate: 'Standard rate (£ an hour)',
  weekendRate: 'Weekend rate (£ an hour)',
  nightRate: 'Night rate (£ an hour)',
  sleepInRate: 'Sleep-in rate (£ an hour)',
  bankHolidayRate: 'Bank holiday rate (£ an hour)',
};

const money = (p: number | null) => (p === null ? '' : formatPence(p, { symbol: false }).replace(/,/g, ''));
const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

function valuesOf(pa: Pa | null): PaFormValues {
  return {
    name: pa?.name ?? '',
    niNumber: pa?.niNumber ? formatNiNumber(pa.niNumber) : '',
    dateOfBirth: pa?.dateOfBirth ?? '',
    address: pa?.address ?? '',
    startDate: pa?.startDate ?? '',
    leavingDate: pa?.leavingDate ?? '',
    taxCode: pa?.taxCode ?? '1257L',
    taxBasis: pa?.taxBasis ?? 'cumulative',
    niCategory: pa?.niCategory ?? 'A',
    studentLoanPlans: pa?.studentLoanPlans ?? [],
    postgraduateLoan: pa?.postgraduateLoan ?? false,
    pensionStatus: pa?.pensionStatus ?? 'eligible',
    enrolmentDate: pa?.enrolmentDate ?? '',
    reEnrolmentDate: pa?.reEnrolmentDate ?? '',
    standardRate: pa ? money(pa.standardRate) : '',
    weekendRate: money(pa?.weekendRate ?? null),
    nightRate: money(pa?.nightRate ?? null),
    sleepInRate: money(pa?.sleepInRate ?? null),
    bankHolidayRate: money(pa?.bankHolidayRate ?? null),
    contractedHours: pa ? formatHours(pa.contractedHours) : '',
    holidayScheme: pa?.holidayScheme ?? 'pro-rata',
    dbsCheckDate: pa?.dbsCheckDate ?? '',
    rightToWorkCheckedDate: pa?.rightToWorkCheckedDate ?? '',
  };
}

interface PaFormProps {
  clientId: number;
  /** The PA being edited; null to add one. */
  pa: Pa | null;
  onSaved: (pa: Pa, created: boolean) => void;
  onCancel: () => void;
}

export function PaForm({ clientId, pa, onSaved, onCancel }: PaFormProps) {
  const saving = useSave();
  const initial = valuesOf(pa);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<PaFormValues>({ defaultValues: initial });
  useUnsavedGuard(isDirty);

  const onSubmit = handleSubmit(async (v) => {
    // Pounds to pence and hours to hundredths here, on the digits; anything unreadable stops here.
    const rates: Partial<Record<RateField, number | null>> = {};
    let firstBad: Path<PaFormValues> | null = null;
    for (const f of RATE_FIELDS) {
      const text = v[f].trim();
      if (text === '') {
        rates[f] = null;
        continue;
      }
      try {
        rates[f] = parseAmount(text);
      } catch (e) {
        setError(f, { message: e instanceof MoneyError ? e.message : 'Write the rate like 12.50' });
        firstBad ??= f;
      }
    }
    const hours = parseHours(v.contractedHours);
    if (hours === null) {
      setError('contractedHours', { message: 'Write the hours a week like 37.5 (at most two decimal places); 0 for no fixed hours.' });
      firstBad ??= 'contractedHours';
    }
    if (firstBad !== null || hours === null) {
      setFocus(firstBad ?? 'contractedHours');
      return;
    }
    const fields = {
      name: v.name,
      niNumber: orNull(v.niNumber),
      dateOfBirth: v.dateOfBirth,
      address: v.address,
      startDate: v.startDate,
      taxCode: v.taxCode,
      taxBasis: v.taxBasis,
      niCategory: v.niCategory,
      studentLoanPlans: v.studentLoanPlans,
      postgraduateLoan: v.postgraduateLoan,
      pensionStatus: v.pensionStatus,
      enrolmentDate: orNull(v.enrolmentDate),
      reEnrolmentDate: orNull(v.reEnrolmentDate),
      standardRate: rates.standardRate ?? 0,
      weekendRate: rates.weekendRate ?? null,
      nightRate: rates.nightRate ?? null,
      sleepInRate: rates.sleepInRate ?? null,
      bankHolidayRate: rates.bankHolidayRate ?? null,
      contractedHours: hours,
      holidayScheme: v.holidayScheme,
      dbsCheckDate: orNull(v.dbsCheckDate),
      rightToWorkCheckedDate: orNull(v.rightToWorkCheckedDate),
    };
    const res = await saving.run(() => {
      if (pa === null) {
        const input: PaCreateInput = { clientId, ...fields };
        return call('pa.create', input);
      }
      return call('pa.update', { id: pa.id, patch: pa.leavingDate === null ? fields : { ...fields, leavingDate: orNull(v.leavingDate) } });
    });
    if (!res.ok) {
      const fe = fieldError(res.error.where, res.error.message);
      if (fe && fe.field in initial) setError(fe.field as Path<PaFormValues>, { message: fe.message }, { shouldFocus: true });
      return;
    }
    reset(valuesOf(res.value));
    onSaved(res.value, pa === null);
  });

  const opts = { onChange: () => saving.clear() };
  const dateOpts = opts;

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="pr-form" aria-label={pa ? `Edit ${pa.name}` : 'Add a PA'}>
      <Fieldset label="About the PA" className="pr-group">
        <div className="form-grid">
          <TextInput label="Full name" autoComplete="off" error={errors.name?.message} {...register('name', opts)} />
          <TextInput
            label="National Insurance number"
            hint="e.g. AB 12 34 56 C. Leave empty if the PA does not have one yet."
            autoComplete="off"
            error={errors.niNumber?.message}
            {...register('niNumber', opts)}
          />
          <TextInput label="Date of birth" type="date" error={errors.dateOfBirth?.message} {...register('dateOfBirth', dateOpts)} />
        </div>
        <TextArea label="Address" rows={3} error={errors.address?.message} {...register('address', opts)} />
      </Fieldset>

      <Fieldset label="Employment" className="pr-group">
        <div className="form-grid">
          <TextInput label="Start date" type="date" error={errors.startDate?.message} {...register('startDate', dateOpts)} />
          {pa?.leavingDate ? <TextInput label="Leaving date" type="date" hint="Correct it here if it was recorded wrongly." error={errors.leavingDate?.message} {...register('leavingDate', dateOpts)} /> : null}
          <TextInput
            label="Contracted hours a week"
            hint="e.g. 37.5; 0 for no fixed hours."
            inputMode="decimal"
            autoComplete="off"
            error={errors.contractedHours?.message}
            {...register('contractedHours', opts)}
          />
          <Select label="Holiday" error={errors.holidayScheme?.message} {...register('holidayScheme', opts)}>
            {HOLIDAY_SCHEMES.map((h) => (
              <option key={h} value={h}>
                {HOLIDAY_SCHEME_LABEL[h]}
              </option>
            ))}
          </Select>
        </div>
      </Fieldset>

      <Fieldset label="Hourly rates" hint="In pounds, e.g. 12.50. Leave a rate empty when the standard rate applies." className="pr-group">
        <div className="form-grid">
          {RATE_FIELDS.map((f) => (
            <TextInput key={f} label={RATE_LABEL[f]} inputMode="decimal" autoComplete="off" error={errors[f]?.message} {...register(f, opts)} />
          ))}
        </div>
      </Fieldset>

      <Fieldset label="Tax and National Insurance" className="pr-group">
        <div className="form-grid">
          <TextInput label="Tax code" hint="From the P45 or the starter checklist, e.g. 1257L." autoComplete="off" error={errors.taxCode?.message} {...register('taxCode', opts)} />
          <Select label="Tax basis" error={errors.taxBasis?.message} {...register('taxBasis', opts)}>
            {TAX_BASES.map((b) => (
              <option key={b} value={b}>
                {TAX_BASIS_LABEL[b]}
              </option>
            ))}
          </Select>
          <TextInput label="NI category letter" hint="A for most PAs." autoComplete="off" maxLength={1} error={errors.niCategory?.message} {...register('niCategory', opts)} />
        </div>
        <Fieldset label="Student loans" hint="Tick every plan on the P45 or starter checklist." error={errors.studentLoanPlans?.message} className="pr-checks">
          {STUDENT_LOAN_PLANS.map((p) => (
            <Checkbox key={p} label={STUDENT_LOAN_LABEL[p]} value={p} {...register('studentLoanPlans', opts)} />
          ))}
          <Checkbox label="Postgraduate loan" {...register('postgraduateLoan', opts)} />
        </Fieldset>
      </Fieldset>

      <Fieldset label="Workplace pension" className="pr-group">
        <div className="form-grid">
          <Select label="Pension status" error={errors.pensionStatus?.message} {...register('pensionStatus', opts)}>
            {PENSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {PENSION_STATUS_LABEL[s]}
              </option>
            ))}
          </Select>
          <TextInput label="Enrolment date" type="date" error={errors.enrolmentDate?.message} {...register('enrolmentDate', dateOpts)} />
          <TextInput label="Re-enrolment date" type="date" error={errors.reEnrolmentDate?.message} {...register('reEnrolmentDate', dateOpts)} />
        </div>
      </Fieldset>

      <Fieldset label="Checks" className="pr-group">
        <div className="form-grid">
          <TextInput label="DBS check date" type="date" error={errors.dbsCheckDate?.message} {...register('dbsCheckDate', dateOpts)} />
          <TextInput label="Right to work checked on" type="date" error={errors.rightToWorkCheckedDate?.message} {...register('rightToWorkCheckedDate', dateOpts)} />
        </div>
      </Fieldset>

      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          {pa ? 'Save PA' : 'Add PA'}
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
