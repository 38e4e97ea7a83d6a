/**
 * Calendar arithmetic in a time zone, with nothing but `Intl.DateTimeFormat`.
 *
 * "Three days before the deadline" means the same wall-clock time three calendar days earlier in
 * Berlin, not 72 hours earlier: across the switch to summer time that is 71 hours, across the
 * switch back 73. A reminder due "at 10:00" then stays at 10:00 for the people who read it.
 */

const DAY_MS = 86_400_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // Throws a RangeError for an unknown zone, which is what the caller should see.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      // h23, not hour12: false, which some ICU versions render as "24" at midnight.
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields `epochMs` shows in `timeZone` (whole seconds; milliseconds are kept apart). */
function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

/**
 * The calendar day an instant falls on in `timeZone`, as `YYYY-MM-DD`: the date a grant notice or
 * a payment carries when it happens at that instant.
 *
 * @throws RangeError for an invalid date or an unknown time zone.
 */
export function calendarDayOf(instant: Date, timeZone = 'Europe/Berlin'): string {
  const epochMs = instant.getTime();
  if (Number.isNaN(epochMs)) throw new RangeError('calendarDayOf: not a valid date');
  const { year, month, day } = wallClockAt(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** The wall clock read as if it were UTC: a plain count of milliseconds, for arithmetic only. */
function wallClockAsUtc(clock: WallClock): number {
  const ms = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  // Date.UTC maps years 0-99 onto 1900-1999; such dates are not ours, but keep them exact anyway.
  return clock.year < 100 ? new Date(ms).setUTCFullYear(clock.year) : ms;
}

/** How far `timeZone` is ahead of UTC at `epochMs`, in milliseconds (+3 600 000 for CET). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wallClockAsUtc(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * The instant at which `timeZone` shows the wall clock `localMs` (as from `wallClockAsUtc`).
 *
 * Offsets are taken a day before and a day after: time zones change their offset at most once in
 * such a window, so one of the two is the right one. Where the wall clock does not exist or exists
 * twice, this resolves as `Temporal`'s default (`disambiguation: 'compatible'`) and java.time do:
 * - a time in the spring-forward gap (02:30 on 29 March 2026 in Berlin) is moved forward by the
 *   gap's length (to 03:30 CEST), because the clocks were meant to show "02:30 in winter time";
 * - a time in the autumn overlap (02:30 on 25 October 2026, first in CEST, then in CET) means its
 *   earlier occurrence (02:30 CEST), so a reminder rather comes an hour early than an hour late.
 * In both cases that is the instant computed with the offset from before the change.
 */
function instantOfWallClock(localMs: number, timeZone: string): number {
  const before = localMs - offsetAt(localMs - DAY_MS, timeZone);
  const after = localMs - offsetAt(localMs + DAY_MS, timeZone);
  if (before === after) return before;
  const showsLocal = (candidate: number) => candidate + offsetAt(candidate, timeZone) === localMs;
  if (showsLocal(after) && !showsLocal(before)) return after;
  return before;
}

/**
 * The instant `days` calendar days before `instant`, at the same wall-clock time in `timeZone`.
 *
 * `subtractCalendarDays(2026-03-31 10:00 Berlin, 3, 'Europe/Berlin')` is 2026-03-28 10:00 Berlin,
 * 71 hours earlier, because the clocks went forward on 29 March. A negative `days` counts forward.
 * A wall-clock time that does not exist on the target day (in the spring-forward gap) moves forward
 * by the gap; one that exists twice (in the autumn overlap) takes its earlier occurrence.
 *
 * @throws RangeError for an invalid date, a `days` that is not an integer, or an unknown time zone.
 */
export function subtractCalendarDays(instant: Date, days: number, timeZone: string): Date {
  const epochMs = instant.getTime();
  if (Number.isNaN(epochMs)) throw new RangeError('subtractCalendarDays: not a valid date');
  if (!Number.isInteger(days))
    throw new RangeError(`subtractCalendarDays: ${days} is not a whole number of days`);
  // Zero days is the same instant, even inside the autumn overlap, where resolving the wall clock
  // again would pick its earlier occurrence.
  if (days === 0) return new Date(epochMs);
  const millis = ((epochMs % 1000) + 1000) % 1000;
  const clock = wallClockAt(epochMs - millis, timeZone);
  // Date.UTC normalises a day of month below 1 into the previous month (and year), as a calendar does.
  const target = wallClockAsUtc({ ...clock, day: clock.day - days });
  return new Date(instantOfWallClock(target, timeZone) + millis);
}
