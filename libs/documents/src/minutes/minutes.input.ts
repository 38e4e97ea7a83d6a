import type { Locale, Money } from '@kiezfonds/domain';
import type { IssuingOffice } from '../layout/issuer';

/**
 * `none`: a member present (or, in writing, entitled) who cast no vote; `absent`: a voting member
 * not in the room for this item (arrived later, left earlier, or not represented).
 */
export type VoteChoice = 'yes' | 'no' | 'abstain' | 'recused' | 'none' | 'absent';

export type MemberRole = 'voting' | 'advisory';

/** `substituted`: the member was absent and a named substitute attended instead. */
export type AttendanceStatus = 'present' | 'absent' | 'substituted';

export interface MinutesAttendee {
  name: string;
  department: string;
  role: MemberRole;
  status: AttendanceStatus;
  substitute?: string;
  /** The items (numbers) the member or their substitute was there for, when not all of them. */
  presentFor?: readonly number[];
}

/** The committee's decision rules, as they applied to this session. */
export interface DecisionRules {
  /** Share of the voting members that must take part, e.g. `{ numerator: 2, denominator: 3 }`. */
  quorumShare: { numerator: number; denominator: number };
  majority: 'simple' | 'two-thirds';
  abstentionsCountAsCast: boolean;
}

/** Whether enough voting members took part: for the session, or for one item after recusals. */
export interface QuorumState {
  /** Voting members (or their substitutes) present; for an item, those not recused. */
  participating: number;
  /** All voting members of the committee. */
  votingMembers: number;
  required: number;
  met: boolean;
}

export interface MinutesVote {
  /** Who cast the vote (a substitute votes under their own name). */
  name: string;
  /** The member a substitute voted for. */
  onBehalfOf?: string;
  choice: VoteChoice;
  /** The member voted and then declared a conflict of interest: the vote was withdrawn (`recused`). */
  withdrawn?: boolean;
  /** ISO timestamp; shown in the written procedure. */
  castAt?: string;
}

export type ItemOutcome = 'adopted' | 'rejected' | 'no-quorum';

export interface MinutesItem {
  title: string;
  carrier?: string;
  requestedAmount?: Money;
  /** The application's number, e.g. `NWF-2026-0007`. */
  reference?: string;
  /** The course of the discussion, if minuted. */
  discussion?: string;
  quorum: QuorumState;
  /** Every voting member's vote on the item, including recusals. */
  votes: readonly MinutesVote[];
  /** The result as recorded by the committee module under `rules`. */
  outcome: ItemOutcome;
  /** The rules this item was decided by, as the vote stored them when it opened (default: the document's). */
  rules?: DecisionRules;
  /** Set when the vote was opened although the session had no quorum: the quorum at that moment. */
  openedWithoutQuorum?: { present: number; required: number };
  /** The decision's wording, e.g. "Die AG empfiehlt die Förderung mit 80.000,00 €." */
  decision?: string;
}

export interface SessionProcedure {
  kind: 'session';
  /** ISO timestamps: when the session was actually opened and closed. */
  startsAt: string;
  endsAt?: string;
  /** The time the session was convened for (ISO), when it differs from when it opened. */
  scheduledFor?: string;
  place: string;
  attendance: readonly MinutesAttendee[];
  quorum: QuorumState;
}

/** Umlaufverfahren: no meeting, votes cast online until a deadline. */
export interface WrittenProcedure {
  kind: 'written';
  /** ISO timestamps. */
  openedAt: string;
  deadline: string;
  closedAt: string;
}

/** The minutes (Protokoll) of a committee session or written procedure. */
export interface MinutesInput {
  locale: Locale;
  draft?: boolean;
  issuer: IssuingOffice;
  /** `AG Stabile Kieze` */
  committee: string;
  /** e.g. `4. Sitzung 2026` */
  title?: string;
  procedure: SessionProcedure | WrittenProcedure;
  chair: string;
  minuteTaker: string;
  rules: DecisionRules;
  items: readonly MinutesItem[];
  /** The date the minutes were drawn up (ISO); also the PDF's creation date. */
  recordedOn: string;
}
