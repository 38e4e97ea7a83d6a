import type { AppRole, DistrictRole, Me, StaffRole } from '../api/identity';

/*
 * Role helpers mirroring the server's rules (libs/identity/src/auth/principal.ts): `carrier`
 * means membership in an organisation, every other role is held for a district.
 */

export function isCarrier(me: Me): boolean {
  return me.organisations.length > 0;
}

export function hasRole(me: Me, role: AppRole, districtId?: string): boolean {
  if (role === 'carrier') return isCarrier(me);
  return me.roles.some((r) => r.role === role && (districtId === undefined || r.districtId === districtId));
}

export function hasAnyRole(me: Me, ...roles: AppRole[]): boolean {
  return roles.some((role) => hasRole(me, role));
}

/** The districts in which `me` holds one of the roles, in the order the server lists them. */
export function districtsWhere(me: Me, ...roles: StaffRole[]): string[] {
  return [...new Set(me.roles.filter((r) => roles.includes(r.role)).map((r) => r.districtId))];
}

export function isOrganisationAdmin(me: Me, organisationId: string): boolean {
  return me.organisations.some((o) => o.organisationId === organisationId && o.isAdmin);
}

/** May use the user administration (list, invite, grant roles). */
export function canAdministerUsers(me: Me): boolean {
  return hasAnyRole(me, 'admin', 'coordinator');
}

/**
 * The roles `me` may grant, revoke or invite for in a district: admins any district role,
 * coordinators board members and finance staff (docs/api/identity.md, "Administration").
 */
export function grantableRoles(me: Me, districtId: string): DistrictRole[] {
  if (hasRole(me, 'admin', districtId)) return ['board_member', 'coordinator', 'finance', 'admin'];
  if (hasRole(me, 'coordinator', districtId)) return ['board_member', 'finance'];
  return [];
}

/**
 * The roles `me` may invite people to in a district. Coordinators also bring in fellow
 * coordinators by invitation, but only admins create admins (libs/identity invitations/grants.ts).
 */
export function invitableRoles(me: Me, districtId: string): DistrictRole[] {
  if (hasRole(me, 'admin', districtId)) return ['board_member', 'coordinator', 'finance', 'admin'];
  if (hasRole(me, 'coordinator', districtId)) return ['board_member', 'coordinator', 'finance'];
  return [];
}

/** The districts in which `me` may manage roles, i.e. where `grantableRoles` is not empty. */
export function manageableDistricts(me: Me): string[] {
  return districtsWhere(me, 'admin', 'coordinator');
}
