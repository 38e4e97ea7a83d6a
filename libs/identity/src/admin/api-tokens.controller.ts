import { CSRF_HEADER_DOC, IdParamDto, pageOf, PageQueryDto } from '@kiezfonds/platform';
import { Controller, Delete, Get, HttpCode, Param, Query, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { clientOf } from '../http/auth.controller';
import { ApiTokensService } from '../account/api-tokens.service';
import { ManagedApiTokenPageDto } from '../account/dtos/account.dto';

/** A district's admins see the personal API tokens of the people in their districts and can revoke them. */
@ApiTags('administration')
@ApiCookieAuth()
@Controller('api-tokens')
export class ApiTokensAdminController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: ManagedApiTokenPageDto })
  @ApiOperation({
    summary: 'Valid API tokens of the users in the own districts, newest first, without secrets',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto) {
    return this.tokens.listManaged(principal, pageOf(query));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Revoke an API token of a user in the own districts; others answer 404' })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Req() request: Request,
  ) {
    await this.tokens.revokeManaged(principal, params.id, clientOf(request));
  }
}
