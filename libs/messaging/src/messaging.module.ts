import { Module } from '@nestjs/common';
import { NoticeDelivery } from './delivery/notice-delivery';
import { NoticeFreshness } from './delivery/notice-freshness';
import { NoticeProcessor } from './delivery/notice.processor';
import { Mailer } from './mailer';
import { FailedNotices } from './outbox/failed-notices';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxWakeUp } from './outbox/outbox-wake-up';
import { OutboxService } from './outbox/outbox.service';
import { ReconcileProcessor, Reconciler } from './reconciliation/reconciler';
import { ReminderScheduler } from './reminders/reminder-scheduler';
import { ReminderSweep } from './reminders/reminder-sweep';
import { ReminderSweepProcessor } from './reminders/reminder-sweep.processor';
import { SECRET_LINKS_PROVIDER } from './secret-links/secret-links.provider';

/** For the API: commands write notices into the outbox inside their transaction. */
@Module({
  providers: [OutboxService, OutboxWakeUp, FailedNotices, SECRET_LINKS_PROVIDER],
  exports: [OutboxService, FailedNotices, SECRET_LINKS_PROVIDER],
})
export class OutboxModule {}

/** For the worker: relays the outbox into the mail queue and delivers notices. */
@Module({
  imports: [OutboxModule],
  providers: [
    Mailer,
    NoticeDelivery,
    NoticeFreshness,
    NoticeProcessor,
    OutboxRelay,
    Reconciler,
    ReconcileProcessor,
    ReminderScheduler,
    ReminderSweep,
    ReminderSweepProcessor,
    SECRET_LINKS_PROVIDER,
  ],
  exports: [NoticeDelivery, OutboxRelay, Reconciler],
})
export class MessagingWorkerModule {}
