import type { NoticeKind } from '@kiezfonds/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { NoticeJob } from '../outbox/notice';
import { exists } from '../reminders/reminder-rule';
import { ELECTOR_ON } from '../reminders/written-vote-closing.rule';

/**
 * A notice that is not a reminder but still depends on a state (TRUST.md, "Work and delivery"):
 * `occasion` reads what it is about from the notice's data (undefined for a notice queued before
 * it carried that, which is then delivered unchecked), `stillDue` checks the state again at
 * delivery. What `occasion` returns is recorded with a drop.
 */
interface StateCheck<T extends Record<string, unknown>> {
  occasion(data: unknown): T | undefined;
  stillDue(db: DataSource | EntityManager, occasion: T, notice: NoticeJob): Promise<boolean>;
}

const writtenVoteData = z.object({ vote: z.object({ id: z.uuid() }) });
const sessionData = z.object({ session: z.object({ id: z.uuid(), invitedAt: z.iso.datetime() }) });

const writtenVoteOpened: StateCheck<{ voteId: string }> = {
  occasion: (data) => {
    const parsed = writtenVoteData.safeParse(data);
    return parsed.success ? { voteId: parsed.data.vote.id } : undefined;
  },
  // "Please vote by …" fits while the vote is open and the recipient, in a seat of its electorate
  // held today, has not answered and has no declared conflict on the application: a member who declared one
  // after the notice was queued may not vote (their recusal is on record), so it is dropped.
  stillDue: (db, { voteId }, notice) =>
    exists(
      db,
      `SELECT 1 FROM committee_vote v
         JOIN application a ON a.id = v.application_id
         JOIN committee_member m ON m.committee_id = v.committee_id AND m.user_id = $2
          AND ${ELECTOR_ON('v.id', 'now()')}
        WHERE v.id = $1 AND v.closed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM committee_ballot b WHERE b.vote_id = v.id AND b.committee_member_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM conflict_of_interest ci
                           WHERE ci.committee_member_id = m.id AND ci.withdrawn_at IS NULL
                             AND (ci.application_id = a.id OR ci.organisation_id = a.organisation_id))
        LIMIT 1`,
      [voteId, notice.recipient.userId],
    ),
};

const sessionInvitation: StateCheck<{ sessionId: string; invitedAt: string }> = {
  occasion: (data) => {
    const parsed = sessionData.safeParse(data);
    return parsed.success
      ? { sessionId: parsed.data.session.id, invitedAt: parsed.data.session.invitedAt }
      : undefined;
  },
  // An invitation fits while the session has not been held and no later invitation (a changed
  // agenda) replaced it.
  stillDue: (db, { sessionId, invitedAt }) =>
    exists(
      db,
      `SELECT 1 FROM committee_session
        WHERE id = $1 AND status = 'scheduled' AND date_trunc('milliseconds', invited_at) = $2::timestamptz`,
      [sessionId, invitedAt],
    ),
};

export const STATE_CHECKS: Partial<Record<NoticeKind, StateCheck<Record<string, string>>>> = {
  written_vote_opened: writtenVoteOpened,
  session_invitation: sessionInvitation,
};
