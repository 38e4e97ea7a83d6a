import { Processor } from '@nestjs/bullmq';
import { JOBS, QUEUES, LoggedWorkerHost } from '@kiezfonds/platform';
import { type Job, UnrecoverableError } from 'bullmq';
import { ReminderSweep } from './reminder-sweep';

/** Runs the sweep for each job the scheduler creates; the clock is the moment the job runs. */
@Processor(QUEUES.reminders)
export class ReminderSweepProcessor extends LoggedWorkerHost {
  constructor(private readonly reminders: ReminderSweep) {
    super();
  }

  async process(job: Job): Promise<{ queued: number }> {
    if (job.name !== JOBS.reminderSweep)
      throw new UnrecoverableError(`unknown job ${job.name} on ${QUEUES.reminders}`);
    return this.reminders.sweep();
  }
}
