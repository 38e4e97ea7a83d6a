import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from './config.module';
import { queueBackendOf } from './queue-backend';
import { QUEUES } from './queues';

/**
 * Without a listener BullMQ prints every connection error of its backend (Redis or PostgreSQL) to
 * the console. Route them into the structured log instead, once per outage rather than once per
 * reconnect attempt.
 */
@Injectable()
export class QueueErrorLogger {
  private readonly logger = new Logger('Queues');
  private readonly failing = new Set<string>();

  // Listening from the constructor, not onModuleInit: the first connection error can come earlier.
  constructor(
    @InjectQueue(QUEUES.mail) mail: Queue,
    @InjectQueue(QUEUES.reminders) reminders: Queue,
    @InjectQueue(QUEUES.committee) committee: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
    @InjectQueue(QUEUES.retention) retention: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const store = queueBackendOf(config) === 'redis' ? 'Redis' : 'PostgreSQL (queues)';
    for (const queue of [mail, reminders, committee, maintenance, retention]) {
      queue.on('error', (error: Error) => {
        if (this.failing.has(queue.name)) return;
        this.failing.add(queue.name);
        this.logger.error(`queue ${queue.name}: ${store} unavailable (${error.message})`);
      });
    }
  }
}

/**
 * On the PostgreSQL backend BullMQ prepares its schema (migrations under an advisory lock) when a
 * queue is first used, and keeps a failed preparation for good: a connection cut during it left
 * the queues down until a restart, and its checked-out client's error went unhandled (the
 * database-outage test, run without Redis). Each process therefore prepares its queues while it
 * starts, right after PostgreSQL was checked, and fails to start if that fails.
 */
@Injectable()
export class QueuesPrepared implements OnModuleInit {
  private readonly queues: Queue[];

  constructor(
    @InjectQueue(QUEUES.mail) mail: Queue,
    @InjectQueue(QUEUES.reminders) reminders: Queue,
    @InjectQueue(QUEUES.committee) committee: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
    @InjectQueue(QUEUES.retention) retention: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queues = [mail, reminders, committee, maintenance, retention];
  }

  async onModuleInit(): Promise<void> {
    if (queueBackendOf(this.config) !== 'postgres') return;
    await Promise.all(this.queues.map((queue) => queue.waitUntilReady()));
  }
}
