import { Injectable } from '@nestjs/common';
import {
  assertMayVote,
  BusinessRuleError,
  type CommitteeRules,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type PresentSeat,
  quorum,
  type QuorumState,
  tally,
  ValidationError,
  type VoteChoice,
} from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit, requestHash, runIdempotent } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { conflictedMemberIds } from '../conflicts/conflict-check';
import { countedBallots, openVotesInConflict, recordRecusal, recuseSeat } from '../votes/ballots';
import {
  type CommitteeRow,
  committeeById,
  committeeForOpening,
  committeeOfDistrict,
  currentMembers,
  isStaff,
  type MemberRow,
  membershipOf,
  RULE_COLUMNS,
  ruleValues,
  rulesOf,
  storedRules,
  votingSeats,
} from '../votes/committee-membership';

type Db = DataSource | EntityManager;
type SessionStatus = 'scheduled' | 'open' | 'closed';

const BEFORE_COMMITTEE = ['in_review', 'in_planning'];

/** What to do next in each session status: the 409 of a wrong step lists it. */
const NEXT_STEPS: Record<SessionStatus, string[]> = {
  scheduled: ['invite', 'open'],
  open: ['attendance', 'open_item_vote', 'record_ballot', 'close_item_vote', 'close'],
  closed: ['publish_minutes'],
};

interface SessionRow {
  id: string;
  committee_id: string;
  title: string;
  starts_at: Date;
  place: string;
  status: SessionStatus;
  opened_at: Date | null;
  closed_at: Date | null;
  invited_at: Date | null;
  minutes_published_at: Date | null;
  quorum_numerator: number | null;
  quorum_denominator: number | null;
  majority: string | null;
  abstentions_count_as_cast: boolean | null;
}

/** Who is in the room: a member in person, or a substitute for the member named. */
interface Presence {
  memberId: string;
  substituteForId: string | null;
}

export interface SessionItemView {
  id: string;
  position: number;
  applicationId: string;
  title: string;
  reference: string;
  carrier: string;
  requestedCents: string;
  vote: {
    id: string;
    state: 'open' | 'closed';
    ballots: { memberId: string; choice: VoteChoice }[];
    outcome: string | null;
    tally: unknown;
    /** The rules the vote is decided by: the session's, as they were when it opened. */
    rules: CommitteeRules;
    /** The quorum when the vote was opened; `reached: false` means it was opened without one. */
    quorumAtOpen: { present: number; required: number; reached: boolean } | null;
  } | null;
}

export interface SessionListItem {
  id: string;
  title: string;
  committee: string;
  startsAt: string;
  place: string;
  status: SessionStatus;
  /** Number of agenda items. */
  items: number;
}

export interface SessionView {
  id: string;
  committeeId: string;
  committee: string;
  title: string;
  startsAt: string;
  place: string;
  status: SessionStatus;
  invitedAt: string | null;
  minutesPublishedAt: string | null;
  /** When the session was actually opened and closed (the minutes print these, not `startsAt`). */
  openedAt: string | null;
  closedAt: string | null;
  /** The rules the session decides by: the committee's when it was opened (the current ones before). */
  rules: CommitteeRules;
  members: (Pick<MemberRow, 'id' | 'userId' | 'displayName' | 'department' | 'voting' | 'substituteForId'> & {
    present: boolean;
  })[];
  /** The live quorum: seats of voting members present against the committee's share. */
  quorum: Omit<QuorumState, 'seats'>;
  /** Filled seats: the voting member whose vote it is, and who holds it (the member or a substitute). */
  seats: PresentSeat[];
  /** The caller's seat in the room, if they hold one: what the member's own voting screen needs. */
  ownSeat: PresentSeat | null;
  items: SessionItemView[];
}

/**
 * A committee session (Sitzung): the coordinator schedules it with an agenda of applications,
 * opens it, records who is present (the quorum follows live), takes a roll-call vote per item
 * (yes, no or abstain for each member present; a conflicted member is recorded as recused and
 * cannot vote) and closes each vote, whose result the committee's rules decide and which is kept
 * as the committee's decision.
 */
@Injectable()
export class SessionService {
  constructor(private readonly dataSource: DataSource) {}

  async schedule(
    principal: Principal,
    committeeId: string,
    input: { title: string; startsAt: string; place: string; applicationIds: string[] },
    requestId: string | null,
    key?: string,
  ): Promise<SessionView> {
    const scope = `committee-session-schedule:${committeeId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, input) };
    return runIdempotent(this.dataSource, request, async (tx) => {
      const committee = await this.coordinated(tx, principal, committeeId);
      const applications = (await tx.query(
        `SELECT a.id, a.state, c.committee_id FROM application a JOIN call c ON c.id = a.call_id
          WHERE a.id = ANY($1::uuid[]) AND c.district_id = $2`,
        [input.applicationIds, committee.districtId],
      )) as { id: string; state: string; committee_id: string | null }[];
      // Each application is decided by the committee its call names (`committeeOfCall`): for a
      // call that names none, the district's.
      const ofDistrict = await committeeOfDistrict(tx, committee.districtId);
      const problems = input.applicationIds.flatMap((applicationId, index) => {
        const found = applications.find((a) => a.id === applicationId);
        if (!found) return [{ field: `applicationIds.${index}`, rule: 'exists' }];
        if (!BEFORE_COMMITTEE.includes(found.state)) {
          return [
            { field: `applicationIds.${index}`, rule: 'beforeCommittee', params: { state: found.state } },
          ];
        }
        if ((found.committee_id ?? ofDistrict?.id) !== committee.id) {
          return [{ field: `applicationIds.${index}`, rule: 'callCommittee' }];
        }
        return [];
      });
      if (problems.length > 0) throw new ValidationError(problems);
      const [session] = (await tx.query(
        `INSERT INTO committee_session (committee_id, title, starts_at, place, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [committee.id, input.title, new Date(input.startsAt), input.place, principal.userId],
      )) as { id: string }[];
      for (const [index, applicationId] of input.applicationIds.entries()) {
        await tx.query(
          `INSERT INTO session_agenda_item (session_id, position, application_id) VALUES ($1, $2, $3)`,
          [session!.id, index + 1, applicationId],
        );
      }
      await recordAudit(tx, {
        entityType: 'committee_session',
        entityId: session!.id,
        action: 'session_scheduled',
        actorId: principal.userId,
        districtId: committee.districtId,
        payload: { applicationIds: input.applicationIds },
        requestId,
      });
      return this.get(principal, session!.id, tx);
    });
  }

  /**
   * The sessions of the committees the caller coordinates or sits on today (the Berlin day, as
   * currentMembers counts it for GET /sessions/:id), the latest first.
   */
  async list(principal: Principal): Promise<{ items: SessionListItem[] }> {
    const districts = principal.roles
      .filter((r) => r.role === 'coordinator' || r.role === 'admin')
      .map((r) => r.districtId);
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.title, s.starts_at, s.place, s.status, cm.name AS committee,
              (SELECT count(*)::int FROM session_agenda_item i WHERE i.session_id = s.id) AS items
         FROM committee_session s JOIN committee cm ON cm.id = s.committee_id
        WHERE cm.district_id = ANY($1::uuid[])
           OR EXISTS (SELECT 1 FROM committee_member m WHERE m.committee_id = cm.id AND m.user_id = $2
                        AND m.valid_from <= (now() AT TIME ZONE 'Europe/Berlin')::date
                        AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE 'Europe/Berlin')::date))
        ORDER BY s.starts_at DESC
        LIMIT 200`,
      [districts, principal.userId],
    )) as Record<string, unknown>[];
    return {
      items: rows.map((row) => ({
        id: row.id as string,
        title: row.title as string,
        committee: row.committee as string,
        startsAt: (row.starts_at as Date).toISOString(),
        place: row.place as string,
        status: row.status as SessionStatus,
        items: row.items as number,
      })),
    };
  }

  async get(principal: Principal, sessionId: string, db: Db = this.dataSource): Promise<SessionView> {
    const { session, committee } = await this.visible(db, principal, sessionId);
    const members = await currentMembers(db, committee.id);
    const presence = await this.presence(db, sessionId);
    const present = new Set(presence.map((p) => p.memberId));
    const items = (await db.query(
      `SELECT i.id, i.position, a.id AS application_id, a.title, a.reference, a.requested_cents::text AS requested,
              o.name AS carrier, v.id AS vote_id, v.closed_at, v.outcome, v.tally, v.quorum_at_open,
              v.quorum_numerator, v.quorum_denominator, v.majority, v.abstentions_count_as_cast
         FROM session_agenda_item i
         JOIN application a ON a.id = i.application_id
         JOIN organisation o ON o.id = a.organisation_id
         LEFT JOIN committee_vote v ON v.agenda_item_id = i.id
        WHERE i.session_id = $1 ORDER BY i.position`,
      [sessionId],
    )) as Record<string, unknown>[];
    const itemViews: SessionItemView[] = [];
    for (const item of items) {
      const voteId = item.vote_id as string | null;
      itemViews.push({
        id: item.id as string,
        position: item.position as number,
        applicationId: item.application_id as string,
        title: item.title as string,
        reference: item.reference as string,
        carrier: item.carrier as string,
        requestedCents: item.requested as string,
        vote: voteId
          ? {
              id: voteId,
              state: item.closed_at ? 'closed' : 'open',
              ballots: (await countedBallots(db, voteId)).map((b) => ({
                memberId: b.memberId,
                choice: b.choice,
              })),
              outcome: (item.outcome as string | null) ?? null,
              tally: item.tally ?? null,
              rules: storedRules(item)!,
              quorumAtOpen:
                (item.quorum_at_open as NonNullable<SessionItemView['vote']>['quorumAtOpen']) ?? null,
            }
          : null,
      });
    }
    const rules = this.rulesOfSession(session, committee);
    const { seats, ...liveQuorum } = this.quorumOf(rules, members, presence);
    const own = members.find((m) => m.userId === principal.userId);
    return {
      id: session.id,
      committeeId: committee.id,
      committee: committee.name,
      title: session.title,
      startsAt: session.starts_at.toISOString(),
      place: session.place,
      status: session.status,
      invitedAt: session.invited_at?.toISOString() ?? null,
      minutesPublishedAt: session.minutes_published_at?.toISOString() ?? null,
      openedAt: session.opened_at?.toISOString() ?? null,
      closedAt: session.closed_at?.toISOString() ?? null,
      rules,
      members: members.map((m) => ({
        id: m.id,
        userId: m.userId,
        displayName: m.displayName,
        department: m.department,
        voting: m.voting,
        substituteForId: m.substituteForId,
        present: present.has(m.id),
      })),
      quorum: liveQuorum,
      seats: [...seats],
      ownSeat: (own && seats.find((seat) => seat.heldBy === own.id)) ?? null,
      items: itemViews,
    };
  }

  async open(
    principal: Principal,
    sessionId: string,
    requestId: string | null,
    key?: string,
  ): Promise<SessionView> {
    return this.step(principal, sessionId, 'open', requestId, { key, body: {} }, async (tx, session) => {
      if (session.status !== 'scheduled') throw this.wrongStep(session.status);
      // The session decides by the committee's rules as they are now; they stay locked until it closes.
      const committee = await committeeForOpening(tx, session.committee_id);
      await tx.query(
        `UPDATE committee_session SET status = 'open', opened_at = now(),
                (${RULE_COLUMNS}) = ($2, $3, $4, $5) WHERE id = $1`,
        [session.id, ...ruleValues(committee)],
      );
      return { rules: rulesOf(committee) };
    });
  }

  async close(
    principal: Principal,
    sessionId: string,
    requestId: string | null,
    key?: string,
  ): Promise<SessionView> {
    return this.step(principal, sessionId, 'close', requestId, { key, body: {} }, async (tx, session) => {
      if (session.status !== 'open') throw this.wrongStep(session.status);
      const open = (await tx.query(
        `SELECT 1 FROM committee_vote WHERE session_id = $1 AND closed_at IS NULL`,
        [session.id],
      )) as unknown[];
      if (open.length > 0) throw new ConflictError(COMMITTEE_ERROR_CODES.itemVoteOpen, ['close_item_vote']);
      await tx.query(`UPDATE committee_session SET status = 'closed', closed_at = now() WHERE id = $1`, [
        session.id,
      ]);
    });
  }

  /**
   * Records who is in the room now; the quorum of every later vote follows it. A substitute
   * (Stellvertretung) is recorded as standing in for the member they substitute.
   */
  async attendance(
    principal: Principal,
    sessionId: string,
    input: { memberId: string; present: boolean; substituteForId?: string },
    requestId: string | null,
    key?: string,
  ): Promise<SessionView> {
    const idempotency = { key, body: input };
    return this.step(
      principal,
      sessionId,
      'attendance',
      requestId,
      idempotency,
      async (tx, session, committee) => {
        if (session.status !== 'open') throw this.wrongStep(session.status);
        const members = await currentMembers(tx, committee.id);
        const member = members.find((m) => m.id === input.memberId);
        if (!member) throw new ValidationError([{ field: 'memberId', rule: 'exists' }]);
        if (input.substituteForId !== undefined && input.substituteForId !== member.substituteForId) {
          throw new ValidationError([{ field: 'substituteForId', rule: 'notSubstitute' }]);
        }
        await tx.query(
          `INSERT INTO session_attendance (session_id, committee_member_id, present, substitute_for_id)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_id, committee_member_id)
           DO UPDATE SET present = EXCLUDED.present, substitute_for_id = EXCLUDED.substitute_for_id, updated_at = now()`,
          [session.id, member.id, input.present, member.substituteForId],
        );
        return { memberId: member.id, present: input.present, substituteForId: member.substituteForId };
      },
    );
  }

  async openItemVote(
    principal: Principal,
    sessionId: string,
    itemId: string,
    input: { withoutQuorum?: boolean },
    requestId: string | null,
    key?: string,
  ) {
    const idempotency = { key, body: { itemId, ...input } };
    return this.step(
      principal,
      sessionId,
      'open_item_vote',
      requestId,
      idempotency,
      async (tx, session, committee) => {
        if (session.status !== 'open') throw this.wrongStep(session.status);
        const rules = this.rulesOfSession(session, committee);
        const { seats, present, required, reached } = this.quorumOf(
          rules,
          await currentMembers(tx, committee.id),
          await this.presence(tx, session.id),
        );
        // Without a quorum nothing can be decided; opening the vote anyway is a deliberate act.
        if (!reached && !input.withoutQuorum) {
          throw new ConflictError(COMMITTEE_ERROR_CODES.quorumNotReached, ['attendance', 'open_item_vote'], {
            present,
            required,
          });
        }
        const [item] = (await tx.query(
          `SELECT i.id, i.application_id, a.title FROM session_agenda_item i JOIN application a ON a.id = i.application_id
          WHERE i.id = $1 AND i.session_id = $2`,
          [itemId, session.id],
        )) as { id: string; application_id: string; title: string }[];
        if (!item) throw new NotFoundError(COMMITTEE_ERROR_CODES.agendaItemNotFound);
        const existing = (await tx.query(`SELECT 1 FROM committee_vote WHERE agenda_item_id = $1`, [
          item.id,
        ])) as unknown[];
        const otherOpen = (await tx.query(
          `SELECT 1 FROM committee_vote WHERE application_id = $1 AND closed_at IS NULL`,
          [item.application_id],
        )) as unknown[];
        if (existing.length > 0 || otherOpen.length > 0)
          throw new ConflictError(COMMITTEE_ERROR_CODES.voteAlreadyOpen);
        const [vote] = (await tx.query(
          `INSERT INTO committee_vote (committee_id, application_id, procedure, motion, opened_by, session_id,
                                     agenda_item_id, quorum_at_open, ${RULE_COLUMNS})
         VALUES ($1, $2, 'roll_call', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            committee.id,
            item.application_id,
            `Förderempfehlung: ${item.title}`,
            principal.userId,
            session.id,
            item.id,
            JSON.stringify({ present, required, reached }),
            rules.quorumShare.numerator,
            rules.quorumShare.denominator,
            rules.majority,
            rules.abstentionsCountAsCast,
          ],
        )) as { id: string }[];
        // Seats held by a conflicted person are recorded as recused at once, so the roll call shows them.
        const conflicted = await conflictedMemberIds(tx, item.application_id);
        for (const { memberId, heldBy } of seats) {
          if (!conflicted.has(heldBy)) continue;
          const seat = { voteId: vote!.id, districtId: committee.districtId, seatId: memberId, heldBy };
          await recordRecusal(tx, seat, principal, requestId);
        }
        return { voteId: vote!.id, ...(reached ? {} : { withoutQuorum: { present, required } }) };
      },
    );
  }

  /**
   * The coordinator records a present voting member's yes, no or abstain in the roll call;
   * `memberId` names the seat or the substitute holding it.
   */
  async recordBallot(
    principal: Principal,
    sessionId: string,
    voteId: string,
    input: { memberId: string; choice: Exclude<VoteChoice, 'recused'> },
    requestId: string | null,
    key?: string,
  ) {
    const idempotency = { key, body: { voteId, ...input } };
    return this.step(
      principal,
      sessionId,
      'record_ballot',
      requestId,
      idempotency,
      async (tx, session, committee) => {
        const members = await currentMembers(tx, committee.id);
        const member = members.find((m) => m.id === input.memberId);
        if (!member) throw new ValidationError([{ field: 'memberId', rule: 'exists' }]);
        const { refused, ...payload } = await this.ballotFor(
          tx,
          session,
          committee,
          voteId,
          member,
          'record',
          input.choice,
          principal,
          requestId,
        );
        return refused ?? payload;
      },
    );
  }

  /** A member present casts their own vote in the roll call (or a substitute the seat's vote). */
  async castOwnBallot(
    principal: Principal,
    sessionId: string,
    voteId: string,
    choice: Exclude<VoteChoice, 'recused'>,
    requestId: string | null,
    key?: string,
  ): Promise<SessionView> {
    const scope = `committee-session-own-ballot:${sessionId}`;
    const request = { userId: principal.userId, key, scope, hash: requestHash(scope, { voteId, choice }) };
    const answer = await runIdempotent(this.dataSource, request, async (tx) => {
      const { session, committee } = await this.visible(tx, principal, sessionId, { lock: true });
      const member = await membershipOf(tx, committee.id, principal);
      if (!member) throw new ForbiddenError(COMMITTEE_ERROR_CODES.notCommitteeMember);
      const { refused, ...payload } = await this.ballotFor(
        tx,
        session,
        committee,
        voteId,
        member,
        'self',
        choice,
        principal,
        requestId,
      );
      // The refusal is thrown after commit, so the recusal it recorded stays on record.
      if (refused) return { refused: refused.code };
      await recordAudit(tx, {
        entityType: 'committee_session',
        entityId: session.id,
        action: 'session_own_ballot',
        actorId: principal.userId,
        districtId: committee.districtId,
        payload,
        requestId,
      });
      return { view: await this.get(principal, sessionId, tx) };
    });
    if ('refused' in answer) throw new ForbiddenError(answer.refused);
    return answer.view;
  }

  /**
   * One ballot in the roll call for a seat. A member casting their own vote (`by: 'self'`) votes
   * for the seat they hold in the room, in person or as substitute: an absent member whose seat a
   * substitute holds has no vote. The coordinator recording a ballot (`by: 'record'`) names the
   * seat by its member; the person holding it answers for it. A conflicted person holding the seat
   * is refused (`refused`, to be thrown after commit) and the seat's recusal is recorded instead,
   * once: also when they came in after the vote was opened.
   */
  private async ballotFor(
    tx: EntityManager,
    session: SessionRow,
    committee: CommitteeRow,
    voteId: string,
    member: MemberRow,
    by: 'self' | 'record',
    choice: Exclude<VoteChoice, 'recused'>,
    principal: Principal,
    requestId: string | null,
  ): Promise<{ memberId: string; heldBy: string; refused?: ForbiddenError }> {
    if (session.status !== 'open') throw this.wrongStep(session.status);
    const vote = await this.itemVote(tx, session.id, voteId);
    if (vote.closed_at) throw new ConflictError(COMMITTEE_ERROR_CODES.voteClosed);
    if (!member.voting) throw new ForbiddenError(COMMITTEE_ERROR_CODES.notVotingMember);
    const members = await currentMembers(tx, committee.id);
    const { seats } = this.quorumOf(
      this.rulesOfSession(session, committee),
      members,
      await this.presence(tx, session.id),
    );
    const seat =
      seats.find((s) => s.heldBy === member.id) ??
      (by === 'record' ? seats.find((s) => s.memberId === member.id) : undefined);
    if (!seat) throw new BusinessRuleError('voter_not_present', { memberId: member.id });
    // The person in the room answers for the seat: their conflicts count.
    try {
      assertMayVote({ memberId: seat.heldBy, choice }, await conflictedMemberIds(tx, vote.application_id));
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      await recordRecusal(
        tx,
        { voteId: vote.id, districtId: committee.districtId, seatId: seat.memberId, heldBy: seat.heldBy },
        principal,
        requestId,
      );
      return { memberId: seat.memberId, heldBy: seat.heldBy, refused: error };
    }
    const inserted = (await tx.query(
      `INSERT INTO committee_ballot (vote_id, committee_member_id, held_by_member_id, choice, cast_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING vote_id`,
      [vote.id, seat.memberId, seat.heldBy, choice, principal.userId],
    )) as unknown[];
    if (inserted.length === 0) {
      const [earlier] = (await tx.query(
        `SELECT choice FROM committee_ballot_counted WHERE vote_id = $1 AND committee_member_id = $2`,
        [vote.id, seat.memberId],
      )) as { choice: string }[];
      throw new ConflictError(COMMITTEE_ERROR_CODES.alreadyVoted, [], { choice: earlier?.choice ?? '' });
    }
    return { memberId: seat.memberId, heldBy: seat.heldBy };
  }

  /**
   * A member has just declared a conflict: in each roll call still open on an application it
   * covers, the seat they hold in the room is recused, and a vote they gave already is withdrawn.
   */
  async recuseInOpenRollCalls(
    tx: EntityManager,
    memberId: string,
    principal: Principal,
    requestId: string | null,
  ): Promise<void> {
    const votes = await openVotesInConflict<{ session_id: string } & Parameters<typeof storedRules>[0]>(
      tx,
      memberId,
      'roll_call',
    );
    for (const vote of votes) {
      const committee = (await committeeById(tx, vote.committee_id))!;
      const members = await currentMembers(tx, committee.id);
      const { seats } = this.quorumOf(storedRules(vote)!, members, await this.presence(tx, vote.session_id));
      const held = seats.find((seat) => seat.heldBy === memberId);
      if (!held) continue;
      const seat = {
        voteId: vote.id,
        districtId: committee.districtId,
        seatId: held.memberId,
        heldBy: memberId,
      };
      await recuseSeat(tx, seat, principal, requestId);
    }
  }

  /** Closes an item's vote: the result by the committee's rules and the quorum as it stands now. */
  async closeItemVote(
    principal: Principal,
    sessionId: string,
    voteId: string,
    requestId: string | null,
    key?: string,
  ) {
    const idempotency = { key, body: { voteId } };
    return this.step(
      principal,
      sessionId,
      'close_item_vote',
      requestId,
      idempotency,
      async (tx, session, committee) => {
        if (session.status !== 'open') throw this.wrongStep(session.status);
        const vote = await this.itemVote(tx, session.id, voteId);
        if (vote.closed_at) throw new ConflictError(COMMITTEE_ERROR_CODES.voteClosed);
        const members = await currentMembers(tx, committee.id);
        const rules = storedRules(vote)!;
        const sessionQuorum = this.quorumOf(rules, members, await this.presence(tx, session.id));
        const seats = new Set(sessionQuorum.seats.map((seat) => seat.memberId));
        // A member who has left the room since voting no longer counts (their ballot stays on record).
        const votes = (await countedBallots(tx, vote.id)).filter((ballot) => seats.has(ballot.memberId));
        const result = tally(rules, votes, sessionQuorum);
        // The seats it was decided in are kept with the result: the minutes' attendance for this item.
        const updated = await queryRows<{ id: string }>(
          tx,
          `UPDATE committee_vote SET closed_at = now(), closed_because = 'closed_in_session', outcome = $2, tally = $3,
                seats = $4
          WHERE id = $1 AND closed_at IS NULL RETURNING id`,
          [vote.id, result.outcome, JSON.stringify(result), JSON.stringify(sessionQuorum.seats)],
        );
        if (updated.length === 0) throw new ConflictError(COMMITTEE_ERROR_CODES.voteClosed);
        await recordAudit(tx, {
          entityType: 'committee_vote',
          entityId: vote.id,
          action: 'session_vote_closed',
          actorId: principal.userId,
          districtId: committee.districtId,
          payload: { outcome: result.outcome, applicationId: vote.application_id, sessionId: session.id },
          requestId,
        });
        return { outcome: result.outcome };
      },
    );
  }

  /**
   * Runs one coordinator step on a locked session, audits it and answers the session as it is now.
   * The same Idempotency-Key and body again answer the first answer (a refusal too) without a
   * second effect.
   */
  private async step(
    principal: Principal,
    sessionId: string,
    action: string,
    requestId: string | null,
    idempotency: { key: string | undefined; body: object },
    work: (tx: EntityManager, session: SessionRow, committee: CommitteeRow) => Promise<unknown>,
  ): Promise<SessionView> {
    const scope = `committee-session-${action}:${sessionId}`;
    const request = {
      userId: principal.userId,
      key: idempotency.key,
      scope,
      hash: requestHash(scope, idempotency.body),
    };
    const result = await runIdempotent(this.dataSource, request, async (tx) => {
      const { session, committee } = await this.visible(tx, principal, sessionId, { lock: true });
      if (!isStaff(principal, committee.districtId, 'coordinator')) throw new ForbiddenError('forbidden');
      const payload = await work(tx, session, committee);
      // A refusal that leaves something on record (a recusal) is thrown once that is committed.
      if (payload instanceof ForbiddenError) return { refused: payload.code };
      await recordAudit(tx, {
        entityType: 'committee_session',
        entityId: session.id,
        action: `session_${action}`,
        actorId: principal.userId,
        districtId: committee.districtId,
        payload: (payload as Record<string, unknown> | undefined) ?? {},
        requestId,
      });
      return { view: await this.get(principal, session.id, tx) };
    });
    if ('refused' in result) throw new ForbiddenError(result.refused);
    return result.view;
  }

  private wrongStep(status: SessionStatus): ConflictError {
    return new ConflictError(COMMITTEE_ERROR_CODES.sessionStatusConflict, NEXT_STEPS[status], { status });
  }

  /** The rules a session decides by: stored when it opened; before that, the committee's as they stand. */
  private rulesOfSession(session: SessionRow, committee: CommitteeRow): CommitteeRules {
    return storedRules(session) ?? rulesOf(committee);
  }

  private quorumOf(rules: CommitteeRules, members: MemberRow[], presence: Presence[]): QuorumState {
    const current = new Set(members.map((m) => m.id));
    return quorum(rules, {
      votingMembers: votingSeats(members).map((m) => m.id),
      attendance: presence
        .filter((p) => current.has(p.memberId))
        .map((p) =>
          p.substituteForId
            ? { memberId: p.memberId, substituteFor: p.substituteForId }
            : { memberId: p.memberId },
        ),
    });
  }

  /** Who is in the room now, with the member each substitute stands in for. */
  async presence(db: Db, sessionId: string): Promise<Presence[]> {
    const rows = (await db.query(
      `SELECT committee_member_id, substitute_for_id FROM session_attendance
        WHERE session_id = $1 AND present ORDER BY updated_at, committee_member_id`,
      [sessionId],
    )) as { committee_member_id: string; substitute_for_id: string | null }[];
    return rows.map((row) => ({ memberId: row.committee_member_id, substituteForId: row.substitute_for_id }));
  }

  private async itemVote(tx: EntityManager, sessionId: string, voteId: string) {
    const [vote] = (await tx.query(
      `SELECT id, application_id, closed_at, ${RULE_COLUMNS} FROM committee_vote
        WHERE id = $1 AND session_id = $2 FOR UPDATE`,
      [voteId, sessionId],
    )) as ({ id: string; application_id: string; closed_at: Date | null } & Parameters<
      typeof storedRules
    >[0])[];
    if (!vote) throw new NotFoundError(COMMITTEE_ERROR_CODES.voteNotFound);
    return vote;
  }

  /** Coordinators of the committee's district see and run its sessions; its members see them. */
  private async visible(db: Db, principal: Principal, sessionId: string, options: { lock?: boolean } = {}) {
    const [session] = (await db.query(
      `SELECT * FROM committee_session WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [sessionId],
    )) as SessionRow[];
    const committee = session ? await committeeById(db, session.committee_id) : null;
    if (!session || !committee) throw new NotFoundError(COMMITTEE_ERROR_CODES.sessionNotFound);
    const isMember = (await currentMembers(db, committee.id)).some((m) => m.userId === principal.userId);
    if (!isMember && !isStaff(principal, committee.districtId, 'coordinator', 'admin')) {
      throw new NotFoundError(COMMITTEE_ERROR_CODES.sessionNotFound);
    }
    return { session, committee };
  }

  private async coordinated(
    tx: EntityManager,
    principal: Principal,
    committeeId: string,
  ): Promise<CommitteeRow> {
    const committee = await committeeById(tx, committeeId);
    if (!committee || !principal.roles.some((r) => r.districtId === committee.districtId)) {
      throw new NotFoundError(COMMITTEE_ERROR_CODES.committeeNotFound);
    }
    if (!isStaff(principal, committee.districtId, 'coordinator')) throw new ForbiddenError('forbidden');
    return committee;
  }
}
