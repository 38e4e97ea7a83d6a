import { exists, type ReminderRule, SAME_DEADLINE, WITHIN_REACH } from './reminder-rule';

/**
 * The member row `m` is in the electorate the written vote `vote` stored when it opened (voting
 * seats in their own right held that day) and is still held on the Berlin date of the instant
 * `at`: the one filter for who is asked to answer, at the sweep and again at delivery. A seat taken
 * after the opening is not asked (the vote did not open to it), and neither is a seat that has
 * ended since, nor an earlier term of a re-appointed member: they cannot answer any more.
 */
export const ELECTOR_ON = (vote: string, at: string) => `EXISTS (SELECT 1 FROM committee_vote_electorate e
                WHERE e.vote_id = ${vote} AND e.committee_member_id = m.id)
       AND m.valid_from <= (${at} AT TIME ZONE 'Europe/Berlin')::date
       AND (m.valid_to IS NULL OR m.valid_to >= (${at} AT TIME ZONE 'Europe/Berlin')::date)`;

/**
 * "The written vote closes soon": one day before an open written procedure's deadline, to each
 * member of its electorate (see `ELECTOR_ON`) who has not answered yet. A member who
 * declared a conflict on the application is not reminded: the declaration records their recusal
 * (at the opening, or at once when declared later), which is an answer. The mail asks a member
 * with an undeclared conflict to declare it instead of voting.
 */
export const writtenVoteClosingRule: ReminderRule = {
  kind: 'written_vote_closing',
  deadlines: `SELECT v.deadline FROM committee_vote v
    WHERE v.procedure = 'written' AND v.closed_at IS NULL AND ${WITHIN_REACH('v.deadline')}`,
  occasions: `
    SELECT v.id::text AS entity_id, due.*, u.id AS user_id, u.email, u.display_name, u.language,
           d.name AS district_name, '/eingang/' || a.id AS link,
           jsonb_build_object('committee', jsonb_build_object('name', cm.name),
             'vote', jsonb_build_object('subject', a.title, 'closesAt', due.deadline_iso)) AS data
      FROM committee_vote v
      JOIN due ON due.deadline = v.deadline
      JOIN committee cm ON cm.id = v.committee_id
      JOIN district d ON d.id = cm.district_id
      JOIN application a ON a.id = v.application_id
      JOIN committee_member m ON m.committee_id = cm.id AND ${ELECTOR_ON('v.id', '$1::timestamptz')}
      JOIN app_user u ON u.id = m.user_id AND u.status = 'active'
     WHERE v.procedure = 'written' AND v.closed_at IS NULL AND ${WITHIN_REACH('v.deadline')}
       AND NOT EXISTS (SELECT 1 FROM committee_ballot b WHERE b.vote_id = v.id AND b.committee_member_id = m.id)`,

  // Still due while the vote is open with that deadline and the recipient, in a seat of its
  // electorate held today, has not answered.
  stillDue: (db, { entityId, deadline }, recipient) =>
    exists(
      db,
      `SELECT 1 FROM committee_vote v
         JOIN committee_member m ON m.committee_id = v.committee_id AND m.user_id = $3
          AND ${ELECTOR_ON('v.id', 'now()')}
        WHERE v.id = $1 AND v.closed_at IS NULL AND ${SAME_DEADLINE('v.deadline', '$2')}
          AND NOT EXISTS (SELECT 1 FROM committee_ballot b WHERE b.vote_id = v.id AND b.committee_member_id = m.id)
        LIMIT 1`,
      [entityId, deadline, recipient.userId],
    ),
};
