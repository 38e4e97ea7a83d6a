import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG, JobSchedulers, JOBS, QUEUES } from '@kiezfonds/platform';
import type { Queue } from 'bullmq';

/**
 * The one scheduler id of the sweep. Every worker upserts the same id at start, so BullMQ keeps a
 * single scheduler (with the interval of the latest start) and five workers do not sweep five times.
 */
export const REMINDER_SWEEP_SCHEDULER_ID = 'reminder-sweep';

/** Registers the repeatable reminder sweep in Redis when the worker starts. */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedulers: JobSchedulers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.REMINDER_SWEEP_INTERVAL_MS;
    await this.schedulers.register({
      queue: this.queue,
      id: REMINDER_SWEEP_SCHEDULER_ID,
      every,
      name: JOBS.reminderSweep,
      // A sweep is stateless: the next one, one interval later, does all a retry would. Failed
      // sweeps stay visible for a week rather than forever, as there is nothing to re-run.
      opts: { attempts: 1, removeOnFail: { age: 7 * 24 * 3600 } },
    });
    this.logger.log({ every }, 'reminder sweep scheduled');
  }
}
