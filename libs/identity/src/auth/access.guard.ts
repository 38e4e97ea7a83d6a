import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@kiezfonds/domain';
import type { Request } from 'express';
import { ACCESS_RULE, type AccessRule } from './access';
import { ApiTokenResolver } from './api-token.resolver';
import { BACKGROUND_HEADER, CSRF_HEADER, readSessionCookie } from './cookies';
import { hasRole, type Principal } from './principal';
import { SessionService } from './session.service';

export type AuthenticatedRequest = Request & { principal?: Principal };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate every route passes: it resolves the caller (session cookie or `Authorization:
 * Bearer` API token), enforces the route's declared access rule, and for cookie-authenticated
 * writes checks the CSRF token. A route without a declaration is refused (fail closed).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenError('route_without_access_rule');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = (await this.resolve(request)) ?? undefined;
    if (rule.kind === 'public') return true;

    const principal = request.principal;
    if (!principal) throw new HttpException('unauthenticated', HttpStatus.UNAUTHORIZED);
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      if (request.headers[CSRF_HEADER] !== principal.csrfToken) throw new ForbiddenError('csrf_failed');
    }
    if (rule.kind === 'roles' && !rule.roles.some((role) => hasRole(principal, role))) {
      throw new ForbiddenError();
    }
    return true;
  }

  private async resolve(request: Request): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) return this.tokens.resolve(authorization.slice(7).trim());
    const cookie = readSessionCookie(request);
    // Polling the web app does on its own (the unread badge) must not keep an idle session alive.
    const background = request.headers[BACKGROUND_HEADER] === '1';
    return cookie ? this.sessions.resolve(cookie, { touch: !background }) : null;
  }
}
