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
import { sendFile } from '@kiezfonds/applications';

import { Authenticated, clientOf, CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { ConflictService } from '../conflicts/conflict.service';
import { CommitteeMinutes } from '../minutes/committee-minutes';
import { WrittenVoteService } from '../votes/written-vote.service';
import { CastBallotDto, ConflictParamsDto, DeclareConflictDto, OpenWrittenVoteDto } from './committee.dto';
import { ConflictDto, ConflictListDto, WrittenVoteDto } from './session-answers.dto';

const requestIdOf = (request: Request) => clientOf(request).requestId ?? null;

/** Conflicts of interest and written votes of a district's committee. */
@ApiTags('committee')
@ApiCookieAuth()
@Controller()
export class CommitteeController {
  constructor(
    private readonly conflicts: ConflictService,
    private readonly votes: WrittenVoteService,
    private readonly minutes: CommitteeMinutes,
  ) {}

  @Get('committees/:id/conflicts')
  @ApiOkResponse({ type: ConflictListDto })
  @Authenticated()
  @ApiOperation({ summary: "The register (coordinators) or the caller's own declarations (members)" })
  listConflicts(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.conflicts.list(principal, params.id);
  }

  @Post('committees/:id/conflicts')
  @ApiCreatedResponse({ type: ConflictDto })
  @Roles('board_member')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Declare a conflict of interest: for one application or standing for a carrier' })
  declareConflict(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: DeclareConflictDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.conflicts.declare(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Post('committees/:id/conflicts/:conflictId/withdraw')
  @ApiOkResponse({ type: ConflictDto })
  @HttpCode(200)
  @Roles('board_member', 'coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Withdraw a declaration (the member, or a coordinator of the district)' })
  withdrawConflict(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ConflictParamsDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.conflicts.withdraw(
      principal,
      params.id,
      params.conflictId,
      requestIdOf(request),
      idempotencyKey,
    );
  }

  @Post('applications/:id/written-votes')
  @ApiCreatedResponse({ type: WrittenVoteDto })
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Put an application to a written vote (Umlaufverfahren) until a deadline' })
  openWrittenVote(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: OpenWrittenVoteDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.votes.open(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Get('written-votes/:id')
  @ApiOkResponse({ type: WrittenVoteDto })
  @Authenticated()
  @ApiOperation({ summary: 'A written vote: who has answered, and the result once closed' })
  getWrittenVote(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.votes.get(principal, params.id);
  }

  @Get('written-votes/:id/minutes.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'The minutes of a closed written vote (PDF): every vote by name, quorum, result' })
  async minutesPdf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Res() response: Response,
  ) {
    const pdf = await this.minutes.writtenVote(principal, params.id);
    sendFile(response, { ...pdf, contentType: 'application/pdf' });
  }

  @Post('written-votes/:id/ballots')
  @ApiCreatedResponse({ type: WrittenVoteDto })
  @Roles('board_member')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: 'Cast yes, no or abstain; a conflicted member is refused (403) and recorded as recused',
  })
  cast(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: CastBallotDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.votes.cast(principal, params.id, body.choice, requestIdOf(request), idempotencyKey);
  }
}
