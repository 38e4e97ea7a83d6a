import type { DistrictRole } from '../auth/access';
import type { Principal } from '../auth/principal';
import { type GrantDecision, mayGrant } from '../invitations/grants';

/**
 * Whether the caller may grant or revoke `role` in `districtId` on an existing account: the same
 * rule as for invitations (`mayGrant`), so inviting someone and granting a role can never differ.
 * Coordinators hand out board member, finance and coordinator roles in their district; only
 * admins hand out admin; another district answers `not_found`.
 */
export function mayAssignRole(principal: Principal, role: DistrictRole, districtId: string): GrantDecision {
  return mayGrant(principal, { role, districtId });
}
