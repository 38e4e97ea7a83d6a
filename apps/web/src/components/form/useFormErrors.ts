import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  type FieldSpec,
  type FormErrors,
  formErrorsFromApi,
  hasErrors,
  type Message,
  messageText,
  noErrors,
} from './formErrors';
import type { ErrorSummaryProps } from './ErrorSummary';

/** How a form's errors are made from a translation function: kept, so a language switch remakes them. */
type ErrorSource = (t: TFunction) => FormErrors;
const none: ErrorSource = () => noErrors;

/**
 * Error state of one form. `show` and `showApiError` also move focus to the error summary,
 * so every failed submit is announced, even when the errors are the same as before.
 *
 * The state keeps where the errors came from, not their text: client-side messages given as
 * `(t) => t('…')`, the app's own texts for failed requests and the server's messages (made again
 * from their code or rule in the domain's catalogue) are translated at render, so they all follow
 * a language switch without sending the form again.
 */
export function useFormErrors<F extends string>(
  fields: Record<F, FieldSpec>,
  summaryTitle?: string,
  headingLevel: 2 | 3 = 2,
) {
  const { t } = useTranslation();
  const [source, setSource] = useState<{ make: ErrorSource }>({ make: none });
  const [focusKey, setFocusKey] = useState(0);
  const errors = useMemo(() => source.make(t), [source, t]);

  const showFrom = useCallback((make: ErrorSource) => {
    setSource({ make });
    setFocusKey((key) => key + 1);
  }, []);

  const show = useCallback((next: FormErrors) => showFrom(() => next), [showFrom]);

  const showApiError = useCallback(
    (error: unknown, codeFields?: Partial<Record<string, string>>) => {
      const known = Object.keys(fields);
      showFrom((tr) => formErrorsFromApi(error, known, tr, codeFields));
    },
    [fields, showFrom],
  );

  const clear = useCallback(() => setSource({ make: none }), []);

  const summaryProps = useMemo<ErrorSummaryProps>(
    () => ({ errors, fields, focusKey, title: summaryTitle, headingLevel }),
    [errors, fields, focusKey, summaryTitle, headingLevel],
  );

  return {
    errors,
    failed: hasErrors(errors),
    fieldError: (field: F): string | undefined => errors.fields[field],
    show,
    /**
     * Shows client-side checks: a message per field, or the checks themselves as a function of the
     * translation (`(t) => newPasswordProblems(password, confirmation, t)`), run again in the
     * language the user switches to.
     */
    showFieldErrors: (
      fieldErrors: Partial<Record<F, Message>> | ((t: TFunction) => Partial<Record<F, Message | undefined>>),
    ) =>
      showFrom((tr) => ({
        fields: Object.fromEntries(
          Object.entries<Message | undefined>(
            typeof fieldErrors === 'function' ? fieldErrors(tr) : fieldErrors,
          ).map(([field, message]) => [field, message === undefined ? undefined : messageText(message, tr)]),
        ),
        general: [],
      })),
    showApiError,
    clear,
    summaryProps,
  };
}
