import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CSRF_HEADER_DOC, IDEMPOTENCY_HEADER_DOC, IdParamDto } from '@kiezfonds/funds';
import { Authenticated, CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { CallOffService } from '../implementation/call-off.service';
import { ReportService } from '../implementation/report.service';
import {
  InterimReportDto,
  PayCallOffDto,
  ReasonDto,
  RequestCallOffDto,
  SettleClaimDto,
} from './dtos/implementation.dto';
import { requestIdOf } from './http-helpers';

/** Implementation (Umsetzung): call-offs, interim reports, repayment claims. */
@ApiTags('implementation')
@ApiCookieAuth()
@Controller()
export class ImplementationController {
  constructor(
    private readonly callOffs: CallOffService,
    private readonly reports: ReportService,
  ) {}

  @Get('applications/:id/call-offs')
  @Authenticated()
  @ApiOperation({ summary: 'Call-offs with state and prompt-use deadline' })
  listCallOffs(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.callOffs.list(principal, params.id);
  }

  @Post('applications/:id/call-offs')
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: "Request money of a cash year's instalment (during implementation)" })
  requestCallOff(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: RequestCallOffDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.callOffs.request(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Post('call-offs/:id/approve')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: 'Approve a requested call-off for payment; the carrier is told (call_off_approved)',
  })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.callOffs.approve(principal, params.id, requestIdOf(request), idempotencyKey);
  }

  @Post('call-offs/:id/pay')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Record the payment: a ledger disbursement; sets the prompt-use deadline' })
  pay(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: PayCallOffDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.callOffs.pay(principal, params.id, body.paidOn, requestIdOf(request), idempotencyKey);
  }

  @Post('call-offs/:id/reject')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Refuse a call-off with a reason' })
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ReasonDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.callOffs.reject(principal, params.id, body.reason, requestIdOf(request), idempotencyKey);
  }

  @Get('applications/:id/reports')
  @Authenticated()
  @ApiOperation({ summary: 'Interim reports and the proof of use' })
  listReports(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.reports.reports(principal, params.id);
  }

  @Post('applications/:id/reports')
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Submit an interim report (the proof of use is the SUBMIT_FINAL_REPORT event)' })
  addReport(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: InterimReportDto,
    @Req() request: Request,
  ) {
    return this.reports.addInterim(principal, params.id, body.text, requestIdOf(request));
  }

  @Get('applications/:id/settlement')
  @Authenticated()
  @ApiOperation({
    summary:
      'The settlement of the proof of use by the financing type of the grant notice: each cost line with the rule applied, the final grant and the amount to repay',
  })
  settlement(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.reports.settlement(principal, params.id, principal.language);
  }

  @Get('applications/:id/repayment-claims')
  @Authenticated()
  @ApiOperation({ summary: 'Repayment claims with the interest calculated line by line' })
  claims(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.reports.claims(principal, params.id, principal.language);
  }

  @Post('repayment-claims/:id/settle')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Record that the claimed money came back (ledger repayment)' })
  settle(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: SettleClaimDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.reports.settle(principal, params.id, body.repaidOn, requestIdOf(request), idempotencyKey);
  }
}
