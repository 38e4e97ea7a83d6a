import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { dueOverdueOffset, dueReminderOffset } from '@kiezfonds/domain';
import { APP_CONFIG } from '@kiezfonds/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { type Notice, noticeSchema } from '../outbox/notice';
import { OutboxService } from '../outbox/outbox.service';
import { reminderKey, type ReminderRule } from './reminder-rule';
import { REMINDER_RULES } from './reminder-rules';

/**
 * Computes from the database which reminders are due and writes them into the outbox. It keeps no
 * state of its own: the deterministic key of each reminder (kind, entity, deadline, offset) and
 * the outbox's unique delivery key make a sweep that runs twice, or two sweeps that run at once,
 * queue every reminder once; and because the key holds the deadline as it is now, a moved deadline
 * gets reminders for its new date and none for the old one.
 */
@Injectable()
export class ReminderSweep {
  private readonly logger = new Logger(ReminderSweep.name);
  private readonly timeZone: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.timeZone = config.APP_TIMEZONE;
  }

  /**
   * Queues what is due at `now` (public with a clock parameter, so tests can sweep at any moment).
   * Each rule runs in its own transaction: a failing rule does not hold back the others' reminders,
   * but fails the sweep afterwards, so the job shows up as failed.
   */
  async sweep(now: Date = new Date()): Promise<{ queued: number }> {
    let queued = 0;
    const failures: unknown[] = [];
    for (const rule of REMINDER_RULES) {
      try {
        const added = await this.dataSource.transaction((tx) => this.sweepRule(tx, rule, now));
        if (added > 0) this.logger.log({ kind: rule.kind, queued: added }, 'reminders queued');
        queued += added;
      } catch (error) {
        failures.push(error);
        this.logger.error({ kind: rule.kind, err: error }, 'reminder rule failed');
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `reminder sweep: ${failures.length} rule(s) failed`);
    }
    return { queued };
  }

  /** The rule's SELECT, then one INSERT of all its due reminders, however many there are. */
  private async sweepRule(tx: EntityManager, rule: ReminderRule, now: Date): Promise<number> {
    const due: { key: string; notice: Notice }[] = [];
    for (const candidate of await rule.findCandidates(tx, now, this.timeZone)) {
      const offset = (rule.after ? dueOverdueOffset : dueReminderOffset)(
        candidate.deadline,
        rule.offsetsDays,
        now,
        this.timeZone,
      );
      if (offset === null) continue;
      const key = reminderKey(rule.kind, candidate.entityId, candidate.deadline, offset);
      for (const recipient of candidate.recipients) {
        const notice: Notice = {
          kind: rule.kind,
          recipient,
          data: candidate.data,
          district: candidate.district,
          link: candidate.link,
          // What it is about, so delivery can check that it still stands (notice-freshness.ts).
          occasion: { entityId: candidate.entityId, deadline: candidate.deadline.toISOString() },
        };
        // One unusable address (the database accepts more than the notice schema) must not roll
        // back everyone else's reminders: skip it, visibly.
        if (!noticeSchema.safeParse(notice).success) {
          this.logger.warn({ key, userId: recipient.userId }, 'reminder skipped: the notice is not valid');
          continue;
        }
        due.push({ key, notice });
      }
    }
    return this.outbox.addKeyedNotices(tx, due);
  }
}
