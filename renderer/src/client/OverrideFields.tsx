import type { UseFormRegisterReturn } from 'react-hook-form';
import { TextInput } from '../ui/Field';
import { TextAreaField } from './fields';

interface OverrideFieldsProps {
  by: UseFormRegisterReturn;
  reason: UseFormRegisterReturn;
  errors: { by?: string | undefined; reason?: string | undefined };
  /** What the override allows, for the explanation: "this payment", "this reversal". */
  what: string;
}

/** "Override authorised by" and "Reason": shown after INSUFFICIENT_FUNDS, sent with the retry. */
export function OverrideFields({ by, reason, errors, what }: OverrideFieldsProps) {
  return (
    <fieldset className="cp-fieldset cp-override-fieldset">
      <legend>Authorised override</legend>
      <p className="field-hint">
        Only go ahead if someone with authority has agreed to {what} taking the balance below what is available. Their name and the reason are kept
        with the entry.
      </p>
      <TextInput label="Override authorised by" autoComplete="off" error={errors.by} {...by} />
      <TextAreaField label="Reason" rows={2} hint="At least 5 characters, for example “Council payment confirmed for Friday”." error={errors.reason} {...reason} />
    </fieldset>
  );
}
