import { BusinessRuleError, ValidationError } from '../errors/domain-error';
import { type CommitteeRules, quorumRequired } from './committee-rules';
import type { QuorumState } from './quorum';
import { type Tally, tally, type Vote } from './tally';

export type WrittenVoteResult =
  | {
      state: 'open';
      eligible: number;
      /** Eligible members who have answered (any choice, recusal included). */
      responded: number;
      /** Who has not answered yet, in the order given: the reminder list. */
      missing: readonly string[];
    }
  | {
      state: 'closed';
      closedBecause: 'all_voted' | 'deadline_passed';
      eligible: number;
      responded: number;
      missing: readonly string[];
      tally: Tally;
    };

/**
 * The state of a written procedure (Umlaufverfahren) on one item. It stays `open` until every
 * eligible member has answered or the deadline has passed; then it is closed with the result.
 * The caller records that result exactly once; this function only says what it is.
 *
 * Quorum in writing: there is no room to be present in, so taking part is what counts. The
 * quorum is the committee's share of the eligible voting members, and those who answered yes, no
 * or abstain take part (an abstention is a deliberate answer, as a member present in a session who
 * abstains). Recused members and those who did not answer do not take part. Majority and ties
 * follow the same rules as in a session (see `tally`).
 *
 * `eligible` is the vote's electorate as it was fixed when the vote opened: the voting seats in
 * their own right held that day, never the committee as it stands when the result is computed, so
 * a membership change during the vote neither drops a ballot cast nor adds a member to wait for.
 * Conflicted members stay eligible and answer `recused` (see `withRecusals`), so every recusal is
 * on record and the procedure can still close early.
 */
export function writtenVoteOutcome(
  rules: CommitteeRules,
  eligible: readonly string[],
  votes: readonly Vote[],
  { deadlinePassed }: { deadlinePassed: boolean },
): WrittenVoteResult {
  const eligibleSet = new Set(eligible);
  const answered = new Set<string>();
  for (const vote of votes) {
    if (answered.has(vote.memberId)) {
      throw new ValidationError([{ field: 'votes', rule: 'duplicate', params: { memberId: vote.memberId } }]);
    }
    if (!eligibleSet.has(vote.memberId)) {
      throw new BusinessRuleError('voter_not_eligible', { memberId: vote.memberId });
    }
    answered.add(vote.memberId);
  }
  const missing = [...eligibleSet].filter((memberId) => !answered.has(memberId));
  const counts = { eligible: eligibleSet.size, responded: answered.size, missing };
  if (missing.length > 0 && !deadlinePassed) return { state: 'open', ...counts };

  const required = quorumRequired(rules, eligibleSet.size);
  const responded: QuorumState = {
    votingMembers: eligibleSet.size,
    required,
    present: answered.size,
    // Recusals are taken off by `tally`, which then compares those taking part with `required`.
    reached: answered.size >= required,
    seats: votes.map((vote) => ({ memberId: vote.memberId, heldBy: vote.memberId })),
  };
  return {
    state: 'closed',
    closedBecause: missing.length === 0 ? 'all_voted' : 'deadline_passed',
    ...counts,
    tally: tally(rules, votes, responded),
  };
}
