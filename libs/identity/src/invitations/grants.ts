import { type ErrorDetail, ValidationError } from '@kiezfonds/domain';
import type { DistrictRole, GrantableRole, StaffRole } from '../auth/access';
import { districtsWhere, type Principal } from '../auth/principal';

/** What an invitation promises: a staff role in one district, or membership of one organisation. */
export type Grant = { role: 'carrier'; organisationId: string } | { role: DistrictRole; districtId: string };

/**
 * Who may hand out which district role. Coordinators staff their district's office and committee
 * but may not create admins: that would let them widen their own powers.
 */
const GRANTABLE: Partial<Record<StaffRole, readonly DistrictRole[]>> = {
  coordinator: ['board_member', 'finance', 'coordinator'],
  admin: ['board_member', 'finance', 'coordinator', 'admin'],
};

/**
 * `not_found` when the district or organisation lies outside the caller's scope (it must not learn
 * it exists), `forbidden` when it may see it but not grant this.
 */
export type GrantDecision = 'allowed' | 'forbidden' | 'not_found';

export function mayGrant(principal: Principal, grant: Grant): GrantDecision {
  const staffDistricts = districtsWhere(principal, 'coordinator', 'admin');
  if (grant.role === 'carrier') {
    // Only the organisation's own admins bring in colleagues; membership is never granted as admin.
    const membership = principal.organisations.find((o) => o.organisationId === grant.organisationId);
    if (membership?.isAdmin) return 'allowed';
    return membership || staffDistricts.length > 0 ? 'forbidden' : 'not_found';
  }
  const heldHere = principal.roles.filter((r) => r.districtId === grant.districtId).map((r) => r.role);
  if (heldHere.some((role) => GRANTABLE[role]?.includes(grant.role))) return 'allowed';
  if (staffDistricts.includes(grant.districtId)) return 'forbidden';
  // Staff of other districts see nothing of this one; a carrier may not invite staff at all.
  return staffDistricts.length > 0 ? 'not_found' : 'forbidden';
}

/** The grant a request names; a carrier invitation names an organisation, any other a district. */
export function grantFrom(request: {
  role: GrantableRole;
  districtId?: string;
  organisationId?: string;
}): Grant {
  const problems: ErrorDetail[] = [];
  const { role, districtId, organisationId } = request;
  if (role === 'carrier') {
    if (!organisationId) problems.push({ field: 'organisationId', rule: 'required' });
    if (districtId) problems.push({ field: 'districtId', rule: 'unknown_field' });
    if (problems.length > 0 || !organisationId) throw new ValidationError(problems);
    return { role, organisationId };
  }
  if (!districtId) problems.push({ field: 'districtId', rule: 'required' });
  if (organisationId) problems.push({ field: 'organisationId', rule: 'unknown_field' });
  if (problems.length > 0 || !districtId) throw new ValidationError(problems);
  return { role, districtId };
}
