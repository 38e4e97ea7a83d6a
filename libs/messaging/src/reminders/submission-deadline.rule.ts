import { calendarDaysLeft } from '@kiezfonds/domain';
import type { EntityManager } from 'typeorm';
import type { NoticeRecipient } from '../outbox/notice';
import { exists, type ReminderCandidate, type ReminderRule, SAME_DEADLINE } from './reminder-rule';

const OFFSETS_DAYS = [14, 3, 1] as const;

interface DraftMemberRow {
  application_id: string;
  application_title: string;
  application_updated_at: Date;
  call_id: string;
  call_title: string;
  submission_deadline: Date;
  district_name: string;
  user_id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

/**
 * The rule's selection: every active member of each organisation with a draft in an open call
 * whose deadline lies between $1 (now) and $1 + $2 days. Ordered, so concurrent sweeps insert the
 * same keys in the same order and never deadlock. Exported for bench/reminder-sweep.ts.
 */
export const SUBMISSION_DEADLINE_CANDIDATES = `SELECT a.id AS application_id, a.title AS application_title, a.updated_at AS application_updated_at,
          c.id AS call_id, c.title AS call_title, c.submission_deadline, d.name AS district_name,
          u.id AS user_id, u.email, u.display_name, u.language
   FROM call c
   JOIN district d ON d.id = c.district_id
   JOIN application a ON a.call_id = c.id AND a.state = 'draft'
   JOIN organisation_member m ON m.organisation_id = a.organisation_id
   JOIN app_user u ON u.id = m.user_id AND u.status = 'active'
   WHERE c.status = 'open'
     AND c.submission_deadline > $1::timestamptz
     AND c.submission_deadline <= $1::timestamptz + make_interval(days => $2::int)
   ORDER BY a.id, lower(u.email)`;

/**
 * "Your draft is not submitted yet": 14, 3 and 1 day(s) before an open call's submission
 * deadline, to every active member of each organisation with a draft in that call. One candidate
 * per draft, so an organisation with two drafts hears about each.
 */
export const submissionDeadlineRule: ReminderRule = {
  kind: 'submission_deadline',
  offsetsDays: OFFSETS_DAYS,

  async findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]> {
    // One day beyond the largest offset: calendar days are up to an hour longer than 24 h.
    const horizonDays = Math.max(...OFFSETS_DAYS) + 1;
    const rows: DraftMemberRow[] = await tx.query(SUBMISSION_DEADLINE_CANDIDATES, [now, horizonDays]);

    const candidates = new Map<string, ReminderCandidate>();
    for (const row of rows) {
      let candidate = candidates.get(row.application_id);
      if (!candidate) {
        const deadline = new Date(row.submission_deadline);
        candidate = {
          entityId: row.application_id,
          deadline,
          recipients: [],
          data: {
            call: { id: row.call_id, title: row.call_title, submissionDeadline: deadline.toISOString() },
            application: {
              id: row.application_id,
              title: row.application_title,
              updatedAt: new Date(row.application_updated_at).toISOString(),
            },
            daysLeft: calendarDaysLeft(deadline, now, timeZone),
          },
          district: { name: row.district_name },
          link: `/antraege/${row.application_id}`,
        };
        candidates.set(row.application_id, candidate);
      }
      candidate.recipients.push(recipientOf(row));
    }
    return [...candidates.values()];
  },

  stillDue: (db, { entityId, deadline }) =>
    exists(
      db,
      `SELECT 1 FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.id = $1 AND a.state = 'draft' AND c.status = 'open'
          AND ${SAME_DEADLINE('c.submission_deadline', '$2')}`,
      [entityId, deadline],
    ),
};

function recipientOf(row: DraftMemberRow): NoticeRecipient {
  const name = row.display_name.trim() || row.email;
  return { userId: row.user_id, email: row.email, name: name.slice(0, 200), locale: row.language };
}
