import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUES } from './queues';

/**
 * Without a listener BullMQ prints every Redis connection error to the console. Route them into
 * the structured log instead, once per outage rather than once per reconnect attempt.
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
  ) {
    for (const queue of [mail, reminders, committee, maintenance]) {
      queue.on('error', (error: Error) => {
        if (this.failing.has(queue.name)) return;
        this.failing.add(queue.name);
        this.logger.error(`queue ${queue.name}: Redis unavailable (${error.message})`);
      });
    }
  }
}
