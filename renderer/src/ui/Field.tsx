import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

interface FieldBase {
  label: string;
  /** Help shown under the label, always visible. */
  hint?: ReactNode;
  /** Field error, shown next to the field and announced. */
  error?: string | undefined;
}

export interface TextInputProps extends FieldBase, Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  ref?: Ref<HTMLInputElement>;
  /** Live text (e.g. a strength hint) read out politely as it changes. */
  live?: ReactNode;
  /** A control beside the input, e.g. a "Browse…" button. */
  action?: ReactNode;
}

/** A labelled input. The label is bound with htmlFor, hint and error with aria-describedby. */
export function TextInput({ label, hint, error, live, action, className, ...input }: TextInputProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const liveId = `${id}-live`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, live !== undefined ? liveId : null, error ? errorId : null].filter(Boolean).join(' ');
  const control = (
    <input {...input} id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} />
  );
  return (
    <div className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {action ? (
        <div className="field-row">
          {control}
          {action}
        </div>
      ) : (
        control
      )}
      {live !== undefined ? (
        <div className="field-live" id={liveId} aria-live="polite">
          {live}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: string;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

export function Checkbox({ label, hint, ...input }: CheckboxProps) {
  const id = useId();
  return (
    <div className="field field-check">
      <input {...input} type="checkbox" id={id} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
