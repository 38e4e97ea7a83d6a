import { SetMetadata } from '@nestjs/common';

/** The roles of ARCHITECTURE.md; all but `carrier` are held for a district. */
export const APP_ROLES = ['carrier', 'board_member', 'coordinator', 'finance', 'admin'] as const;
export type AppRole = (typeof APP_ROLES)[number];
export type DistrictRole = Exclude<AppRole, 'carrier'>;

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
