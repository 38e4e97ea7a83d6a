import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '@kiezfonds/config';
import { ForbiddenError, RateLimitedError } from '@kiezfonds/domain';
import { APP_CONFIG, ConcurrencyGate, GateFullError } from '@kiezfonds/platform';
import type { Request, Response } from 'express';
import { ACCEPTS_UPLOAD, ACCESS_RULE, type AccessRule } from './access';
import { ApiTokenResolver } from './api-token.resolver';
import { BACKGROUND_HEADER, CSRF_HEADER, readSessionCookie } from './cookies';
import { hasRole, type Principal } from './principal';
import { SessionService } from './session.service';
import { sameSecret } from './tokens';

export type AuthenticatedRequest = Request & { principal?: Principal };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Uploads in flight at once, and waiting: each streams into PostgreSQL over a connection of its
 * own for as long as the client sends, so a flood of uploads must queue, not take the pool
 * (ADR 0010).
 */
export const UPLOADS = new ConcurrencyGate('uploads', 2, 16);

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;

/**
 * The one gate every route passes: it checks where a write comes from and what it carries,
 * resolves the caller (session cookie or `Authorization: Bearer` API token), enforces the route's
 * declared access rule, and for cookie-authenticated writes checks the CSRF token. A route without
 * a declaration is refused (fail closed). Every answer of the API is marked `no-store`: nearly all
 * carry personal data, and a shared computer's cache must keep none of it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly appOrigin: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenResolver,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.appOrigin = new URL(config.APP_URL).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenError('route_without_access_rule');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    context.switchToHttp().getResponse<Response>().setHeader('Cache-Control', 'no-store');
    const upload = this.reflector.get<boolean>(ACCEPTS_UPLOAD, context.getHandler()) === true;
    if (!SAFE_METHODS.has(request.method)) {
      this.assertSameOrigin(request);
      this.assertContentType(request, upload);
    }
    request.principal = (await this.resolve(request)) ?? undefined;
    if (rule.kind === 'public') return true;

    const principal = request.principal;
    if (!principal) throw new HttpException('unauthenticated', HttpStatus.UNAUTHORIZED);
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const expected = principal.csrfToken;
      if (!expected || !sameSecret(request.headers[CSRF_HEADER], expected))
        throw new ForbiddenError('csrf_failed');
    }
    if (rule.kind === 'roles' && !rule.roles.some((role) => hasRole(principal, role))) {
      throw new ForbiddenError();
    }
    // Only a caller allowed here waits for an upload slot, before multer reads the body.
    if (upload && !SAFE_METHODS.has(request.method))
      await holdUploadSlot(context.switchToHttp().getResponse<Response>());
    return true;
  }

  /**
   * A write from a browser names its origin (`Origin`, or at least `Sec-Fetch-Site`); only this
   * app's own origin (APP_URL, or the host the request was sent to) may write. Scripts send
   * neither header and are not cross-site requests.
   */
  private assertSameOrigin(request: Request): void {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const own = `${request.protocol}://${request.get('host') ?? ''}`;
      if (origin !== this.appOrigin && origin !== own) throw new ForbiddenError('origin_not_allowed');
      return;
    }
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') throw new ForbiddenError('origin_not_allowed');
  }

  /** A write with a body sends JSON, or (on upload routes only) a multipart form; else 415. */
  private assertContentType(request: Request, acceptsUpload: boolean): void {
    const type = request.headers['content-type'];
    const length = Number(request.headers['content-length'] ?? 0);
    const hasBody = type !== undefined || length > 0 || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return;
    if (type !== undefined && JSON_TYPE.test(type)) return;
    if (type !== undefined && acceptsUpload && MULTIPART_TYPE.test(type)) return;
    throw new HttpException('unsupported_media_type', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
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

/** Waits for an upload slot before multer reads the body; the slot is freed when the answer is done. */
async function holdUploadSlot(response: Response): Promise<void> {
  try {
    const release = await UPLOADS.acquire();
    response.once('close', release);
    response.once('finish', release);
  } catch (error) {
    if (error instanceof GateFullError) throw new RateLimitedError('server_busy', {}, 5);
    throw error;
  }
}
