import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JOBS, QUEUES } from '@kiezfonds/platform';
import { type Job, UnrecoverableError } from 'bullmq';
import { mailJobSchema } from './mail-job';
import { Mailer } from './mailer';

@Processor(QUEUES.mail, { concurrency: 5 })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly mailer: Mailer) {
    super();
  }

  async process(job: Job): Promise<void> {
    if (job.name !== JOBS.sendMail) throw new UnrecoverableError(`unknown job ${job.name} on ${QUEUES.mail}`);
    const parsed = mailJobSchema.safeParse(job.data);
    // A malformed payload will not get better by retrying: fail it at once, visibly.
    if (!parsed.success) throw new UnrecoverableError(`invalid mail job: ${parsed.error.message}`);
    await this.mailer.send(parsed.data);
    this.logger.log({ deliveryKey: parsed.data.deliveryKey, jobId: job.id }, 'mail sent');
  }
}
