import type { Locale } from '../errors/messages';
import { INTL_LOCALES } from './intl-locale';

const moneyFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * Formats integer euro cents: `1.234,56 €` in German, `€1,234.56` in English.
 *
 * No amount ever passes through a binary float: euros and cents are split with bigint
 * arithmetic, Intl formats the whole euros (it formats a bigint exactly, with grouping, sign and
 * currency symbol in the locale's places) and the two cent digits replace its fraction.
 */
export function formatMoney(cents: number | bigint, locale: Locale): string {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
    throw new RangeError(`Money must be a whole number of cents, got ${cents}`);
  }
  const value = BigInt(cents);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const euros = absolute / 100n;
  const rest = (absolute % 100n).toString().padStart(2, '0');
  // A bigint has no negative zero, so -0,05 € would lose its sign; -0 (a number) keeps it and
  // is exact, being zero.
  const signedEuros = negative ? (euros === 0n ? -0 : -euros) : euros;
  return moneyFormat(locale)
    .formatToParts(signedEuros)
    .map((part) => (part.type === 'fraction' ? rest : part.value))
    .join('');
}

function moneyFormat(locale: Locale): Intl.NumberFormat {
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALES[locale], {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(locale, format);
  }
  return format;
}
