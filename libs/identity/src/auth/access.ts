import { SetMetadata } from '@nestjs/common';

/**
 * The roles of ARCHITECTURE.md. `carrier` comes from membership in an organisation; `senate` (the
 * Senatsverwaltung für Stadtentwicklung) is held Berlin-wide; all others are held for a district.
 */
export const APP_ROLES = ['carrier', 'board_member', 'coordinator', 'finance', 'admin', 'senate'] as const;
export type AppRole = (typeof APP_ROLES)[number];
/** The roles granted for one district (by invitation or assignment). */
export type DistrictRole = Exclude<AppRole, 'carrier' | 'senate'>;
/**
 * The roles as a caller holds them, district by district: the Berlin-wide `senate` role is held in
 * every district, so every district-scoped query reads it like any other role.
 */
export type StaffRole = Exclude<AppRole, 'carrier'>;
/**
 * The roles an invitation or an assignment can hand out. The Senate role is Berlin-wide and no
 * district's staff may create it; the operators of the installation grant it (docs/operations.md).
 */
export type GrantableRole = Exclude<AppRole, 'senate'>;
export const GRANTABLE_ROLES = APP_ROLES.filter((role): role is GrantableRole => role !== 'senate');

export type AccessRule =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly AppRole[] };

export const ACCESS_RULE = 'kiezfonds:access-rule';

/**
 * Every route declares who may call it with exactly one of these; a route without a declaration
 * is refused at request time (fail closed) and flagged by the route-declaration test.
 */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);
export const Roles = (...roles: [AppRole, ...AppRole[]]) =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

export const ACCEPTS_UPLOAD = 'kiezfonds:accepts-upload';

/**
 * Marks the few routes that take a file as `multipart/form-data`; every other write accepts JSON
 * only (415 otherwise), so a form on another site cannot post to it as a "simple" request.
 */
export const AcceptsUpload = () => SetMetadata(ACCEPTS_UPLOAD, true);
