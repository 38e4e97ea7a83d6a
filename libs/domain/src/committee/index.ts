export {
  assertCommitteeRules,
  type CommitteeRules,
  committeeRulesProblems,
  type Majority,
  MAJORITIES,
  quorumRequired,
  type Share,
  TWO_THIRDS_RULES,
  yesVotesRequired,
} from './committee-rules';
export { type Attendance, type AttendanceEntry, type PresentSeat, quorum, type QuorumState } from './quorum';
export {
  type ItemQuorum,
  type Tally,
  tally,
  type Vote,
  VOTE_CHOICES,
  type VoteChoice,
  type VoteOutcome,
} from './tally';
export { assertMayVote, withRecusals } from './recusal';
export { writtenVoteOutcome, type WrittenVoteResult } from './written-procedure';
export {
  criteriaProblems,
  missingReviews,
  type Recommendation,
  RECOMMENDATIONS,
  type ReviewCriterion,
  type ReviewSummary,
  reviewSummary,
  SCORE_SCALE,
  scoreProblems,
  type VotumForSummary,
  votumScore,
} from './votum';
