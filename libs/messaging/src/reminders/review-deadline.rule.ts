import { exists, type ReminderRule, SAME_DEADLINE, WITHIN_REACH } from './reminder-rule';

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
const owedVoten = (at: string, due = '') => `
  FROM call c${due}
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
  // One reminder per call and member, listing every application the member's department owes.
  deadlines: `SELECT c.review_deadline AS deadline FROM call c WHERE ${WITHIN_REACH('c.review_deadline')}`,
  occasions: `
    SELECT c.id::text AS entity_id, due.*,
           u.id AS user_id, u.email, u.display_name, u.language, d.name AS district_name,
           '/begutachtung' AS link,
           jsonb_build_object(
             'committee', jsonb_build_object('name', cm.name),
             'review', jsonb_build_object('due', due.deadline_iso),
             'applications', jsonb_agg(jsonb_build_object('title', a.title,
               'organisation', jsonb_build_object('name', o.name)) ORDER BY a.reference)) AS data
      ${owedVoten('$1::timestamptz', ' JOIN due ON due.deadline = c.review_deadline')}
     GROUP BY c.id, due.deadline, due.offset_days, due.says, due.deadline_iso, cm.name, d.name, u.id, u.email, u.display_name, u.language`,

  // Still due while the deadline stands and the recipient's department owes a Votum.
  stillDue: (db, { entityId, deadline }, recipient) =>
    exists(
      db,
      `SELECT 1 ${owedVoten('now()')} AND c.id = $1 AND ${SAME_DEADLINE('c.review_deadline', '$2')} AND u.id = $3 LIMIT 1`,
      [entityId, deadline, recipient.userId],
    ),
};
