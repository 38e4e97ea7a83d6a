import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG, JOBS, noticeJobOptions, QUEUES, retryPolicy } from '@kiezfonds/platform';
import type { Queue } from 'bullmq';
import { clientTimeoutFor, readTimeoutStandaloneClient } from '@kiezfonds/persistence';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';

const BATCH_SIZE = 200;
/** The LISTEN connection's name in pg_stat_activity. */
export const OUTBOX_LISTENER_NAME = 'kiezfonds-outbox-listener';
/** How soon a lost LISTEN connection is opened again, and again while PostgreSQL is out of reach. */
const RELISTEN_DELAY_MS = 2_000;
/** How long the relay waits for the queue to remove the failed jobs a retry replaced. */
const REMOVAL_TIMEOUT_MS = 5_000;

interface PendingRow {
  id: string;
  delivery_key: string;
  retry_generation: number;
  kind: string | null;
}

/**
 * BullMQ refuses ':' in custom job ids; a hash of the delivery key is safe and still deduplicates.
 * An administrator's retry of a failed notice counts up its `retry_generation`, which yields a new
 * job id: the failed job may still be in the queue (or be out of reach with Redis) and the relay's
 * enqueue is not dropped as its duplicate; the relay removes it once the new one is enqueued
 * (`OutboxRelay`). Generation 0 keeps the id of the delivery key alone.
 */
export function jobIdFor(deliveryKey: string, retryGeneration = 0): string {
  const id = retryGeneration === 0 ? deliveryKey : `${deliveryKey}#retry-${retryGeneration}`;
  return createHash('sha256').update(id).digest('hex');
}

/**
 * Moves committed outbox rows into the mail queue and marks them relayed. It wakes on the NOTIFY
 * the outbox trigger sends at commit and, in case that connection was down, polls as well. Rows are
 * claimed with SKIP LOCKED so several workers can relay side by side. Enqueueing and marking are not
 * atomic (Redis is not in the transaction): a crash between them re-enqueues the row, the job id
 * deduplicates it while the job is known, and the mail processor's delivery keys do the rest.
 *
 * The LISTEN connection has the pools' protection against a PostgreSQL that swallows packets
 * (`readTimeoutStandaloneClient`): a connect or a statement that gets no answer fails, and the
 * connection is dropped. An idle LISTEN connection sends nothing that could time out, so the relay
 * asks it now and then (LISTEN again, a no-op on a live one); a lost connection is opened again
 * for as long as it takes, and the relay looks for rows at once then, as a NOTIFY sent meanwhile
 * reached nobody.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: Client | undefined;
  private poll: NodeJS.Timeout | undefined;
  private listenerCheck: NodeJS.Timeout | undefined;
  private checking: Promise<unknown> | undefined;
  private relisten: NodeJS.Timeout | undefined;
  /** LISTEN connections given up: their 'error' and 'end' report one loss. */
  private readonly given = new WeakSet<Client>();
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.poll = setInterval(() => this.wake(), this.config.OUTBOX_POLL_INTERVAL_MS);
    // Within twice the read timeout a black-holed LISTEN connection is found and replaced.
    const readTimeoutMs = clientTimeoutFor(this.config.WORKER_DATABASE_STATEMENT_TIMEOUT_MS);
    this.listenerCheck = setInterval(() => this.checkListener(), readTimeoutMs || 30_000);
    this.wake();
  }

  // Before the queues close (Nest closes them in onApplicationShutdown): a run in progress uses them.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearInterval(this.listenerCheck);
    clearTimeout(this.relisten);
    await this.running;
    await this.checking;
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays now, or once more after the run in progress, so no NOTIFY is lost. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().then(() => undefined);
    void this.running.finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Relays until nothing is pending; returns how many rows it moved. Public for tests and benchmarks. */
  async drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const moved = await this.relayBatch();
        if (moved === 'queue_unavailable') return total;
        total += moved;
        if (moved < BATCH_SIZE || this.stopped) return total;
      }
    } catch (error) {
      this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
      return total;
    }
  }

  private async relayBatch(): Promise<number | 'queue_unavailable'> {
    let retried: PendingRow[] = [];
    const moved = await this.dataSource.transaction(async (tx) => {
      const rows: PendingRow[] = await tx.query(
        `SELECT id, delivery_key, retry_generation, payload->>'kind' AS kind FROM outbox
         WHERE relayed_at IS NULL AND available_at <= now()
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      try {
        await this.mailQueue.addBulk(
          rows.map((row) => ({
            name: JOBS.sendNotice,
            // The row, not the notice: names and addresses stay in PostgreSQL (NoticeProcessor).
            data: { outboxId: row.id, kind: row.kind },
            opts: noticeJobOptions(
              retryPolicy(this.config),
              jobIdFor(row.delivery_key, row.retry_generation),
            ),
          })),
        );
      } catch (error) {
        // Redis is down: keep the rows pending and record why, for the operators' view.
        const reason = (error as Error).message.slice(0, 500);
        await tx.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)`, [
          rows.map((r) => r.id),
          reason,
        ]);
        this.logger.warn(`outbox relay paused, queue unavailable: ${reason}`);
        return 'queue_unavailable' as const;
      }
      await tx.query(`UPDATE outbox SET relayed_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [
        rows.map((r) => r.id),
      ]);
      retried = rows.filter((row) => row.retry_generation > 0);
      return rows.length;
    });
    // After the commit: the rows' locks are not held while Redis is asked once more.
    if (retried.length > 0) await this.removeEarlierGenerations(retried);
    return moved;
  }

  /**
   * An administrator's retry gave these notices a new job; the failed jobs of their earlier
   * generations would otherwise stay in the queue's failed list for good, where operators (the
   * queue dashboard, `/api/ready`) count a notice that is on its way again, or delivered since.
   * Best effort: the retry itself needs only PostgreSQL, and a job that cannot be removed now (the
   * queue went away again) is left in the failed list; it sends nothing, the delivery key sees to
   * that. An earlier generation still running (locked) is not removed either.
   */
  private async removeEarlierGenerations(rows: PendingRow[]): Promise<void> {
    const ids = rows.flatMap((row) =>
      Array.from({ length: row.retry_generation }, (_, generation) => jobIdFor(row.delivery_key, generation)),
    );
    const removal = Promise.all(ids.map((id) => this.mailQueue.remove(id))).then(
      () => undefined,
      (error: Error) => error.message,
    );
    let timer: NodeJS.Timeout | undefined;
    // A queue that stops answering mid-way must not hold up the relay.
    const gaveUp = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('no answer'), REMOVAL_TIMEOUT_MS);
    });
    const failure = await Promise.race([removal, gaveUp]).finally(() => clearTimeout(timer));
    if (failure) this.logger.warn(`failed jobs of earlier retries not removed: ${failure}`);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = readTimeoutStandaloneClient(
      {
        connectionString: this.config.DATABASE_URL,
        application_name: OUTBOX_LISTENER_NAME,
        connectionTimeoutMillis: this.config.DATABASE_CONNECTION_TIMEOUT_MS,
      },
      this.config.WORKER_DATABASE_STATEMENT_TIMEOUT_MS,
    );
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    try {
      await client.connect();
      await client.query('LISTEN outbox');
    } catch (error) {
      this.lost(client, (error as Error).message);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    // A NOTIFY sent while nobody listened reached nobody.
    this.wake();
  }

  /** Gives up a LISTEN connection that failed and opens another shortly; polling covers the gap. */
  private lost(client: Client, reason: string): void {
    if (this.given.has(client)) return;
    this.given.add(client);
    if (this.listener === client) this.listener = undefined;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(`outbox LISTEN connection lost (${reason}); polling until it is back`);
    clearTimeout(this.relisten);
    this.relisten = setTimeout(() => void this.listen().catch(() => undefined), RELISTEN_DELAY_MS);
    this.relisten.unref();
  }

  /** Asks the idle LISTEN connection for an answer; one that gives none in time is dropped (lost). */
  private checkListener(): void {
    const client = this.listener;
    if (!client || this.checking) return;
    this.checking = client
      .query('LISTEN outbox')
      .catch((error: Error) => this.lost(client, error.message))
      .finally(() => {
        this.checking = undefined;
      });
  }
}
