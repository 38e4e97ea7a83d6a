/*
 * Deadlines are Berlin wall-clock times; the API wants instants with their offset
 * (`2027-01-31T23:59:59+01:00`) and calendar days (`2027-01-31`). These helpers do the
 * conversion without depending on the browser's own time zone.
 */

import { isCalendarDay } from '@kiezfonds/domain';

export { isCalendarDay };

const berlin = 'Europe/Berlin';
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The current year in Berlin, the API's default programme year. */
export function currentBerlinYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: berlin, year: 'numeric' }).format(now));
}

/** Berlin's offset from UTC at an instant, as `+01:00` or `+02:00`. */
export function berlinOffset(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: berlin,
    timeZoneName: 'longOffset',
  }).formatToParts(instant);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT" alone means an offset of zero.
  const match = /^GMT([+-]\d{2}:\d{2})?$/.exec(name);
  return match?.[1] ?? '+00:00';
}

/**
 * A Berlin wall-clock time as an ISO instant with its offset. The offset is taken at noon UTC of
 * that day: clocks change at night, so the evening (where deadlines sit) has the noon offset.
 */
export function berlinDateTime(day: string, time: string, seconds = '00'): string {
  if (!isCalendarDay(day)) throw new RangeError(`Not a calendar day: ${day}`);
  if (!timePattern.test(time)) throw new RangeError(`Not a time of day: ${time}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const offset = berlinOffset(new Date(Date.UTC(y, m - 1, d, 12)));
  return `${day}T${time}:${seconds}${offset}`;
}

/** The end of a Berlin day: a reply deadline "until 31.01.2027" lasts the whole day. */
export function endOfBerlinDay(day: string): string {
  return berlinDateTime(day, '23:59', '59');
}

/** The Berlin calendar day and time of an instant, for date and time inputs. */
export function berlinDayAndTime(instant: string | Date): { day: string; time: string } {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: berlin,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** Today in Berlin as `YYYY-MM-DD`. */
export function berlinToday(now: Date = new Date()): string {
  return berlinDayAndTime(now).day;
}

/** A calendar day plus some days, e.g. a default reply deadline two weeks ahead. */
export function addDays(day: string, days: number): string {
  if (!isCalendarDay(day)) throw new RangeError(`Not a calendar day: ${day}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
