import { type ErrorDetail, ValidationError } from '../errors/domain-error';

/** A share such as two thirds, kept as a fraction so no quorum is ever decided by a float. */
export interface Share {
  numerator: number;
  denominator: number;
}

export const MAJORITIES = ['simple', 'two_thirds'] as const;

/**
 * `simple`: more yes than half of the votes cast. `two_thirds`: at least two thirds of the votes
 * cast are yes.
 */
export type Majority = (typeof MAJORITIES)[number];

/** How one committee decides (DOMAIN.md step 5); set per committee, not per session. */
export interface CommitteeRules {
  /** Share of the voting members that must be present (or represented) for a quorum. */
  quorumShare: Share;
  majority: Majority;
  /**
   * Whether an abstention is a vote cast. If it is, abstaining works like voting no (the yes
   * votes must outweigh yes + no + abstain); if not, abstentions only count for the quorum.
   */
  abstentionsCountAsCast: boolean;
}

/** The common rule the domain describes: two thirds present, two thirds of the votes cast. */
export const TWO_THIRDS_RULES: CommitteeRules = {
  quorumShare: { numerator: 2, denominator: 3 },
  majority: 'two_thirds',
  abstentionsCountAsCast: true,
};

/** The problems with a set of rules, as validation details; empty when the rules are usable. */
export function committeeRulesProblems(rules: CommitteeRules, field = 'rules'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const { numerator, denominator } = rules.quorumShare;
  for (const [name, value] of [
    ['numerator', numerator],
    ['denominator', denominator],
  ] as const) {
    if (!Number.isSafeInteger(value)) problems.push({ field: `${field}.quorumShare.${name}`, rule: 'isInt' });
    else if (value < 1)
      problems.push({ field: `${field}.quorumShare.${name}`, rule: 'min', params: { min: 1 } });
  }
  if (problems.length === 0 && numerator > denominator) {
    problems.push({ field: `${field}.quorumShare`, rule: 'quorumShare' });
  }
  if (!(MAJORITIES as readonly string[]).includes(rules.majority)) {
    problems.push({ field: `${field}.majority`, rule: 'isIn' });
  }
  return problems;
}

export function assertCommitteeRules(rules: CommitteeRules, field = 'rules'): void {
  const problems = committeeRulesProblems(rules, field);
  if (problems.length > 0) throw new ValidationError(problems);
}

/**
 * How many voting members make a quorum: the share of all voting members, rounded up (two thirds
 * of 13 is 8,67, so 9 must be present), and never fewer than one, because nobody can decide in
 * an empty room, not even a committee that has lost all its voting members.
 */
export function quorumRequired(rules: CommitteeRules, votingMembers: number): number {
  assertCommitteeRules(rules);
  const { numerator, denominator } = rules.quorumShare;
  // Ceiling by integer arithmetic: (a + b - 1) / b rounded down.
  return Math.max(1, Math.floor((numerator * votingMembers + denominator - 1) / denominator));
}

/**
 * The fewest yes votes that adopt a motion when `cast` votes are cast, never fewer than one: with
 * no vote cast nothing is adopted. Simple majority: yes × 2 > cast, so a tie is rejected. Two
 * thirds: yes × 3 ≥ cast × 2.
 */
export function yesVotesRequired(majority: Majority, cast: number): number {
  const required = majority === 'simple' ? Math.floor(cast / 2) + 1 : Math.floor((cast * 2 + 2) / 3);
  return Math.max(1, required);
}
