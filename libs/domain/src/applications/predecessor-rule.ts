import type { ErrorDetail } from '../errors/domain-error';

/** What is known of the project an application names as the one it continues (`predecessorId`). */
export interface PredecessorCandidate {
  /** An application in the system, or a project of an earlier year imported from a file. */
  kind: 'application' | 'imported';
  id: string;
  organisationId: string;
  districtId: string;
}

/**
 * Whether an application may name `candidate` (null: no such project) as the project it continues
 * (DOMAIN.md step 10, the five-year limit; issue 21). Only the carrier's own projects form its
 * chain. An imported project must also be of the application's district: a district imports its
 * own earlier years, and another district's file is not its to build on. An application of the
 * carrier in another district stays allowed, as before imports existed.
 */
export function predecessorProblem(
  application: { id: string; organisationId: string; districtId: string },
  candidate: PredecessorCandidate | null,
): ErrorDetail | null {
  if (
    !candidate ||
    candidate.id === application.id ||
    candidate.organisationId !== application.organisationId
  ) {
    return { field: 'predecessorId', rule: 'predecessor_not_found' };
  }
  if (candidate.kind === 'imported' && candidate.districtId !== application.districtId) {
    return { field: 'predecessorId', rule: 'predecessor_other_district' };
  }
  return null;
}
