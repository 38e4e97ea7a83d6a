import type { InputHTMLAttributes } from 'react';
import { classes, describedBy, FieldError } from './FieldError';
import { LabelText } from './FieldLabel';

type TextFieldProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'className' | 'id' | 'value' | 'onChange' | 'children'
> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  value: string;
  onChange(value: string): void;
  /** KERN's narrow widths for short values (postal code). */
  width?: 2 | 4;
};

/** KERN text input with label, optional hint, and its error below, all wired for screen readers. */
export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  value,
  onChange,
  width,
  type = 'text',
  ...rest
}: TextFieldProps) {
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
      <input
        {...rest}
        id={id}
        type={type}
        className={classes(
          'kern-form-input__input',
          error && 'kern-form-input__input--error',
          width && `kern-form-input__input--width-${width}`,
        )}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      />
      {error && errorId && <FieldError id={errorId} message={error} />}
    </div>
  );
}
