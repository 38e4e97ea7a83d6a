import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { REMINDER_SCHEDULES, sweepHorizonDays } from '@kiezfonds/domain';
import { APP_CONFIG } from '@kiezfonds/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { markOutboxWritten } from '../outbox/outbox-wake-up';
import type { ReminderRule } from './reminder-rule';
import { REMINDER_RULES } from './reminder-rules';
import { reminderSweepSql } from './reminder-sweep.sql';

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

  /**
   * One statement for the whole rule (reminder-sweep.sql.ts): which reminder is due, its delivery
   * key, the notice, the outbox row, all in PostgreSQL. Sweeps of the same rule take turns (a
   * transaction-scoped advisory lock), so one that starts while another writes sees its rows and
   * adds nothing, instead of both building the same notices and waiting on each other's keys.
   *
   * The commit does not wait for the WAL to reach the disk (synchronous_commit off, this
   * transaction only): a crash that loses the last sweep's rows loses nothing the next sweep does
   * not compute again, and whatever acts on those rows later (the mail claim before a send)
   * commits synchronously, which makes them durable first.
   */
  private async sweepRule(tx: EntityManager, rule: ReminderRule, now: Date): Promise<number> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtext($1)), set_config('synchronous_commit', 'off', true)`,
      [`reminder-sweep:${rule.kind}`],
    );
    const [result] = (await tx.query(SWEEP_SQL.get(rule.kind)!, [
      now,
      sweepHorizonDays(REMINDER_SCHEDULES[rule.kind]),
      this.timeZone,
      DELIVERABLE_ADDRESS,
    ])) as { queued: number; undeliverable: number }[];
    if (result!.queued > 0) markOutboxWritten(tx);
    // Recorded as failed notices (reminder-sweep.sql.ts); said here too, once, as it happens.
    if (result!.undeliverable > 0) {
      this.logger.warn(
        { kind: rule.kind, undeliverable: result!.undeliverable },
        'reminders failed: address not deliverable',
      );
    }
    return result!.queued;
  }
}

/** Each rule's statement, built once. */
const SWEEP_SQL = new Map(REMINDER_RULES.map((rule) => [rule.kind, reminderSweepSql(rule)]));

/** The pattern the notice schema checks addresses with (zod's), applied in SQL (PostgreSQL reads it alike). */
const DELIVERABLE_ADDRESS = z.regexes.email.source;
