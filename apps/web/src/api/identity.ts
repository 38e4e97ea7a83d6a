import { callApi, type Schemas } from './contract';

/*
 * The identity API (docs/api/identity.md): sessions, invitations, password reset, registration,
 * the own account and user administration. Typed by the OpenAPI document (`callApi`).
 */

export const districtRoles = ['board_member', 'coordinator', 'finance', 'admin'] as const;
export type DistrictRole = (typeof districtRoles)[number];
/** The roles as the server lists them per district: the Berlin-wide Senate role in every district. */
export type StaffRole = DistrictRole | 'senate';
export type AppRole = 'carrier' | StaffRole;

/** A role held for one district, as user administration lists it. */
export type RoleAssignment = Schemas['UserRoleDto'];
/** A role as the signed-in user holds it: a district's, or the Senate's in every district. */
export type HeldRole = Schemas['HeldRoleDto'];

export type OrganisationMembership = Schemas['OrganisationMembershipDto'];

/** The signed-in user (`GET /api/me`, and the answer of login and invitation acceptance). */
export type Me = Schemas['MeDto'];

// Sessions

export function login(email: string, password: string): Promise<Me> {
  return callApi('post', '/api/auth/login', { credentialCheck: true, body: { email, password } });
}

export function logout(): Promise<void> {
  return callApi('post', '/api/auth/logout');
}

export function logoutEverywhere(): Promise<void> {
  return callApi('post', '/api/auth/logout-everywhere');
}

export function getMe(options: { signal?: AbortSignal } = {}): Promise<Me> {
  return callApi('get', '/api/me', { signal: options.signal });
}

// Invitations, password reset, registration

export type InvitationPreview = Schemas['InvitationViewDto'];
export type InvitationRequest = Schemas['CreateInvitationDto'];
export type InvitationCreated = Schemas['InvitationCreatedDto'];

export function getInvitation(token: string, options: { signal?: AbortSignal } = {}) {
  return callApi('get', '/api/invitations/{token}', { path: { token }, signal: options.signal });
}

export function acceptInvitation(token: string, password: string): Promise<Me> {
  return callApi('post', '/api/invitations/accept', { credentialCheck: true, body: { token, password } });
}

export function createInvitation(invitation: InvitationRequest): Promise<InvitationCreated> {
  return callApi('post', '/api/invitations', { body: invitation });
}

export function requestPasswordReset(email: string): Promise<void> {
  return callApi('post', '/api/auth/password-reset', { body: { email } });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return callApi('post', '/api/auth/password-reset/confirm', { body: { token, password } });
}

/** A legal representative of a carrier (Vorstand, Geschäftsführung) and their function. */
export type LegalRepresentative = Schemas['LegalRepresentativeDto'];

/** An organisation as its registration describes it (one to ten legal representatives). */
export type OrganisationFields = Schemas['RegistrationOrganisationDto'];

export type Registration = Schemas['RegistrationDto'];

export function register(registration: Registration): Promise<Schemas['RegistrationAcceptedDto']> {
  return callApi('post', '/api/registrations', { body: registration });
}

// Own account

export function updateMe(changes: Schemas['UpdateProfileDto']): Promise<Me> {
  return callApi('patch', '/api/me', { body: changes });
}

export type NotificationSetting = Schemas['NotificationSettingDto'];

export function getNotificationSettings(options: { signal?: AbortSignal } = {}) {
  return callApi('get', '/api/me/notification-settings', { signal: options.signal });
}

export function putNotificationSettings(settings: NotificationSetting[]) {
  return callApi('put', '/api/me/notification-settings', { body: settings });
}

export type ApiToken = Schemas['ApiTokenDto'];
export type CreatedApiToken = Schemas['CreatedApiTokenDto'];
/** A token as a district's admins see it: with whose it is. */
export type ManagedApiToken = Schemas['ManagedApiTokenDto'];

export function listManagedTokens(page: number, options: { signal?: AbortSignal } = {}) {
  return callApi('get', '/api/api-tokens', { query: { page, pageSize: 20 }, signal: options.signal });
}

export function revokeManagedToken(id: string): Promise<void> {
  return callApi('delete', '/api/api-tokens/{id}', { path: { id } });
}

export function verifyEmail(token: string): Promise<void> {
  return callApi('post', '/api/registrations/verify-email', { body: { token } });
}

export type OrganisationSummary = Schemas['OrganisationSummaryDto'];

export function listOrganisations(
  query: { verified?: boolean; page: number },
  options: { signal?: AbortSignal } = {},
): Promise<Schemas['OrganisationListDto']> {
  return callApi('get', '/api/organisations', {
    query: { ...query, pageSize: 20 },
    signal: options.signal,
  });
}

export function verifyOrganisation(id: string): Promise<Schemas['OrganisationViewDto']> {
  return callApi('post', '/api/organisations/{id}/verify', { path: { id } });
}

export function listTokens(options: { signal?: AbortSignal } = {}): Promise<ApiToken[]> {
  return callApi('get', '/api/me/tokens', { signal: options.signal });
}

export function createToken(name: string, expiresInDays: number): Promise<CreatedApiToken> {
  return callApi('post', '/api/me/tokens', { body: { name, expiresInDays } });
}

export function revokeToken(id: string): Promise<void> {
  return callApi('delete', '/api/me/tokens/{id}', { path: { id } });
}

/** Address of the personal-data export; a plain link, so the browser downloads the file. */
export const personalDataExportUrl = '/api/me/export';

export type AppNotification = Schemas['NotificationDto'];
export type NotificationPage = Schemas['NotificationPageDto'];

export function listNotifications(
  query: { page?: number; pageSize?: number },
  options: { signal?: AbortSignal; background?: boolean } = {},
): Promise<NotificationPage> {
  // A background poll must not count as activity, or an open tab would never time out.
  const headers: Record<string, string> = options.background ? { 'X-Kiezfonds-Background': '1' } : {};
  return callApi('get', '/api/notifications', { query, signal: options.signal, headers });
}

export function markNotificationRead(id: string): Promise<void> {
  return callApi('post', '/api/notifications/{id}/read', { path: { id } });
}

export function markAllNotificationsRead(): Promise<void> {
  return callApi('post', '/api/notifications/read-all');
}

// Administration

/** A user as administration sees them; every write on a user answers it again. */
export type AdminUser = Schemas['UserSummaryDto'];
export type UserStatus = AdminUser['status'];
export type UserList = Schemas['UserListDto'];

export function listUsers(
  query: { districtId?: string; q?: string; page?: number; pageSize?: number },
  options: { signal?: AbortSignal } = {},
): Promise<UserList> {
  return callApi('get', '/api/users', { query, signal: options.signal });
}

export function grantRole(userId: string, role: DistrictRole, districtId: string): Promise<AdminUser> {
  return callApi('post', '/api/users/{id}/roles', { path: { id: userId }, body: { role, districtId } });
}

export function revokeRole(userId: string, role: DistrictRole, districtId: string): Promise<void> {
  return callApi('delete', '/api/users/{id}/roles/{role}/{districtId}', {
    path: { id: userId, role, districtId },
  });
}

export function setUserStatus(userId: string, status: 'active' | 'disabled'): Promise<AdminUser> {
  return callApi('patch', '/api/users/{id}', { path: { id: userId }, body: { status } });
}

export function pseudonymiseUser(userId: string): Promise<AdminUser> {
  return callApi('post', '/api/users/{id}/pseudonymise', { path: { id: userId } });
}

/** One organisation with its members (`GET /api/organisations/:id`); a change answers it again. */
export type Organisation = Schemas['OrganisationDetailDto'];

export function getOrganisation(id: string, options: { signal?: AbortSignal } = {}): Promise<Organisation> {
  return callApi('get', '/api/organisations/{id}', { path: { id }, signal: options.signal });
}

/** Changed fields; `null` clears an optional one; a new list of representatives replaces the whole list. */
export type OrganisationChanges = Schemas['UpdateOrganisationDto'];

export function updateOrganisation(id: string, fields: OrganisationChanges): Promise<Organisation> {
  return callApi('patch', '/api/organisations/{id}', { path: { id }, body: fields });
}

/** Notices waiting for the queue and notices whose retries ran out (installation administrators). */
export type NoticeCounts = Schemas['NoticeCountsDto'];

export function noticeCounts(options: { signal?: AbortSignal } = {}): Promise<NoticeCounts> {
  return callApi('get', '/api/admin/notices', { signal: options.signal });
}

/** Sends every failed notice again, with a fresh retry budget; answers how many. */
export function retryFailedNotices(): Promise<{ retried: number }> {
  return callApi('post', '/api/admin/notices/retry-failed');
}
