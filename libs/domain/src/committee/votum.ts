import { type ErrorDetail, ValidationError } from '../errors/domain-error';

export const RECOMMENDATIONS = ['support', 'support_with_conditions', 'do_not_support'] as const;

/** A department's recommendation in its professional opinion (Votum). */
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** One scoring criterion, configured per call. */
export interface ReviewCriterion {
  key: string;
  label: string;
  /** Relative importance, a whole number ≥ 1; independent of the criterion's scale. */
  weight: number;
  /** Scores run from 0 to this whole number. */
  maxScore: number;
}

/**
 * Scores are scaled integers: the share of full marks in hundredths of a percent, so 10 000 is
 * full marks and 6 667 is two thirds. Rankings compare these integers, never floats.
 */
export const SCORE_SCALE = 10_000;

export function criteriaProblems(criteria: readonly ReviewCriterion[], field = 'criteria'): ErrorDetail[] {
  if (criteria.length === 0) return [{ field, rule: 'arrayNotEmpty' }];
  const problems: ErrorDetail[] = [];
  const keys = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (criterion.key.trim() === '') problems.push({ field: `${field}.${index}.key`, rule: 'required' });
    else if (keys.has(criterion.key)) problems.push({ field: `${field}.${index}.key`, rule: 'duplicate' });
    keys.add(criterion.key);
    for (const name of ['weight', 'maxScore'] as const) {
      const value = criterion[name];
      if (!Number.isSafeInteger(value)) problems.push({ field: `${field}.${index}.${name}`, rule: 'isInt' });
      else if (value < 1)
        problems.push({ field: `${field}.${index}.${name}`, rule: 'min', params: { min: 1 } });
    }
  });
  return problems;
}

/** Problems with one Votum's scores against the call's criteria: missing, unknown, out of range. */
export function scoreProblems(
  criteria: readonly ReviewCriterion[],
  scores: Readonly<Record<string, number>>,
  field = 'scores',
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const known = new Set(criteria.map((criterion) => criterion.key));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) problems.push({ field: `${field}.${key}`, rule: 'unknown_field' });
  }
  for (const { key, maxScore } of criteria) {
    const score = Object.hasOwn(scores, key) ? scores[key] : undefined;
    if (score === undefined) problems.push({ field: `${field}.${key}`, rule: 'required' });
    else if (!Number.isSafeInteger(score)) problems.push({ field: `${field}.${key}`, rule: 'isInt' });
    else if (score < 0) problems.push({ field: `${field}.${key}`, rule: 'min', params: { min: 0 } });
    else if (score > maxScore)
      problems.push({ field: `${field}.${key}`, rule: 'max', params: { max: maxScore } });
  }
  return problems;
}

/**
 * One Votum's score as a scaled integer (see `SCORE_SCALE`): the weighted mean of each criterion's
 * share of its maximum, Σ weight × score / maxScore ÷ Σ weight. Each criterion is normalised first
 * so a weight means importance, whatever scale the criterion uses (0–5 or 0–10). Computed exactly
 * in integers and rounded half up once at the end.
 */
export function votumScore(
  criteria: readonly ReviewCriterion[],
  scores: Readonly<Record<string, number>>,
): number {
  const problems = [...criteriaProblems(criteria), ...scoreProblems(criteria, scores)];
  if (problems.length > 0) throw new ValidationError(problems);

  const common = criteria.reduce((lcm, { maxScore }) => lcmOf(lcm, BigInt(maxScore)), 1n);
  let numerator = 0n;
  let weights = 0n;
  for (const { key, weight, maxScore } of criteria) {
    numerator += BigInt(weight) * BigInt(scores[key]!) * (common / BigInt(maxScore));
    weights += BigInt(weight);
  }
  return Number(divideHalfUp(numerator * BigInt(SCORE_SCALE), weights * common));
}

export interface VotumForSummary {
  departmentId: string;
  recommendation: Recommendation;
  /** The Votum's scaled score, or null where the call has no criteria or the Votum gave none. */
  score: number | null;
}

export interface ReviewSummary {
  reviews: number;
  scored: number;
  /** Mean of the scaled scores, rounded half up; null when no Votum carries a score. */
  averageScore: number | null;
  recommendations: Record<Recommendation, number>;
}

export function reviewSummary(voten: readonly VotumForSummary[]): ReviewSummary {
  const recommendations = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<
    Recommendation,
    number
  >;
  let sum = 0n;
  let scored = 0n;
  for (const votum of voten) {
    recommendations[votum.recommendation] += 1;
    if (votum.score !== null) {
      sum += BigInt(votum.score);
      scored += 1n;
    }
  }
  return {
    reviews: voten.length,
    scored: Number(scored),
    averageScore: scored === 0n ? null : Number(divideHalfUp(sum, scored)),
    recommendations,
  };
}

/**
 * The departments still owing a Votum, in the order given: the coordinator's reminder list.
 * `excused` departments (for example, whose member declared a conflict on the application) owe
 * none.
 */
export function missingReviews(
  departments: readonly string[],
  voten: readonly { departmentId: string }[],
  excused: readonly string[] = [],
): string[] {
  const done = new Set([...voten.map((votum) => votum.departmentId), ...excused]);
  return [...new Set(departments)].filter((department) => !done.has(department));
}

function lcmOf(a: bigint, b: bigint): bigint {
  return (a / gcdOf(a, b)) * b;
}

function gcdOf(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcdOf(b, a % b);
}

/** a ÷ b for a ≥ 0, b > 0, half rounded up. */
function divideHalfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}
