import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/**
 * A BullMQ worker emits 'error' when Redis goes away or loses a job under it (a restart without
 * data, FLUSHALL); with no listener, Node turns that event into an exception that ends the
 * process. Every processor extends this, so those errors are logged, once per kind and outage,
 * and the worker keeps running and resumes when Redis is back.
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  private readonly workerLogger = new Logger('Worker');
  private lastWorkerError = '';

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    const kind = error.message.replace(/[0-9a-f]{16,}/g, '…');
    if (kind === this.lastWorkerError) return;
    this.lastWorkerError = kind;
    this.workerLogger.warn(`worker error (it keeps running): ${error.message}`);
  }
}
