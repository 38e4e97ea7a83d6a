import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldSpec, type FormErrors, formErrorsFromApi, hasErrors, noErrors } from './formErrors';
import type { ErrorSummaryProps } from './ErrorSummary';

/**
 * Error state of one form. `show` and `showApiError` also move focus to the error summary,
 * so every failed submit is announced, even when the errors are the same as before.
 */
export function useFormErrors<F extends string>(
  fields: Record<F, FieldSpec>,
  summaryTitle?: string,
  headingLevel: 2 | 3 = 2,
) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [focusKey, setFocusKey] = useState(0);

  const show = useCallback((next: FormErrors) => {
    setErrors(next);
    setFocusKey((key) => key + 1);
  }, []);

  const showApiError = useCallback(
    (error: unknown, codeFields?: Partial<Record<string, string>>) =>
      show(formErrorsFromApi(error, Object.keys(fields), t, codeFields)),
    [fields, show, t],
  );

  const clear = useCallback(() => setErrors(noErrors), []);

  const summaryProps = useMemo<ErrorSummaryProps>(
    () => ({ errors, fields, focusKey, title: summaryTitle, headingLevel }),
    [errors, fields, focusKey, summaryTitle, headingLevel],
  );

  return {
    errors,
    failed: hasErrors(errors),
    fieldError: (field: F): string | undefined => errors.fields[field],
    show,
    /** Shows client-side checks: a message per field. */
    showFieldErrors: (fieldErrors: Partial<Record<F, string>>) => show({ fields: fieldErrors, general: [] }),
    showApiError,
    clear,
    summaryProps,
  };
}
