import { CSRF_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Body, Controller, Get, Param, Patch, Query, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { clientOf } from '../http/auth.controller';

import {
  ListOrganisationsQueryDto,
  OrganisationDetailDto,
  OrganisationListDto,
  UpdateOrganisationDto,
} from './dtos/organisations.dto';
import { OrganisationsService } from './organisations.service';

/** Carrier organisations (Berlin-wide): staff see all, carriers their own. */
@ApiTags('organisations')
@ApiCookieAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Roles('carrier', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Coordinators and admins: all organisations; carriers: their own' })
  @ApiOkResponse({ type: OrganisationListDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrganisationsQueryDto) {
    return this.organisations.list(principal, query);
  }

  @Get(':id')
  @Roles('carrier', 'coordinator', 'admin')
  @ApiOperation({ summary: 'One organisation with its members; 404 for carriers of other organisations' })
  @ApiOkResponse({ type: OrganisationDetailDto })
  get(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.organisations.get(principal, params.id);
  }

  @Patch(':id')
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: "Change the organisation's details (its own admins only); the IBAN's check digits are verified",
  })
  @ApiOkResponse({ type: OrganisationDetailDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: UpdateOrganisationDto,
    @Req() request: Request,
  ) {
    return this.organisations.update(principal, params.id, body, clientOf(request));
  }
}
