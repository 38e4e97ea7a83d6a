import { type ReminderKind } from '@kiezfonds/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { NoticeRecipient } from '../outbox/notice';

/** What one queued reminder is about: the entity and its deadline as they were when it was queued. */
export interface ReminderOccasion {
  entityId: string;
  deadline: Date;
}

/**
 * A kind of reminder: how to find, in SQL, who is to be reminded of what. When it is sent comes
 * from its schedule in libs/domain (`REMINDER_SCHEDULES`); the sweep computes from that, in the
 * same statement, which reminder is due and writes it into the outbox (reminder-sweep.sql.ts).
 */
export interface ReminderRule {
  kind: ReminderKind;
  /**
   * A SELECT of the deadlines (column `deadline`, timestamptz, repeats allowed) within the sweep's
   * reach: after them for `after` schedules (`deadline <= $1` and `> $1 - $2 days`), before them
   * otherwise (`deadline > $1` and `<= $1 + $2 days`); `$1` is now (timestamptz), `$2` the horizon
   * in days (integer). The sweep decides once per deadline which reminder is due (the CTE `due`),
   * not once per recipient.
   */
  deadlines: string;
  /**
   * A SELECT of one row per occasion and recipient, joined to `due` on its deadline (only the
   * deadlines with a reminder due now are in it): `entity_id` (text), `due.*`, the recipient's
   * `user_id`, `email`, `display_name`, `language`, the `district_name`, the `link` in the web app
   * and the template's facts as `data` (jsonb; the sweep adds what the schedule `says`).
   */
  occasions: string;
  /**
   * Whether a reminder queued for `occasion` still fits, checked again when it is delivered
   * (TRUST.md, "Work and delivery"): the deadline is still the one it names and the entity still in
   * the state that called for it (and, where the rule is per person, the recipient still owes it).
   */
  stillDue(
    db: DataSource | EntityManager,
    occasion: ReminderOccasion,
    recipient: NoticeRecipient,
  ): Promise<boolean>;
}

/** Compares deadlines to the millisecond, as the queued reminder carries them (JSON, ISO). */
export const SAME_DEADLINE = (column: string, parameter: string) =>
  `date_trunc('milliseconds', ${column}) = ${parameter}::timestamptz`;

/** An instant as JavaScript's `toISOString()` writes it (milliseconds, truncated as a `Date` does). */
export const isoSql = (expression: string) =>
  `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The deadline lies within the sweep's reach before it ($1 now, $2 days). */
export const WITHIN_REACH = (deadline: string) =>
  `${deadline} > $1::timestamptz AND ${deadline} <= $1::timestamptz + make_interval(days => $2::int)`;

/** Runs a `SELECT 1 … LIMIT 1` and tells whether it found a row. */
export async function exists(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
): Promise<boolean> {
  return ((await db.query(sql, params)) as unknown[]).length > 0;
}

/**
 * The occasion of one reminder: kind, entity, deadline and offset. The outbox adds the recipient's
 * address, so each person gets each reminder once, and a moved deadline yields new keys. The sweep
 * builds the same key in SQL (reminder-sweep.sql.ts).
 */
export function reminderKey(
  kind: ReminderKind,
  entityId: string,
  deadline: Date,
  offsetDays: number,
): string {
  return `reminder:${kind}:${entityId}:${deadline.toISOString()}:${offsetDays}`;
}
