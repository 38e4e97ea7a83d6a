import { CSRF_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { clientOf } from '../http/auth.controller';

import {
  ChangeUserStatusDto,
  GrantRoleDto,
  ListUsersQueryDto,
  RoleParamsDto,
  UserListDto,
  UserSummaryDto,
} from './dtos/users.dto';
import { UsersService } from './users.service';

/** Users and their roles, inside the caller's districts (docs/api/identity.md, "Administration"). */
@ApiTags('administration')
@ApiCookieAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary: 'Users with a role in the own districts, and all members of carrier organisations',
    description: 'A `districtId` outside the own districts answers 404.',
  })
  @ApiOkResponse({ type: UserListDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListUsersQueryDto) {
    return this.users.list(principal, query);
  }

  @Post(':id/roles')
  @Roles('admin', 'coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Grant a role in a district',
    description: 'Admins: any role in their districts. Coordinators: board_member and finance in theirs.',
  })
  @ApiCreatedResponse({ type: UserSummaryDto })
  grantRole(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: GrantRoleDto,
    @Req() request: Request,
  ) {
    return this.users.grantRole(principal, params.id, body.role, body.districtId, clientOf(request));
  }

  @Delete(':id/roles/:role/:districtId')
  @Roles('admin', 'coordinator')
  @HttpCode(204)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Revoke a role in a district (same rules as granting)' })
  @ApiNoContentResponse()
  async revokeRole(
    @CurrentPrincipal() principal: Principal,
    @Param() params: RoleParamsDto,
    @Req() request: Request,
  ) {
    await this.users.revokeRole(principal, params.id, params.role, params.districtId, clientOf(request));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Disable or re-enable an account; disabling ends its sessions and tokens' })
  @ApiOkResponse({ type: UserSummaryDto })
  changeStatus(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ChangeUserStatusDto,
    @Req() request: Request,
  ) {
    return this.users.changeStatus(principal, params.id, body.status, clientOf(request));
  }

  @Post(':id/pseudonymise')
  @Roles('admin')
  @HttpCode(200)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Replace name and e-mail by a pseudonym, end sessions and tokens (GDPR); cannot be undone',
  })
  @ApiOkResponse({ type: UserSummaryDto })
  pseudonymise(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Req() request: Request,
  ) {
    return this.users.pseudonymise(principal, params.id, clientOf(request));
  }
}
