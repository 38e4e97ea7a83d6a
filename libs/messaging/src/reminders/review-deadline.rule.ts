import { calendarDaysLeft } from '@kiezfonds/domain';
import type { EntityManager } from 'typeorm';
import { exists, type ReminderCandidate, type ReminderRule, SAME_DEADLINE } from './reminder-rule';

const OFFSETS_DAYS = [7, 2] as const;

interface OwedVotumRow {
  call_id: string;
  review_deadline: Date;
  committee_name: string;
  district_name: string;
  application_id: string;
  title: string;
  organisation_name: string;
  user_id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

/**
 * "Your Votum is still missing": 7 and 2 days before a call's review deadline, to each current
 * member of the reviewing committee whose department has not reviewed an application under review,
 * listing those applications. Applications on which the member declared a conflict of interest are
 * left out (their department is excused there). Substitutes are not reminded: the member is.
 */
/**
 * The Voten each current member's department still owes on the applications before the reviewing
 * committee of each call, as of `at` (an SQL expression), leaving out applications the member
 * declared a conflict on. Ends in a WHERE clause the caller extends with `AND …`.
 */
const owedVoten = (at: string) => `
  FROM call c
  JOIN district d ON d.id = c.district_id
  JOIN committee cm ON cm.id = coalesce(c.committee_id,
         (SELECT first.id FROM committee first WHERE first.district_id = c.district_id ORDER BY first.name LIMIT 1))
  JOIN committee_member m ON m.committee_id = cm.id AND m.substitute_for_id IS NULL
   AND m.valid_from <= (${at} AT TIME ZONE 'Europe/Berlin')::date
   AND (m.valid_to IS NULL OR m.valid_to >= (${at} AT TIME ZONE 'Europe/Berlin')::date)
  JOIN app_user u ON u.id = m.user_id AND u.status = 'active'
  JOIN application a ON a.call_id = c.id AND a.state IN ('in_review', 'in_planning')
  JOIN organisation o ON o.id = a.organisation_id
 WHERE NOT EXISTS (SELECT 1 FROM votum v WHERE v.application_id = a.id AND v.department = m.department
                    AND v.withdrawn_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM conflict_of_interest ci
                    WHERE ci.committee_member_id = m.id AND ci.withdrawn_at IS NULL
                      AND (ci.application_id = a.id OR ci.organisation_id = a.organisation_id))`;

export const reviewDeadlineRule: ReminderRule = {
  kind: 'review_deadline',
  offsetsDays: OFFSETS_DAYS,

  async findCandidates(tx: EntityManager, now: Date, timeZone: string): Promise<ReminderCandidate[]> {
    const rows = (await tx.query(
      `SELECT c.id AS call_id, c.review_deadline, cm.name AS committee_name, d.name AS district_name,
              a.id AS application_id, a.title, o.name AS organisation_name,
              u.id AS user_id, u.email, u.display_name, u.language
         ${owedVoten('$1::timestamptz')}
          AND c.review_deadline > $1::timestamptz
          AND c.review_deadline <= $1::timestamptz + make_interval(days => $2::int)
        ORDER BY c.id, lower(u.email), a.reference`,
      [now, Math.max(...OFFSETS_DAYS) + 1],
    )) as OwedVotumRow[];

    // One reminder per call and member, listing every application the member's department owes.
    const candidates = new Map<string, ReminderCandidate & { applications: unknown[] }>();
    for (const row of rows) {
      const key = `${row.call_id}|${row.user_id}`;
      let candidate = candidates.get(key);
      if (!candidate) {
        const deadline = new Date(row.review_deadline);
        const applications: unknown[] = [];
        candidate = {
          entityId: row.call_id,
          deadline,
          recipients: [
            { userId: row.user_id, email: row.email, name: row.display_name, locale: row.language },
          ],
          applications,
          data: {
            committee: { name: row.committee_name },
            review: { due: deadline.toISOString() },
            daysLeft: calendarDaysLeft(deadline, now, timeZone),
            applications,
          },
          district: { name: row.district_name },
          link: '/begutachtung',
        };
        candidates.set(key, candidate);
      }
      candidate.applications.push({ title: row.title, organisation: { name: row.organisation_name } });
    }
    return [...candidates.values()].map(({ applications: _list, ...candidate }) => candidate);
  },

  // Still due while the deadline stands and the recipient's department owes a Votum.
  stillDue: (db, { entityId, deadline }, recipient) =>
    exists(
      db,
      `SELECT 1 ${owedVoten('now()')} AND c.id = $1 AND ${SAME_DEADLINE('c.review_deadline', '$2')} AND u.id = $3 LIMIT 1`,
      [entityId, deadline, recipient.userId],
    ),
};
