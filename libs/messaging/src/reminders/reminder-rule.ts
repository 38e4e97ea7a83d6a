import type { ReminderKind } from '@kiezfonds/domain';
import type { EntityManager } from 'typeorm';
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

/**
 * A kind of reminder: when it is sent (calendar days before the deadline, in APP_TIMEZONE) and
 * how to find what it is about. The sweep decides from `offsetsDays` which reminder is due; the
 * query only has to return the candidates whose deadline lies ahead, within reach of the largest
 * offset.
 */
export interface ReminderRule {
  kind: ReminderKind;
  offsetsDays: readonly number[];
  findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]>;
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
