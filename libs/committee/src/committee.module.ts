import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@kiezfonds/applications';
import { FundsModule } from '@kiezfonds/funds';
import { OutboxModule } from '@kiezfonds/messaging';
import { CommitteeAdminService } from './admin/committee-admin.service';
import { ConflictService } from './conflicts/conflict.service';
import { CommitteeController } from './http/committee.controller';
import { CommitteesController } from './http/committees.controller';
import { ProgrammePlanController } from './http/programme-plan.controller';
import { ReviewsController } from './http/reviews.controller';
import { ProgrammePlanExport } from './planning/programme-plan-export';
import { ProgrammePlanService } from './planning/programme-plan.service';
import { SessionsController } from './http/sessions.controller';
import { ReviewService } from './reviews/review.service';
import { CommitteeNotices } from './notices/committee-notices';
import { SessionDocuments } from './sessions/session-documents';
import { SessionService } from './sessions/session.service';
import { CommitteeMinutes } from './minutes/committee-minutes';
import { ApplicationVotes } from './votes/application-votes';
import { WrittenVoteService } from './votes/written-vote.service';

/** The committee's conflicts register and written votes and sessions over HTTP (issue 7, docs/api/committee.md). */
@Module({
  imports: [ApplicationsModule, FundsModule, OutboxModule],
  controllers: [
    CommitteesController,
    CommitteeController,
    ProgrammePlanController,
    ReviewsController,
    SessionsController,
  ],
  providers: [
    ApplicationVotes,
    CommitteeAdminService,
    CommitteeMinutes,
    CommitteeNotices,
    ConflictService,
    ProgrammePlanExport,
    ProgrammePlanService,
    ReviewService,
    SessionDocuments,
    SessionService,
    WrittenVoteService,
  ],
  exports: [WrittenVoteService],
})
export class CommitteeModule {}
