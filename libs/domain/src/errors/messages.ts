/**
 * User-facing messages for error codes and validation rules, German first. Keys are stable and
 * shared with the web app's message files; `{name}` placeholders are filled from params.
 */
export type Locale = 'de' | 'en';

type Catalogue = Record<string, { de: string; en: string }>;

export const ERROR_MESSAGES: Catalogue = {
  validation_failed: {
    de: 'Die Eingaben sind nicht gültig. Bitte prüfen Sie die markierten Felder.',
    en: 'The input is not valid. Please check the marked fields.',
  },
  malformed_request: {
    de: 'Die Anfrage konnte nicht gelesen werden (kein gültiges JSON).',
    en: 'The request could not be read (not valid JSON).',
  },
  payload_too_large: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  forbidden: {
    de: 'Sie haben keine Berechtigung für diese Aktion.',
    en: 'You are not allowed to do this.',
  },
  not_found: { de: 'Nicht gefunden.', en: 'Not found.' },
  route_not_found: { de: 'Diese Adresse gibt es nicht.', en: 'There is no such address.' },
  method_not_allowed: { de: 'Diese Methode ist hier nicht erlaubt.', en: 'This method is not allowed here.' },
  conflict: {
    de: 'Die Aktion passt nicht zum aktuellen Stand.',
    en: 'The action does not fit the current state.',
  },
  too_many_requests: {
    de: 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
    en: 'Too many requests. Please try again later.',
  },
  internal_error: {
    de: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    en: 'An unexpected error occurred. Please try again later.',
  },
  invalid_credentials: {
    de: 'E-Mail-Adresse oder Passwort sind nicht korrekt.',
    en: 'The e-mail address or the password is not correct.',
  },
  account_locked: {
    de: 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in {minutes} Minuten erneut.',
    en: 'Too many failed sign-in attempts. Please try again in {minutes} minutes.',
  },
  csrf_failed: {
    de: 'Die Sicherheitsprüfung der Anfrage ist fehlgeschlagen. Bitte laden Sie die Seite neu.',
    en: 'The request failed its security check. Please reload the page.',
  },
  link_invalid: {
    de: 'Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.',
    en: 'This link is invalid, has expired or has already been used.',
  },
  service_unavailable: {
    de: 'Der Dienst ist vorübergehend nicht erreichbar.',
    en: 'The service is temporarily unavailable.',
  },
};

export const VALIDATION_MESSAGES: Catalogue = {
  required: { de: 'Dieses Feld ist erforderlich.', en: 'This field is required.' },
  unknown_field: { de: 'Dieses Feld ist nicht vorgesehen.', en: 'This field is not expected.' },
  type: { de: 'Der Wert hat nicht den erwarteten Typ.', en: 'The value does not have the expected type.' },
  isString: { de: 'Bitte geben Sie einen Text ein.', en: 'Please enter text.' },
  isInt: { de: 'Bitte geben Sie eine ganze Zahl ein.', en: 'Please enter a whole number.' },
  isBoolean: { de: 'Bitte wählen Sie ja oder nein.', en: 'Please choose yes or no.' },
  isEmail: {
    de: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    en: 'Please enter a valid e-mail address.',
  },
  isUuid: { de: 'Bitte geben Sie eine gültige Kennung an.', en: 'Please provide a valid identifier.' },
  isDateString: {
    de: 'Bitte geben Sie ein gültiges Datum an.',
    en: 'Please provide a valid date.',
  },
  isIn: { de: 'Bitte wählen Sie einen der erlaubten Werte.', en: 'Please choose one of the allowed values.' },
  isEnum: {
    de: 'Bitte wählen Sie einen der erlaubten Werte.',
    en: 'Please choose one of the allowed values.',
  },
  isNotEmpty: { de: 'Dieses Feld darf nicht leer sein.', en: 'This field must not be empty.' },
  minLength: {
    de: 'Bitte geben Sie mindestens {min} Zeichen ein.',
    en: 'Please enter at least {min} characters.',
  },
  maxLength: {
    de: 'Bitte geben Sie höchstens {max} Zeichen ein.',
    en: 'Please enter at most {max} characters.',
  },
  min: { de: 'Der Wert muss mindestens {min} sein.', en: 'The value must be at least {min}.' },
  max: { de: 'Der Wert darf höchstens {max} sein.', en: 'The value must be at most {max}.' },
  commonPassword: {
    de: 'Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.',
    en: 'This password is too common. Please choose another one.',
  },
  whitelistValidation: { de: 'Dieses Feld ist nicht vorgesehen.', en: 'This field is not expected.' },
};

const FALLBACK_VALIDATION = { de: 'Der Wert ist nicht gültig.', en: 'The value is not valid.' };

export function errorMessage(
  code: string,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return fill((ERROR_MESSAGES[code] ?? ERROR_MESSAGES.internal_error)![locale], params);
}

export function validationMessage(
  rule: string,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return fill((VALIDATION_MESSAGES[rule] ?? FALLBACK_VALIDATION)[locale], params);
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Picks German unless the caller clearly prefers English (Accept-Language or a user setting). */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'de';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('de')) return 'de';
    if (tag.startsWith('en')) return 'en';
  }
  return 'de';
}
