import { CSRF_HEADER_DOC, IDEMPOTENCY_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pickLocale } from '@kiezfonds/domain';

import { Authenticated, CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { CallOffService } from '../implementation/call-off.service';
import { PlanChangeService } from '../implementation/plan-change.service';
import { RecoveryService } from '../implementation/recovery.service';
import { ReportService } from '../implementation/report.service';
import {
  ApprovePlanChangeDto,
  InterimReportDto,
  IssueRecoveryNoticeDto,
  ReceiveRepaymentDto,
  ReportUseDto,
  PayCallOffDto,
  ReasonDto,
  RequestCallOffDto,
  SettleClaimDto,
} from './dtos/implementation.dto';
import {
  CallOffDto,
  CallOffListDto,
  ClaimBookedDto,
  InterimReportAddedDto,
  PlanChangeDto,
  PlanChangeListDto,
  RecoveryNoticeDto,
  ReportListDto,
  RepaymentClaimListDto,
  SettlementDto,
} from './dtos/implementation-answers.dto';
import { requestIdOf, sendFile } from './http-helpers';

/** Implementation (Umsetzung): call-offs, interim reports, repayment claims. */
@ApiTags('implementation')
@ApiCookieAuth()
@Controller()
export class ImplementationController {
  constructor(
    private readonly callOffs: CallOffService,
    private readonly reports: ReportService,
    private readonly recovery: RecoveryService,
    private readonly planChanges: PlanChangeService,
  ) {}

  @Get('applications/:id/call-offs')
  @Authenticated()
  @ApiOperation({ summary: 'Call-offs with state and prompt-use deadline' })
  @ApiOkResponse({ type: CallOffListDto })
  listCallOffs(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
  ): Promise<CallOffListDto> {
    return this.callOffs.list(principal, params.id);
  }

  @Post('applications/:id/call-offs')
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: "Request money of a cash year's instalment (during implementation)" })
  @ApiCreatedResponse({ type: CallOffDto })
  requestCallOff(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: RequestCallOffDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<CallOffDto> {
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
  @ApiOkResponse({ type: CallOffDto })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<CallOffDto> {
    return this.callOffs.approve(principal, params.id, requestIdOf(request), idempotencyKey);
  }

  @Post('call-offs/:id/pay')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Record the payment: a ledger disbursement; sets the prompt-use deadline' })
  @ApiOkResponse({ type: CallOffDto })
  pay(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: PayCallOffDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<CallOffDto> {
    return this.callOffs.pay(principal, params.id, body.paidOn, requestIdOf(request), idempotencyKey);
  }

  @Post('call-offs/:id/use')
  @HttpCode(200)
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary:
      'Report the day the money of a paid call-off was used; after its prompt-use deadline a late-use interest claim (§ 49a Abs. 4 VwVfG) awaits finance',
    description:
      'Answers the call-off with its day of use. 400 `usedOn` not before the payment, not in the future; 409 `call_off_use_reported` when its use was reported before, `call_off_decided` when it is not paid.',
  })
  @ApiOkResponse({ type: CallOffDto })
  reportUse(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ReportUseDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<CallOffDto> {
    return this.callOffs.reportUse(principal, params.id, body.usedOn, requestIdOf(request), idempotencyKey);
  }

  @Post('call-offs/:id/reject')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Refuse a call-off with a reason' })
  @ApiOkResponse({ type: CallOffDto })
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ReasonDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<CallOffDto> {
    return this.callOffs.reject(principal, params.id, body.reason, requestIdOf(request), idempotencyKey);
  }

  @Get('applications/:id/reports')
  @Authenticated()
  @ApiOperation({ summary: 'Interim reports and the proof of use' })
  @ApiOkResponse({ type: ReportListDto })
  listReports(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto): Promise<ReportListDto> {
    return this.reports.reports(principal, params.id);
  }

  @Post('applications/:id/reports')
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Submit an interim report (the proof of use is the SUBMIT_FINAL_REPORT event)' })
  @ApiCreatedResponse({ type: InterimReportAddedDto })
  addReport(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: InterimReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<InterimReportAddedDto> {
    return this.reports.addInterim(principal, params.id, body.text, requestIdOf(request), idempotencyKey);
  }

  @Get('applications/:id/plan-changes')
  @Authenticated()
  @ApiOperation({ summary: 'Changes to the cost plan approved after the grant notice' })
  @ApiOkResponse({ type: PlanChangeListDto })
  listPlanChanges(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
  ): Promise<PlanChangeListDto> {
    return this.planChanges.list(principal, params.id);
  }

  @Post('applications/:id/plan-changes')
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary:
      'Record a change to the cost plan approved after the notice: spending on its line becomes eligible at the settlement',
    description:
      '400 `cashYearOutsideNotice` for a cash year the notice has no instalment in; 409 `plan_change_not_allowed` before the notice or after completion.',
  })
  @ApiCreatedResponse({ type: PlanChangeDto })
  approvePlanChange(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ApprovePlanChangeDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<PlanChangeDto> {
    return this.planChanges.approve(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Get('applications/:id/settlement')
  @Authenticated()
  @ApiOperation({
    summary:
      'The settlement of the proof of use by the financing type of the grant notice: each cost line with the rule applied, the final grant and the amount to repay',
    description: '409 `settlement_unavailable` while there is no proof of use.',
  })
  @ApiOkResponse({ type: SettlementDto })
  settlement(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto): Promise<SettlementDto> {
    return this.reports.settlement(principal, params.id, principal.language);
  }

  @Get('applications/:id/repayment-claims')
  @Authenticated()
  @ApiOperation({ summary: 'Repayment claims with the interest calculated line by line' })
  @ApiOkResponse({ type: RepaymentClaimListDto })
  claims(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
  ): Promise<RepaymentClaimListDto> {
    return this.reports.claims(principal, params.id, principal.language);
  }

  @Post('repayment-claims/:id/settle')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Record that the claimed money came back (ledger repayment)' })
  @ApiOkResponse({ type: ClaimBookedDto })
  settle(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: SettleClaimDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<ClaimBookedDto> {
    return this.recovery.settleInFull(
      principal,
      params.id,
      body.repaidOn,
      requestIdOf(request),
      idempotencyKey,
    );
  }

  @Post('repayment-claims/:id/notice')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary:
      'Issue the recovery and interest notice (Rückforderungs- und Zinsbescheid): interest booked apart from the principal, the carrier told',
    description:
      'Interest of 5 points above the base rate on each payment from its day to `dueBy` (exclusive). 422 `base_rate_missing`; 409 `recovery_notice_issued`.',
  })
  @ApiOkResponse({ type: RecoveryNoticeDto })
  issueNotice(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: IssueRecoveryNoticeDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<RecoveryNoticeDto> {
    return this.recovery.issueNotice(principal, params.id, body.dueBy, requestIdOf(request), idempotencyKey);
  }

  @Get('repayment-claims/:id/notice.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'The recovery and interest notice as PDF, with every calculation line' })
  async noticePdf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() response: Response,
  ) {
    const pdf = await this.recovery.noticePdf(principal, params.id, pickLocale(acceptLanguage));
    sendFile(response, { fileName: pdf.fileName, contentType: 'application/pdf', content: pdf.content });
  }

  @Post('repayment-claims/:id/payments')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary:
      'Book money received against the claim: interest first, the principal part as a ledger repayment; state partly_paid or paid',
    description: '422 `payment_exceeds_claim` for more than is open.',
  })
  @ApiOkResponse({ type: ClaimBookedDto })
  receivePayment(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ReceiveRepaymentDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<ClaimBookedDto> {
    return this.recovery.receivePayment(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Post('repayment-claims/:id/waiver')
  @HttpCode(200)
  @Roles('finance')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Waive what is still open, with a reason; the claim becomes waived' })
  @ApiOkResponse({ type: ClaimBookedDto })
  waive(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ReasonDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<ClaimBookedDto> {
    return this.recovery.waive(principal, params.id, body.reason, requestIdOf(request), idempotencyKey);
  }
}
