import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from '@kiezfonds/platform';
import type { Request, Response } from 'express';
import { Public } from '../auth/access';
import { clearSessionCookie } from '../auth/cookies';
import { clientOf } from '../http/auth.controller';
import { ConfirmPasswordResetDto, RequestPasswordResetDto } from './dtos/password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(
    private readonly resets: PasswordResetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password reset link',
    description:
      'Always 202 `{}`, whether or not the address has an account; an account gets at most one mail per 5 minutes.',
  })
  async request(@Body() body: RequestPasswordResetDto, @Req() request: Request) {
    await this.resets.request(body.email, clientOf(request));
    return {};
  }

  @Post('confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset link; ends every session of the account' })
  async confirm(
    @Body() body: ConfirmPasswordResetDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.resets.confirm(body.token, body.password, clientOf(request));
    clearSessionCookie(response, this.config);
  }
}
