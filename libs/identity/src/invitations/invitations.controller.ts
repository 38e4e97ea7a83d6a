import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from '@kiezfonds/platform';
import type { Request, Response } from 'express';
import { Public, Roles } from '../auth/access';
import { setSessionCookie } from '../auth/cookies';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { clientOf, describePrincipal } from '../http/auth.controller';
import { CSRF_DOC } from './csrf-doc';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationTokenParams,
  InvitationViewDto,
} from './dtos/invitation.dto';
import { MeDto } from '../http/me.dto';
import { InvitationService } from './invitation.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles('coordinator', 'admin', 'carrier')
  @ApiCookieAuth()
  @ApiHeader(CSRF_DOC)
  @ApiOperation({
    summary: 'Invite a person by e-mail to a role in a district, or as a colleague into an organisation',
    description:
      'Coordinators and admins invite into their own districts (only admins grant admin); organisation ' +
      'admins invite colleagues into their organisation (role `carrier`). Mails a link valid for 7 days, once.',
  })
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  invite(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateInvitationDto,
    @Req() request: Request,
  ) {
    return this.invitations.invite(principal, body, clientOf(request));
  }

  @Post('accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set the password, receive the role and be signed in' })
  @ApiOkResponse({ type: MeDto })
  async accept(
    @Body() body: AcceptInvitationDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.invitations.accept(body.token, body.password, clientOf(request));
    setSessionCookie(response, this.config, result.token);
    return describePrincipal(result.principal);
  }

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'What an invitation link offers; 410 when it is unknown, expired or used' })
  @ApiOkResponse({ type: InvitationViewDto })
  describe(@Param() params: InvitationTokenParams) {
    return this.invitations.describe(params.token);
  }
}
