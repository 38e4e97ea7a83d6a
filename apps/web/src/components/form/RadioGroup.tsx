import { classes, describedBy, FieldError } from './FieldError';

type RadioGroupProps = {
  /** Prefix of the radios' ids; the first radio (`<id>-<first value>`) is the error summary's target. */
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
};

/** A question with a few answers: KERN fieldset with radios side by side. */
export function RadioGroup({ id, name, legend, hint, error, value, options, onChange }: RadioGroupProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
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
      <div className="kern-fieldset__body kern-fieldset__body--horizontal">
        {options.map((option) => (
          <div className="kern-form-check" key={option.value}>
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name={name}
              value={option.value}
              className={classes('kern-form-check__radio', error && 'kern-form-check__radio--error')}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label className="kern-label" htmlFor={`${id}-${option.value}`}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
      {error && errorId && <FieldError id={errorId} message={error} />}
    </fieldset>
  );
}
