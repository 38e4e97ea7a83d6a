import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from '@kiezfonds/platform';
import type { Request, Response } from 'express';
import { Authenticated, Public } from '../auth/access';
import { AuthService, type ClientInfo } from '../auth/auth.service';
import { clearSessionCookie, setSessionCookie } from '../auth/cookies';
import { readDeviceCookie, setDeviceCookie } from '../auth/device-cookie';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { LoginDto } from './login.dto';
import { MeDto } from './me.dto';

const CSRF_DOC = {
  name: 'X-CSRF-Token',
  description:
    'Required on every write authenticated by the session cookie: the `csrfToken` from the login answer or GET /api/me.',
  required: true,
};

export function clientOf(request: Request & { id?: unknown }): ClientInfo {
  return {
    ip: request.ip ?? 'unknown',
    userAgent: request.headers['user-agent'],
    requestId: typeof request.id === 'string' ? request.id : undefined,
  };
}

export function describePrincipal(principal: Principal): MeDto {
  return {
    id: principal.userId,
    email: principal.email,
    displayName: principal.displayName,
    language: principal.language,
    roles: principal.roles,
    organisations: principal.organisations,
    csrfToken: principal.csrfToken ?? null,
  };
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; sets the HTTP-only session cookie' })
  @ApiOkResponse({ type: MeDto })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.auth.login(
      body.email,
      body.password,
      clientOf(request),
      readDeviceCookie(request),
    );
    setSessionCookie(response, this.config, result.token);
    setDeviceCookie(response, this.config, result.deviceCookie);
    return describePrincipal(result.principal);
  }

  @Post('auth/logout')
  @Authenticated()
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiHeader(CSRF_DOC)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.auth.logout(principal, clientOf(request), false);
    clearSessionCookie(response, this.config);
  }

  @Post('auth/logout-everywhere')
  @Authenticated()
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiHeader(CSRF_DOC)
  @ApiOperation({ summary: 'End every session of the signed-in user, on all devices' })
  async logoutEverywhere(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.auth.logout(principal, clientOf(request), true);
    clearSessionCookie(response, this.config);
  }

  @Get('me')
  @Authenticated()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The signed-in user with roles, organisations and the CSRF token' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal) {
    return describePrincipal(principal);
  }
}
