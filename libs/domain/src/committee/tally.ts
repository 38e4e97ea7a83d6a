import { BusinessRuleError, ValidationError } from '../errors/domain-error';
import { type CommitteeRules, yesVotesRequired } from './committee-rules';
import type { QuorumState } from './quorum';

export const VOTE_CHOICES = ['yes', 'no', 'abstain', 'recused'] as const;

/** `recused`: the member takes no part because of a conflict of interest (Befangenheit). */
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** One seat's vote on one item; `memberId` is the voting member, also when a substitute cast it. */
export interface Vote {
  memberId: string;
  choice: VoteChoice;
}

export type VoteOutcome = 'adopted' | 'rejected' | 'no_quorum';

export interface ItemQuorum {
  required: number;
  /** Seats present minus the recused: those who may take part in this item. */
  present: number;
  reached: boolean;
}

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  recused: number;
  /** Present seats without a recorded vote; they count for the quorum, never as cast. */
  notVoted: number;
  /** yes + no, plus abstentions when the committee counts them as cast. */
  cast: number;
  /** The fewest yes votes that adopt the item with this many votes cast (at least one). */
  required: number;
  quorum: ItemQuorum;
  outcome: VoteOutcome;
}

/**
 * The result of a roll-call vote on one agenda item, by the committee's rules.
 *
 * - Recused members do not vote: their seat is neither cast nor part of the item's quorum. The
 *   quorum of an item is therefore the seats present minus the recused, measured against the
 *   session's required number; when recusals push it below, the item is `no_quorum` (it cannot be
 *   decided in this session, which is not the same as rejected).
 * - A session that has lost its quorum decides nothing: `no_quorum` whatever the votes.
 * - Majority: `simple` needs yes × 2 > cast, so with abstentions not cast this is yes > no, and
 *   with abstentions cast an abstention weighs like a no; `two_thirds` needs yes × 3 ≥ cast × 2.
 *   A tie is rejected, and so is an item without a single yes (all abstained, nobody voted).
 *
 * A vote from a seat that is not present is refused (the caller must record attendance first),
 * and a seat voting twice is an input error.
 */
export function tally(rules: CommitteeRules, votes: readonly Vote[], session: QuorumState): Tally {
  const present = new Set(session.seats.map((seat) => seat.memberId));
  const counts = { yes: 0, no: 0, abstain: 0, recused: 0 };
  const voted = new Set<string>();
  for (const vote of votes) {
    if (voted.has(vote.memberId)) {
      throw new ValidationError([{ field: 'votes', rule: 'duplicate', params: { memberId: vote.memberId } }]);
    }
    if (!present.has(vote.memberId))
      throw new BusinessRuleError('voter_not_present', { memberId: vote.memberId });
    if (!(VOTE_CHOICES as readonly string[]).includes(vote.choice)) {
      throw new ValidationError([{ field: 'votes', rule: 'isIn', params: { memberId: vote.memberId } }]);
    }
    voted.add(vote.memberId);
    counts[vote.choice] += 1;
  }

  const cast = counts.yes + counts.no + (rules.abstentionsCountAsCast ? counts.abstain : 0);
  const required = yesVotesRequired(rules.majority, cast);
  const itemPresent = session.present - counts.recused;
  const quorum: ItemQuorum = {
    required: session.required,
    present: itemPresent,
    reached: session.reached && itemPresent >= session.required,
  };
  const outcome: VoteOutcome = !quorum.reached
    ? 'no_quorum'
    : counts.yes >= required
      ? 'adopted'
      : 'rejected';
  return { ...counts, notVoted: session.present - voted.size, cast, required, quorum, outcome };
}
