import { classes, describedBy, FieldError } from './FieldError';
import { LabelText } from './FieldLabel';

export type SelectOption = { value: string; label: string; lang?: string };

type SelectFieldProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  disabled?: boolean;
};

/** KERN select with label, optional hint and error. */
export function SelectField({
  id,
  label,
  hint,
  error,
  optional,
  value,
  options,
  onChange,
  disabled,
}: SelectFieldProps) {
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
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className={classes('kern-form-input__select', error && 'kern-form-input__select--error')}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? true : undefined}
          disabled={disabled}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {error && errorId && <FieldError id={errorId} message={error} />}
    </div>
  );
}
