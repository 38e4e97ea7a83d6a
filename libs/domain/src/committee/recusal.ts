import { ForbiddenError } from '../errors/domain-error';
import type { Vote } from './tally';

/**
 * Refuses a vote from a member with a declared conflict of interest on the item (403): such a
 * member may only be recorded as recused. Call it before storing a vote, so a conflicted vote is
 * never counted rather than counted and corrected.
 */
export function assertMayVote(vote: Vote, conflicted: Iterable<string>): void {
  const isConflicted = new Set(conflicted).has(vote.memberId);
  if (isConflicted && vote.choice !== 'recused') throw new ForbiddenError('member_conflicted');
}

/**
 * The votes with every conflicted seat among `seats` recorded as recused, so the minutes show each
 * recusal even when the member never pressed a button. A conflicted member's yes, no or abstain is
 * refused (see `assertMayVote`). Seats not in `seats` (absent, or not eligible) are left out.
 */
export function withRecusals(
  votes: readonly Vote[],
  conflicted: readonly string[],
  seats: readonly string[],
): Vote[] {
  const conflictedSet = new Set(conflicted);
  for (const vote of votes) assertMayVote(vote, conflictedSet);
  const voted = new Set(votes.map((vote) => vote.memberId));
  const recusals = seats
    .filter((seat) => conflictedSet.has(seat) && !voted.has(seat))
    .map((memberId): Vote => ({ memberId, choice: 'recused' }));
  return [...votes, ...recusals];
}
