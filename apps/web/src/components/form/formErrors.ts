import type { TFunction } from 'i18next';
import { clientErrorCodes, isApiError } from '../../api/client';
import { serverErrorText, serverRuleText } from './serverText';

/** What a field needs to be named and reached from the error summary. */
export type FieldSpec = { id: string; label: string };

/** Errors of one form: per field (keyed by the API's field path) and for the form as a whole. */
export type FormErrors = { fields: Partial<Record<string, string>>; general: string[] };

/**
 * A client-side message: text, or a translation made when it is shown, so an error stays in the
 * UI language when the user switches it while the error is on screen (`(t) => t('…')`).
 */
export type Message = string | ((t: TFunction) => string);

/** The text of `message` in the language `t` translates to. */
export function messageText(message: Message, t: TFunction): string {
  return typeof message === 'function' ? message(t) : message;
}

export const noErrors: FormErrors = { fields: {}, general: [] };

export function hasErrors(errors: FormErrors): boolean {
  return errors.general.length > 0 || Object.values(errors.fields).some(Boolean);
}

/**
 * A message for the user, in the UI language at the time it is shown. The server writes its
 * message in the language of the request; made again from its code (see `serverErrorText`), it
 * follows a later language switch too. The client's own codes, written in English for developers,
 * are translated.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.unexpected');
  if (error.code === clientErrorCodes.network) return t('errors.network');
  if (error.code.startsWith('CLIENT_')) return t('errors.unexpected');
  return serverErrorText(error.code, error.message);
}

/**
 * Maps a failed request onto the form: validation details whose `field` the form knows go next
 * to that field, everything else into the summary at the top. `codeFields` places errors without
 * details at a field by their code (409 `email_in_use` belongs to the e-mail field).
 */
export function formErrorsFromApi(
  error: unknown,
  knownFields: readonly string[],
  t: TFunction,
  codeFields: Partial<Record<string, string>> = {},
): FormErrors {
  if (isApiError(error) && error.details.length === 0) {
    const field = codeFields[error.code];
    if (field && knownFields.includes(field))
      return { fields: { [field]: describeError(error, t) }, general: [] };
  }
  if (!isApiError(error) || error.details.length === 0) {
    return { fields: {}, general: [describeError(error, t)] };
  }
  const fields: Partial<Record<string, string>> = {};
  const general: string[] = [];
  for (const detail of error.details) {
    const message = detail.message ? serverRuleText(detail.rule, detail.message) : t('forms.invalidValue');
    if (knownFields.includes(detail.field)) fields[detail.field] ??= message;
    else general.push(message);
  }
  return { fields, general };
}
