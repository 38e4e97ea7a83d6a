import type { Language } from './index';

const locales: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

// Dates without a time (deadlines, programme years) are calendar dates: they must not shift by a
// day when the browser runs in another time zone. Timestamps are shown in Berlin time.
const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const berlinTimeZone = 'Europe/Berlin';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<Language, Intl.NumberFormat>();

function dateFormat(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone,
    });
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * Formats a date for display: `22.11.2026` in German, `22/11/2026` in English.
 * Accepts a `Date`, an ISO timestamp, or a calendar date `YYYY-MM-DD` (never shifted by time zones).
 */
export function formatDate(value: Date | string, language: Language): string {
  if (typeof value === 'string') {
    const match = dateOnly.exec(value);
    if (match) {
      const [, year, month, day] = match;
      const utcMidnight = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
      return dateFormat(language, 'UTC').format(utcMidnight);
    }
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${String(value)}`);
  return dateFormat(language, berlinTimeZone).format(date);
}

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** Formats a timestamp in Berlin time: `22.11.2026, 14:05` in German, `22/11/2026, 14:05` in English. */
export function formatDateTime(value: Date | string, language: Language): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid timestamp: ${String(value)}`);
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: berlinTimeZone,
    });
    dateTimeFormats.set(language, format);
  }
  return format.format(date);
}

/**
 * Turns integer cents into an exact decimal string (`123456` → `"1234.56"`) with integer
 * arithmetic only, so no amount ever passes through a binary float.
 */
export function centsToDecimalString(cents: number | bigint): `${number}` {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
    throw new RangeError(`Money must be a safe integer number of cents, got ${cents}`);
  }
  const value = BigInt(cents);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const euros = absolute / 100n;
  const rest = (absolute % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${euros}.${rest}` as `${number}`;
}

/**
 * Formats integer cents as euros: `1.234,56 €` in German, `€1,234.56` in English.
 * `Intl.NumberFormat` formats the decimal string exactly (ECMA-402 treats it as a decimal).
 */
export function formatMoney(cents: number | bigint, language: Language): string {
  let format = moneyFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'EUR' });
    moneyFormats.set(language, format);
  }
  return format.format(centsToDecimalString(cents));
}
