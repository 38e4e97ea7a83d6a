export {
  ACCESS_RULE,
  type AccessRule,
  APP_ROLES,
  type AppRole,
  Authenticated,
  type DistrictRole,
  Public,
  Roles,
} from './auth/access';
export { AccessGuard, type AuthenticatedRequest } from './auth/access.guard';
export { AuthService, type ClientInfo } from './auth/auth.service';
export { CSRF_HEADER, SESSION_COOKIE } from './auth/cookies';
export { CurrentPrincipal } from './auth/current-principal';
export { districtsWhere, hasRole, type Principal } from './auth/principal';
export { loadPrincipal, SessionService } from './auth/session.service';
export { hashSecret, newSecret } from './auth/tokens';
export { clientOf, describePrincipal } from './http/auth.controller';
export { IdentityModule } from './identity.module';
export {
  hashPassword,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  verifyPassword,
} from './passwords/password-policy';
