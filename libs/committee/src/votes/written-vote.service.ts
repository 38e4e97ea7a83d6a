import { Injectable, Logger } from '@nestjs/common';
import {
  assertMayVote,
  type CommitteeRules,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type Vote,
  type VoteChoice,
  writtenVoteOutcome,
} from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit, requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { conflictedMemberIds } from '../conflicts/conflict-check';
import { CommitteeNotices } from '../notices/committee-notices';
import { committeeOfCall } from '../reviews/call-committee';
import { countedBallots, openVotesInConflict, recordRecusal, recuseSeat } from './ballots';
import {
  type CommitteeRow,
  committeeById,
  committeeForOpening,
  currentMembers,
  electorateOf,
  isStaff,
  membershipOf,
  recordElectorate,
  RULE_COLUMNS,
  ruleValues,
  storedRules,
} from './committee-membership';

/** Appends a changed choice to a member's ballot, numbered after the changes before it. */
async function changeBallot(
  tx: EntityManager,
  voteId: string,
  memberId: string,
  choice: Exclude<VoteChoice, 'recused'>,
  principal: Principal,
): Promise<void> {
  await tx.query(
    `INSERT INTO committee_ballot_change (vote_id, committee_member_id, seq, choice, changed_by)
     SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4 FROM committee_ballot_change
      WHERE vote_id = $1 AND committee_member_id = $2`,
    [voteId, memberId, choice, principal.userId],
  );
}

/** States in which an application is before the committee. */
const BEFORE_COMMITTEE = ['in_review', 'in_planning'];

interface VoteRow {
  id: string;
  committee_id: string;
  application_id: string;
  motion: string;
  opened_at: Date;
  deadline: Date;
  closed_at: Date | null;
  closed_because: string | null;
  outcome: string | null;
  tally: unknown;
  quorum_numerator: number;
  quorum_denominator: number;
  majority: string;
  abstentions_count_as_cast: boolean;
}

export interface WrittenVoteView {
  id: string;
  applicationId: string;
  committeeId: string;
  motion: string;
  openedAt: string;
  deadline: string;
  state: 'open' | 'closed';
  eligible: number;
  responded: number;
  /** Coordinators see who has not answered yet (the reminder list); members see the count. */
  missing: { memberId: string; name: string; department: string; seatEnded: boolean }[] | null;
  ownBallot: VoteChoice | null;
  closedAt: string | null;
  closedBecause: string | null;
  outcome: string | null;
  tally: unknown;
  /** The committee's rules as they were when the vote opened: the rules it is decided by. */
  rules: CommitteeRules;
}

/**
 * Written procedure (Umlaufverfahren): the coordinator puts an application to the vote with a
 * deadline, voting members cast yes, no or abstain online. A conflicted member's vote is refused
 * (403) and recorded as a recusal instead, so it is never counted but always on record. The
 * result is computed by the committee rules in libs/domain and recorded exactly once: when the
 * last eligible member has answered, or by the worker's sweep once the deadline has passed.
 */
@Injectable()
export class WrittenVoteService {
  private readonly logger = new Logger(WrittenVoteService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: CommitteeNotices,
  ) {}

  async open(
    principal: Principal,
    applicationId: string,
    input: { motion: string; deadline: string },
    requestId: string | null,
    key?: string,
  ): Promise<WrittenVoteView> {
    const deadline = new Date(input.deadline);
    if (deadline.getTime() <= Date.now())
      throw new ValidationError([{ field: 'deadline', rule: 'inFuture' }]);
    // A retry after a lost answer answers the vote it opened, not 409 vote_already_open.
    const scope = `written-vote-open:${applicationId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, input) };
    return runIdempotent(this.dataSource, request, async (tx) => {
      const [application] = (await tx.query(
        `SELECT a.id, a.state, a.title, c.district_id, c.committee_id FROM application a JOIN call c ON c.id = a.call_id
          WHERE a.id = $1 FOR UPDATE OF a`,
        [applicationId],
      )) as { id: string; state: string; title: string; district_id: string; committee_id: string | null }[];
      if (!application || !isStaff(principal, application.district_id, 'coordinator')) {
        throw new NotFoundError('application_not_found');
      }
      if (!BEFORE_COMMITTEE.includes(application.state)) {
        throw new ConflictError(COMMITTEE_ERROR_CODES.applicationNotBeforeCommittee, [], {
          state: application.state,
        });
      }
      // The committee the call names reviews, votes and plans (`committeeOfCall`).
      const named = await committeeOfCall(tx, application);
      if (!named) throw new NotFoundError(COMMITTEE_ERROR_CODES.committeeNotFound);
      const committee = await committeeForOpening(tx, named.id);
      const open = (await tx.query(
        `SELECT 1 FROM committee_vote WHERE application_id = $1 AND closed_at IS NULL`,
        [applicationId],
      )) as unknown[];
      if (open.length > 0) throw new ConflictError(COMMITTEE_ERROR_CODES.voteAlreadyOpen);
      const [row] = (await tx.query(
        `INSERT INTO committee_vote (committee_id, application_id, procedure, motion, opened_by, deadline, ${RULE_COLUMNS})
         VALUES ($1, $2, 'written', $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [committee.id, applicationId, input.motion, principal.userId, deadline, ...ruleValues(committee)],
      )) as { id: string }[];
      await recordAudit(tx, {
        entityType: 'committee_vote',
        entityId: row!.id,
        action: 'written_vote_opened',
        actorId: principal.userId,
        districtId: committee.districtId,
        payload: { applicationId, deadline: deadline.toISOString() },
        requestId,
      });
      // Who decides is fixed now, with the rules: the voting seats held today. A later change of the
      // committee changes neither who may answer nor what counts (docs/api/committee.md).
      const electorate = await recordElectorate(tx, row!.id, committee.id);
      // Voting members who declared a conflict take no part: their recusal is on record at once, so
      // they are neither waited for, nor asked to vote, nor reminded. They get no notice of the vote
      // at all: their own recusal is what they would read, and the vote shows it in the app.
      const conflicted = await conflictedMemberIds(tx, applicationId);
      for (const seatId of electorate) {
        if (conflicted.has(seatId))
          await recordRecusal(
            tx,
            { voteId: row!.id, districtId: committee.districtId, seatId, heldBy: seatId },
            principal,
            requestId,
          );
      }
      await this.notices.send(
        tx,
        committee.id,
        { electorateOf: row!.id },
        {
          kind: 'written_vote_opened',
          except: conflicted,
          key: `written-vote:${row!.id}:opened`,
          data: {
            vote: {
              // Read again at delivery: the notice is dropped once the vote closed or the recipient
              // declared a conflict on it (state-checks.ts).
              id: row!.id,
              subject: application.title,
              closesAt: deadline.toISOString(),
              items: [{ title: input.motion }],
            },
          },
          link: `/eingang/${applicationId}`,
        },
      );
      return this.get(principal, row!.id, tx);
    });
  }

  async get(
    principal: Principal,
    voteId: string,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<WrittenVoteView> {
    const { vote, committee } = await this.visible(db, principal, voteId);
    const voting = await electorateOf(db, voteId);
    const ballots = await countedBallots(db, voteId);
    const answered = new Set(ballots.map((ballot) => ballot.memberId));
    const own = (await currentMembers(db, committee.id)).find((member) => member.userId === principal.userId);
    const coordinator = isStaff(principal, committee.districtId, 'coordinator', 'admin');
    const missing = voting.filter((member) => !answered.has(member.id));
    return {
      id: vote.id,
      applicationId: vote.application_id,
      committeeId: vote.committee_id,
      motion: vote.motion,
      openedAt: vote.opened_at.toISOString(),
      deadline: vote.deadline.toISOString(),
      state: vote.closed_at ? 'closed' : 'open',
      eligible: voting.length,
      responded: voting.filter((member) => answered.has(member.id)).length,
      missing: coordinator
        ? missing.map((member) => ({
            memberId: member.id,
            name: member.displayName,
            department: member.department,
            // Still in the electorate, but no longer able to answer (the seat bounds the role).
            seatEnded: !member.held,
          }))
        : null,
      ownBallot: ballots.find((ballot) => ballot.memberId === own?.id)?.choice ?? null,
      closedAt: vote.closed_at?.toISOString() ?? null,
      closedBecause: vote.closed_because,
      outcome: vote.outcome,
      tally: vote.tally ?? null,
      rules: storedRules(vote)!,
    };
  }

  async cast(
    principal: Principal,
    voteId: string,
    choice: Exclude<VoteChoice, 'recused'>,
    requestId: string | null,
    key?: string,
  ): Promise<WrittenVoteView> {
    const scope = `written-vote-ballot:${voteId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, { choice }) };
    // A refused vote still leaves its recusal on record, so the refusal is thrown after commit; the
    // same Idempotency-Key again answers the first answer, a refusal too.
    const answer = await runIdempotent(this.dataSource, request, async (tx) => {
      const { vote, committee } = await this.visible(tx, principal, voteId, { lock: true });
      if (vote.closed_at || vote.deadline.getTime() <= Date.now()) {
        throw new ConflictError(COMMITTEE_ERROR_CODES.voteClosed);
      }
      const member = await membershipOf(tx, committee.id, principal);
      if (!member) throw new ForbiddenError(COMMITTEE_ERROR_CODES.notCommitteeMember);
      // Substitutes vote in a session in place of an absent member; in writing every member answers in person.
      if (!member.voting || member.substituteForId !== null) {
        throw new ForbiddenError(COMMITTEE_ERROR_CODES.notVotingMember);
      }
      // The vote opened to the seats held then and got its notice to them: a seat taken since
      // answers from the next vote on, and does not count in this one.
      if (!(await electorateOf(tx, voteId)).some((seat) => seat.id === member.id)) {
        throw new ForbiddenError(COMMITTEE_ERROR_CODES.notVotingMember);
      }
      const ballots = await countedBallots(tx, voteId);
      const mine = ballots.find((ballot) => ballot.memberId === member.id);
      const conflicted = await conflictedMemberIds(tx, vote.application_id);
      let refused: ForbiddenError | null = null;
      try {
        assertMayVote({ memberId: member.id, choice }, conflicted);
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
        refused = error;
      }
      if (mine) {
        if (refused) return { refused: refused.code };
        // A recusal stays one; a yes, no or abstain may be changed while the vote is open (the
        // ballot is append-only: the change is a row of its own, and the count takes the latest).
        if (mine.choice === 'recused') {
          throw new ConflictError(COMMITTEE_ERROR_CODES.alreadyVoted, [], { choice: mine.choice });
        }
        if (mine.choice !== choice) await changeBallot(tx, vote.id, member.id, choice, principal);
        await recordAudit(tx, {
          entityType: 'committee_vote',
          entityId: voteId,
          action: 'ballot_changed',
          actorId: principal.userId,
          districtId: committee.districtId,
          payload: { memberId: member.id },
          requestId,
        });
        return { view: await this.get(principal, voteId, tx) };
      }
      const recorded: VoteChoice = refused ? 'recused' : choice;
      await tx.query(
        `INSERT INTO committee_ballot (vote_id, committee_member_id, held_by_member_id, choice, cast_by)
         VALUES ($1, $2, $2, $3, $4)`,
        [voteId, member.id, recorded, principal.userId],
      );
      await recordAudit(tx, {
        entityType: 'committee_vote',
        entityId: voteId,
        action: refused ? 'recusal_recorded' : 'ballot_cast',
        actorId: principal.userId,
        districtId: committee.districtId,
        // The choice stays in the ballot table; the trail says who took part, not how.
        payload: { memberId: member.id },
        requestId,
      });
      await this.closeIfDecided(tx, vote, committee, new Date());
      return refused ? { refused: refused.code } : { view: await this.get(principal, voteId, tx) };
    });
    if ('refused' in answer) throw new ForbiddenError(answer.refused);
    return answer.view;
  }

  /**
   * A member has just declared a conflict: on each open written vote about an application it
   * covers, their recusal is recorded, or the ballot they cast already is withdrawn and counts as
   * a recusal, and the vote closes if everyone has now answered.
   */
  async recuseFromOpenVotes(
    tx: EntityManager,
    memberId: string,
    principal: Principal,
    requestId: string | null,
  ): Promise<number> {
    const votes = await openVotesInConflict<VoteRow>(tx, memberId, 'written');
    for (const vote of votes) {
      const committee = (await committeeById(tx, vote.committee_id))!;
      if (!(await electorateOf(tx, vote.id)).some((seat) => seat.id === memberId)) continue;
      const seat = { voteId: vote.id, districtId: committee.districtId, seatId: memberId, heldBy: memberId };
      await recuseSeat(tx, seat, principal, requestId);
      await this.closeIfDecided(tx, vote, committee, new Date());
    }
    return votes.length;
  }

  /**
   * Closes every written vote whose deadline has passed; run by the worker on a schedule. Each
   * vote is closed in its own transaction under a row lock, and the close itself is conditional,
   * so workers sweeping at the same time record each result once.
   */
  async closeDue(now: Date = new Date()): Promise<{ closed: number }> {
    const due = (await this.dataSource.query(
      `SELECT id FROM committee_vote WHERE procedure = 'written' AND closed_at IS NULL AND deadline <= $1`,
      [now],
    )) as { id: string }[];
    let closed = 0;
    for (const { id } of due) {
      const done = await this.dataSource.transaction(async (tx) => {
        const [vote] = (await tx.query(`SELECT * FROM committee_vote WHERE id = $1 FOR UPDATE`, [
          id,
        ])) as VoteRow[];
        if (!vote || vote.closed_at) return false;
        const committee = (await committeeById(tx, vote.committee_id))!;
        return this.closeIfDecided(tx, vote, committee, now);
      });
      if (done) closed += 1;
    }
    if (closed > 0) this.logger.log({ closed }, 'written votes closed');
    return { closed };
  }

  private async closeIfDecided(
    tx: EntityManager,
    vote: VoteRow,
    committee: CommitteeRow,
    now: Date,
  ): Promise<boolean> {
    // The electorate stored at the opening, never the seats held today: a ballot cast from a seat
    // that has ended since still counts, and a seat taken since is neither waited for nor counted.
    const eligible = new Set((await electorateOf(tx, vote.id)).map((seat) => seat.id));
    const ballots = await countedBallots(tx, vote.id);
    const votes: Vote[] = ballots.filter((ballot) => eligible.has(ballot.memberId));
    if (votes.length < ballots.length) {
      // Only a ballot from before the electorate was stored can be outside it (the database
      // refuses any other), e.g. an advisory member's written into the record by hand.
      this.logger.warn(
        { voteId: vote.id, outside: ballots.filter((ballot) => !eligible.has(ballot.memberId)).length },
        'ballots outside the electorate are not counted',
      );
    }
    const result = writtenVoteOutcome(storedRules(vote)!, [...eligible], votes, {
      deadlinePassed: vote.deadline.getTime() <= now.getTime(),
    });
    if (result.state === 'open') return false;
    const updated = await queryRows<{ id: string }>(
      tx,
      `UPDATE committee_vote SET closed_at = $2, closed_because = $3, outcome = $4, tally = $5
        WHERE id = $1 AND closed_at IS NULL RETURNING id`,
      [vote.id, now, result.closedBecause, result.tally.outcome, JSON.stringify(result.tally)],
    );
    if (updated.length === 0) return false;
    await recordAudit(tx, {
      entityType: 'committee_vote',
      entityId: vote.id,
      action: 'written_vote_closed',
      districtId: committee.districtId,
      payload: {
        outcome: result.tally.outcome,
        closedBecause: result.closedBecause,
        applicationId: vote.application_id,
      },
    });
    return true;
  }

  private async visible(
    db: DataSource | EntityManager,
    principal: Principal,
    voteId: string,
    options: { lock?: boolean } = {},
  ): Promise<{ vote: VoteRow; committee: CommitteeRow }> {
    const [vote] = (await db.query(
      `SELECT * FROM committee_vote WHERE id = $1 AND procedure = 'written' ${options.lock ? 'FOR UPDATE' : ''}`,
      [voteId],
    )) as VoteRow[];
    const committee = vote ? await committeeById(db, vote.committee_id) : null;
    if (!vote || !committee) throw new NotFoundError(COMMITTEE_ERROR_CODES.voteNotFound);
    const member = await membershipOf(db, committee.id, principal);
    if (!member && !isStaff(principal, committee.districtId, 'coordinator', 'admin')) {
      throw new NotFoundError(COMMITTEE_ERROR_CODES.voteNotFound);
    }
    return { vote, committee };
  }
}
