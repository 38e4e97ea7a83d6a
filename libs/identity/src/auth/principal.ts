import type { AppRole, StaffRole } from './access';

/** Who is calling, as resolved from the session cookie or an API token. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  language: 'de' | 'en';
  roles: { role: StaffRole; districtId: string; districtName?: string }[];
  organisations: { organisationId: string; isAdmin: boolean; name?: string }[];
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
}

export function hasRole(principal: Principal, role: AppRole, districtId?: string): boolean {
  if (role === 'carrier') return principal.organisations.length > 0;
  return principal.roles.some(
    (r) => r.role === role && (districtId === undefined || r.districtId === districtId),
  );
}

/** The districts in which the principal holds one of the roles: the scope of its district queries. */
export function districtsWhere(principal: Principal, ...roles: StaffRole[]): string[] {
  return [...new Set(principal.roles.filter((r) => roles.includes(r.role)).map((r) => r.districtId))];
}
