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
  budget_exceeded: {
    de: 'Das Budget des Fonds für dieses Programmjahr reicht nicht aus.',
    en: 'The fund’s budget for this programme year is not sufficient.',
  },
  disbursement_exceeds_commitment: {
    de: 'Die Auszahlung übersteigt die gebundenen Mittel des Projekts.',
    en: 'The payment exceeds the money committed to the project.',
  },
  repayment_exceeds_disbursement: {
    de: 'Die Rückzahlung übersteigt die ausgezahlten Mittel.',
    en: 'The repayment exceeds the money paid out.',
  },
  wrong_fund_kind: {
    de: 'Ein Netzwerkfonds-Antrag kann nur Mittel des Netzwerkfonds binden.',
    en: 'A Netzwerkfonds application can only commit Netzwerkfonds money.',
  },
  project_not_in_fund: {
    de: 'Das Projekt gehört nicht zu diesem Fonds.',
    en: 'The project does not belong to this fund.',
  },
  entry_already_reversed: {
    de: 'Diese Buchung wurde bereits storniert.',
    en: 'This entry has already been reversed.',
  },
  reversal_not_reversible: {
    de: 'Eine Stornobuchung kann nicht storniert werden.',
    en: 'A reversal cannot be reversed.',
  },
  base_rate_missing: {
    de: 'Für den Zeitraum fehlt ein Basiszinssatz.',
    en: 'A base rate is missing for the period.',
  },
  fund_exists: { de: 'Diesen Fonds gibt es bereits.', en: 'This fund already exists.' },
  fund_not_found: { de: 'Der Fonds wurde nicht gefunden.', en: 'The fund was not found.' },
  ledger_entry_not_found: { de: 'Die Buchung wurde nicht gefunden.', en: 'The ledger entry was not found.' },
  application_not_found: { de: 'Der Antrag wurde nicht gefunden.', en: 'The application was not found.' },
  tracked_project_not_found: { de: 'Das Projekt wurde nicht gefunden.', en: 'The project was not found.' },
  service_unavailable: {
    de: 'Der Dienst ist vorübergehend nicht erreichbar.',
    en: 'The service is temporarily unavailable.',
  },
  role_not_grantable: {
    de: 'Diese Rolle dürfen Sie nicht vergeben.',
    en: 'You may not grant this role.',
  },
  role_already_held: {
    de: 'Die Person hat diese Rolle bereits.',
    en: 'This person already holds this role.',
  },
  account_unavailable: {
    de: 'Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Administration.',
    en: 'This account is disabled. Please contact the administrators.',
  },
  email_in_use: {
    de: 'Zu dieser E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich an oder setzen Sie Ihr Passwort zurück.',
    en: 'There is already an account for this e-mail address. Please sign in or reset your password.',
  },
  organisation_name_taken: {
    de: 'Eine Organisation mit diesem Namen ist bereits registriert.',
    en: 'An organisation with this name is already registered.',
  },
  // Own account and administration
  session_required: {
    de: 'Dafür müssen Sie im Browser angemeldet sein; mit einem API-Token ist es nicht möglich.',
    en: 'This needs a signed-in browser session; it is not possible with an API token.',
  },
  user_pseudonymised: {
    de: 'Dieses Konto wurde pseudonymisiert und kann nicht mehr geändert werden.',
    en: 'This account has been pseudonymised and can no longer be changed.',
  },
  status_change_not_allowed: {
    de: 'Dieser Statuswechsel ist nicht möglich. Eingeladene Personen werden durch Annahme der Einladung aktiv.',
    en: 'This status change is not possible. Invited people become active by accepting their invitation.',
  },
  last_admin: {
    de: 'Der Bezirk braucht mindestens eine aktive Administratorin oder einen aktiven Administrator.',
    en: 'The district needs at least one active administrator.',
  },
  own_account_not_allowed: {
    de: 'Ihr eigenes Konto können Sie hier nicht sperren oder pseudonymisieren.',
    en: 'You cannot disable or pseudonymise your own account here.',
  },
  account_managed_elsewhere: {
    de: 'Diese Person hat auch Rollen in einem anderen Bezirk. Bitte stimmen Sie sich mit dessen Administration ab.',
    en: 'This person also holds roles in another district. Please coordinate with its administrators.',
  },
  // Funds and ledger (HTTP)
  netzwerkfonds_commit_by_workflow: {
    de: 'Mittel des Netzwerkfonds werden nur im Antragsverfahren gebunden, ausgezahlt oder zurückgebucht, nicht über eine Buchung von Hand.',
    en: 'Netzwerkfonds money is committed, paid and taken back only through the application workflow, not by a manual booking.',
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
  germanAmount: {
    de: 'Bitte geben Sie einen Betrag wie 1.234,56 ein.',
    en: 'Please enter an amount such as 1.234,56.',
  },
  qmArea: {
    de: 'Bitte wählen Sie ein Quartiersmanagement-Gebiet.',
    en: 'Please choose a neighbourhood management area.',
  },
  notBeforePayment: {
    de: 'Das Datum darf nicht vor der Auszahlung liegen.',
    en: 'The date must not be before the payment.',
  },
  whitelistValidation: { de: 'Dieses Feld ist nicht vorgesehen.', en: 'This field is not expected.' },
  isDefined: { de: 'Dieses Feld ist erforderlich.', en: 'This field is required.' },
  iban: {
    de: 'Bitte prüfen Sie die IBAN: Länge oder Prüfziffern stimmen nicht.',
    en: 'Please check the IBAN: its length or check digits are wrong.',
  },
  postalCode: {
    de: 'Bitte geben Sie eine fünfstellige Postleitzahl ein.',
    en: 'Please enter a five-digit postal code.',
  },
  isArray: { de: 'Bitte senden Sie eine Liste.', en: 'Please send a list.' },
  arrayMaxSize: {
    de: 'Bitte senden Sie höchstens {max} Einträge.',
    en: 'Please send at most {max} entries.',
  },
  arrayNotEmpty: {
    de: 'Bitte geben Sie mindestens einen Eintrag an.',
    en: 'Please give at least one entry.',
  },
  duplicate: {
    de: 'Dieser Wert kommt mehrfach vor.',
    en: 'This value occurs more than once.',
  },
  cents: {
    de: 'Bitte geben Sie den Betrag als positive ganze Zahl von Cent an (z. B. 123456 für 1.234,56 €).',
    en: 'Please give the amount as a positive whole number of cents (e.g. 123456 for €1,234.56).',
  },
  notBeforeStart: {
    de: 'Das Ende darf nicht vor dem Beginn liegen.',
    en: 'The end must not be before the start.',
  },
  exists: {
    de: 'Der gewählte Eintrag wurde nicht gefunden.',
    en: 'The selected entry was not found.',
  },
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
