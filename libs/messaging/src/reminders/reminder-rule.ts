import type { ReminderKind } from '@kiezfonds/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { Notice, NoticeRecipient } from '../outbox/notice';

/** One thing with a deadline that someone should be reminded of, as the database has it now. */
export interface ReminderCandidate {
  /** The row the reminder is about (for the submission deadline: the draft application). */
  entityId: string;
  /** The deadline as it stands now; a moved deadline is a new occasion with new keys. */
  deadline: Date;
  recipients: NoticeRecipient[];
  /** The template's facts (see the kind's sample in templates/samples.ts). */
  data: Record<string, unknown>;
  district?: Notice['district'];
  link?: string;
}

/** What one queued reminder is about: the entity and its deadline as they were when it was queued. */
export interface ReminderOccasion {
  entityId: string;
  deadline: Date;
}

/**
 * A kind of reminder: when it is sent (calendar days before the deadline, in APP_TIMEZONE, or
 * after it for `after` rules) and how to find what it is about. The sweep decides from
 * `offsetsDays` which reminder is due; the query only has to return the candidates whose deadline
 * lies within reach of the largest offset.
 */
export interface ReminderRule {
  kind: ReminderKind;
  offsetsDays: readonly number[];
  /** The offsets count calendar days after the deadline (an overdue notice), not before it. */
  after?: boolean;
  findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]>;
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
 * address, so each person gets each reminder once, and a moved deadline yields new keys.
 */
export function reminderKey(
  kind: ReminderKind,
  entityId: string,
  deadline: Date,
  offsetDays: number,
): string {
  return `reminder:${kind}:${entityId}:${deadline.toISOString()}:${offsetDays}`;
}
