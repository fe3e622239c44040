/** Add or edit a funder: its name, kind and every rule in FunderRules, each with one line of help. */
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { CADENCES, CADENCE_LABEL, DEFAULT_FUNDER_RULES, FUNDER_KINDS, FunderKind, FunderRules } from '../../../shared/domain';
import { FunderCreate, type Funder } from '../../../shared/contract-money';
import { call } from '../api';
import { useUnsavedGuard } from '../session';
import { Button } from '../ui/Button';
import { Checkbox, TextInput } from '../ui/Field';
import { ErrorAlert } from '../ui/Alert';
import { Fieldset, Select } from './fields';
import { FUNDER_KIND_LABEL, RULE_HELP } from './labels';
import { fieldErrorMessages } from './form-errors';
import { useSave } from './useSave';

const FunderFormSchema = z.object({ name: FunderCreate.shape.name, kind: FunderKind, rules: FunderRules });
type FunderFormValues = z.infer<typeof FunderFormSchema>;

const resolver = zodResolver(FunderFormSchema, { error: fieldErrorMessages });

interface FunderFormProps {
  /** The funder being edited; null to add a new one. */
  funder: Funder | null;
  onSaved: (f: Funder, created: boolean) => void;
  onCancel: () => void;
}

const BOOLEAN_RULES = ['deductUnpaidLiabilities', 'deductAccruedHolidayPay', 'deductRedundancyReserve', 'refundContributionFirst'] as const;

export function FunderForm({ funder, onSaved, onCancel }: FunderFormProps) {
  const saving = useSave();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<FunderFormValues>({
    resolver,
    defaultValues: funder ? { name: funder.name, kind: funder.kind, rules: funder.rules } : { name: '', kind: 'council', rules: DEFAULT_FUNDER_RULES },
  });
  useUnsavedGuard(isDirty);

  const onSubmit = handleSubmit(async (values) => {
    const res = await saving.run(() =>
      funder ? call('funder.update', { id: funder.id, name: values.name, kind: values.kind, rules: values.rules }) : call('funder.create', values),
    );
    if (!res.ok) {
      // A message about the name (e.g. a funder of that name exists) goes by the name too.
      if (res.error.where === 'name') setError('name', { message: res.error.message }, { shouldFocus: true });
      return;
    }
    reset({ name: res.value.name, kind: res.value.kind, rules: res.value.rules });
    onSaved(res.value, funder === null);
  });

  const serverError = saving.error;

  const ruleError = (k: keyof FunderRules) => errors.rules?.[k]?.message;
  const clear = () => saving.clear();

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="funder-form" aria-label={funder ? `Edit ${funder.name}` : 'Add a funder'}>
      <div className="form-grid">
        <TextInput label="Name" autoComplete="off" error={errors.name?.message} {...register('name', { onChange: clear })} />
        <Select label="Kind" error={errors.kind?.message} {...register('kind', { onChange: clear })}>
          {FUNDER_KINDS.map((k) => (
            <option key={k} value={k}>
              {FUNDER_KIND_LABEL[k]}
            </option>
          ))}
        </Select>
      </div>

      <Fieldset label="How it pays" className="rules-group">
        <Select label={RULE_HELP.cadence.label} hint={RULE_HELP.cadence.help} error={ruleError('cadence')} {...register('rules.cadence', { onChange: clear })}>
          {CADENCES.map((c) => (
            <option key={c} value={c}>
              {CADENCE_LABEL[c]}
            </option>
          ))}
        </Select>
        <Checkbox label={RULE_HELP.inAdvance.label} hint={RULE_HELP.inAdvance.help} {...register('rules.inAdvance', { onChange: clear })} />
        <Checkbox label={RULE_HELP.paidNetOfContribution.label} hint={RULE_HELP.paidNetOfContribution.help} {...register('rules.paidNetOfContribution', { onChange: clear })} />
      </Fieldset>

      <Fieldset label="Surplus: how much a client may hold" className="rules-group">
        <div className="form-grid">
          <TextInput
            label={RULE_HELP.surplusThresholdWeeks.label}
            type="number"
            inputMode="numeric"
            min={0}
            max={52}
            step={1}
            hint={RULE_HELP.surplusThresholdWeeks.help}
            error={ruleError('surplusThresholdWeeks')}
            {...register('rules.surplusThresholdWeeks', { valueAsNumber: true, onChange: clear })}
          />
          <TextInput
            label={RULE_HELP.contingencyWeeks.label}
            type="number"
            inputMode="numeric"
            min={0}
            max={26}
            step={1}
            hint={RULE_HELP.contingencyWeeks.help}
            error={ruleError('contingencyWeeks')}
            {...register('rules.contingencyWeeks', { valueAsNumber: true, onChange: clear })}
          />
        </div>
        {BOOLEAN_RULES.map((k) => (
          <Checkbox key={k} label={RULE_HELP[k].label} hint={RULE_HELP[k].help} {...register(`rules.${k}`, { onChange: clear })} />
        ))}
      </Fieldset>

      <Fieldset label="Records" className="rules-group">
        <TextInput
          label={RULE_HELP.retentionYears.label}
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          step={1}
          hint={RULE_HELP.retentionYears.help}
          error={ruleError('retentionYears')}
          {...register('rules.retentionYears', { valueAsNumber: true, onChange: clear })}
        />
        <TextInput
          label={RULE_HELP.dbsMaxAgeYears.label}
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          step={1}
          hint={RULE_HELP.dbsMaxAgeYears.help}
          error={ruleError('dbsMaxAgeYears')}
          {...register('rules.dbsMaxAgeYears', { valueAsNumber: true, onChange: clear })}
        />
        <TextInput
          label={RULE_HELP.firstReviewWeeks.label}
          type="number"
          inputMode="numeric"
          min={1}
          max={26}
          step={1}
          hint={RULE_HELP.firstReviewWeeks.help}
          error={ruleError('firstReviewWeeks')}
          {...register('rules.firstReviewWeeks', { valueAsNumber: true, onChange: clear })}
        />
      </Fieldset>

      {serverError ? <ErrorAlert error={serverError} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          {funder ? 'Save funder' : 'Add funder'}
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
