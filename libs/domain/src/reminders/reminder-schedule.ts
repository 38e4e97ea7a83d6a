import { NOTICE_CATALOGUE, type NoticeKind } from '../notifications/catalogue';
import { subtractCalendarDays } from './zoned-time';

/** The notice kinds the reminder sweep sends (category `reminder` in the catalogue). */
export type ReminderKind = {
  [K in NoticeKind]: (typeof NOTICE_CATALOGUE)[K]['category'] extends 'reminder' ? K : never;
}[NoticeKind];

export function isReminderKind(kind: NoticeKind): kind is ReminderKind {
  return NOTICE_CATALOGUE[kind].category === 'reminder';
}

function assertWholeDays(caller: string, offsetsDays: readonly number[]): void {
  for (const offset of offsetsDays) {
    if (!Number.isInteger(offset) || offset < 1) {
      throw new RangeError(`${caller}: ${offset} is not a positive whole number of days`);
    }
  }
}

/**
 * Which reminder is due now for a deadline reminded `offsetsDays` calendar days ahead (e.g.
 * `[14, 3, 1]`): the smallest offset whose send time (the deadline minus that many calendar days
 * in `timeZone`, see `subtractCalendarDays`) has come, as long as the deadline has not passed.
 * Null when none is due yet or the deadline is over.
 *
 * Only the smallest is returned, never every offset that has come: a sweep that runs late, after
 * a downtime, then sends the one reminder that still fits ("1 day left"), not a burst of stale
 * ones ("14 days left", "3 days left") in the same minute.
 *
 * @throws RangeError for an offset that is not a positive whole number of days.
 */
export function dueReminderOffset(
  deadline: Date,
  offsetsDays: readonly number[],
  now: Date,
  timeZone: string,
): number | null {
  assertWholeDays('dueReminderOffset', offsetsDays);
  if (now.getTime() >= deadline.getTime()) return null;
  const ascending = [...offsetsDays].sort((a, b) => a - b);
  // Ascending offsets have descending send times: the first one that has come is the nearest.
  for (const offset of ascending) {
    if (subtractCalendarDays(deadline, offset, timeZone).getTime() <= now.getTime()) return offset;
  }
  return null;
}

/**
 * Which reminder is due now for a deadline that has passed, reminded `offsetsDays` calendar days
 * after it (e.g. `[1, 7]` for "overdue since a day" and "since a week"): the largest offset whose
 * send time (the deadline plus that many calendar days in `timeZone`) has come, so a sweep that
 * runs late sends the one that fits now and not a burst. Null before the first offset.
 *
 * @throws RangeError for an offset that is not a positive whole number of days.
 */
export function dueOverdueOffset(
  deadline: Date,
  offsetsDays: readonly number[],
  now: Date,
  timeZone: string,
): number | null {
  assertWholeDays('dueOverdueOffset', offsetsDays);
  const descending = [...offsetsDays].sort((a, b) => b - a);
  for (const offset of descending) {
    if (subtractCalendarDays(deadline, -offset, timeZone).getTime() <= now.getTime()) return offset;
  }
  return null;
}

/** Whole calendar days since `deadline` in `timeZone` (0 before it and within its first day). */
export function calendarDaysOverdue(deadline: Date, now: Date, timeZone: string): number {
  let days = 0;
  while (subtractCalendarDays(deadline, -(days + 1), timeZone).getTime() <= now.getTime()) days++;
  return days;
}

/**
 * How many calendar days are left until `deadline`, rounded up, counted in `timeZone`: the
 * smallest `n >= 1` for which `deadline` minus `n` calendar days has come. This is what a reminder
 * says ("noch 3 Tage"): the 3-day reminder says 3 even in the week the clocks change (when three
 * calendar days are 71 or 73 hours), and a late one says how many days are really left.
 * 0 once the deadline has passed.
 */
export function calendarDaysLeft(deadline: Date, now: Date, timeZone: string): number {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return 0;
  // Whole days in hours are off by at most one from calendar days (an hour of DST either way).
  let days = Math.max(1, Math.ceil(left / 86_400_000) - 1);
  while (subtractCalendarDays(deadline, days, timeZone).getTime() > now.getTime()) days++;
  return days;
}

/**
 * When each kind of reminder is sent, the single source for the sweep (which computes the same in
 * SQL from these numbers) and for anyone who explains it: calendar days before the deadline in
 * APP_TIMEZONE, or after it for `after` schedules (an overdue notice). `says` names the count the
 * reminder's text announces, computed at the moment it is queued.
 */
export interface ReminderSchedule {
  offsetsDays: readonly number[];
  after?: true;
  says?: 'daysLeft' | 'daysOverdue';
}

export const REMINDER_SCHEDULES = {
  submission_deadline: { offsetsDays: [14, 3, 1], says: 'daysLeft' },
  change_request_deadline: { offsetsDays: [3, 1], says: 'daysLeft' },
  prompt_use_deadline: { offsetsDays: [14, 3], says: 'daysLeft' },
  report_due: { offsetsDays: [14, 3, 1], says: 'daysLeft' },
  // A day after the deadline, and again a week after.
  report_overdue: { offsetsDays: [1, 7], after: true, says: 'daysOverdue' },
  review_deadline: { offsetsDays: [7, 2], says: 'daysLeft' },
  written_vote_closing: { offsetsDays: [1] },
} as const satisfies Record<ReminderKind, ReminderSchedule>;

/**
 * How far from now a sweep looks for deadlines: one day beyond the largest offset before them
 * (calendar days are up to an hour longer than 24 h), two after them.
 */
export function sweepHorizonDays(schedule: ReminderSchedule): number {
  return Math.max(...schedule.offsetsDays) + (schedule.after ? 2 : 1);
}
