export { type MailJob, mailJobSchema } from './mail-job';
export { Mailer, type OutgoingMail } from './mailer';
export { MailProcessor } from './mail.processor';
export { MessagingWorkerModule } from './messaging.module';
