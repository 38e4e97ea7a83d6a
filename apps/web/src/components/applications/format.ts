import { currentLanguage } from '../../i18n';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';

/*
 * Display helpers for the application pages, in the active UI language. Amounts arrive as strings
 * of cents (or bigint sums) and reach the screen without a float in between.
 */

export function money(cents: string | bigint | null | undefined): string {
  if (cents === null || cents === undefined || cents === '') return '–';
  if (typeof cents === 'string' && !/^-?\d+$/.test(cents)) return '–';
  return formatMoney(BigInt(cents), currentLanguage());
}

export function day(value: string | null | undefined): string {
  return value ? formatDate(value, currentLanguage()) : '–';
}

export function dateTime(value: string | null | undefined): string {
  return value ? formatDateTime(value, currentLanguage()) : '–';
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** The Berlin time of day of an instant: "14:32". */
export function timeOfDay(value: string): string {
  const language = currentLanguage();
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Berlin',
    });
    timeFormats.set(language, format);
  }
  return format.format(new Date(value));
}

/** A file size for people: "820 KB", "1,4 MB" (decimal units, as file managers show them). */
export function fileSize(bytes: number): string {
  const language = currentLanguage();
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits }).format(
      value,
    );
  if (bytes < 1000) return `${number(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${number(bytes / 1000, 0)} KB`;
  return `${number(bytes / 1_000_000, 1)} MB`;
}
