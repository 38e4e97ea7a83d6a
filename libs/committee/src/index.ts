export { COMMITTEE_ERROR_CODES } from './committee.exception';
export { CommitteeModule } from './committee.module';
export { conflictedMemberIds } from './conflicts/conflict-check';
export { CommitteeWorkerModule, WRITTEN_VOTE_SWEEP_SCHEDULER_ID } from './votes/written-vote-sweep';
export { WrittenVoteService } from './votes/written-vote.service';
export { ConflictService } from './conflicts/conflict.service';
export { SessionService } from './sessions/session.service';
export { ReviewService } from './reviews/review.service';
export { ProgrammePlanService } from './planning/programme-plan.service';
