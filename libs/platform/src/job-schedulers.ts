import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';

export interface ScheduledJob {
  queue: Queue;
  /** One id for all workers, so BullMQ keeps one schedule however many workers start. */
  id: string;
  every: number;
  name: string;
  opts: JobsOptions;
}

/**
 * Every repeatable job of the worker, registered by the feature that owns it. Redis may lose them
 * (a restart without persistence, FLUSHALL): `restoreMissing` puts back what is gone, and the
 * reconciler calls it on a timer of its own, because a timer in Redis would be lost with them.
 */
@Injectable()
export class JobSchedulers {
  private readonly logger = new Logger(JobSchedulers.name);
  private readonly all = new Map<string, ScheduledJob>();

  async register(job: ScheduledJob): Promise<void> {
    this.all.set(`${job.queue.name}/${job.id}`, job);
    await this.upsert(job);
  }

  /** The ids of the schedulers that were missing in Redis and are back now. */
  async restoreMissing(): Promise<string[]> {
    const restored: string[] = [];
    for (const job of this.all.values()) {
      if (await job.queue.getJobScheduler(job.id)) continue;
      await this.upsert(job);
      restored.push(job.id);
    }
    if (restored.length > 0) this.logger.warn({ restored }, 'job schedulers were missing in Redis: restored');
    return restored;
  }

  ids(): string[] {
    return [...this.all.values()].map((job) => job.id);
  }

  private async upsert(job: ScheduledJob): Promise<void> {
    await job.queue.upsertJobScheduler(job.id, { every: job.every }, { name: job.name, opts: job.opts });
  }
}
