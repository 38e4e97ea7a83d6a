import { Module } from '@nestjs/common';
import { MailProcessor } from './mail.processor';
import { Mailer } from './mailer';

/** The worker side of messaging: processors that deliver what commands put in the queues. */
@Module({ providers: [Mailer, MailProcessor], exports: [Mailer] })
export class MessagingWorkerModule {}
