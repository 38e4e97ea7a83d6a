import { Injectable } from '@nestjs/common';
import {
  type CommitteeRules,
  ConflictError,
  Money,
  NotFoundError,
  type PresentSeat,
  type Tally,
} from '@kiezfonds/domain';
import {
  type DecisionRules,
  type MinutesAttendee,
  type MinutesInput,
  type MinutesItem,
  type MinutesVote,
  renderMinutes,
} from '@kiezfonds/documents';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { COMMITTEE_ERROR_CODES } from '../committee.exception';
import { OFFICE_COLUMNS, officeOf } from '../documents/issuing-office';
import { SessionService } from '../sessions/session.service';
import {
  committeeById,
  currentMembers,
  electorateOf,
  isStaff,
  type MemberRow,
  RULE_COLUMNS,
  rulesOf,
  storedRules,
  votingSeats,
} from '../votes/committee-membership';
import { WrittenVoteService } from '../votes/written-vote.service';

type Pdf = { fileName: string; content: Buffer };
type Row = Record<string, unknown>;

/** Committee and district office of a vote or session (its rules are the ones it stored). */
const COMMITTEE_COLUMNS = `cm.name AS committee, ${OFFICE_COLUMNS}`;

/**
 * The minutes (Protokoll) as PDF, of a closed written vote or a closed session, drawn from the
 * record and never recomputed: the rules each vote stored when it opened, the actual opening and
 * closing times, who was in the room for each item (the seats its vote closed with: a member who
 * came later is absent for the items before), substitutes with whom they stand in for, recusals,
 * every voting member's vote by name, the quorum and the result as recorded.
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
              ${RULE_COLUMNS.split(', ')
                .map((c) => `v.${c}`)
                .join(', ')},
              opener.display_name AS opener, ${COMMITTEE_COLUMNS}
         FROM committee_vote v
         JOIN committee cm ON cm.id = v.committee_id
         JOIN district d ON d.id = cm.district_id
         JOIN app_user opener ON opener.id = v.opened_by
        WHERE v.id = $1`,
      [voteId],
    )) as Row[];
    // The members the vote opened to, a seat ended since included: the record, not today's committee.
    const voting = await electorateOf(this.dataSource, voteId);
    const item = await this.item(r!, voting, { withTimes: true, votingMembers: voting.length });
    const input: MinutesInput = {
      ...this.frame(principal, r!, storedRules(r!)!),
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
      `SELECT s.title, s.starts_at, s.opened_at, s.closed_at, s.place,
              ${RULE_COLUMNS.split(', ')
                .map((c) => `s.${c}`)
                .join(', ')},
              opener.display_name AS opener, ${COMMITTEE_COLUMNS}
         FROM committee_session s
         JOIN committee cm ON cm.id = s.committee_id
         JOIN district d ON d.id = cm.district_id
         JOIN app_user opener ON opener.id = s.created_by
        WHERE s.id = $1`,
      [sessionId],
    )) as Row[];
    const members = await currentMembers(this.dataSource, view.committeeId);
    const present = new Set(view.members.filter((m) => m.present).map((m) => m.id));
    const nameOf = await this.namesOf(view.committeeId);
    // Seats held by a substitute at the end of the session, for items decided before the seats
    // of each vote were kept (they then show the room as it was at the end).
    const substitutesAtEnd = new Map(
      view.seats.filter((seat) => seat.heldBy !== seat.memberId).map((seat) => [seat.memberId, seat.heldBy]),
    );
    const voting = votingSeats(members);
    const items: MinutesItem[] = [];
    const seatsPerItem: (readonly PresentSeat[])[] = [];
    for (const agendaItem of view.items) {
      if (!agendaItem.vote || agendaItem.vote.state !== 'closed') continue;
      const [vote] = (await this.dataSource.query(`SELECT * FROM committee_vote WHERE id = $1`, [
        agendaItem.vote.id,
      ])) as Row[];
      const kept = (vote!.seats as PresentSeat[] | null) ?? null;
      const seats =
        kept ??
        voting
          .filter(
            (m) =>
              present.has(m.id) ||
              substitutesAtEnd.has(m.id) ||
              agendaItem.vote!.ballots.some((b) => b.memberId === m.id),
          )
          .map((m) => ({ memberId: m.id, heldBy: substitutesAtEnd.get(m.id) ?? m.id }));
      seatsPerItem.push(seats);
      const item = await this.item(vote!, voting, {
        withTimes: false,
        votingMembers: voting.length,
        seats,
        nameOf,
      });
      const atOpen = vote!.quorum_at_open as { present: number; required: number; reached: boolean } | null;
      items.push(atOpen && !atOpen.reached ? { ...item, openedWithoutQuorum: atOpen } : item);
    }
    const committee = (await committeeById(this.dataSource, view.committeeId))!;
    const input: MinutesInput = {
      ...this.frame(principal, r!, storedRules(r!) ?? rulesOf(committee)),
      title: r!.title as string,
      procedure: {
        kind: 'session',
        startsAt: ((r!.opened_at ?? r!.starts_at) as Date).toISOString(),
        scheduledFor: (r!.starts_at as Date).toISOString(),
        endsAt: (r!.closed_at as Date).toISOString(),
        place: r!.place as string,
        attendance: members
          .filter((m) => m.substituteForId === null)
          .map((m) => attendanceOf(m, present, seatsPerItem, substitutesAtEnd, nameOf)),
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

  /** Every member's name the committee ever had, so a substitute who has left is still named. */
  private async namesOf(committeeId: string): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, u.display_name FROM committee_member m JOIN app_user u ON u.id = m.user_id WHERE m.committee_id = $1`,
      [committeeId],
    )) as { id: string; display_name: string }[];
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  /** One decided item: its application, every listed member's vote and the recorded tally. */
  private async item(
    vote: Row,
    members: MemberRow[],
    options: {
      withTimes: boolean;
      /** All voting members of the committee, however many were in the room. */
      votingMembers: number;
      /** In a session: the seats in the room for this item and who held them; the others were absent. */
      seats?: readonly PresentSeat[];
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
        const seat = options.seats?.find((s) => s.memberId === member.id);
        if (options.seats && !seat) return { name: member.displayName, choice: 'absent' };
        const ballot = byMember.get(member.id);
        const substitute = seat && seat.heldBy !== member.id ? seat.heldBy : undefined;
        return {
          name: (substitute && options.nameOf?.get(substitute)) || member.displayName,
          ...(substitute ? { onBehalfOf: member.displayName } : {}),
          choice: ballot?.choice ?? 'none',
          ...(ballot?.withdrawn_at ? { withdrawn: true } : {}),
          castAt: options.withTimes ? ballot?.cast_at.toISOString() : undefined,
        };
      }),
      outcome: vote.outcome === 'no_quorum' ? 'no-quorum' : (vote.outcome as 'adopted' | 'rejected'),
      rules: documentRules(storedRules(vote)!),
    } satisfies MinutesItem;
  }

  /** What every minutes document of the committee has: issuer, committee, rules, chair. */
  private frame(principal: Principal, r: Row, rules: CommitteeRules) {
    const issuer = officeOf(r, r.opener as string);
    return {
      locale: principal.language,
      issuer,
      committee: r.committee as string,
      chair: r.opener as string,
      minuteTaker: r.opener as string,
      rules: documentRules(rules),
    };
  }
}

function documentRules(rules: CommitteeRules): DecisionRules {
  return {
    quorumShare: rules.quorumShare,
    majority: rules.majority === 'two_thirds' ? 'two-thirds' : 'simple',
    abstentionsCountAsCast: rules.abstentionsCountAsCast,
  };
}

/**
 * A member's attendance over the session, from the seats each decided item kept: in person, or
 * represented by a substitute, for which items (when not for all); a member never in the room is
 * absent. Advisory members hold no seat: they count as they were at the end.
 */
function attendanceOf(
  member: MemberRow,
  presentAtEnd: ReadonlySet<string>,
  seatsPerItem: readonly (readonly PresentSeat[])[],
  substitutesAtEnd: ReadonlyMap<string, string>,
  nameOf: ReadonlyMap<string, string>,
): MinutesAttendee {
  const base = {
    name: member.displayName,
    department: member.department,
    role: member.voting ? ('voting' as const) : ('advisory' as const),
  };
  const seats = seatsPerItem.map((seats) => seats.find((seat) => seat.memberId === member.id));
  const only = (held: (seat: PresentSeat | undefined) => boolean) => {
    const items = seats.flatMap((seat, index) => (held(seat) ? [index + 1] : []));
    return items.length < seatsPerItem.length ? { presentFor: items } : {};
  };
  const inPerson = (seat: PresentSeat | undefined) => seat?.heldBy === member.id;
  const bySubstitute = (seat: PresentSeat | undefined) => seat !== undefined && seat.heldBy !== member.id;
  if (!member.voting || seatsPerItem.length === 0) {
    const substitute = substitutesAtEnd.get(member.id);
    if (presentAtEnd.has(member.id)) return { ...base, status: 'present' };
    if (substitute) return { ...base, status: 'substituted', substitute: nameOf.get(substitute) };
    return { ...base, status: 'absent' };
  }
  if (seats.some(inPerson)) return { ...base, status: 'present', ...only(inPerson) };
  const held = seats.find(bySubstitute);
  if (held) {
    return { ...base, status: 'substituted', substitute: nameOf.get(held.heldBy), ...only(bySubstitute) };
  }
  return { ...base, status: 'absent' };
}
