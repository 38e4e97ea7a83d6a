import type { Locale } from '../errors/messages';
import { INTL_LOCALES } from './intl-locale';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a date for people: `22.11.2026` in German, `22/11/2026` in English.
 *
 * A plain `YYYY-MM-DD` string is a calendar date (a deadline, a period's first day): it names
 * the same day everywhere and is never shifted by a time zone. A `Date` or an ISO timestamp is
 * an instant and shows the day it falls on in `timeZone`.
 */
export function formatDate(value: Date | string, locale: Locale, timeZone = 'Europe/Berlin'): string {
  const calendarDate = typeof value === 'string' ? parseCalendarDate(value) : undefined;
  if (calendarDate) return dateFormat(locale, 'UTC').format(calendarDate);
  return dateFormat(locale, timeZone).format(toInstant(value));
}

/**
 * Formats an instant with its wall-clock time in `timeZone`: `22.11.2026, 14:30 Uhr` in German,
 * `22/11/2026, 14:30` in English. A calendar date has no time of day, so it is refused rather
 * than shown as a made-up midnight.
 */
export function formatDateTime(value: Date | string, locale: Locale, timeZone = 'Europe/Berlin'): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    throw new RangeError(`A calendar date has no time of day; use formatDate for ${value}`);
  }
  const formatted = dateTimeFormat(locale, timeZone).format(toInstant(value));
  return locale === 'de' ? `${formatted} Uhr` : formatted;
}

function parseCalendarDate(value: string): Date | undefined {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over into March; a date that does not exist is a mistake, not a day.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`Not a valid calendar date: ${value}`);
  }
  return date;
}

function toInstant(value: Date | string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${String(value)}`);
  return date;
}

function dateFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone,
    });
    dateFormats.set(key, format);
  }
  return format;
}

function dateTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}
