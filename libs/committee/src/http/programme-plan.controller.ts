import { CSRF_HEADER_DOC, IDEMPOTENCY_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendFile } from '@kiezfonds/applications';

import { Authenticated, clientOf, CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { ProgrammePlanExport } from '../planning/programme-plan-export';
import { ProgrammePlanService } from '../planning/programme-plan.service';
import { ProgrammePlanViewDto } from './programme-plan-answers.dto';
import {
  PlanLineDto,
  PlanLineParamsDto,
  PlanSettingsDto,
  ScenarioDto,
  ScenarioParamsDto,
} from './programme-plan.dto';

const requestIdOf = (request: Request) => clientOf(request).requestId ?? null;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The annual programme planning of a call: ranked list, adjustments, scenarios, finalising, exports. */
@ApiTags('committee')
@ApiCookieAuth()
@Controller('calls/:id/programme-plan')
export class ProgrammePlanController {
  constructor(
    private readonly plans: ProgrammePlanService,
    private readonly exports: ProgrammePlanExport,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The ranked priority list within the budget, with scenarios compared' })
  @ApiOkResponse({ type: ProgrammePlanViewDto })
  get(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.plans.get(principal, params.id);
  }

  @Put()
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: "The plan's budget and fill rule" })
  @ApiOkResponse({ type: ProgrammePlanViewDto })
  configure(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: PlanSettingsDto,
    @Req() request: Request,
  ) {
    return this.plans.configure(principal, params.id, body, requestIdOf(request));
  }

  @Put('lines/:applicationId')
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Adjust the amount (with a reason) or give a place by hand' })
  @ApiOkResponse({ type: ProgrammePlanViewDto })
  adjust(
    @CurrentPrincipal() principal: Principal,
    @Param() params: PlanLineParamsDto,
    @Body() body: PlanLineDto,
    @Req() request: Request,
  ) {
    return this.plans.adjust(principal, params.id, params.applicationId, body, requestIdOf(request));
  }

  @Post('scenarios')
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Add a what-if scenario: another budget, amounts or order' })
  @ApiCreatedResponse({ type: ProgrammePlanViewDto })
  addScenario(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ScenarioDto,
    @Req() request: Request,
  ) {
    return this.plans.addScenario(principal, params.id, body, requestIdOf(request));
  }

  @Delete('scenarios/:scenarioId')
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Remove a scenario' })
  @ApiOkResponse({ type: ProgrammePlanViewDto })
  removeScenario(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ScenarioParamsDto,
    @Req() request: Request,
  ) {
    return this.plans.removeScenario(principal, params.id, params.scenarioId, requestIdOf(request));
  }

  @Post('finalise')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Finalise: selected and waitlisted through the lifecycle, in one transaction' })
  @ApiOkResponse({ type: ProgrammePlanViewDto })
  finalise(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.plans.finalise(principal, params.id, requestIdOf(request), idempotencyKey);
  }

  @Get('export.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'The priority list for the Senate as PDF (marked as draft until final)' })
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Res() response: Response,
  ) {
    const file = await this.exports.pdf(principal, params.id);
    sendFile(response, { ...file, contentType: 'application/pdf' });
  }

  @Get('export.xlsx')
  @Authenticated()
  @ApiOperation({ summary: 'The priority list for the Senate as XLSX' })
  async xlsx(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Res() response: Response,
  ) {
    const file = await this.exports.xlsx(principal, params.id);
    sendFile(response, { ...file, contentType: XLSX });
  }
}
