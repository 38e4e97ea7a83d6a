import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

const WRITTEN = 'outboxWritten';

/** Notes on the transaction that it wrote outbox rows, so the relay is woken once it commits. */
export function markOutboxWritten(tx: EntityManager): void {
  if (tx.queryRunner) tx.queryRunner.data = { ...tx.queryRunner.data, [WRITTEN]: true };
}

/**
 * Wakes the outbox relay (which LISTENs on `outbox`) after a transaction that wrote outbox rows has
 * committed, with a NOTIFY of its own outside that transaction (ADR 0021).
 *
 * A NOTIFY inside the transaction, as the outbox's trigger sent it before, takes PostgreSQL's one
 * lock on the notification queue at commit and holds it through the commit's WAL flush: every
 * command that queued a notice committed one after the other, which capped SUBMIT at about one
 * commit per flush (167/s here against pgbench's 1 250/s for the same SQL). Sent afterwards, the
 * NOTIFY writes no WAL. At most one is in flight per process; commits meanwhile are covered by one
 * more after it. A NOTIFY that is lost (a failed connection, a crash right after the commit) costs
 * only time: the relay polls as well (OUTBOX_POLL_INTERVAL_MS).
 */
@Injectable()
export class OutboxWakeUp implements EntitySubscriberInterface, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWakeUp.name);
  private inFlight: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    await this.inFlight;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint also reports a commit; only the outermost one makes the rows visible.
    if (event.queryRunner.isTransactionActive || !event.queryRunner.data?.[WRITTEN]) return;
    delete event.queryRunner.data[WRITTEN];
    this.signal();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data?.[WRITTEN];
  }

  /** Sends one NOTIFY now, or one more after the one in flight. Never awaited by the committer. */
  signal(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = this.dataSource
      .query(`SELECT pg_notify('outbox', '')`)
      .then(
        () => undefined,
        (error: unknown) => this.logger.debug(`outbox wake-up not sent: ${(error as Error).message}`),
      )
      .finally(() => {
        this.inFlight = undefined;
        if (this.again) {
          this.again = false;
          this.signal();
        }
      });
  }
}
