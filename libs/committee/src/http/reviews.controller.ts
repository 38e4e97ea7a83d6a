import { CSRF_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { Authenticated, clientOf, CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { ReviewService } from '../reviews/review.service';
import { ApplicationVotes } from '../votes/application-votes';
import { ReviewSetupDto, VotumDto } from './review.dto';
import { ApplicationReviewsDto, ReviewQueueDto } from './review-answers.dto';
import { ApplicationVoteListDto } from './session-answers.dto';

const requestIdOf = (request: Request) => clientOf(request).requestId ?? null;

/** The committee's work on one application: criteria per call, the members' Voten, its votes. */
@ApiTags('committee')
@ApiCookieAuth()
@Controller()
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewService,
    private readonly votes: ApplicationVotes,
  ) {}

  @Get('calls/:id/review-setup')
  @Authenticated()
  @ApiOperation({ summary: "A call's reviewing committee, review deadline and scoring criteria" })
  setup(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.reviews.setup(principal, params.id);
  }

  @Put('calls/:id/review-setup')
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Set the reviewing committee, deadline and criteria (fixed once Voten exist)' })
  configure(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ReviewSetupDto,
    @Req() request: Request,
  ) {
    return this.reviews.configure(principal, params.id, body, requestIdOf(request));
  }

  @Get('reviews/queue')
  @ApiOkResponse({ type: ReviewQueueDto })
  @Roles('board_member')
  @ApiOperation({ summary: "The member's review queue: applications before their committee" })
  queue(@CurrentPrincipal() principal: Principal) {
    return this.reviews.queue(principal);
  }

  @Get('applications/:id/reviews')
  @ApiOkResponse({ type: ApplicationReviewsDto })
  @Authenticated()
  @ApiOperation({ summary: "An application's Voten, summary and missing departments" })
  list(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.reviews.reviews(principal, params.id);
  }

  @Get('applications/:id/votes')
  @ApiOkResponse({ type: ApplicationVoteListDto })
  @Authenticated()
  @ApiOperation({ summary: "The committee's votes on an application: open written votes and decisions" })
  votesOf(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.votes.list(principal, params.id);
  }

  @Put('applications/:id/votum')
  @ApiOkResponse({ type: ApplicationReviewsDto })
  @Roles('board_member')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: "Give or revise the caller's department's Votum until the review deadline" })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: VotumDto,
    @Req() request: Request,
  ) {
    return this.reviews.submit(principal, params.id, body, requestIdOf(request));
  }
}
