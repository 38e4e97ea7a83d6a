import { CSRF_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';

import { Authenticated, clientOf, CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { CommitteeAdminService } from '../admin/committee-admin.service';
import {
  CommitteeDto,
  CommitteeListDto,
  CommitteeRulesDto,
  EndMembershipDto,
  MemberParamsDto,
  NewMemberDto,
} from './committee-admin.dto';

const requestIdOf = (request: Request) => clientOf(request).requestId ?? null;

/** Committees, their rules and members. */
@ApiTags('committee')
@ApiCookieAuth()
@Controller('committees')
export class CommitteesController {
  constructor(private readonly committees: CommitteeAdminService) {}

  @Get()
  @ApiOkResponse({ type: CommitteeListDto })
  @Authenticated()
  @ApiOperation({ summary: "The committees of the caller's districts or on which the caller sits" })
  list(@CurrentPrincipal() principal: Principal) {
    return this.committees.list(principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: CommitteeDto })
  @Authenticated()
  @ApiOperation({ summary: 'A committee with its rules and current members' })
  get(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.committees.get(principal, params.id);
  }

  @Put(':id/rules')
  @ApiOkResponse({ type: CommitteeDto })
  @Roles('coordinator', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Quorum share, majority and whether abstentions count as cast' })
  setRules(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: CommitteeRulesDto,
    @Req() request: Request,
  ) {
    return this.committees.setRules(principal, params.id, body, requestIdOf(request));
  }

  @Post(':id/members')
  @ApiCreatedResponse({ type: CommitteeDto })
  @Roles('coordinator', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Add a member (voting, advisory, or substitute of a voting member)' })
  addMember(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: NewMemberDto,
    @Req() request: Request,
  ) {
    return this.committees.addMember(principal, params.id, body, requestIdOf(request));
  }

  @Post(':id/members/:memberId/end')
  @ApiOkResponse({ type: CommitteeDto })
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'End a membership on a day (past decisions keep their members)' })
  endMembership(
    @CurrentPrincipal() principal: Principal,
    @Param() params: MemberParamsDto,
    @Body() body: EndMembershipDto,
    @Req() request: Request,
  ) {
    return this.committees.endMembership(
      principal,
      params.id,
      params.memberId,
      body.validTo,
      requestIdOf(request),
    );
  }
}
