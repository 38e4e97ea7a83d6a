import { Module } from '@nestjs/common';
import { ConflictService } from './conflicts/conflict.service';
import { CommitteeController } from './http/committee.controller';
import { ReviewsController } from './http/reviews.controller';
import { SessionsController } from './http/sessions.controller';
import { ReviewService } from './reviews/review.service';
import { SessionService } from './sessions/session.service';
import { CommitteeMinutes } from './minutes/committee-minutes';
import { WrittenVoteService } from './votes/written-vote.service';

/** The committee's conflicts register and written votes and sessions over HTTP (issue 7, docs/api/committee.md). */
@Module({
  controllers: [CommitteeController, ReviewsController, SessionsController],
  providers: [CommitteeMinutes, ConflictService, ReviewService, SessionService, WrittenVoteService],
  exports: [WrittenVoteService],
})
export class CommitteeModule {}
