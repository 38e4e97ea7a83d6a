import { InjectQueue, Processor } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG, JobSchedulers, JOBS, QUEUES, LoggedWorkerHost } from '@kiezfonds/platform';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobIdFor, OutboxRelay } from '../outbox/outbox-relay';

export const RECONCILE_SCHEDULER_ID = 'reconcile';
const BATCH = 500;

export interface ReconcileResult {
  /** Notices relayed into Redis whose job is gone: handed back to the relay. */
  requeued: number;
  /** Notices whose job failed for good while PostgreSQL could not take the mark. */
  markedFailed: number;
  /** Schedulers that were missing in Redis and were put back. */
  restoredSchedulers: string[];
}

/**
 * PostgreSQL is the record, Redis a cache of work (TRUST.md): this puts back what Redis lost. A
 * notice relayed (its row says so) but without an outcome after the grace period, whose job Redis
 * no longer knows, is handed back to the relay, which enqueues it under the same job id; the mail's
 * claim and delivery key make a second run harmless. Missing schedulers are re-created.
 *
 * Safe on several workers at once: every step is idempotent (handing a row back twice relays it
 * once, as the relay claims rows with SKIP LOCKED; upserting a scheduler twice keeps one). Each
 * worker also watches, on a timer of its own, that Redis still holds the schedulers: a Redis that
 * came back empty has lost them, and the worker restores them and reconciles at once, without a
 * restart.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private watch: NodeJS.Timeout | undefined;
  private watching: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly schedulers: JobSchedulers,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
    @InjectQueue(QUEUES.maintenance) private readonly maintenanceQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedulers.register({
      queue: this.maintenanceQueue,
      id: RECONCILE_SCHEDULER_ID,
      every: this.config.RECONCILE_INTERVAL_MS,
      name: JOBS.reconcile,
      opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { age: 7 * 24 * 3600 } },
    });
    this.watch = setInterval(() => {
      if (this.watching) return;
      this.watching = this.checkSchedulers()
        .catch((error: Error) => this.logger.warn(`scheduler watch paused: ${error.message}`))
        .finally(() => (this.watching = undefined));
    }, this.config.SCHEDULER_WATCH_INTERVAL_MS);
  }

  // Before the queues close (Nest closes them in onApplicationShutdown): a run in progress uses them.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.watch);
    await this.watching;
  }

  /** Restores missing schedulers; when some were gone, Redis lost its data: reconcile now. */
  async checkSchedulers(): Promise<string[]> {
    const restored = await this.schedulers.restoreMissing();
    if (restored.length > 0) await this.reconcile({ graceMs: 0 });
    return restored;
  }

  async reconcile(options: { graceMs?: number } = {}): Promise<ReconcileResult> {
    const graceMs = options.graceMs ?? this.config.RECONCILE_GRACE_MS;
    const restoredSchedulers = await this.schedulers.restoreMissing();
    let requeued = 0;
    let markedFailed = 0;
    let after = '';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT delivery_key, retry_generation FROM outbox
         WHERE relayed_at IS NOT NULL AND delivered_at IS NULL AND failed_at IS NULL
           AND relayed_at <= now() - make_interval(secs => $1::double precision / 1000)
           AND delivery_key > $2
         ORDER BY delivery_key LIMIT $3`,
        [graceMs, after, BATCH],
      )) as { delivery_key: string; retry_generation: number }[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.delivery_key;
      const lost: string[] = [];
      const failed: { key: string; reason: string }[] = [];
      await Promise.all(
        rows.map(async ({ delivery_key: key, retry_generation: generation }) => {
          const job = await this.mailQueue.getJob(jobIdFor(key, generation));
          if (!job) return lost.push(key);
          const state = await job.getState();
          if (state === 'failed') return failed.push({ key, reason: job.failedReason ?? 'failed' });
          // Finished in Redis without an outcome in PostgreSQL cannot come from this worker's
          // code (it records first); treat it as lost rather than trust it.
          if (state === 'completed' || state === 'unknown') {
            await job.remove().catch(() => undefined);
            return lost.push(key);
          }
          return undefined;
        }),
      );
      if (lost.length > 0) {
        const [{ n }] = (await this.dataSource.query(
          `WITH handed_back AS (
             UPDATE outbox SET relayed_at = NULL
             WHERE delivery_key = ANY($1) AND relayed_at IS NOT NULL AND delivered_at IS NULL RETURNING id)
           SELECT count(*)::int AS n FROM handed_back`,
          [lost],
        )) as [{ n: number }];
        requeued += n;
      }
      for (const { key, reason } of failed) {
        await this.dataSource.query(
          `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE delivery_key = $1 AND delivered_at IS NULL`,
          [key, reason.slice(0, 500)],
        );
        markedFailed += 1;
      }
      if (rows.length < BATCH) break;
    }
    if (requeued > 0) {
      this.logger.warn({ requeued }, 'notices lost by Redis handed back to the outbox relay');
      this.relay.wake();
    }
    return { requeued, markedFailed, restoredSchedulers };
  }
}

@Processor(QUEUES.maintenance)
export class ReconcileProcessor extends LoggedWorkerHost {
  constructor(private readonly reconciler: Reconciler) {
    super();
  }

  async process(job: Job): Promise<ReconcileResult> {
    if (job.name !== JOBS.reconcile)
      throw new UnrecoverableError(`unknown job ${job.name} on ${QUEUES.maintenance}`);
    return this.reconciler.reconcile();
  }
}
