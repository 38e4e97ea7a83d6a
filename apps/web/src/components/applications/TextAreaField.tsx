import type { TextareaHTMLAttributes } from 'react';
import { classes, describedBy, FieldError } from '../form/FieldError';
import { LabelText } from '../form/FieldLabel';

type TextAreaFieldProps = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'className' | 'id' | 'value' | 'onChange' | 'children'
> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  value: string;
  onChange(value: string): void;
};

/** KERN multi-line input with label, hint and its error below, wired like `TextField`. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  optional,
  value,
  onChange,
  rows = 6,
  ...rest
}: TextAreaFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={classes('kern-form-input', error && 'kern-form-input--error')}>
      <label className="kern-label" htmlFor={id}>
        <LabelText label={label} optional={optional} />
      </label>
      {hint && (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      )}
      <textarea
        {...rest}
        id={id}
        rows={rows}
        className={classes('kern-form-input__input', error && 'kern-form-input__input--error')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      />
      {error && errorId && <FieldError id={errorId} message={error} />}
    </div>
  );
}
