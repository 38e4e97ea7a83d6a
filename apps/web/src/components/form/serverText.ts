import i18next from 'i18next';
import {
  ERROR_MESSAGES,
  errorMessage,
  type Locale,
  VALIDATION_MESSAGES,
  validationMessage,
} from '@kiezfonds/domain';

type Texts = Record<Locale, string>;
type Params = Record<string, string>;

const locales: readonly Locale[] = ['de', 'en'];

function shownLocale(): Locale {
  return (i18next.resolvedLanguage ?? i18next.language) === 'en' ? 'en' : 'de';
}

const placeholder = /^\{(\w+)(:money)?\}$/;

/**
 * The cents of an amount as the domain's `formatMoney` writes it, in either language
 * ("40.000,00 €", "€40,000.00"): always two decimals, so its digits are the cents.
 */
function centsOf(amount: string): string | null {
  const digits = amount.replace(/\D/g, '');
  if (digits === '') return null;
  return /[-−]/.test(amount) ? `-${digits}` : digits;
}

/**
 * The values `message` was filled in with, read back against `template` (`{name}`, `{name:money}`);
 * null when the message was not made from this template. The API sends the text, not the values.
 */
function paramsIn(template: string, message: string): Params | null {
  const names: { key: string; money: boolean }[] = [];
  const pattern = template
    .split(/(\{\w+(?::money)?\})/)
    .map((part) => {
      const found = placeholder.exec(part);
      if (!found) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push({ key: found[1]!, money: found[2] !== undefined });
      return '([\\s\\S]*?)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(message);
  if (!match) return null;
  const params: Params = {};
  for (const [index, { key, money }] of names.entries()) {
    const value = match[index + 1] ?? '';
    const cents = money ? centsOf(value) : value;
    if (cents === null) return null;
    params[key] = cents;
  }
  return params;
}

/**
 * A server message in the language now shown: the API wrote it in the language of the request
 * from the domain's catalogue, so the same entry, filled with the same values, gives it in the
 * other language. A message that is not from the catalogue stays as the server wrote it.
 */
function inShownLocale(
  texts: Texts | undefined,
  message: string,
  make: (locale: Locale, params: Params) => string,
): string {
  if (!texts) return message;
  const locale = shownLocale();
  if (message === texts[locale]) return message;
  for (const asked of locales) {
    const params = paramsIn(texts[asked], message);
    if (params) return make(locale, params);
  }
  return message;
}

function entry(catalogue: Record<string, Texts>, key: string): Texts | undefined {
  return Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
}

/** The text of an error answer (`code`, `message`) in the UI language. */
export function serverErrorText(code: string, message: string): string {
  return inShownLocale(entry(ERROR_MESSAGES, code), message, (locale, params) =>
    errorMessage(code, locale, params),
  );
}

/** The text of one field's problem (`rule`, `message`) in the UI language. */
export function serverRuleText(rule: string, message: string): string {
  return inShownLocale(entry(VALIDATION_MESSAGES, rule), message, (locale, params) =>
    validationMessage(rule, locale, params),
  );
}

/** A problem's message as the server wrote it, in the UI language; empty when it sent none. */
export function shownRuleText(problem: { rule: string; message?: string }): string {
  return problem.message ? serverRuleText(problem.rule, problem.message) : '';
}
