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
import { CommitteeMinutes } from '../minutes/committee-minutes';
import { SessionDocuments } from '../sessions/session-documents';
import { SessionService } from '../sessions/session.service';
import { SessionDto, SessionListDto } from './session-answers.dto';
import {
  AttendanceDto,
  CastBallotDto,
  RollCallBallotDto,
  ScheduleSessionDto,
  OpenItemVoteDto,
  SessionItemParamsDto,
  SessionVoteParamsDto,
} from './committee.dto';

const requestIdOf = (request: Request) => clientOf(request).requestId ?? null;

/** Committee sessions: agenda, attendance with the live quorum, roll-call votes per item. */
@ApiTags('committee')
@ApiCookieAuth()
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionService,
    private readonly minutes: CommitteeMinutes,
    private readonly documents: SessionDocuments,
  ) {}

  @Post('committees/:id/sessions')
  @ApiCreatedResponse({ type: SessionDto })
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Schedule a session with an agenda of applications' })
  schedule(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ScheduleSessionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.schedule(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Get('sessions')
  @ApiOkResponse({ type: SessionListDto })
  @Authenticated()
  @ApiOperation({ summary: 'Sessions of the committees the caller coordinates or sits on, latest first' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.sessions.list(principal);
  }

  @Get('sessions/:id')
  @ApiOkResponse({ type: SessionDto })
  @Authenticated()
  @ApiOperation({ summary: 'The session: members present, live quorum, agenda with votes and results' })
  get(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.sessions.get(principal, params.id);
  }

  @Get('sessions/:id/minutes.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'The minutes of a closed session (PDF): attendance, quorum, every vote by name' })
  async minutesPdf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Res() response: Response,
  ) {
    const pdf = await this.minutes.session(principal, params.id);
    sendFile(response, { ...pdf, contentType: 'application/pdf' });
  }

  @Get('sessions/:id/agenda.pdf')
  @Authenticated()
  @ApiOperation({ summary: "The invitation's agenda (PDF)" })
  async agendaPdf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Res() response: Response,
  ) {
    const pdf = await this.documents.agendaPdf(principal, params.id);
    sendFile(response, { ...pdf, contentType: 'application/pdf' });
  }

  @Post('sessions/:id/invite')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Invite every member with the agenda (again after a change of the agenda)' })
  invite(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.documents.invite(principal, params.id, requestIdOf(request), idempotencyKey);
  }

  @Post('sessions/:id/minutes/publish')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Publish the minutes of a closed session to its members' })
  publishMinutes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.documents.publishMinutes(principal, params.id, requestIdOf(request), idempotencyKey);
  }

  @Post('sessions/:id/votes/:voteId/my-ballot')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('board_member')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: "A member present casts their own vote (a substitute the seat's vote); 403 when conflicted",
  })
  castOwnBallot(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionVoteParamsDto,
    @Body() body: CastBallotDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.castOwnBallot(
      principal,
      params.id,
      params.voteId,
      body.choice,
      requestIdOf(request),
      idempotencyKey,
    );
  }

  @Post('sessions/:id/open')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Open the session' })
  open(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.open(principal, params.id, requestIdOf(request), idempotencyKey);
  }

  @Post('sessions/:id/attendance')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: 'Record that a member is present or has left; answers the session with its quorum',
  })
  attendance(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: AttendanceDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.attendance(principal, params.id, body, requestIdOf(request), idempotencyKey);
  }

  @Post('sessions/:id/items/:itemId/vote')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary:
      'Open the roll-call vote on an agenda item; conflicted members present are recused. Without a ' +
      'quorum only with `withoutQuorum: true` (409 quorum_not_reached otherwise), and the minutes note it',
  })
  openItemVote(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionItemParamsDto,
    @Body() body: OpenItemVoteDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.openItemVote(
      principal,
      params.id,
      params.itemId,
      body,
      requestIdOf(request),
      idempotencyKey,
    );
  }

  @Post('sessions/:id/votes/:voteId/ballots')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: "Record a present voting member's yes, no or abstain (403 for a conflicted member)",
  })
  recordBallot(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionVoteParamsDto,
    @Body() body: RollCallBallotDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.recordBallot(
      principal,
      params.id,
      params.voteId,
      body,
      requestIdOf(request),
      idempotencyKey,
    );
  }

  @Post('sessions/:id/votes/:voteId/close')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({
    summary: "Close an item's vote: the result by the committee's rules, recorded as its decision",
  })
  closeItemVote(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionVoteParamsDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.closeItemVote(
      principal,
      params.id,
      params.voteId,
      requestIdOf(request),
      idempotencyKey,
    );
  }

  @Post('sessions/:id/close')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiOperation({ summary: 'Close the session (no item vote may be open)' })
  close(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.sessions.close(principal, params.id, requestIdOf(request), idempotencyKey);
  }
}
