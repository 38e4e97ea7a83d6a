import { Injectable, Logger } from '@nestjs/common';
import { REMINDER_SCHEDULES, type ReminderSchedule } from '@kiezfonds/domain';
import { DataSource } from 'typeorm';
import type { NoticeJob } from '../outbox/notice';
import { REMINDER_RULES } from '../reminders/reminder-rules';
import { STATE_CHECKS } from './state-checks';

/**
 * A notice about a deadline or a state is checked again when it is delivered (TRUST.md, "Work and
 * delivery"): between the command or sweep that queued it and the worker that sends it, the
 * deadline may have moved (the sweep then queues reminders for the new date under new keys), may
 * have passed, or the entity left the state that called for it (the draft was submitted, the vote
 * closed, the report came in, the session was held; state-checks.ts for the notices that are no
 * reminders). Such a notice is dropped, and the drop is recorded with its delivery key, so the
 * record shows what was not sent and why.
 */
@Injectable()
export class NoticeFreshness {
  private readonly logger = new Logger(NoticeFreshness.name);

  constructor(private readonly dataSource: DataSource) {}

  /** True when the notice no longer fits and was dropped (and the drop recorded). */
  async dropIfStale(notice: NoticeJob): Promise<boolean> {
    const stale = (await this.staleReminder(notice)) ?? (await this.staleState(notice));
    if (!stale) return false;
    await this.dataSource.query(
      `INSERT INTO notice_drop (delivery_key, notice_kind, reason, occasion) VALUES ($1, $2, 'no_longer_due', $3)
       ON CONFLICT (delivery_key) DO NOTHING`,
      [notice.deliveryKey, notice.kind, JSON.stringify(stale)],
    );
    this.logger.log({ deliveryKey: notice.deliveryKey, kind: notice.kind }, 'notice dropped: no longer due');
    return true;
  }

  /** The occasion of a reminder that no longer fits; undefined when it fits or is no reminder. */
  private async staleReminder(notice: NoticeJob): Promise<object | undefined> {
    if (!notice.occasion) return undefined;
    const rule = REMINDER_RULES.find((r) => r.kind === notice.kind);
    if (!rule) return undefined;
    const occasion = { entityId: notice.occasion.entityId, deadline: new Date(notice.occasion.deadline) };
    // A reminder before a deadline ("1 day left") held up past it announces what is over, whatever
    // the entity's state: calls, reviews and reports do not close themselves at their deadline.
    const schedule: ReminderSchedule = REMINDER_SCHEDULES[rule.kind];
    const passed = !schedule.after && Date.now() >= occasion.deadline.getTime();
    if (!passed && (await rule.stillDue(this.dataSource, occasion, notice.recipient))) return undefined;
    return notice.occasion;
  }

  /** What a state-bound notice (an open vote, a session invitation) was about, when that state is gone. */
  private async staleState(notice: NoticeJob): Promise<object | undefined> {
    const check = STATE_CHECKS[notice.kind];
    const occasion = check?.occasion(notice.data);
    if (!check || !occasion) return undefined;
    return (await check.stillDue(this.dataSource, occasion, notice)) ? undefined : occasion;
  }
}
