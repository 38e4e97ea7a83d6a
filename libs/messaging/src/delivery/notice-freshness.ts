import { Injectable, Logger } from '@nestjs/common';
import { REMINDER_SCHEDULES, type ReminderSchedule } from '@kiezfonds/domain';
import { DataSource } from 'typeorm';
import type { NoticeJob } from '../outbox/notice';
import { REMINDER_RULES } from '../reminders/reminder-rules';

/**
 * A notice about a deadline is checked again when it is delivered (TRUST.md, "Work and delivery"):
 * between the sweep that queued it and the worker that sends it, the deadline may have moved (the
 * sweep then queues reminders for the new date under new keys) or the entity left the state that
 * called for it (the draft was submitted, the vote closed, the report came in). Such a notice is
 * dropped, and the drop is recorded with its delivery key, so the record shows what was not sent
 * and why.
 */
@Injectable()
export class NoticeFreshness {
  private readonly logger = new Logger(NoticeFreshness.name);

  constructor(private readonly dataSource: DataSource) {}

  /** True when the notice no longer fits and was dropped (and the drop recorded). */
  async dropIfStale(notice: NoticeJob): Promise<boolean> {
    if (!notice.occasion) return false;
    const rule = REMINDER_RULES.find((r) => r.kind === notice.kind);
    if (!rule) return false;
    const occasion = { entityId: notice.occasion.entityId, deadline: new Date(notice.occasion.deadline) };
    // A reminder before a deadline ("1 day left") held up past it announces what is over, whatever
    // the entity's state: calls, reviews and reports do not close themselves at their deadline.
    const schedule: ReminderSchedule = REMINDER_SCHEDULES[rule.kind];
    const passed = !schedule.after && Date.now() >= occasion.deadline.getTime();
    if (!passed && (await rule.stillDue(this.dataSource, occasion, notice.recipient))) return false;
    await this.dataSource.query(
      `INSERT INTO notice_drop (delivery_key, notice_kind, reason, occasion) VALUES ($1, $2, 'no_longer_due', $3)
       ON CONFLICT (delivery_key) DO NOTHING`,
      [notice.deliveryKey, notice.kind, JSON.stringify(notice.occasion)],
    );
    this.logger.log({ deliveryKey: notice.deliveryKey, kind: notice.kind }, 'notice dropped: no longer due');
    return true;
  }
}
