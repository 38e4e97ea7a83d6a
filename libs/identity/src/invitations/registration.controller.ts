import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, Roles } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { clientOf } from '../http/auth.controller';
import { CSRF_DOC } from './csrf-doc';
import { OrganisationIdParams, RegistrationDto } from './dtos/registration.dto';
import { RegistrationService } from './registration.service';

@ApiTags('organisations')
@Controller()
export class RegistrationController {
  constructor(private readonly registrations: RegistrationService) {}

  @Post('registrations')
  @Public()
  @ApiOperation({
    summary: 'Register a carrier organisation and its first member, who becomes its admin',
    description: 'The organisation stays unverified until a coordinator or admin verifies it.',
  })
  register(@Body() body: RegistrationDto, @Req() request: Request) {
    return this.registrations.register(body, clientOf(request));
  }

  @Post('organisations/:id/verify')
  @Roles('coordinator', 'admin')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiHeader(CSRF_DOC)
  @ApiOperation({ summary: 'Confirm that a registered organisation is real; idempotent' })
  verify(
    @Param() params: OrganisationIdParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ) {
    return this.registrations.verify(params.id, principal, clientOf(request));
  }
}
