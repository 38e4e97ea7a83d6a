import { Injectable } from '@nestjs/common';
import { ConflictError, Money, NotFoundError, type Tally } from '@kiezfonds/domain';
import { type MinutesInput, type MinutesItem, type MinutesVote, renderMinutes } from '@kiezfonds/documents';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { OFFICE_COLUMNS, officeOf } from '../documents/issuing-office';
import { SessionService } from '../sessions/session.service';
import { currentMembers, isStaff, type MemberRow, votingSeats } from '../votes/committee-membership';
import { WrittenVoteService } from '../votes/written-vote.service';

type Pdf = { fileName: string; content: Buffer };
type Row = Record<string, unknown>;

/** Committee, district office and rules of the committee a vote or session belongs to. */
const COMMITTEE_COLUMNS = `cm.name AS committee, cm.quorum_numerator, cm.quorum_denominator, cm.majority,
  cm.abstentions_count_as_cast, ${OFFICE_COLUMNS}`;

/**
 * The minutes (Protokoll) as PDF, of a closed written vote or a closed session: the rules that
 * applied, the attendance, every voting member's vote by name (recusals and missing votes
 * included), the quorum and the result as recorded when each vote closed, never recomputed.
 */
@Injectable()
export class CommitteeMinutes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly votes: WrittenVoteService,
    private readonly sessions: SessionService,
  ) {}

  async writtenVote(principal: Principal, voteId: string): Promise<Pdf> {
    const view = await this.votes.get(principal, voteId);
    if (view.state !== 'closed') throw new ConflictError(COMMITTEE_ERROR_CODES.voteStillOpen);
    const [r] = (await this.dataSource.query(
      `SELECT v.id, v.application_id, v.motion, v.opened_at, v.deadline, v.closed_at, v.tally, v.outcome,
              opener.display_name AS opener, ${COMMITTEE_COLUMNS}
         FROM committee_vote v
         JOIN committee cm ON cm.id = v.committee_id
         JOIN district d ON d.id = cm.district_id
         JOIN app_user opener ON opener.id = v.opened_by
        WHERE v.id = $1`,
      [voteId],
    )) as Row[];
    const voting = votingSeats(await currentMembers(this.dataSource, view.committeeId));
    const item = await this.item(r!, voting, { withTimes: true, votingMembers: voting.length });
    const input: MinutesInput = {
      ...this.frame(principal, r!),
      procedure: {
        kind: 'written',
        openedAt: (r!.opened_at as Date).toISOString(),
        deadline: (r!.deadline as Date).toISOString(),
        closedAt: (r!.closed_at as Date).toISOString(),
      },
      items: [{ ...item, discussion: r!.motion as string }],
      recordedOn: (r!.closed_at as Date).toISOString(),
    };
    return {
      fileName: `protokoll-umlaufverfahren-${item.reference}.pdf`,
      content: await renderMinutes(input),
    };
  }

  async session(principal: Principal, sessionId: string): Promise<Pdf> {
    const view = await this.sessions.get(principal, sessionId);
    if (view.status !== 'closed') throw new ConflictError(COMMITTEE_ERROR_CODES.sessionStillOpen);
    // Members read the minutes once the coordinator has published them; until then they are a draft.
    const [{ district_id }] = (await this.dataSource.query(
      `SELECT district_id FROM committee WHERE id = $1`,
      [view.committeeId],
    )) as [{ district_id: string }];
    if (!view.minutesPublishedAt && !isStaff(principal, district_id, 'coordinator', 'admin')) {
      throw new NotFoundError(COMMITTEE_ERROR_CODES.minutesNotPublished);
    }
    const [r] = (await this.dataSource.query(
      `SELECT s.title, s.starts_at, s.closed_at, s.place, opener.display_name AS opener, ${COMMITTEE_COLUMNS}
         FROM committee_session s
         JOIN committee cm ON cm.id = s.committee_id
         JOIN district d ON d.id = cm.district_id
         JOIN app_user opener ON opener.id = s.created_by
        WHERE s.id = $1`,
      [sessionId],
    )) as Row[];
    const members = await currentMembers(this.dataSource, view.committeeId);
    const present = new Set(view.members.filter((m) => m.present).map((m) => m.id));
    const nameOf = new Map(members.map((m) => [m.id, m.displayName]));
    // A seat held by a substitute: the substitute votes under their own name for the member.
    const substitutes = new Map(
      view.seats.filter((seat) => seat.heldBy !== seat.memberId).map((seat) => [seat.memberId, seat.heldBy]),
    );
    const voting = votingSeats(members);
    const items: MinutesItem[] = [];
    for (const agendaItem of view.items) {
      if (!agendaItem.vote || agendaItem.vote.state !== 'closed') continue;
      const [vote] = (await this.dataSource.query(`SELECT * FROM committee_vote WHERE id = $1`, [
        agendaItem.vote.id,
      ])) as Row[];
      // In a session, the roll call names the members present when the vote closed.
      const seated = voting.filter(
        (m) =>
          present.has(m.id) ||
          substitutes.has(m.id) ||
          agendaItem.vote!.ballots.some((b) => b.memberId === m.id),
      );
      items.push(
        await this.item(vote!, seated, {
          withTimes: false,
          votingMembers: voting.length,
          substitutes,
          nameOf,
        }),
      );
    }
    const input: MinutesInput = {
      ...this.frame(principal, r!),
      title: r!.title as string,
      procedure: {
        kind: 'session',
        startsAt: (r!.starts_at as Date).toISOString(),
        endsAt: (r!.closed_at as Date).toISOString(),
        place: r!.place as string,
        attendance: members
          .filter((m) => m.substituteForId === null)
          .map((m) => {
            const substitute = substitutes.get(m.id);
            return {
              name: m.displayName,
              department: m.department,
              role: m.voting ? ('voting' as const) : ('advisory' as const),
              status: present.has(m.id)
                ? ('present' as const)
                : substitute
                  ? ('substituted' as const)
                  : ('absent' as const),
              ...(substitute && !present.has(m.id) ? { substitute: nameOf.get(substitute) } : {}),
            };
          }),
        quorum: {
          participating: view.quorum.present,
          votingMembers: view.quorum.votingMembers,
          required: view.quorum.required,
          met: view.quorum.reached,
        },
      },
      items,
      recordedOn: (r!.closed_at as Date).toISOString(),
    };
    return {
      fileName: `protokoll-sitzung-${sessionId.slice(0, 8)}.pdf`,
      content: await renderMinutes(input),
    };
  }

  /** One decided item: its application, every listed member's vote and the recorded tally. */
  private async item(
    vote: Row,
    members: MemberRow[],
    options: {
      withTimes: boolean;
      /** All voting members of the committee, however many were in the room. */
      votingMembers: number;
      /** Seats held by a substitute: member id → substitute's member id. */
      substitutes?: ReadonlyMap<string, string>;
      nameOf?: ReadonlyMap<string, string>;
    },
  ) {
    const [application] = (await this.dataSource.query(
      `SELECT a.title, a.reference, a.requested_cents::text AS requested, o.name AS carrier
         FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1`,
      [vote.application_id],
    )) as Row[];
    const ballots = (await this.dataSource.query(
      `SELECT committee_member_id, choice, cast_at, withdrawn_at FROM committee_ballot_counted WHERE vote_id = $1`,
      [vote.id],
    )) as {
      committee_member_id: string;
      choice: MinutesVote['choice'];
      cast_at: Date;
      withdrawn_at: Date | null;
    }[];
    const byMember = new Map(ballots.map((ballot) => [ballot.committee_member_id, ballot]));
    const tally = vote.tally as Tally;
    return {
      title: application!.title as string,
      carrier: application!.carrier as string,
      reference: application!.reference as string,
      requestedAmount: Money.fromCents(application!.requested as string),
      quorum: {
        participating: tally.quorum.present,
        votingMembers: options.votingMembers,
        required: tally.quorum.required,
        met: tally.quorum.reached,
      },
      votes: members.map((member): MinutesVote => {
        const ballot = byMember.get(member.id);
        const substitute = options.substitutes?.get(member.id);
        return {
          name: (substitute && options.nameOf?.get(substitute)) || member.displayName,
          ...(substitute ? { onBehalfOf: member.displayName } : {}),
          choice: ballot?.choice ?? 'none',
          ...(ballot?.withdrawn_at ? { withdrawn: true } : {}),
          castAt: options.withTimes ? ballot?.cast_at.toISOString() : undefined,
        };
      }),
      outcome: vote.outcome === 'no_quorum' ? 'no-quorum' : (vote.outcome as 'adopted' | 'rejected'),
    } satisfies MinutesItem;
  }

  /** What every minutes document of the committee has: issuer, committee, rules, chair. */
  private frame(principal: Principal, r: Row) {
    const issuer = officeOf(r, r.opener as string);
    return {
      locale: principal.language,
      issuer,
      committee: r.committee as string,
      chair: r.opener as string,
      minuteTaker: r.opener as string,
      rules: {
        quorumShare: { numerator: r.quorum_numerator as number, denominator: r.quorum_denominator as number },
        majority: r.majority === 'two_thirds' ? ('two-thirds' as const) : ('simple' as const),
        abstentionsCountAsCast: r.abstentions_count_as_cast as boolean,
      },
    };
  }
}
