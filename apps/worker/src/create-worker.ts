import type { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The worker: a Nest application context (no HTTP) whose BullMQ processors start with it. On
 * SIGTERM Nest closes the processors, and BullMQ's close waits for the job in hand to finish.
 */
export async function createWorker(
  config: AppConfig,
  options: { logStream?: Writable } = {},
): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    bufferLogs: true,
  });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  return context;
}
