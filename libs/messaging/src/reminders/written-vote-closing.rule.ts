import type { EntityManager } from 'typeorm';
import { exists, type ReminderCandidate, type ReminderRule, SAME_DEADLINE } from './reminder-rule';

const OFFSETS_DAYS = [1] as const;

interface OwedBallotRow {
  vote_id: string;
  deadline: Date;
  application_id: string;
  title: string;
  committee_name: string;
  district_name: string;
  user_id: string;
  email: string;
  display_name: string;
  language: 'de' | 'en';
}

/**
 * "The written vote closes soon": one day before an open written procedure's deadline, to each
 * voting member (in their own right, not substitutes) who has not answered yet. A member who
 * declared a conflict is reminded too: the mail asks them to declare it instead of voting, which
 * records their recusal.
 */
export const writtenVoteClosingRule: ReminderRule = {
  kind: 'written_vote_closing',
  offsetsDays: OFFSETS_DAYS,

  async findCandidates(tx: EntityManager, now: Date): Promise<ReminderCandidate[]> {
    const rows = (await tx.query(
      `SELECT v.id AS vote_id, v.deadline, a.id AS application_id, a.title, cm.name AS committee_name,
              d.name AS district_name, u.id AS user_id, u.email, u.display_name, u.language
         FROM committee_vote v
         JOIN committee cm ON cm.id = v.committee_id
         JOIN district d ON d.id = cm.district_id
         JOIN application a ON a.id = v.application_id
         JOIN committee_member m ON m.committee_id = cm.id AND m.voting AND m.substitute_for_id IS NULL
          AND m.valid_from <= ($1::timestamptz AT TIME ZONE 'Europe/Berlin')::date
          AND (m.valid_to IS NULL OR m.valid_to >= ($1::timestamptz AT TIME ZONE 'Europe/Berlin')::date)
         JOIN app_user u ON u.id = m.user_id AND u.status = 'active'
        WHERE v.procedure = 'written' AND v.closed_at IS NULL
          AND v.deadline > $1::timestamptz
          AND v.deadline <= $1::timestamptz + make_interval(days => $2::int)
          AND NOT EXISTS (SELECT 1 FROM committee_ballot b WHERE b.vote_id = v.id AND b.committee_member_id = m.id)
        ORDER BY v.id, lower(u.email)`,
      [now, Math.max(...OFFSETS_DAYS) + 1],
    )) as OwedBallotRow[];

    const candidates = new Map<string, ReminderCandidate>();
    for (const row of rows) {
      let candidate = candidates.get(row.vote_id);
      if (!candidate) {
        const deadline = new Date(row.deadline);
        candidate = {
          entityId: row.vote_id,
          deadline,
          recipients: [],
          data: {
            committee: { name: row.committee_name },
            vote: { subject: row.title, closesAt: deadline.toISOString() },
          },
          district: { name: row.district_name },
          link: `/eingang/${row.application_id}`,
        };
        candidates.set(row.vote_id, candidate);
      }
      candidate.recipients.push({
        userId: row.user_id,
        email: row.email,
        name: row.display_name,
        locale: row.language,
      });
    }
    return [...candidates.values()];
  },

  // Still due while the vote is open with that deadline and the recipient has not answered.
  stillDue: (db, { entityId, deadline }, recipient) =>
    exists(
      db,
      `SELECT 1 FROM committee_vote v
         JOIN committee_member m ON m.committee_id = v.committee_id AND m.user_id = $3
        WHERE v.id = $1 AND v.closed_at IS NULL AND ${SAME_DEADLINE('v.deadline', '$2')}
          AND NOT EXISTS (SELECT 1 FROM committee_ballot b WHERE b.vote_id = v.id AND b.committee_member_id = m.id)
        LIMIT 1`,
      [entityId, deadline, recipient.userId],
    ),
};
