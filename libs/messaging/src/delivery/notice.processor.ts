import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JOBS, QUEUES } from '@kiezfonds/platform';
import { type Job, UnrecoverableError } from 'bullmq';
import type { NoticeJob } from '../outbox/notice';
import { noticeJobSchema } from '../outbox/notice';
import { type DeliveryOutcome, NoticeDelivery } from './notice-delivery';

@Processor(QUEUES.mail, { concurrency: 5 })
export class NoticeProcessor extends WorkerHost {
  constructor(private readonly delivery: NoticeDelivery) {
    super();
  }

  async process(job: Job): Promise<DeliveryOutcome> {
    if (job.name !== JOBS.sendNotice)
      throw new UnrecoverableError(`unknown job ${job.name} on ${QUEUES.mail}`);
    const parsed = noticeJobSchema.safeParse(job.data);
    // A malformed payload will not get better by retrying: fail it at once, visibly.
    if (!parsed.success) throw new UnrecoverableError(`invalid notice job: ${parsed.error.message}`);
    return this.delivery.deliver(parsed.data as NoticeJob);
  }
}
