import { classes, describedBy, FieldError } from '../form/FieldError';

type CheckboxListFieldProps = {
  /** The first checkbox's id (the error summary's target); the others are `<id>-<value>`. */
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly { value: string; label: string }[];
  values: readonly string[];
  onChange(values: string[]): void;
};

/** Several answers to one question: a KERN fieldset of checkboxes, one per line. */
export function CheckboxListField({
  id,
  legend,
  hint,
  error,
  options,
  values,
  onChange,
}: CheckboxListFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const chosen = new Set(values);
  return (
    <fieldset
      className={classes('kern-fieldset', error && 'kern-fieldset--error')}
      aria-describedby={describedBy(hintId, errorId)}
    >
      <legend className="kern-label">{legend}</legend>
      {hint && (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      )}
      <div className="kern-fieldset__body">
        {options.map((option, index) => (
          <div className="kern-form-check" key={option.value}>
            <input
              id={index === 0 ? id : `${id}-${option.value}`}
              type="checkbox"
              className={classes('kern-form-check__checkbox', error && 'kern-form-check__checkbox--error')}
              checked={chosen.has(option.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? options.map((o) => o.value).filter((v) => chosen.has(v) || v === option.value)
                    : values.filter((v) => v !== option.value),
                )
              }
            />
            <label className="kern-label" htmlFor={index === 0 ? id : `${id}-${option.value}`}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
      {error && errorId && <FieldError id={errorId} message={error} />}
    </fieldset>
  );
}
