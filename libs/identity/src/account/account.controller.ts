import { CSRF_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { clientOf, describePrincipal } from '../http/auth.controller';
import { MeDto } from '../http/me.dto';
import { AccountService } from './account.service';
import { ApiTokensService } from './api-tokens.service';
import {
  ApiTokenDto,
  CreatedApiTokenDto,
  CreateTokenDto,
  NotificationSettingDto,
  UpdateProfileDto,
} from './dtos/account.dto';

import { ValidateArrayPipe } from './validate-array.pipe';

/** The signed-in user's own account (docs/api/identity.md, "Own account"). */
@ApiTags('account')
@ApiCookieAuth()
@Controller('me')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly tokens: ApiTokensService,
  ) {}

  @Patch()
  @Authenticated()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Change the own display name or language; answers the updated Me' })
  @ApiOkResponse({ type: MeDto })
  async updateProfile(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateProfileDto,
    @Req() request: Request,
  ) {
    return describePrincipal(await this.account.updateProfile(principal, body, clientOf(request)));
  }

  @Get('notification-settings')
  @Authenticated()
  @ApiOperation({ summary: 'For every reminder kind, whether it is also sent by e-mail' })
  @ApiOkResponse({ type: [NotificationSettingDto] })
  notificationSettings(@CurrentPrincipal() principal: Principal) {
    return this.account.notificationSettings(principal.userId);
  }

  @Put('notification-settings')
  @Authenticated()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiBody({ type: [NotificationSettingDto] })
  @ApiOperation({ summary: 'Store e-mail choices per reminder kind; kinds left out keep theirs' })
  @ApiOkResponse({
    type: [NotificationSettingDto],
    description: 'Every kind with its choice, as GET answers',
  })
  saveNotificationSettings(
    @CurrentPrincipal() principal: Principal,
    @Body(new ValidateArrayPipe(NotificationSettingDto, 50)) settings: NotificationSettingDto[],
  ) {
    return this.account.saveNotificationSettings(principal.userId, settings);
  }

  @Get('tokens')
  @Authenticated()
  @ApiOkResponse({ type: [ApiTokenDto] })
  @ApiOperation({ summary: 'The own personal API tokens that are still valid, without their secrets' })
  listTokens(@CurrentPrincipal() principal: Principal) {
    return this.tokens.list(principal.userId);
  }

  @Post('tokens')
  @Authenticated()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Create a personal API token; the answer shows the secret this one time',
    description:
      'Only from a signed-in session: an API token cannot create further tokens (403). It expires after ' +
      '`expiresInDays` (1 to 365, default 90).',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  createToken(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateTokenDto,
    @Req() request: Request,
  ) {
    return this.tokens.create(principal, body, clientOf(request));
  }

  @Delete('tokens/:id')
  @Authenticated()
  @HttpCode(204)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Revoke one of the own API tokens' })
  async revokeToken(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Req() request: Request,
  ) {
    await this.tokens.revoke(principal, params.id, clientOf(request));
  }

  @Get('export')
  @Authenticated()
  @ApiOperation({ summary: 'Download all personal data kept about the caller as JSON (GDPR Art. 15, 20)' })
  async export(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const data = await this.account.exportData(principal);
    const day = new Date().toISOString().slice(0, 10);
    response.setHeader('Content-Disposition', `attachment; filename="kiezfonds-meine-daten-${day}.json"`);
    response.setHeader('Cache-Control', 'no-store');
    return data;
  }
}
