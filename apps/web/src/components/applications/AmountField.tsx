import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { centsToAmountText, normaliseAmountText, readAmountText } from '../../utils/amountInput';
import { classes, describedBy, FieldError } from '../form/FieldError';
import { LabelText } from '../form/FieldLabel';

type AmountFieldProps = {
  id: string;
  label: string;
  /** Hide the label visually (in a table whose header names the column); screen readers still read it. */
  labelHidden?: boolean;
  hint?: string;
  /** An error from outside (the server, a missing value); an unreadable entry is reported by the field itself. */
  error?: string;
  optional?: boolean;
  /** Cents as a string of digits, `''` for empty (`undefined`/`null` from older stored data also mean empty). */
  cents: string | null | undefined;
  /**
   * Called with the cents of every readable entry (`''` when emptied). While the text cannot be
   * read as an amount, `null` is passed so the form can keep the last value out of its sums.
   */
  onChange(cents: string | null): void;
};

/**
 * An amount in euros typed the German way ("1.234,56"), read into cents without a float. The
 * text stays as typed while the field has focus and is tidied on leaving it.
 */
export function AmountField({
  id,
  label,
  labelHidden,
  hint,
  error,
  optional,
  cents,
  onChange,
}: AmountFieldProps) {
  const { t } = useTranslation();
  // Stored data may hold anything (older drafts kept rows without an amount): never throw on it.
  const shown = typeof cents === 'string' && /^\d+$/.test(cents) ? centsToAmountText(cents) : (cents ?? '');
  // The typed text wins while it still means the cents the form holds (or cannot be read at all).
  const [typed, setTyped] = useState<{ text: string; cents: string | null } | null>(null);
  const text = typed && (typed.cents === null || typed.cents === cents) ? typed.text : shown;
  const unreadable = typed !== null && typed.cents === null;
  const message = unreadable ? t('applicationForm.amountUnreadable') : error;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  return (
    <div className={classes('kern-form-input', message && 'kern-form-input--error')}>
      <label className={classes('kern-label', labelHidden && 'kern-sr-only')} htmlFor={id}>
        <LabelText label={label} optional={optional} />
      </label>
      {hint && (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      )}
      <div className="kern-input-group amount-field">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          className={classes('kern-form-input__input', message && 'kern-form-input__input--error')}
          value={text}
          onChange={(event) => {
            const read = readAmountText(event.target.value);
            setTyped(read);
            onChange(read.cents);
          }}
          onBlur={() => {
            if (typed && typed.cents !== null)
              setTyped({ text: normaliseAmountText(typed.text), cents: typed.cents });
          }}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={message ? true : undefined}
        />
        <span className="kern-input-group-text" aria-hidden="true">
          €
        </span>
      </div>
      {message && errorId && <FieldError id={errorId} message={message} />}
    </div>
  );
}
