import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';

/**
 * A BullMQ worker emits 'error' when Redis goes away or loses a job under it (a restart without
 * data, FLUSHALL); with no listener, Node turns that event into an exception that ends the
 * process. Every processor extends this, so those errors are logged, once per kind and outage,
 * and the worker keeps running and resumes when Redis is back.
 *
 * It also stops the worker before any queue closes. Nest closes each queue together with its own
 * workers, all queues at once, so a job in hand that uses another queue (the reconciler reads the
 * mail queue and restores schedulers) could wait on a queue already closed; on the PostgreSQL
 * backend that wait never ends and SIGTERM never ends the worker. Stopped here first, every
 * worker finishes its job in hand while all queues are still open.
 */
export abstract class LoggedWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  private readonly workerLogger = new Logger('Worker');
  private lastWorkerError = '';

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    const kind = error.message.replace(/[0-9a-f]{16,}/g, '…');
    if (kind === this.lastWorkerError) return;
    this.lastWorkerError = kind;
    this.workerLogger.warn(`worker error (it keeps running): ${error.message}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    let worker: WorkerHost['worker'];
    try {
      worker = this.worker;
    } catch {
      return; // never started: a start-up that failed before the workers were registered
    }
    await worker.close();
  }
}
