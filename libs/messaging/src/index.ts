export { type DeliveryOutcome, NoticeDelivery } from './delivery/notice-delivery';
export { NoticeProcessor } from './delivery/notice.processor';
export { Mailer, messageIdFor, type OutgoingMail } from './mailer';
export { MessagingWorkerModule, OutboxModule } from './messaging.module';
export {
  type Notice,
  type NoticeJob,
  type NoticeRecipient,
  noticeJobSchema,
  noticeSchema,
} from './outbox/notice';
export { jobIdFor, OutboxRelay } from './outbox/outbox-relay';
export { FailedNotices, type NoticeCounts } from './outbox/failed-notices';
export {
  RECONCILE_SCHEDULER_ID,
  ReconcileProcessor,
  type ReconcileResult,
  Reconciler,
} from './reconciliation/reconciler';
export { type NoticeAttachmentRef, storeNoticeAttachment } from './outbox/notice-attachment';
export { keyedNoticesInsert, type KeyedNotice, NOTICE_TOPIC, OutboxService } from './outbox/outbox.service';
export { markOutboxWritten, OutboxWakeUp } from './outbox/outbox-wake-up';
export {
  NoticeRenderer,
  NoticeTemplateError,
  type NoticeContext,
  type NoticeRendererOptions,
  type RenderedNotice,
} from './rendering/notice-renderer';
export { NOTICE_SAMPLES } from './templates/samples';
export { type ReminderRule, reminderKey } from './reminders/reminder-rule';
export { REMINDER_RULES } from './reminders/reminder-rules';
export { REMINDER_SWEEP_SCHEDULER_ID, ReminderScheduler } from './reminders/reminder-scheduler';
export { ReminderSweep } from './reminders/reminder-sweep';
export { dueOffsetSql } from './reminders/reminder-sweep.sql';
export { ReminderSweepProcessor } from './reminders/reminder-sweep.processor';
export { SUBMISSION_DEADLINE_CANDIDATES, submissionDeadlineRule } from './reminders/submission-deadline.rule';
export {
  SECRET_LINK_PAGES,
  SECRET_LINK_PURPOSES,
  type SecretLinkPurpose,
  type SecretLinkRef,
  SecretLinks,
} from './secret-links/secret-links';
export { SECRET_LINKS_PROVIDER } from './secret-links/secret-links.provider';
