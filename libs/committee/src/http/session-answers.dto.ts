import { ApiProperty } from '@nestjs/swagger';
import { MAJORITIES, type Majority, VOTE_CHOICES, type VoteChoice } from '@kiezfonds/domain';

/*
 * What the session API answers (SessionView of session.service.ts), for the OpenAPI document and
 * so the web's generated types. Every write on a session answers the whole session again.
 */

const SESSION_STATUSES = ['scheduled', 'open', 'closed'] as const;
const VOTE_OUTCOMES = ['adopted', 'rejected', 'no_quorum'] as const;
const nullableInstant = { type: String, format: 'date-time', nullable: true } as const;

export class ShareDto {
  @ApiProperty()
  numerator: number;

  @ApiProperty()
  denominator: number;
}

/** The rules a session or vote decides by (DOMAIN.md step 5). */
export class SessionRulesDto {
  @ApiProperty({ type: ShareDto, description: 'Share of the voting members that must be present' })
  quorumShare: ShareDto;

  @ApiProperty({ enum: MAJORITIES })
  majority: Majority;

  @ApiProperty({ description: 'Whether an abstention is a vote cast' })
  abstentionsCountAsCast: boolean;
}

export class SessionMemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty()
  department: string;

  @ApiProperty()
  voting: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The member this one substitutes',
  })
  substituteForId: string | null;

  @ApiProperty()
  present: boolean;
}

export class QuorumDto {
  @ApiProperty()
  votingMembers: number;

  @ApiProperty()
  required: number;

  @ApiProperty()
  present: number;

  @ApiProperty()
  reached: boolean;
}

export class SeatDto {
  @ApiProperty({ format: 'uuid', description: 'The voting member whose vote this is' })
  memberId: string;

  @ApiProperty({ format: 'uuid', description: 'Who casts it: the member, or the substitute standing in' })
  heldBy: string;
}

export class BallotDto {
  @ApiProperty({ format: 'uuid' })
  memberId: string;

  @ApiProperty({ enum: VOTE_CHOICES })
  choice: VoteChoice;
}

export class ItemQuorumDto {
  @ApiProperty()
  required: number;

  @ApiProperty({ description: 'Seats present minus the recused' })
  present: number;

  @ApiProperty()
  reached: boolean;
}

/** The result of a closed vote (libs/domain, tally.ts). */
export class TallyDto {
  @ApiProperty()
  yes: number;

  @ApiProperty()
  no: number;

  @ApiProperty()
  abstain: number;

  @ApiProperty()
  recused: number;

  @ApiProperty({ description: 'Present seats without a recorded vote' })
  notVoted: number;

  @ApiProperty({ description: 'yes + no, plus abstentions when the committee counts them as cast' })
  cast: number;

  @ApiProperty({ description: 'The fewest yes votes that adopt the item' })
  required: number;

  @ApiProperty({ type: ItemQuorumDto })
  quorum: ItemQuorumDto;

  @ApiProperty({ enum: VOTE_OUTCOMES })
  outcome: (typeof VOTE_OUTCOMES)[number];
}

export class QuorumAtOpenDto {
  @ApiProperty()
  present: number;

  @ApiProperty()
  required: number;

  @ApiProperty({ description: 'false: the vote was opened without a quorum' })
  reached: boolean;
}

export class SessionItemVoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['open', 'closed'] })
  state: 'open' | 'closed';

  @ApiProperty({ type: [BallotDto] })
  ballots: BallotDto[];

  @ApiProperty({ enum: VOTE_OUTCOMES, nullable: true })
  outcome: (typeof VOTE_OUTCOMES)[number] | null;

  @ApiProperty({ type: TallyDto, nullable: true, description: 'Once the vote is closed' })
  tally: TallyDto | null;

  @ApiProperty({
    type: SessionRulesDto,
    description: "The session's rules as they were when the vote opened",
  })
  rules: SessionRulesDto;

  @ApiProperty({ type: QuorumAtOpenDto, nullable: true })
  quorumAtOpen: QuorumAtOpenDto | null;
}

export class SessionItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  position: number;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  reference: string;

  @ApiProperty()
  carrier: string;

  @ApiProperty({ pattern: '^\\d+$', description: 'Requested funding in cents' })
  requestedCents: string;

  @ApiProperty({ type: SessionItemVoteDto, nullable: true })
  vote: SessionItemVoteDto | null;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty({ description: "The committee's name" })
  committee: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty()
  place: string;

  @ApiProperty({ enum: SESSION_STATUSES })
  status: (typeof SESSION_STATUSES)[number];

  @ApiProperty(nullableInstant)
  invitedAt: string | null;

  @ApiProperty(nullableInstant)
  minutesPublishedAt: string | null;

  @ApiProperty(nullableInstant)
  openedAt: string | null;

  @ApiProperty(nullableInstant)
  closedAt: string | null;

  @ApiProperty({ type: SessionRulesDto })
  rules: SessionRulesDto;

  @ApiProperty({ type: [SessionMemberDto] })
  members: SessionMemberDto[];

  @ApiProperty({ type: QuorumDto, description: 'The live quorum' })
  quorum: QuorumDto;

  @ApiProperty({ type: [SeatDto], description: 'Filled seats: whose vote, and who holds it' })
  seats: SeatDto[];

  @ApiProperty({ type: SeatDto, nullable: true, description: "The caller's seat in the room, if any" })
  ownSeat: SeatDto | null;

  @ApiProperty({ type: [SessionItemDto] })
  items: SessionItemDto[];
}

export class SessionListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  committee: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty()
  place: string;

  @ApiProperty({ enum: SESSION_STATUSES })
  status: (typeof SESSION_STATUSES)[number];

  @ApiProperty({ description: 'Number of agenda items' })
  items: number;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionListItemDto] })
  items: SessionListItemDto[];
}

export class VoteSessionRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;
}

/** A vote of the committee on an application: a written one, or a roll call in a session. */
export class ApplicationVoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['written', 'roll_call'] })
  procedure: 'written' | 'roll_call';

  @ApiProperty()
  motion: string;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ ...nullableInstant, description: 'Written votes only' })
  deadline: string | null;

  @ApiProperty({ enum: ['open', 'closed'] })
  state: 'open' | 'closed';

  @ApiProperty(nullableInstant)
  closedAt: string | null;

  @ApiProperty({ enum: VOTE_OUTCOMES, nullable: true })
  outcome: (typeof VOTE_OUTCOMES)[number] | null;

  @ApiProperty({ type: TallyDto, nullable: true })
  tally: TallyDto | null;

  @ApiProperty({ type: VoteSessionRefDto, nullable: true, description: 'The session of a roll call' })
  session: VoteSessionRefDto | null;

  @ApiProperty({ enum: VOTE_CHOICES, nullable: true })
  ownBallot: VoteChoice | null;

  @ApiProperty({ description: 'Ballots recorded so far' })
  responded: number;

  @ApiProperty({
    enum: ['voting', 'advisory', 'substitute', 'joined_after_opening'],
    nullable: true,
    description:
      'How the caller takes part: advisory members, substitutes and members whose seat began after a written vote opened (`joined_after_opening`) cast no written ballot',
  })
  ownPart: 'voting' | 'advisory' | 'substitute' | 'joined_after_opening' | null;
}

export class ApplicationVoteListDto {
  @ApiProperty({ type: [ApplicationVoteDto] })
  items: ApplicationVoteDto[];
}

export class MissingVoterDto {
  @ApiProperty({ format: 'uuid' })
  memberId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  department: string;

  @ApiProperty({
    description:
      'The seat ended after the vote opened: the member stays in its electorate (missing until the deadline) but can no longer answer',
  })
  seatEnded: boolean;
}

/** A written vote (Umlaufverfahren): who has answered, and the result once closed. */
export class WrittenVoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty()
  motion: string;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ format: 'date-time' })
  deadline: string;

  @ApiProperty({ enum: ['open', 'closed'] })
  state: 'open' | 'closed';

  @ApiProperty({ description: 'Voting members who may vote' })
  eligible: number;

  @ApiProperty()
  responded: number;

  @ApiProperty({
    type: [MissingVoterDto],
    nullable: true,
    description: 'Who has not answered yet; null for callers who may not see it',
  })
  missing: MissingVoterDto[] | null;

  @ApiProperty({ enum: VOTE_CHOICES, nullable: true })
  ownBallot: VoteChoice | null;

  @ApiProperty(nullableInstant)
  closedAt: string | null;

  @ApiProperty({ enum: ['all_voted', 'deadline_passed', 'closed_in_session'], nullable: true })
  closedBecause: 'all_voted' | 'deadline_passed' | 'closed_in_session' | null;

  @ApiProperty({ enum: VOTE_OUTCOMES, nullable: true })
  outcome: (typeof VOTE_OUTCOMES)[number] | null;

  @ApiProperty({ type: TallyDto, nullable: true })
  tally: TallyDto | null;

  @ApiProperty({ type: SessionRulesDto })
  rules: SessionRulesDto;
}

/** A declared conflict of interest (Befangenheit), for one application or standing for a carrier. */
export class ConflictDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  memberId: string;

  @ApiProperty()
  memberName: string;

  @ApiProperty()
  department: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Standing for this carrier' })
  organisationId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'For this application only' })
  applicationId: string | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  declaredAt: string;

  @ApiProperty(nullableInstant)
  withdrawnAt: string | null;
}

export class ConflictListDto {
  @ApiProperty({ type: [ConflictDto] })
  items: ConflictDto[];
}
