import { exists, isoSql, type ReminderRule, SAME_DEADLINE, WITHIN_REACH } from './reminder-rule';

/**
 * Every active member of each organisation with a draft in an open call whose deadline lies
 * between $1 (now) and $1 + $2 days: the selection the rule's reminders are built from.
 */
const draftMembers = (due = '') => `
   FROM call c${due}
   JOIN district d ON d.id = c.district_id
   JOIN application a ON a.call_id = c.id AND a.state = 'draft'
   JOIN organisation_member m ON m.organisation_id = a.organisation_id
   JOIN app_user u ON u.id = m.user_id AND u.status = 'active'
   WHERE c.status = 'open' AND ${WITHIN_REACH('c.submission_deadline')}`;

/**
 * The rule's selection alone, as a bare SELECT of its rows: the anchor of bench/reminder-sweep.ts
 * (issue 18: the sweep costs at most twice what selecting what is due costs).
 */
export const SUBMISSION_DEADLINE_CANDIDATES = `SELECT a.id AS application_id, a.title AS application_title, a.updated_at AS application_updated_at,
          c.id AS call_id, c.title AS call_title, c.submission_deadline, d.name AS district_name,
          u.id AS user_id, u.email, u.display_name, u.language
   ${draftMembers()}`;

/**
 * "Your draft is not submitted yet": 14, 3 and 1 day(s) before an open call's submission
 * deadline, to every active member of each organisation with a draft in that call. One occasion
 * per draft, so an organisation with two drafts hears about each.
 */
export const submissionDeadlineRule: ReminderRule = {
  kind: 'submission_deadline',
  deadlines: `SELECT c.submission_deadline AS deadline FROM call c
    WHERE c.status = 'open' AND ${WITHIN_REACH('c.submission_deadline')}`,
  occasions: `
    SELECT a.id::text AS entity_id, due.*,
           u.id AS user_id, u.email, u.display_name, u.language, d.name AS district_name,
           '/antraege/' || a.id AS link,
           jsonb_build_object(
             'call', jsonb_build_object('id', c.id, 'title', c.title,
               'submissionDeadline', due.deadline_iso),
             'application', jsonb_build_object('id', a.id, 'title', a.title,
               'updatedAt', ${isoSql('a.updated_at')})) AS data
    ${draftMembers(' JOIN due ON due.deadline = c.submission_deadline')}`,

  stillDue: (db, { entityId, deadline }) =>
    exists(
      db,
      `SELECT 1 FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.id = $1 AND a.state = 'draft' AND c.status = 'open'
          AND ${SAME_DEADLINE('c.submission_deadline', '$2')}`,
      [entityId, deadline],
    ),
};
