export {
  ACCEPTS_UPLOAD,
  AcceptsUpload,
  ACCESS_RULE,
  type AccessRule,
  APP_ROLES,
  type AppRole,
  Authenticated,
  type DistrictRole,
  type GrantableRole,
  GRANTABLE_ROLES,
  type StaffRole,
  Public,
  Roles,
} from './auth/access';
export { AccessGuard, type AuthenticatedRequest } from './auth/access.guard';
export { AuthService, type ClientInfo } from './auth/auth.service';
export { CSRF_HEADER, SESSION_COOKIE } from './auth/cookies';
export { CurrentPrincipal } from './auth/current-principal';
export { districtsWhere, hasRole, type Principal } from './auth/principal';
export { isInstallationAdmin } from './auth/installation-admin';
export { loadPrincipal, SessionService } from './auth/session.service';
export { hashSecret, newSecret } from './auth/tokens';
export { clientOf, describePrincipal } from './http/auth.controller';
export { IdentityModule } from './identity.module';
export {
  hashPassword,
  PASSWORD_HASHING,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  verifyPassword,
} from './passwords/password-policy';
export { type Grant, type GrantDecision, grantFrom, mayGrant } from './invitations/grants';
export { InvitationService } from './invitations/invitation.service';
export { InvitationsModule } from './invitations/invitations.module';
export {
  describeOrganisation,
  ORGANISATION_COLUMNS,
  type OrganisationRow,
  type OrganisationView,
} from './invitations/organisation-view';
export { PASSWORD_RESET, PasswordResetService } from './invitations/password-reset.service';
export { RegistrationService } from './invitations/registration.service';
export { IsGermanPostalCode, IsIban } from './invitations/dtos/validators';
export { AccountModule } from './account/account.module';
export { API_TOKEN_PREFIX } from './account/api-tokens.service';
export { AdminModule } from './admin/admin.module';
export { mayAssignRole } from './admin/role-rules';
export { OrganisationScope, UserScope } from './admin/scope';
export { BoundedMemoryStorage, type MemoryFile } from './uploads/bounded-memory-storage';
export { type RetentionResult, RetentionService } from './retention/retention.service';
export { RETENTION_SWEEP_SCHEDULER_ID, RetentionWorkerModule } from './retention/retention-sweep';
