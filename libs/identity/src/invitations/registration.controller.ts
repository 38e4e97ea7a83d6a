import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCookieAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, Roles } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { clientOf } from '../http/auth.controller';
import { CSRF_DOC } from './csrf-doc';
import {
  OrganisationIdParams,
  RegistrationAcceptedDto,
  RegistrationDto,
  VerifyEmailDto,
} from './dtos/registration.dto';
import { OrganisationViewDto } from '../admin/dtos/organisations.dto';
import { RegistrationService } from './registration.service';

@ApiTags('organisations')
@Controller()
export class RegistrationController {
  constructor(private readonly registrations: RegistrationService) {}

  @Post('registrations')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Register a carrier organisation and its first member, who becomes its admin',
    description:
      'Always 202 `{ email }` once the input is valid, whether or not the address has an account: a new ' +
      'address gets a link to confirm it (the account signs in only after that), an existing one a mail ' +
      'saying that it has an account. The organisation stays unverified until a coordinator or admin ' +
      'verifies it. 20 registrations per client address and hour (429 beyond).',
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedDto })
  register(@Body() body: RegistrationDto, @Req() request: Request) {
    return this.registrations.register(body, clientOf(request));
  }

  @Post('registrations/verify-email')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Confirm the e-mail address of a registration with the mailed link; then sign in',
    description: '410 `link_invalid` when the link is unknown, expired or used.',
  })
  async verifyEmail(@Body() body: VerifyEmailDto, @Req() request: Request) {
    await this.registrations.verifyEmail(body.token, clientOf(request));
  }

  @Post('organisations/:id/verify')
  @Roles('coordinator', 'admin')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiHeader(CSRF_DOC)
  @ApiOperation({ summary: 'Confirm that a registered organisation is real; idempotent' })
  @ApiOkResponse({ type: OrganisationViewDto })
  verify(
    @Param() params: OrganisationIdParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.registrations.verify(params.id, principal, clientOf(request));
  }
}
