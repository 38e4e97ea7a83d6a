import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { OutboxModule } from '@kiezfonds/messaging';
import { APP_CONFIG, JobSchedulers, JOBS, QUEUES, LoggedWorkerHost } from '@kiezfonds/platform';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { CommitteeNotices } from '../notices/committee-notices';
import { WrittenVoteService } from './written-vote.service';

/** One scheduler id for all workers, so BullMQ keeps one schedule however many workers start. */
export const WRITTEN_VOTE_SWEEP_SCHEDULER_ID = 'written-vote-sweep';

/** Registers the repeatable sweep that closes written votes whose deadline has passed. */
@Injectable()
export class WrittenVoteSweepScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.committee) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedulers: JobSchedulers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedulers.register({
      queue: this.queue,
      id: WRITTEN_VOTE_SWEEP_SCHEDULER_ID,
      // The same cadence as the reminders: a result a minute after the deadline is soon enough.
      every: this.config.REMINDER_SWEEP_INTERVAL_MS,
      name: JOBS.closeDueVotes,
      opts: { attempts: 1, removeOnFail: { age: 7 * 24 * 3600 } },
    });
  }
}

@Processor(QUEUES.committee)
export class WrittenVoteSweepProcessor extends LoggedWorkerHost {
  constructor(private readonly votes: WrittenVoteService) {
    super();
  }

  async process(job: Job): Promise<{ closed: number }> {
    if (job.name !== JOBS.closeDueVotes)
      throw new UnrecoverableError(`unknown job ${job.name} on ${QUEUES.committee}`);
    return this.votes.closeDue();
  }
}

/** The committee's part of the worker: closing written votes at their deadline. */
@Module({
  imports: [OutboxModule],
  providers: [CommitteeNotices, WrittenVoteService, WrittenVoteSweepScheduler, WrittenVoteSweepProcessor],
})
export class CommitteeWorkerModule {}
